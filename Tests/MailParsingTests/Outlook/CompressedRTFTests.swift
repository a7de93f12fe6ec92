import Testing

@testable import MailParsing

@Suite struct CompressedRTFTests {
    @Test("the dictionary's initial contents are MS-OXRTFCP's 207 bytes")
    func prebuffer() {
        #expect(CompressedRTF.prebuffer.count == 207)
    }

    @Test("MS-OXRTFCP's first example decompresses, references included")
    func specExample() throws {
        let compressed: [UInt8] = [
            0x2D, 0x00, 0x00, 0x00, 0x2B, 0x00, 0x00, 0x00, 0x4C, 0x5A, 0x46, 0x75, 0xF1, 0xC5, 0xC7, 0xA7, 0x03, 0x00,
            0x0A, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0A, 0xF3, 0x20, 0x68, 0x65, 0x6C, 0x09,
            0x00, 0x20, 0x62, 0x77, 0x05, 0xB0, 0x6C, 0x64, 0x7D, 0x0A, 0x80, 0x0F, 0xA0,
        ]
        let out = try CompressedRTF.decompress(compressed)
        #expect(String(decoding: out, as: UTF8.self) == "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n")
    }

    @Test("a stored (MELA) body is returned as is; a short or unknown stream is refused")
    func storedAndBad() throws {
        let rtf = Array("{\\rtf1 plain}".utf8)
        let stored = le32(UInt32(rtf.count + 12)) + le32(UInt32(rtf.count)) + Array("MELA".utf8) + le32(0) + rtf
        #expect(try CompressedRTF.decompress(stored) == rtf)
        #expect(throws: CompressedRTFError.truncatedHeader(size: 3)) { try CompressedRTF.decompress([1, 2, 3]) }
        #expect(throws: CompressedRTFError.unknownCompression(0x5858_5858)) {
            try CompressedRTF.decompress(le32(12) + le32(0) + Array("XXXX".utf8) + le32(0))
        }
    }

    @Test("literal-only compression round-trips")
    func literals() throws {
        for text in [
            "", "{", "{\\rtf1}", "{\\rtf1 exactly 16 b}", String(repeating: "{\\rtf1 long text } ", count: 400),
        ] {
            #expect(try CompressedRTF.decompress(compressRTFLiterals(Array(text.utf8))) == Array(text.utf8))
        }
    }

    @Test(
        "RTF text: destinations skipped, escapes, code pages and Unicode read",
        arguments: [
            (#"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\*\generator Riched20;}\f0 a\{b\}c\\d\par}"#, "a{b}c\\d\n"),
            (#"{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8}"#, "При"),
            (#"{\rtf1\uc2 x\u8364\'80\'80y}"#, "x€y"),
            (#"{\rtf1 \u-10179\'3f\u-8704\'3f!}"#, "😀!"),
            (#"{\rtf1 a\~b\emdash c\ldblquote q\rdblquote}"#, "a\u{00A0}b—c“q”"),
            (#"{\rtf1 {\field{\*\fldinst HYPERLINK "x"}{\fldrslt link}}}"#, "link"),
        ])
    func rtfText(rtf: String, text: String) {
        #expect(CompressedRTF.body(ofRTF: Array(rtf.utf8)) == .text(text))
    }

    @Test("groups nested past the bound and a stream cut mid-word do not trap")
    func hostile() {
        let deep = String(repeating: "{", count: 10_000) + "x" + String(repeating: "}", count: 10_000) + "y"
        #expect(CompressedRTF.body(ofRTF: Array(("{\\rtf1 " + deep + "}").utf8)) == .text("xy"))
        #expect(CompressedRTF.body(ofRTF: Array("{\\rtf1 ab\\'4".utf8)) == .text("ab"))
        #expect(CompressedRTF.body(ofRTF: Array("{\\rtf1 ab\\".utf8)) == .text("ab"))
    }
}
