import Testing

@testable import MailParsing

@Suite struct MessageParserTests {
    @Test("a plain message yields its headers unfolded and decoded")
    func simple() {
        let m = Fixture.message("simple.eml")
        #expect(m.messageID == "CAF1234.5678@mail.example.com")
        #expect(m.date == MailDate(secondsSinceEpoch: Fixture.utc("2026-03-03 16:05:00"), hasZone: true))
        #expect(m.from == [MailAddress(name: "Lee, Ann", address: "ann.lee@example.com")])
        #expect(
            m.to == [
                MailAddress(name: "Lead One", address: "lead1@customer.test"),
                MailAddress(name: "Renée Dupont", address: "renee@customer.test"),
            ])
        #expect(m.cc == [])
        #expect(m.replyTo == [MailAddress(name: "Sales", address: "sales@example.com")])
        #expect(m.subject == "Quote for Übergröße and more")
        #expect(m.inReplyTo == ["abc@customer.test"])
        #expect(m.references == ["root@customer.test", "abc@customer.test"])
        #expect(m.text == "Hello Lead,\n\nHere is the quote.\n— Ann\n")
        #expect(m.htmlText == nil)
        #expect(m.attachments == [])
        #expect(m.kind == .message)
        #expect(m.header("received")?.hasPrefix("from mx.example.com (mx.example.com [192.0.2.1])\tby mail") == true)
    }

    @Test("Bcc, kept in a sender's own copy, is read like Cc, from every Bcc field")
    func bcc() {
        let m = MessageParser.parse(
            Array(
                "From: a@example.com\r\nBcc: Dana <dana@acme.test>,\r\n erik@northwind.test\r\nBCC: lee@acme.test\r\n\r\nhi\r\n"
                    .utf8))
        #expect(
            m.bcc == [
                MailAddress(name: "Dana", address: "dana@acme.test"),
                MailAddress(name: nil, address: "erik@northwind.test"),
                MailAddress(name: nil, address: "lee@acme.test"),
            ])
        #expect(m.to == [] && m.cc == [])
    }

    @Test("nested multiparts give the first plain text, attachments with decoded sizes and calendar bytes")
    func multipart() {
        let m = Fixture.message("multipart.eml")
        #expect(m.text == "Grüße, \nthis line is soft broken, hex is é lower, and =ZZ is kept.")
        #expect(m.htmlText == nil)
        #expect(
            m.attachments == [
                MailAttachment(filename: "proposal.pdf", contentType: "application/pdf", size: 19),
                MailAttachment(filename: "Grüße.png", contentType: "image/png", size: 8),
            ])
        #expect(m.calendarParts == [Array("BEGIN:VCALENDAR\nMETHOD:REQUEST\nEND:VCALENDAR".utf8)])
        #expect(m.kind == .message)
        #expect(m.diagnostics == [])
    }

    @Test("told not to count attachments' sizes, the parser gives them without one and the message is otherwise equal")
    func uncountedAttachmentSizes() {
        let counted = Fixture.message("multipart.eml")
        var m = MessageParser.parse(
            Fixture.bytes("multipart.eml"), options: MessageParser.Options(countsAttachmentSizes: false))
        #expect(
            m.attachments == [
                MailAttachment(filename: "proposal.pdf", contentType: "application/pdf", size: nil),
                MailAttachment(filename: "Grüße.png", contentType: "image/png", size: nil),
            ])
        m.attachments = counted.attachments
        #expect(m == counted)
    }

    @Test("a multipart without its closing delimiter keeps its last part")
    func missingFinalBoundary() {
        let m = Fixture.message("missing-final-boundary.eml")
        #expect(m.text == "first part")
        #expect(
            m.attachments == [MailAttachment(filename: "data.bin", contentType: "application/octet-stream", size: 11)])
        #expect(m.diagnostics.map(\.code) == [.missingFinalBoundary])
    }

    @Test("an HTML-only message gets its text from the HTML")
    func htmlOnly() {
        let m = Fixture.message("html-only.eml")
        #expect(m.text == nil)
        #expect(m.htmlText == "Price: € 5 &☺ <ok>\n\nFirst line\nsecond line\n\nCafé été")
    }

    @Test("attached messages are forwarded originals, each parsed in full")
    func rfc822() {
        let m = Fixture.message("rfc822-forward.eml")
        #expect(m.text == "See below.")
        #expect(
            m.attachments == [
                MailAttachment(filename: nil, contentType: "message/rfc822", size: 189),
                MailAttachment(filename: "second.eml", contentType: "message/global", size: 115),
            ])
        #expect(m.forwarded.count == 2)
        let first = m.forwarded[0]
        #expect(first.from == [MailAddress(name: "Carol Lead", address: "carol@customer.test")])
        #expect(first.to == [MailAddress(name: nil, address: "ann@example.com")])
        #expect(first.subject == "Interested in your product")
        #expect(first.date == MailDate(secondsSinceEpoch: Fixture.utc("2026-03-04 13:30:00"), hasZone: true))
        #expect(first.messageID == "orig1@customer.test")
        #expect(first.text == "Can you send pricing?")
        #expect(m.forwarded[1].subject == "Second ✓")
        #expect(m.forwarded[1].text == "Also me.")
    }

    @Test(
        "kinds follow their precedence: bounce, auto-reply, bulk, message",
        arguments: [
            ("bounce-dsn.eml", MessageKind.bounce, ["gone@customer.test"]),
            ("bounce-plain.eml", .bounce, ["nobody@customer.test"]),
            ("auto-reply.eml", .autoReply, []),
            ("out-of-office-de.eml", .autoReply, []),
            ("bulk.eml", .bulk, []),
            ("simple.eml", .message, []),
        ])
    func kinds(name: String, kind: MessageKind, failed: [String]) {
        let m = Fixture.message(name)
        #expect(m.kind == kind)
        #expect(m.failedRecipients == failed)
    }
}
