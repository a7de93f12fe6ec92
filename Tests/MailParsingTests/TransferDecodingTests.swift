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
}
