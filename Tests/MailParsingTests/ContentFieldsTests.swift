import Testing

@testable import MailParsing

@Suite struct ContentFieldsTests {
    @Test("broken RFC 2231 file names keep the type and give the name as best they can")
    func brokenContinuations() {
        let m = Fixture.message("broken-rfc2231.eml")
        #expect(m.text == "See the files.")
        #expect(
            m.attachments == [
                // `name*1*` is missing: the sections that are there, in order.
                MailAttachment(filename: "Angebot Teil 2.pdf", contentType: "application/pdf", size: 3),
                // Out of order and `name*1` twice: ordered by number, the first `name*1` kept (Python's compat32
                // parser joins both copies into `Rechnung-1999.pdf-2026.pdf`).
                MailAttachment(filename: "Rechnung-2026.pdf", contentType: "application/pdf", size: 4),
                // Escapes that are not `%XX` stay as written.
                MailAttachment(filename: "Bericht%2.pdf%ZZ", contentType: "application/pdf", size: 5),
                // A charset nobody knows, bytes that are not UTF-8: Windows-1252. Python's default policy gives
                // `R\u{FFFD}sum\u{FFFD}.pdf`.
                MailAttachment(filename: "Résumé.pdf", contentType: "application/pdf", size: 6),
                // A quote that never closes ends at the next `;`, so the later section is still read. Python
                // takes the rest of the field as the name: `Offen; name*1*= Q1.pdf; x-mac-type=50444620`.
                MailAttachment(filename: "Offen Q1.pdf", contentType: "application/pdf", size: 3),
                // The `utf-8''` prefix repeated in a later section is dropped (Python's compat32 keeps it).
                MailAttachment(filename: "Prüfung Q1.pdf", contentType: "application/pdf", size: 3),
                // A character split across sections is joined before decoding.
                MailAttachment(filename: "€-Preise.pdf", contentType: "application/pdf", size: 3),
                // Its second half missing: one U+FFFD for the bytes that are not UTF-8.
                MailAttachment(filename: "\u{FFFD}Preise.pdf", contentType: "application/pdf", size: 3),
            ])
        #expect(
            m.diagnostics == [
                MailDiagnostic(.badParameter, "parameter 'name': continuation sections missing; joined what is there"),
                MailDiagnostic(.badParameter, "parameter 'name': section 1 repeated; the first kept"),
                MailDiagnostic(
                    .unknownCharset, "parameter 'name': charset 'x-user-defined' unknown; read as Windows-1252"),
                MailDiagnostic(.badParameter, "parameter 'name*0*': quoted string without its closing quote"),
                MailDiagnostic(.badParameter, "parameter 'name': continuation sections missing; joined what is there"),
            ])
    }

    static let cases: [(String, String, [String: String])] = [
        ("application/pdf; name*1*=%20b.pdf; name*0*=utf-8''a", "application/pdf", ["name": "a b.pdf"]),
        ("application/pdf; name*=x-unknown-8''caf%C3%A9.pdf", "application/pdf", ["name": "café.pdf"]),
        ("application/pdf; name*0*=\"utf-8''open; boundary=b1", "application/pdf", ["name": "open", "boundary": "b1"]),
        ("application/pdf; name*0*=\"utf-8''a\\\"", "application/pdf", ["name": "a\\\""]),
        ("application/pdf; name*0*=utf-8''O'Brien; name*1*='s.pdf", "application/pdf", ["name": "O'Brien's.pdf"]),
        ("application/pdf; name*1*=utf-8'en'x.pdf", "application/pdf", ["name": "x.pdf"]),
        ("application/pdf; name*=; name*0*=", "application/pdf", ["name": ""]),
        ("APPLICATION/PDF;name*0*=%;name*1*=%4", "application/pdf", ["name": "%%4"]),
    ]

    @Test("odd RFC 2231 parameters never change the type", arguments: cases)
    func parameters(input: String, value: String, parameters: [String: String]) {
        var d: [MailDiagnostic] = []
        let fields = ContentFields(Array(input.utf8), diagnostics: &d)
        #expect(fields.value == value)
        #expect(fields.parameters == parameters)
    }
}
