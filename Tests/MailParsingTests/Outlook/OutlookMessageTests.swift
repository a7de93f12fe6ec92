import Testing

@testable import MailParsing

@Suite struct OutlookMessageTests {
    private static func parse(_ builder: MsgBuilder, writer: CompoundFileWriter = CompoundFileWriter()) -> MailMessage {
        MessageParser.parse(builder.bytes(writer: writer))
    }

    private static let submitted = Fixture.utc("2026-03-03 09:15:00")

    @Test("a received message takes its headers from PR_TRANSPORT_MESSAGE_HEADERS, read as RFC 5322")
    func transportHeaders() {
        var msg = MsgBuilder()
        msg.properties[0x007D] = .unicode(
            "Microsoft Mail Internet Headers Version 2.0\r\nReceived: from mx.example.com\r\n"
                + "From: \"Lee, Ann\" <Ann.Lee@Example.com>\r\nTo: Lead One <lead1@customer.test>,\r\n"
                + " =?utf-8?q?Ren=C3=A9e?= <renee@customer.test>\r\nCc: boss@example.com\r\n"
                + "Subject: =?utf-8?q?Quote_for_=C3=9Cbergr=C3=B6=C3=9Fe?=\r\n"
                + "Date: Tue, 3 Mar 2026 10:15:00 +0100\r\nMessage-ID: <CAF1234@mail.example.com>\r\n"
                + "In-Reply-To: <abc@customer.test>\r\nReferences: <root@customer.test> <abc@customer.test>\r\n\r\n")
        // Properties that disagree with the headers lose to them.
        msg.properties[0x0037] = .unicode("RE: a property subject")
        msg.properties[0x0039] = .time(0)
        msg.properties[0x1000] = .unicode("Hello Lead,\r\n\r\nHere is the quote.\r\n")
        msg.recipients = [[0x0C15: .int32(1), 0x3001: .unicode("Someone Else"), 0x39FE: .unicode("else@x.test")]]
        let m = Self.parse(msg)
        #expect(m.diagnostics == [])
        #expect(m.from == [MailAddress(name: "Lee, Ann", address: "ann.lee@example.com")])
        #expect(
            m.to == [
                MailAddress(name: "Lead One", address: "lead1@customer.test"),
                MailAddress(name: "Renée", address: "renee@customer.test"),
            ])
        #expect(m.cc == [MailAddress(name: nil, address: "boss@example.com")])
        #expect(m.subject == "Quote for Übergröße")
        #expect(m.date == MailDate(secondsSinceEpoch: Self.submitted, hasZone: true))
        #expect(m.messageID == "CAF1234@mail.example.com")
        #expect(m.inReplyTo == ["abc@customer.test"])
        #expect(m.references == ["root@customer.test", "abc@customer.test"])
        #expect(m.text == "Hello Lead,\n\nHere is the quote.\n")
        #expect(m.htmlText == nil)
        #expect(m.kind == .message)
        #expect(m.header("Received") == "from mx.example.com")
    }

    @Test("a sent item without internet headers is read from its properties, UTF-16 strings included")
    func sentItem() {
        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("Angebot für Müller ✓ 日本")
        msg.properties[0x0C1A] = .unicode("Ann Lee")
        msg.properties[0x0C1E] = .unicode("EX")
        msg.properties[0x0C1F] = .unicode("/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=ANN")
        msg.properties[0x5D01] = .unicode("Ann.Lee@Example.com")
        msg.properties[0x0039] = .time(Self.submitted)
        msg.properties[0x0E06] = .time(Self.submitted + 60)
        msg.properties[0x1035] = .unicode("<sent.1@example.com>")
        msg.properties[0x1042] = .unicode("<lead.9@customer.test>")
        msg.properties[0x1039] = .unicode("<lead.1@customer.test> <lead.9@customer.test>")
        msg.properties[0x1000] = .unicode("Grüße\r\nAnn\r\n")
        msg.recipients = [
            [
                0x0C15: .int32(1), 0x3001: .unicode("Lead, One"), 0x3002: .unicode("SMTP"),
                0x3003: .unicode("Lead1@Customer.test"),
            ],
            [0x0C15: .int32(2), 0x3001: .unicode("Bob"), 0x39FE: .unicode("bob@example.com")],
            [0x0C15: .int32(3), 0x3001: .unicode("Hidden"), 0x39FE: .unicode("hidden@example.com")],
            // An Exchange recipient known only by its DN keeps its name and has no address.
            [
                0x0C15: .int32(1), 0x3001: .unicode("Carol"), 0x3002: .unicode("EX"),
                0x3003: .unicode("/o=Org/cn=carol"),
            ],
            // Recipient type flags in the high bits do not change the type.
            [0x0C15: .int32(0x1000_0002), 0x39FE: .unicode("dave@example.com")],
        ]
        let m = Self.parse(msg)
        #expect(m.diagnostics == [])
        #expect(m.subject == "Angebot für Müller ✓ 日本")
        #expect(m.from == [MailAddress(name: "Ann Lee", address: "ann.lee@example.com")])
        #expect(
            m.to == [
                MailAddress(name: "Lead, One", address: "lead1@customer.test"),
                MailAddress(name: "Carol", address: nil),
            ])
        #expect(
            m.cc == [
                MailAddress(name: "Bob", address: "bob@example.com"),
                MailAddress(name: nil, address: "dave@example.com"),
            ])
        #expect(m.date == MailDate(secondsSinceEpoch: Self.submitted, hasZone: true))
        #expect(m.messageID == "sent.1@example.com")
        #expect(m.inReplyTo == ["lead.9@customer.test"])
        #expect(m.references == ["lead.1@customer.test", "lead.9@customer.test"])
        #expect(m.text == "Grüße\nAnn\n")
        #expect(m.kind == .message)
        // Header fields are made from the properties, so a message without internet headers still has some.
        #expect(m.hasHeaders)
        #expect(m.header("Subject") == "Angebot für Müller ✓ 日本")
        #expect(m.header("To") == "\"Lead, One\" <lead1@customer.test>, \"Carol\"")
        #expect(m.header("Message-ID") == "<sent.1@example.com>")
    }

    @Test("a sender known only by an Exchange DN has a name and no address; delivery time stands in for submit time")
    func exchangeSender() {
        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("Draft")
        msg.properties[0x0C1A] = .unicode("Ann Lee")
        msg.properties[0x0C1E] = .unicode("EX")
        msg.properties[0x0C1F] = .unicode("/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=ANN")
        msg.properties[0x0E06] = .time(Self.submitted + 60)
        let m = Self.parse(msg)
        #expect(m.from == [MailAddress(name: "Ann Lee", address: nil)])
        #expect(m.date == MailDate(secondsSinceEpoch: Self.submitted + 60, hasZone: true))
        #expect(m.messageID == nil)
        #expect(m.text == nil)
    }

    @Test("8-bit strings are read in PR_MESSAGE_CODEPAGE, Windows-1252 when it is absent")
    func eightBit() {
        var cyrillic = MsgBuilder()
        cyrillic.properties[0x3FFD] = .int32(1251)
        // "Привет" in Windows-1251.
        cyrillic.properties[0x0037] = .string8([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2])
        cyrillic.properties[0x1000] = .string8([0xC4, 0xE0, 0x0D, 0x0A])
        cyrillic.properties[0x0C1A] = .string8([0xC8, 0xE2, 0xE0, 0xED])
        cyrillic.properties[0x0C1F] = .string8(Array("ivan@example.ru".utf8))
        let m = Self.parse(cyrillic)
        #expect(m.subject == "Привет")
        #expect(m.text == "Да\n")
        #expect(m.from == [MailAddress(name: "Иван", address: "ivan@example.ru")])

        var western = MsgBuilder()
        western.properties[0x0037] = .string8([0x80, 0x20, 0x35, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xE9])
        #expect(Self.parse(western).subject == "€ 5 – café")
    }

    @Test("attachments have their file names, types and sizes; an embedded message is a forwarded original")
    func attachmentsAndEmbedded() {
        var inner = MsgBuilder()
        inner.properties[0x0037] = .unicode("Original question")
        inner.properties[0x0C1A] = .unicode("Lead One")
        inner.properties[0x5D01] = .unicode("lead1@customer.test")
        inner.properties[0x0039] = .time(Self.submitted - 3_600)
        inner.properties[0x1035] = .unicode("<q1@customer.test>")
        inner.properties[0x1000] = .unicode("Can you quote?\r\n")
        inner.recipients = [[0x0C15: .int32(1), 0x39FE: .unicode("ann.lee@example.com")]]
        inner.attachments = [
            MsgBuilder.Attachment(properties: [0x3707: .unicode("spec.txt"), 0x3701: .binary(Array("spec".utf8))])
        ]

        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("FW: Original question")
        msg.properties[0x1000] = .unicode("See below.\r\n")
        msg.attachments = [
            MsgBuilder.Attachment(properties: [
                0x3707: .unicode("Quote 2026.pdf"), 0x3704: .unicode("QUOTE2~1.PDF"),
                0x370E: .unicode("Application/PDF; name=x"), 0x3701: .binary([UInt8](repeating: 7, count: 5_000)),
            ]),
            MsgBuilder.Attachment(properties: [0x3704: .unicode("REPORT~1.XLS"), 0x3701: .binary([1, 2, 3])]),
            MsgBuilder.Attachment(
                properties: [0x3001: .unicode("Original question"), 0x3705: .int32(5), 0x0E20: .int32(1_234)],
                embedded: inner),
        ]
        let m = Self.parse(msg)
        #expect(m.diagnostics == [])
        #expect(
            m.attachments == [
                MailAttachment(filename: "Quote 2026.pdf", contentType: "application/pdf", size: 5_000),
                MailAttachment(filename: "REPORT~1.XLS", contentType: "application/octet-stream", size: 3),
                MailAttachment(filename: nil, contentType: "message/rfc822", size: 1_234),
            ])
        #expect(m.forwarded.count == 1)
        let original = m.forwarded[0]
        #expect(original.subject == "Original question")
        #expect(original.from == [MailAddress(name: "Lead One", address: "lead1@customer.test")])
        #expect(original.to == [MailAddress(name: nil, address: "ann.lee@example.com")])
        #expect(original.date == MailDate(secondsSinceEpoch: Self.submitted - 3_600, hasZone: true))
        #expect(original.messageID == "q1@customer.test")
        #expect(original.text == "Can you quote?\n")
        #expect(
            original.attachments == [
                MailAttachment(filename: "spec.txt", contentType: "application/octet-stream", size: 4)
            ])
    }

    @Test("an OLE object kept as a storage (PR_ATTACH_METHOD 6) is an attachment, not a forwarded message")
    func oleStorage() {
        var document = MsgBuilder()
        // A storage that happens to hold a property stream too: the method decides.
        document.properties[0x0037] = .unicode("not a message")
        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("With a Word object")
        msg.attachments = [
            MsgBuilder.Attachment(
                properties: [0x3704: .unicode("OLE.DOC"), 0x3705: .int32(6), 0x370E: .unicode("application/msword")],
                embedded: document)
        ]
        let m = Self.parse(msg)
        #expect(m.forwarded == [])
        // The storage's streams: a 24-byte property header, one 16-byte property, the subject's 28 bytes.
        #expect(m.attachments == [MailAttachment(filename: "OLE.DOC", contentType: "application/msword", size: 68)])
    }

    @Test("an RTF-only body is decompressed and its text read")
    func rtfOnly() {
        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("RTF")
        let rtf =
            #"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}{\colortbl;\red255\green0\blue0;}"#
            + #"\f0\fs20 Hello Lee,\par Caf\'e9 costs \u8364? 5\tab ok\line {\*\bkmkstart x}bye\par}"#
        msg.properties[0x1009] = .binary(compressRTFLiterals(Array(rtf.utf8)))
        let m = Self.parse(msg)
        #expect(m.diagnostics == [])
        #expect(m.text == "Hello Lee,\nCafé costs € 5\tok\nbye\n")
        #expect(m.htmlText == nil)
    }

    @Test("an RTF body that encapsulates HTML gives the HTML's text")
    func rtfEncapsulatedHTML() {
        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("HTML in RTF")
        let rtf =
            #"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}"#
            + #"{\*\htmltag19 <html>}{\*\htmltag34 <body>}\htmlrtf {\htmlrtf0 Hello \htmlrtf}"#
            + #"{\*\htmltag84 <b>}\htmlrtf {\b \htmlrtf0 Caf\'e9\htmlrtf }\htmlrtf0 {\*\htmltag92 </b>}"#
            + #"\htmlrtf \par\htmlrtf0 {\*\htmltag50 <p>}next {\*\htmltag84 &amp;} more{\*\htmltag58 </p>}"#
            + #"{\*\htmltag27 </body>}{\*\htmltag27 </html>}}"#
        msg.properties[0x1009] = .binary(compressRTFLiterals(Array(rtf.utf8)))
        let m = Self.parse(msg)
        #expect(m.text == nil)
        #expect(m.htmlText == HTMLText.extract("<html><body>Hello <b>Café</b><p>next & more</p></body></html>"))
        #expect(m.htmlText == "Hello Café\nnext & more")
    }

    @Test("an HTML-only body (PR_HTML) is read in PR_INTERNET_CPID")
    func htmlOnly() {
        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("HTML")
        msg.properties[0x3FDE] = .int32(65001)
        msg.properties[0x1013] = .binary(Array("<p>Grüße <b>from</b> HTML</p>".utf8))
        let m = Self.parse(msg)
        #expect(m.text == nil)
        #expect(m.htmlText == "Grüße from HTML")
    }

    @Test("a non-delivery report's message class makes it a bounce")
    func reportClass() {
        var msg = MsgBuilder()
        msg.properties[0x001A] = .unicode("REPORT.IPM.Note.NDR")
        msg.properties[0x0037] = .unicode("Undeliverable: Quote")
        #expect(Self.parse(msg).kind == .bounce)
    }

    @Test("a damaged file is one empty message whose diagnostic says what is wrong")
    func damaged() {
        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("Lost")
        msg.properties[0x1000] = .unicode(String(repeating: "long body ", count: 600))
        let loop = Self.parse(msg, writer: CompoundFileWriter(damage: .directoryLoop))
        #expect(!loop.hasHeaders)
        #expect(loop.subject == nil)
        #expect(loop.diagnostics.count == 1)
        #expect(loop.diagnostics.first?.code == .unreadableOutlookMessage)
        #expect(loop.diagnostics.first?.detail.hasPrefix("Compound File: the chain of 'directory' loops") == true)

        let outside = Self.parse(msg, writer: CompoundFileWriter(damage: .chainOutsideFile("__substg1.0_1000001F")))
        #expect(
            outside.diagnostics == [
                MailDiagnostic(
                    .unreadableOutlookMessage,
                    "Compound File: the chain of '__substg1.0_1000001F' leads to bad sector 16777200")
            ])

        let cut = MessageParser.parse(Array(msg.bytes().prefix(700)))
        #expect(cut.diagnostics.map(\.code) == [.unreadableOutlookMessage])
    }

    @Test("a Compound File that is not a message (a Word document, say) is said to be so")
    func notAMessage() {
        let bytes = CompoundFileWriter().write([.stream("WordDocument", Array("text".utf8))])
        #expect(
            MessageParser.parse(bytes).diagnostics == [
                MailDiagnostic(
                    .unreadableOutlookMessage,
                    "a Compound File but not an Outlook message (no __properties_version1.0 stream)")
            ])
    }

    @Test(
        "an embedded message whose storage leads back to itself is refused instead of read forever",
        arguments: [
            // With Outlook's size the message reader meets the cycle; without it, the sum of the stream sizes does.
            (true, "embedded message reached twice"), (false, "storages nest in a cycle"),
        ])
    func embeddedCycle(withSize: Bool, reason: String) throws {
        var inner = MsgBuilder()
        inner.properties[0x0037] = .unicode("inner")
        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("outer")
        var properties: [UInt16: MsgBuilder.Value] = [0x3705: .int32(5)]
        if withSize { properties[0x0E20] = .int32(100) }
        msg.attachments = [MsgBuilder.Attachment(properties: properties, embedded: inner)]
        var bytes = msg.bytes()
        // Point the embedded message's storage at the root's children, which hold the attachment that holds it.
        let file = try bytes.withUnsafeBytes { try CompoundFile($0) }
        let attachment = try #require(try file.child(named: "__attach_version1.0_#00000000", in: 0))
        let embedded = try #require(try file.child(named: "__substg1.0_3701000D", in: attachment))
        let directory = (Int(CompoundFile.u32(bytes, 48)) + 1) * 512
        let rootChild = Array(bytes[(directory + 76)..<(directory + 80)])
        bytes.replaceSubrange((directory + embedded * 128 + 76)..<(directory + embedded * 128 + 80), with: rootChild)
        let m = MessageParser.parse(bytes)
        #expect(m.subject == nil)
        #expect(
            m.diagnostics == [
                MailDiagnostic(.unreadableOutlookMessage, "Compound File directory entry \(embedded): \(reason)")
            ])
    }

    @Test("embedded messages nested past the depth limit stop there with a diagnostic")
    func embeddedDepth() {
        var msg = MsgBuilder()
        msg.properties[0x0037] = .unicode("level 0")
        for level in 1...40 {
            var outer = MsgBuilder()
            outer.properties[0x0037] = .unicode("level \(level)")
            outer.attachments = [MsgBuilder.Attachment(properties: [:], embedded: msg)]
            msg = outer
        }
        let m = MessageParser.parse(msg.bytes(), options: .init(maxDepth: 8))
        #expect(m.subject == "level 40")
        #expect(m.forwarded.map(\.subject) == (33...39).reversed().map { "level \($0)" })
        #expect(m.diagnostics == [])
        #expect(m.forwarded.last?.diagnostics.map(\.code) == [.tooDeep])
    }
}
