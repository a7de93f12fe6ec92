import Alerts
import BatonCore
import Foundation
import MailParsing

/// Shared inputs and helpers for the composition tests.
enum ComposerFixtures {
    static let london = TimeZone(identifier: "Europe/London")!

    /// Seconds since the epoch of a `Z` time.
    static func at(_ text: String) -> Int64 {
        Timestamp.parseInstant(text)!
    }

    static func date(_ text: String) -> Int64 { Timestamp.parseInstant(text)! }

    static let composer = AlertComposer(
        from: AlertRecipient(name: "Baton", address: "baton@example.com"), replyTo: "sales-ops@example.com",
        listID: "baton.example.com", crmURLTemplate: "https://crm.example.com/leads/{external_id}?tab=sla")

    static let ann = AlertRecipient(name: "Ann Smith", address: "ann@example.com")
    static let mia = AlertRecipient(name: "Mia Lee", address: "mia@example.com")

    static let lead = AlertLead(
        externalID: "L-42/7", name: "Carol Jones", company: "Acme", source: "webinar", stage: "mql",
        addresses: ["carol@acme.test", "cj@acme.test"], owner: ann)

    static func content(
        level: AlertLevel = .breach, to: [AlertRecipient] = [ann], cc: [AlertRecipient] = [mia],
        lead: AlertLead = lead, policy: String = "first-response"
    ) -> AlertContent {
        AlertContent(
            level: level, to: to, cc: cc, lead: lead, policy: policy, clock: .firstResponse,
            timeBasis: .business, startedAt: at("2026-07-07T08:30:00Z"), dueAt: at("2026-07-07T12:30:00Z"),
            lateSeconds: level == .warning ? 0 : 8100,
            recent: [
                AlertInteraction(
                    time: at("2026-07-07T08:30:00Z"), type: .email, direction: .inbound, subject: "Pricing?",
                    rep: "ann@example.com"),
                AlertInteraction(time: at("2026-07-07T10:00:00Z"), type: .meeting, subject: "Intro call"),
            ],
            zone: london)
    }

    static func compose(_ content: AlertContent, now: String = "2026-07-07T14:45:00Z") -> ComposedMessage {
        composer.compose(
            content, date: date(now), messageID: "baton-alert.0123456789abcdef0123456789abcdef@baton.example.com",
            inReplyTo: "baton-alert.ffffffffffffffffffffffffffffffff@baton.example.com",
            references: [
                "baton-lead.00000000000000000000000000000000@baton.example.com",
                "<baton-alert.ffffffffffffffffffffffffffffffff@baton.example.com>",
            ])
    }

    /// The header section's raw lines (folded lines kept apart), without their CRLF.
    static func headerLines(_ message: ComposedMessage) -> [String] {
        let text = String(decoding: message.bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        return head.components(separatedBy: "\r\n")
    }

    /// The names of the header fields, in order.
    static func headerNames(_ message: ComposedMessage) -> [String] {
        MessageParser.parse(message.bytes).headers.map(\.name)
    }

    /// The decoded HTML part.
    static func htmlPart(_ message: ComposedMessage) -> String {
        let text = String(decoding: message.bytes, as: UTF8.self)
        guard let start = text.range(of: "Content-Type: text/html; charset=utf-8\r\n") else { return "" }
        let body = text[start.upperBound...].components(separatedBy: "\r\n\r\n").dropFirst().joined(
            separator: "\r\n\r\n")
        let encoded = body.components(separatedBy: "\r\n--=_baton_")[0]
        return decodeQuotedPrintable(encoded)
    }

    /// A minimal quoted-printable decoder for checking the HTML part (the parser only decodes the text part).
    static func decodeQuotedPrintable(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count {
                if bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A {
                    i += 3
                    continue
                }
                if let value = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    out.append(value)
                    i += 3
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }
}
