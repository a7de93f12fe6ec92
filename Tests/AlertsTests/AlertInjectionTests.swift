import Alerts
import BatonCore
import Foundation
import MailParsing
import Testing

/// Hostile values from mail, calendars and CRM exports must not create headers, MIME parts or markup.
@Suite struct AlertInjectionTests {
    typealias F = ComposerFixtures

    static let expectedHeaderNames = [
        "Date", "From", "Reply-To", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References", "MIME-Version",
        "Content-Type", "Auto-Submitted", "X-Auto-Response-Suppress", "List-Id", "X-Baton-Alert",
    ]

    @Test("a CRLF and a Bcc line in a lead name or a recipient name stay inside their own header")
    func crlfInNames() {
        var lead = F.lead
        lead.name = "Carol\r\nBcc: evil@x.test"
        let to = AlertRecipient(name: "Ann\r\nBcc: evil@x.test", address: "ann@example.com")
        let message = F.compose(F.content(to: [to], lead: lead))
        #expect(F.headerNames(message) == Self.expectedHeaderNames)
        #expect(!F.headerLines(message).contains { $0.hasPrefix("Bcc") })
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.subject == "[Baton] Breach: first response to Carol Bcc: evil@x.test (Acme) 2h 15m late")
        #expect(parsed.to == [MailAddress(name: "Ann Bcc: evil@x.test", address: "ann@example.com")])
        #expect(message.recipients == ["ann@example.com", "mia@example.com"])
        #expect(parsed.text?.contains("  Name: Carol Bcc: evil@x.test\n") == true)
    }

    @Test("a policy name with a header in it adds no header")
    func policyInjection() {
        let message = F.compose(F.content(policy: "first\r\nX-Injected: 1\n\nbody"))
        #expect(F.headerNames(message) == Self.expectedHeaderNames)
        #expect(MessageParser.parse(message.bytes).text?.contains("  Policy: first X-Injected: 1 body\n") == true)
    }

    @Test("an interaction subject with line feeds stays on its own line of the body")
    func subjectWithLF() {
        var content = F.content()
        content.recent = [
            AlertInteraction(
                time: F.at("2026-07-07T08:30:00Z"), type: .email, direction: .inbound,
                subject: "Hi\nContent-Type: text/html\r\n\r\n<b>x</b>", rep: "ann@example.com")
        ]
        let message = F.compose(content)
        let text = MessageParser.parse(message.bytes).text ?? ""
        #expect(
            text.contains(
                "\n  Tue 7 Jul 2026 09:30 Europe/London (2026-07-07T08:30:00Z): inbound email "
                    + "\"Hi Content-Type: text/html <b>x</b>\" (rep ann@example.com)\n"))
        #expect(F.htmlPart(message).contains("&quot;Hi Content-Type: text/html &lt;b&gt;x&lt;/b&gt;&quot;"))
        #expect(!F.htmlPart(message).contains("<b>"))
    }

    @Test("markup in a company, quotes in a name and an ampersand in a source are escaped in HTML")
    func htmlEscaping() {
        var lead = F.lead
        lead.company = "<script>alert(1)</script>"
        lead.name = "O'Neil \"Bob\""
        lead.source = "R&D <img src=x onerror=alert(1)>"
        let html = F.htmlPart(F.compose(F.content(lead: lead)))
        #expect(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(html.contains("<td>O&#39;Neil &quot;Bob&quot;</td>"))
        #expect(html.contains("<td>R&amp;D &lt;img src=x onerror=alert(1)&gt;</td>"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
    }

    @Test("the boundary string placed inside a value does not split the message")
    func boundaryInValue() {
        let first = F.compose(F.content())
        let contentType = MessageParser.parse(first.bytes).header("Content-Type") ?? ""
        let boundary = String(contentType.split(separator: "\"")[1])
        var lead = F.lead
        lead.company = "--\(boundary)"
        lead.name = "\n--\(boundary)--\nContent-Type: text/html\n\n<script>x</script>"
        let message = F.compose(F.content(lead: lead))
        let raw = String(decoding: message.bytes, as: UTF8.self)
        let newBoundary = String(
            (MessageParser.parse(message.bytes).header("Content-Type") ?? "").split(separator: "\"")[1])
        #expect(raw.components(separatedBy: "--" + newBoundary).count == 4)  // two delimiters and the close
        #expect(raw.components(separatedBy: "--" + boundary).count == (boundary == newBoundary ? 4 : 1))
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.text?.contains("  Company: --\(boundary)\n") == true)
        #expect(parsed.attachments == [])
        #expect(F.headerNames(message) == Self.expectedHeaderNames)
    }

    @Test("a 300-character name is shortened in the subject and folded or encoded in address headers")
    func longName() {
        let words = String(repeating: "Carolina ", count: 33) + "End"
        let oneWord = String(repeating: "A", count: 300)
        for name in [words, oneWord] {
            var lead = F.lead
            lead.name = name
            let to = AlertRecipient(name: name, address: "ann@example.com")
            let message = F.compose(F.content(to: [to], lead: lead))
            #expect(F.headerNames(message) == Self.expectedHeaderNames)
            #expect(F.headerLines(message).allSatisfy { $0.utf8.count <= 78 })
            let parsed = MessageParser.parse(message.bytes)
            #expect(parsed.to == [MailAddress(name: name, address: "ann@example.com")])
            #expect(parsed.subject == "[Baton] Breach: first response to \(name.prefix(39))… (Acme) 2h 15m late")
            #expect(parsed.text?.contains("  Name: \(name)\n") == true)
        }
    }

    @Test("names with RFC 5322 specials are quoted and parse back as one mailbox")
    func specialsQuoted() {
        let name = "Smith, John \"JJ\" <jj@evil.test> \\ (x); y:"
        let message = F.compose(F.content(to: [AlertRecipient(name: name, address: "john@example.com")], cc: []))
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.to == [MailAddress(name: name, address: "john@example.com")])
        #expect(message.recipients == ["john@example.com"])
    }

    @Test("text that looks like an encoded word is encoded itself, so it reads back literally")
    func encodedWordLookalike() {
        var lead = F.lead
        lead.name = "=?utf-8?q?Bcc=3A_evil?="
        let to = AlertRecipient(name: "=?utf-8?q?CEO?=", address: "ann@example.com")
        let parsed = MessageParser.parse(F.compose(F.content(to: [to], lead: lead)).bytes)
        #expect(parsed.subject == "[Baton] Breach: first response to =?utf-8?q?Bcc=3A_evil?= (Acme) 2h 15m late")
        #expect(parsed.to == [MailAddress(name: "=?utf-8?q?CEO?=", address: "ann@example.com")])
    }

    @Test(
        "NUL, DEL, C1 controls, tabs and line separators become single spaces",
        arguments: [
            "Carol\u{0}Jones", "Carol\u{7F}Jones", "Carol\u{85}Jones", "Carol\t\u{1B}Jones", "Carol\u{2028}Jones",
        ])
    func controls(name: String) {
        var lead = F.lead
        lead.name = name
        let message = F.compose(F.content(lead: lead))
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.subject == "[Baton] Breach: first response to Carol Jones (Acme) 2h 15m late")
        #expect(parsed.text?.contains("  Name: Carol Jones\n") == true)
        #expect(F.headerNames(message) == Self.expectedHeaderNames)
    }

    @Test("a From address that is not plain is not written, and the empty envelope sender makes transports refuse")
    func badFrom() {
        let composer = AlertComposer(
            from: AlertRecipient(name: "Baton", address: "baton@example.com\r\nBcc: x@y.test"), replyTo: "bad reply@x",
            listID: "baton.example.com\r\nX: y", crmURLTemplate: nil)
        let message = composer.compose(
            F.content(), date: F.date("2026-07-07T14:45:00Z"), messageID: "m@baton.example.com", inReplyTo: nil,
            references: [])
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.from == [MailAddress(name: "Baton", address: "baton@baton.invalid")])
        #expect(message.envelopeFrom == "")
        #expect(!F.headerNames(message).contains("Reply-To"))
        #expect(F.headerLines(message).contains("List-Id: Baton alerts <baton.example.comXy>"))
    }
}
