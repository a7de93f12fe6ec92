import BatonCore
import Foundation
import Testing

@testable import Alerts

@Suite struct HeaderEncodingTests {
    @Test("encoded words are at most 75 characters and never split a UTF-8 sequence")
    func encodedWordSplits() throws {
        let text = String(repeating: "aé日🎉", count: 40)
        for room in [10, 40, 69, 100] {
            let words = EncodedWord.encode(text, firstRoom: room)
            var joined: [UInt8] = []
            for word in words {
                #expect(word.utf8.count <= 75)
                #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
                let payload = try #require(Self.base64Decode(String(word.dropFirst(10).dropLast(2))))
                #expect(String(validating: payload, as: UTF8.self) != nil)
                joined += payload
            }
            #expect(String(decoding: joined, as: UTF8.self) == text)
        }
        let first = EncodedWord.encode(text, firstRoom: 69)[0]
        #expect(first.utf8.count <= 69)
    }

    @Test(
        "plain addresses are accepted and everything else is refused",
        arguments: [
            ("ann@example.com", true), ("a.b+tag@mail.example.co.uk", true), ("o'neil@example.com", true),
            ("ann@localhost", true), ("no-at-sign", false), ("a b@example.com", false), ("<a@example.com>", false),
            ("a@b@example.com", false), ("a..b@example.com", false), (".a@example.com", false),
            ("a@example..com", false), ("a@[127.0.0.1]", false), ("\"a b\"@example.com", false),
            ("-oQ/tmp@example.com", false), ("a@example.com\r\n", false), ("zoë@example.com", false),
            ("a@exa_mple.com", false), ("@example.com", false), ("a@", false),
        ])
    func plainAddresses(address: String, valid: Bool) {
        #expect(MailboxAddress.isPlain(address) == valid)
    }

    @Test("quoted-printable lines are at most 76 characters; =, controls and trailing spaces are encoded")
    func quotedPrintable() {
        let text = "a=b \n" + String(repeating: "word ", count: 40) + "\nZoë\u{1}\n"
        let encoded = String(decoding: QuotedPrintable.encode(text), as: UTF8.self)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines[0] == "a=3Db=20")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.contains("Zo=C3=AB=01"))
        #expect(lines[1].hasSuffix(" =") && lines[1].hasPrefix("word word"))
    }

    @Test("quoted-printable output never holds =_, so the boundary --=_baton_… cannot occur in a part")
    func quotedPrintableCannotHoldTheBoundary() {
        let hostile =
            "--=_baton_0123\n=_\n" + String(repeating: "=", count: 80) + "_ \t=\n" + String(repeating: "x", count: 75)
            + "="
        let encoded = QuotedPrintable.encode(hostile)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(!text.contains("=_"))
        #expect(text.hasPrefix("--=3D_baton_0123\r\n=3D_\r\n"))
        #expect(text.hasSuffix("=3D"))
    }

    @Test("durations read as DurationText prints them, followed by their time basis")
    func durations() {
        #expect(AlertTimeText.duration(8100, basis: .business) == "2h 15m business time")
        #expect(AlertTimeText.duration(20, basis: .business) == "20s business time")
        #expect(AlertTimeText.duration(8100, basis: .calendar) == "2h 15m calendar time")
        #expect(AlertTimeText.duration(200_000, basis: .calendar) == "2d 08h calendar time")
        #expect(AlertTimeText.duration(200_000, basis: .business) == "55h 33m business time")
    }

    @Test("dates are RFC 5322 in UTC")
    func rfc5322Date() {
        #expect(AlertTimeText.rfc5322(0) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(AlertTimeText.rfc5322(1_798_761_599) == "Thu, 31 Dec 2026 23:59:59 +0000")
    }

    static func base64Decode(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var bits = 0
        var value = 0
        var out: [UInt8] = []
        for b in text.utf8 where b != UInt8(ascii: "=") {
            guard let index = alphabet.firstIndex(of: b) else { return nil }
            value = value << 6 | index
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((value >> bits) & 0xFF))
            }
        }
        return out
    }
}
