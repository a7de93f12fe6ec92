import Alerts
import Foundation
import MailParsing
import Testing

@Suite struct AlertComposerTests {
    typealias F = ComposerFixtures

    @Test("a breach parses back with its subject, addresses, ids, date and thread")
    func breachHeadersRoundTrip() {
        let message = F.compose(F.content())
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.subject == "[Baton] Breach: first response to Carol Jones (Acme) 2h 15m late")
        #expect(parsed.from == [MailAddress(name: "Baton", address: "baton@example.com")])
        #expect(parsed.replyTo == [MailAddress(name: nil, address: "sales-ops@example.com")])
        #expect(parsed.to == [MailAddress(name: "Ann Smith", address: "ann@example.com")])
        #expect(parsed.cc == [MailAddress(name: "Mia Lee", address: "mia@example.com")])
        #expect(parsed.messageID == "baton-alert.0123456789abcdef0123456789abcdef@baton.example.com")
        #expect(parsed.inReplyTo == ["baton-alert.ffffffffffffffffffffffffffffffff@baton.example.com"])
        #expect(
            parsed.references == [
                "baton-lead.00000000000000000000000000000000@baton.example.com",
                "baton-alert.ffffffffffffffffffffffffffffffff@baton.example.com",
            ])
        #expect(parsed.date == MailDate(secondsSinceEpoch: F.at("2026-07-07T14:45:00Z"), hasZone: true))
        #expect(parsed.diagnostics == [])
        #expect(message.recipients == ["ann@example.com", "mia@example.com"])
        #expect(message.envelopeFrom == "baton@example.com")
        #expect(message.messageID == "baton-alert.0123456789abcdef0123456789abcdef@baton.example.com")
    }

    @Test("the header section has exactly the expected fields, in order, with the fixed values written raw")
    func headerFields() {
        let message = F.compose(F.content())
        #expect(
            F.headerNames(message) == [
                "Date", "From", "Reply-To", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References",
                "MIME-Version", "Content-Type", "Auto-Submitted", "X-Auto-Response-Suppress", "List-Id",
                "X-Baton-Alert",
            ])
        let lines = F.headerLines(message)
        for expected in [
            "Date: Tue, 7 Jul 2026 14:45:00 +0000", "MIME-Version: 1.0", "Auto-Submitted: auto-generated",
            "X-Auto-Response-Suppress: All", "List-Id: Baton alerts <baton.example.com>", "X-Baton-Alert: breach",
        ] {
            #expect(lines.contains(expected))
        }
        #expect(!lines.contains { $0.lowercased().hasPrefix("precedence:") })
        let contentType = MessageParser.parse(message.bytes).header("Content-Type") ?? ""
        #expect(contentType.hasPrefix("multipart/alternative; boundary=\"=_baton_"))
    }

    @Test("every line ends with CRLF, header lines fit in 78 columns and no line exceeds 998 octets")
    func lineEnds() {
        for message in [F.compose(F.content()), F.compose(F.content(level: .warning))] {
            let bytes = message.bytes
            #expect(bytes.suffix(2) == [0x0D, 0x0A])
            var lineLength = 0
            for (i, b) in bytes.enumerated() {
                if b == 0x0A {
                    #expect(i > 0 && bytes[i - 1] == 0x0D)
                    lineLength = 0
                } else {
                    if b == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A) }
                    lineLength += 1
                    #expect(lineLength <= 998)
                }
            }
            #expect(F.headerLines(message).allSatisfy { $0.utf8.count <= 78 })
            #expect(bytes.allSatisfy { $0 < 0x80 })
        }
    }

    @Test("the text part states every fact exactly")
    func textPart() {
        let parsed = MessageParser.parse(F.compose(F.content()).bytes)
        let expected = """
            Breach: the first response to Carol Jones (Acme) is 2h 15m business time late.

            Lead
              Name: Carol Jones
              Company: Acme
              Source: webinar
              Stage: mql
              Addresses: carol@acme.test, cj@acme.test
              Owner: Ann Smith <ann@example.com>
              CRM id: L-42/7

            SLA
              Policy: first-response
              Clock: first response (business time)
              Started: Tue 7 Jul 2026 09:30 Europe/London (2026-07-07T08:30:00Z)
              Due: Tue 7 Jul 2026 13:30 Europe/London (2026-07-07T12:30:00Z)
              Late: 2h 15m business time

            Recent interactions (most recent last)
              Tue 7 Jul 2026 09:30 Europe/London (2026-07-07T08:30:00Z): inbound email "Pricing?" (rep ann@example.com)
              Tue 7 Jul 2026 11:00 Europe/London (2026-07-07T10:00:00Z): meeting "Intro call"

            Open in CRM: https://crm.example.com/leads/L-42%2F7?tab=sla

            Why you get this: ann@example.com as the lead's owner; mia@example.com as the owner's manager. \
            Sent automatically by Baton.
            """
        #expect(parsed.text == expected)
    }

    @Test("the HTML part carries the same facts, escaped, with the CRM link")
    func htmlPart() {
        let html = F.htmlPart(F.compose(F.content()))
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<tr><th align=\"left\">Owner</th><td>Ann Smith &lt;ann@example.com&gt;</td></tr>"))
        #expect(html.contains("<tr><th align=\"left\">Late</th><td>2h 15m business time</td></tr>"))
        #expect(html.contains("meeting &quot;Intro call&quot;</li>"))
        #expect(html.contains("<p><a href=\"https://crm.example.com/leads/L-42%2F7?tab=sla\">Open in CRM</a></p>"))
        #expect(html.contains("ann@example.com as the lead&#39;s owner"))
    }

    @Test("a warning shows the due time in the recipient's zone, with the day when it is not today")
    func warning() {
        let today = F.compose(F.content(level: .warning), now: "2026-07-07T10:00:00Z")
        let parsed = MessageParser.parse(today.bytes)
        #expect(parsed.subject == "[Baton] Warning: first response to Carol Jones (Acme) due 13:30 Europe/London")
        #expect(F.headerLines(today).contains("X-Baton-Alert: warning"))
        #expect(
            parsed.text?.hasPrefix(
                "Warning: the first response to Carol Jones (Acme) is due Tue 7 Jul 2026 13:30 Europe/London.\n")
                == true)
        #expect(parsed.text?.contains("Late:") == false)
        let yesterday = MessageParser.parse(F.compose(F.content(level: .warning), now: "2026-07-06T22:00:00Z").bytes)
        #expect(
            yesterday.subject
                == "[Baton] Warning: first response to Carol Jones (Acme) due Tue 7 Jul 13:30 Europe/London")
    }

    @Test("an escalation is numbered in the subject and the header, and says why each recipient gets it")
    func escalation() {
        let boss = AlertRecipient(name: "Bo Boss", address: "bo@example.com")
        let message = F.compose(F.content(level: .escalation(2), to: [boss], cc: [F.ann]))
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.subject == "[Baton] Escalation 2: first response to Carol Jones (Acme) 2h 15m late")
        #expect(F.headerLines(message).contains("X-Baton-Alert: escalation-2"))
        #expect(
            parsed.text?.hasSuffix(
                "Why you get this: bo@example.com as escalation 2; ann@example.com as the lead's owner. "
                    + "Sent automatically by Baton.") == true)
    }

    @Test("a lead without an owner is named by its first address and sent to the fallback recipient")
    func noOwner() {
        let lead = AlertLead(stage: "mql", addresses: ["zed@zed.test"])
        let fallback = AlertRecipient(address: "sales-ops@example.com")
        let parsed = MessageParser.parse(F.compose(F.content(to: [fallback], cc: [], lead: lead)).bytes)
        #expect(parsed.subject == "[Baton] Breach: first response to zed@zed.test 2h 15m late")
        #expect(parsed.text?.contains("  Owner: none\n") == true)
        #expect(
            parsed.text?.contains(
                "sales-ops@example.com as the fallback recipient (the lead has no owner)") == true)
        #expect(parsed.text?.contains("Open in CRM") == false)
    }

    @Test("the CRM link is left out without a template, and is plain text unless it is http or https")
    func crmLink() {
        let noTemplate = AlertComposer(
            from: AlertRecipient(address: "baton@example.com"), replyTo: nil, listID: "baton.example.com",
            crmURLTemplate: nil)
        let plain = noTemplate.compose(
            F.content(), date: F.date("2026-07-07T14:45:00Z"), messageID: "a@b.example", inReplyTo: nil,
            references: [])
        #expect(MessageParser.parse(plain.bytes).text?.contains("CRM:") == false)
        #expect(!F.headerNames(plain).contains("Reply-To"))
        #expect(!F.headerNames(plain).contains("In-Reply-To"))
        #expect(!F.headerNames(plain).contains("References"))

        let script = AlertComposer(
            from: AlertRecipient(address: "baton@example.com"), replyTo: nil, listID: "baton.example.com",
            crmURLTemplate: "javascript:alert('{external_id}')")
        let html = F.htmlPart(
            script.compose(
                F.content(), date: F.date("2026-07-07T14:45:00Z"), messageID: "a@b.example", inReplyTo: nil,
                references: []))
        #expect(html.contains("<p>Open in CRM: javascript:alert(&#39;L-42%2F7&#39;)</p>"))
        #expect(!html.contains("<a "))
    }

    @Test("In-Reply-To alone also starts References")
    func inReplyToOnly() {
        let message = F.composer.compose(
            F.content(), date: F.date("2026-07-07T14:45:00Z"), messageID: "<x@baton.example.com>",
            inReplyTo: "<p@baton.example.com>", references: ["not an id", "a@b@c"])
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.messageID == "x@baton.example.com")
        #expect(message.messageID == "x@baton.example.com")
        #expect(parsed.inReplyTo == ["p@baton.example.com"])
        #expect(parsed.references == ["p@baton.example.com"])
    }

    @Test("envelope recipients are To then Cc, each address once, and bad addresses are left out")
    func recipients() {
        let message = F.compose(
            F.content(
                to: [
                    F.ann, AlertRecipient(address: "ANN@example.com"), AlertRecipient(address: "no-at-sign"),
                    AlertRecipient(address: "a b@example.com"), AlertRecipient(address: "<c@example.com>"),
                ],
                cc: [
                    F.ann, F.mia, AlertRecipient(address: "-oQ/tmp@example.com"),
                    AlertRecipient(address: "evil@x.test>\r\nBcc: y@z.test"),
                ]))
        #expect(message.recipients == ["ann@example.com", "mia@example.com"])
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.to == [MailAddress(name: "Ann Smith", address: "ann@example.com")])
        #expect(parsed.cc == [MailAddress(name: "Mia Lee", address: "mia@example.com")])
    }

    @Test("a digest lists every alert under one subject and is not threaded")
    func digest() {
        let message = F.composer.composeDigest(
            [F.content(), F.content(level: .warning)], to: [F.ann], date: F.date("2026-07-07T10:00:00Z"),
            messageID: "baton-alert.11111111111111111111111111111111@baton.example.com")
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.subject == "[Baton] 2 SLA alerts")
        #expect(parsed.to == [MailAddress(name: "Ann Smith", address: "ann@example.com")])
        #expect(parsed.cc == [])
        #expect(message.recipients == ["ann@example.com"])
        #expect(F.headerLines(message).contains("X-Baton-Alert: digest"))
        #expect(!F.headerNames(message).contains("In-Reply-To"))
        let text = parsed.text ?? ""
        #expect(text.hasPrefix("2 SLA alerts for you.\n"))
        #expect(text.contains("\n1. Breach: the first response to Carol Jones (Acme) is 2h 15m business time late.\n"))
        #expect(
            text.contains(
                "\n2. Warning: the first response to Carol Jones (Acme) is due Tue 7 Jul 2026 13:30 Europe/London.\n"))
        let one = F.composer.composeDigest(
            [F.content()], to: [F.ann], date: F.date("2026-07-07T10:00:00Z"), messageID: "d@x.test")
        #expect(MessageParser.parse(one.bytes).subject == "[Baton] 1 SLA alert")
    }

    @Test("non-ASCII names and companies round-trip through RFC 2047")
    func nonASCII() {
        var lead = F.lead
        lead.name = "Zoë Ångström"
        lead.company = "Société Générale"
        let jurgen = AlertRecipient(name: "Jürgen Müller", address: "jm@example.com")
        let message = F.compose(F.content(to: [jurgen], cc: [], lead: lead))
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.subject == "[Baton] Breach: first response to Zoë Ångström (Société Générale) 2h 15m late")
        #expect(parsed.to == [MailAddress(name: "Jürgen Müller", address: "jm@example.com")])
        #expect(F.headerLines(message).contains { $0.contains("=?UTF-8?B?") })
        #expect(parsed.text?.contains("  Name: Zoë Ångström\n") == true)
        #expect(F.htmlPart(message).contains("<td>Société Générale</td>"))
    }

    @Test("a long non-ASCII display name becomes encoded words of at most 75 characters, folded, and decodes back")
    func longEncodedName() {
        let name = String(repeating: "日本語の名前", count: 20) + " 🎉"
        let message = F.compose(F.content(to: [AlertRecipient(name: name, address: "jp@example.com")], cc: []))
        let parsed = MessageParser.parse(message.bytes)
        #expect(parsed.to == [MailAddress(name: name, address: "jp@example.com")])
        let lines = F.headerLines(message)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        let words = lines.flatMap { $0.split(separator: " ") }.filter { $0.hasPrefix("=?") }
        #expect(words.count > 5)
        #expect(words.allSatisfy { $0.utf8.count <= 75 })
    }
}
