import Foundation
import Testing

@testable import CalendarParsing

@Suite struct ContentLineLexerTests {
    private func lines(_ text: String) -> (lines: [ContentLine], diagnostics: [CalendarDiagnostic]) {
        var lexer = ContentLineLexer()
        var result: [ContentLine] = []
        Array(text.utf8).withUnsafeBytes { lexer.lex($0) { result.append($0) } }
        return (result, lexer.diagnostics)
    }

    @Test("folded lines are unfolded with CRLF or LF, space or tab")
    func unfolding() {
        let (found, diagnostics) = lines("SUMMARY:Quarterly\r\n  review\r\n\t of pipeline\nDESCRIPTION:a\n b\n")
        #expect(diagnostics.isEmpty)
        #expect(found.map(\.value) == ["Quarterly review of pipeline", "ab"])
        #expect(found.map(\.lineNumber) == [1, 4])
    }

    @Test("a fold that splits a UTF-8 sequence still yields the character")
    func foldInsideCharacter() {
        let bytes: [UInt8] = Array("SUMMARY:Caf".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA9] + Array(" \u{1F600}\r\n".utf8)
        var lexer = ContentLineLexer()
        var found: [ContentLine] = []
        bytes.withUnsafeBytes { lexer.lex($0) { found.append($0) } }
        #expect(found.map(\.value) == ["Café \u{1F600}"])
    }

    @Test("parameters: quoted values, lists, and names in any case")
    func parameters() {
        let (found, _) = lines(
            #"attendee;cn="Doe, Jane";Delegated-To="mailto:a@x.com","mailto:b@x.com";partstat=ACCEPTED:mailto:jane@x.com"#
        )
        #expect(found.count == 1)
        let line = found[0]
        #expect(line.name == "ATTENDEE")
        #expect(line.parameter("CN") == "Doe, Jane")
        #expect(line.parameterValues("delegated-to") == ["mailto:a@x.com", "mailto:b@x.com"])
        #expect(line.parameter("PARTSTAT") == "ACCEPTED")
        #expect(line.value == "mailto:jane@x.com")
    }

    @Test("a colon inside a quoted parameter does not end the parameters")
    func quotedColon() {
        let (found, _) = lines(#"DTSTART;TZID="GMT+01:00 Amsterdam":20261103T100000"#)
        #expect(found.first?.parameter("TZID") == "GMT+01:00 Amsterdam")
        #expect(found.first?.value == "20261103T100000")
    }

    @Test(
        "TEXT escapes are decoded",
        arguments: [
            (#"a\\b"#, #"a\b"#), (#"a\;b"#, "a;b"), (#"a\,b"#, "a,b"), (#"a\nb"#, "a\nb"), (#"a\Nb"#, "a\nb"),
            ("plain", "plain"),
        ])
    func escapes(raw: String, decoded: String) {
        #expect(TextEscaping.unescape(raw) == decoded)
    }

    @Test("a malformed line is a diagnostic with its line number and the rest is still read")
    func malformed() {
        let (found, diagnostics) = lines(
            "BEGIN:VEVENT\r\nthis line has no colon\r\n;bad\r\nSUMMARY:ok\r\nEND:VEVENT\r\n")
        #expect(found.map(\.name) == ["BEGIN", "SUMMARY", "END"])
        #expect(diagnostics.map(\.line) == [2, 3])
        #expect(diagnostics.allSatisfy { $0.kind == .malformedLine })
    }
}
