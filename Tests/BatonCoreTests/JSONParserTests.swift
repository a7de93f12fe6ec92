import Foundation
import Testing

@testable import BatonCore

@Suite struct JSONParserTests {
    @Test("objects keep their keys in file order and values their types")
    func order() throws {
        let value = try JSONParser.parse(Array(#"{"z": 1, "a": [true, null, "x\u00e9\n"], "m": -2.5}"#.utf8))
        #expect(
            value
                == .object([
                    ("z", .int(1)), ("a", .array([.bool(true), .null, .string("xé\n")])), ("m", .double(-2.5)),
                ]))
        #expect(value.serialized == #"{"z":1,"a":[true,null,"xé\n"],"m":-2.5}"#)
    }

    @Test(
        "syntax errors name the line and column",
        arguments: [
            ("{\n  \"a\": 1,\n}", 3, 1, "expected a key in quotes"),
            ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key 'a'"),
            ("[1, 2", 1, 6, "unexpected end of file in an array"),
            ("{\"a\": tru}", 1, 7, "unexpected word; expected true"),
            ("{} x", 1, 4, "unexpected text after the JSON value"),
        ])
    func errors(text: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONParser.SyntaxError(line: line, column: column, message: message)) {
            try JSONParser.parse(Array(text.utf8))
        }
    }
}

@Suite struct SHA256Tests {
    @Test(
        "digests match the FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test("a million a's, fed in uneven pieces, give the FIPS digest")
    func million() {
        var hasher = SHA256()
        var fed = 0
        var piece = 1
        while fed < 1_000_000 {
            let n = min(piece, 1_000_000 - fed)
            hasher.update([UInt8](repeating: 0x61, count: n))
            fed += n
            piece = piece * 7 % 1000 + 1
        }
        #expect(
            hasher.finish().map { String(format: "%02x", $0) }.joined()
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
