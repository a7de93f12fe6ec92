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
