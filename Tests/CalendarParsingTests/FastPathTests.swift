import Testing

@testable import CalendarParsing

/// The parsing fast paths give what the general code gives.
@Suite struct FastPathTests {
    @Test(
        "splitting on an ASCII separator gives what splitting on the character gives",
        arguments: ["FREQ=WEEKLY;BYDAY=TU,TH;COUNT=12", ";;a;;b;", "", ";", "caf\u{E9};x", "a;\u{301}b;c", "a\r\n;b"]
    )
    func asciiSplit(text: String) {
        for omitting in [true, false] {
            let expected = Substring(text).split(separator: ";", omittingEmptySubsequences: omitting)
            #expect(Substring(text).split(ascii: UInt8(ascii: ";"), omittingEmptySubsequences: omitting) == expected)
        }
    }

    @Test("a parameter keeps one value or several, in order, and compares by its values")
    func parameterValues() {
        var lexer = ContentLineLexer()
        var found: [ContentLine] = []
        let text = "ATTENDEE;cn=\"Doe, J\";Delegated-To=\"mailto:a@x\",\"mailto:b@x\";RSVP=:mailto:j@x\n"
        Array(text.utf8).withUnsafeBytes { lexer.lex($0) { found.append($0) } }
        #expect(found.count == 1)
        let line = found[0]
        #expect(line.parameters.map(\.name) == ["CN", "DELEGATED-TO", "RSVP"])
        #expect(line.parameters.map(\.values) == [["Doe, J"], ["mailto:a@x", "mailto:b@x"], [""]])
        #expect(line.parameter("delegated-to") == "mailto:a@x")
        #expect(line.parameterValues("Delegated-To") == ["mailto:a@x", "mailto:b@x"])
        #expect(line.parameters[1] == ContentParameter(name: "delegated-to", values: ["mailto:a@x", "mailto:b@x"]))
        var edited = line.parameters[0]
        edited.values = []
        #expect(edited.values.isEmpty)
        #expect(edited != line.parameters[0])
    }

    @Test("property names in any case are kept by the filter and named in upper case; others are skipped")
    func filteredNames() {
        var lexer = ContentLineLexer()
        var names: [String] = []
        let text = "uid:1\nDtStart;tzid=X:20260101T000000\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY\nrecurrence-id:20260101\n"
        Array(text.utf8).withUnsafeBytes {
            lexer.lex($0, keeping: CalendarDocument.propertiesRead) { names.append($0.name) }
        }
        #expect(names == ["UID", "DTSTART", "RECURRENCE-ID"])
    }

    @Test("TEXT unescaping decodes every escape and keeps a trailing backslash")
    func unescape() {
        #expect(TextEscaping.unescape("a\\, b\\; c\\\\ d\\n e\\N f\\x g\\") == "a, b; c\\ d\n e\n fx g\\")
        #expect(TextEscaping.unescape("caf\u{E9}\\nok") == "caf\u{E9}\nok")
        #expect(TextEscaping.unescape("") == "")
    }
}
