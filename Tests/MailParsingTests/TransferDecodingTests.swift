import Testing

@testable import MailParsing

@Suite struct TransferDecodingTests {
    static func qp(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes {
            String(decoding: TransferDecoding.decodeQuotedPrintable($0, 0..<bytes.count), as: UTF8.self)
        }
    }

    @Test(
        "quoted-printable: soft breaks, either case of hex, invalid sequences kept",
        arguments: [
            ("a=\nb", "ab"),
            ("a=  \r\nb", "ab"),
            ("caf=C3=A9 caf=c3=a9", "café café"),
            ("100=% and =Z1 and =", "100=% and =Z1 and "),
            ("line\r\nnext", "line\r\nnext"),
        ])
    func quotedPrintable(input: String, expected: String) {
        #expect(Self.qp(input) == expected)
    }

    @Test(
        "base64 sizes are counted without decoding and match the decoded length",
        arguments: [
            "SGVsbG8gV29ybGQ=",
            "SGVs\nbG8g\r\nV29y bGQ=\n",
            "SGVsbG8!!gV29ybGQh",
            "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=\nAAAA",
            "",
            "QQ",
        ])
    func base64Size(input: String) {
        let bytes = Array(input.utf8)
        bytes.withUnsafeBytes { raw in
            let decoded = TransferDecoding.decodeBase64(raw, 0..<bytes.count)
            #expect(TransferDecoding.base64DecodedSize(raw, 0..<bytes.count) == decoded.count)
        }
    }

    @Test("base64 sizes of long bodies, counted eight bytes at a time, match the decoded length")
    func longBase64Size() {
        // Every byte value in the lines (the alphabet most of the time), lines of 76 and CRLF, ranges that start and
        // end inside an eight-byte word, and padding placed at every offset of two words.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 33
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_".utf8)
        var body: [UInt8] = []
        while body.count < 70_000 {
            for _ in 0..<76 {
                body.append(next() % 10 == 0 ? UInt8(truncatingIfNeeded: next()) : alphabet[Int(next() % 66)])
            }
            body += [0x0D, 0x0A]
        }
        body.removeAll { $0 == 0x3D }
        for padding in [nil, 4_101, 4_102, 4_103, 4_104, 4_105, 4_106, 4_107, 4_108, 4_109, 4_110, 4_111, 4_112] {
            var bytes = body
            if let padding { bytes[padding] = 0x3D }
            bytes.withUnsafeBytes { raw in
                for range in [0..<bytes.count, 3..<bytes.count - 5, 17..<4_200] {
                    #expect(
                        TransferDecoding.base64DecodedSize(raw, range)
                            == TransferDecoding.decodeBase64(raw, range).count)
                }
            }
        }
        // 63,263 alphabet bytes of 70,018 (counted apart, in Python, from the same generator): 47,447 bytes.
        body.withUnsafeBytes { raw in
            #expect(TransferDecoding.base64DecodedSize(raw, 0..<body.count) == 47_447)
        }
    }
}
