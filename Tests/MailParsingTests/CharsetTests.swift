import Testing

@testable import MailParsing

@Suite struct CharsetTests {
    static let cases: [(String, [UInt8], String)] = [
        ("us-ascii", Array("plain".utf8), "plain"),
        ("utf-8", [0x63, 0x61, 0x66, 0xC3, 0xA9, 0xFF], "café\u{FFFD}"),
        ("ISO-8859-1", [0x47, 0x72, 0xFC, 0xDF], "Grüß"),
        ("windows-1252", [0x93, 0x68, 0x69, 0x94, 0x20, 0x80], "\u{201C}hi\u{201D} €"),
        ("iso-8859-15", [0xA4], "€"),
        ("windows-1251", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "Привет"),
        ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
        ("shift_jis", [0x82, 0xB1, 0x82, 0xF1, 0x82, 0xC9, 0x82, 0xBF, 0x82, 0xCD], "こんにちは"),
        ("euc-jp", [0xA4, 0xB3, 0xA4, 0xF3], "こん"),
        ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x24, 0x33, 0x24, 0x73, 0x1B, 0x28, 0x42], "こん"),
        ("gb2312", [0xC4, 0xE3, 0xBA, 0xC3], "你好"),
        ("big5", [0xA7, 0x41, 0xA6, 0x6E], "你好"),
        ("euc-kr", [0xBE, 0xC8, 0xB3, 0xE7], "안녕"),
        ("x-no-such-charset", Array("caf\u{E9}".utf8), "café"),
    ]

    @Test("charsets decode through fast paths or iconv; unknown ones read as UTF-8", arguments: cases)
    func decodes(charset: String, bytes: [UInt8], expected: String) {
        var d: [MailDiagnostic] = []
        #expect(Charset.decode(bytes, charset: charset, diagnostics: &d) == expected)
        #expect(d.map(\.code) == (charset == "x-no-such-charset" ? [.unknownCharset] : []))
    }

    @Test("an invalid byte in an iconv charset becomes U+FFFD and decoding goes on")
    func invalid() {
        var d: [MailDiagnostic] = []
        #expect(Charset.decode([0xA4, 0xB3, 0xFF, 0xA4, 0xF3], charset: "euc-jp", diagnostics: &d) == "こ\u{FFFD}ん")
    }
}
