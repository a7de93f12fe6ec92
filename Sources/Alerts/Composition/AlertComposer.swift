import BatonCore
import Foundation

/// Composes alert emails: RFC 5322 headers, a `multipart/alternative` body with a text and an HTML part, both
/// quoted-printable UTF-8, CRLF line ends throughout.
///
/// Every value from mail, calendars or CRM exports is treated as hostile: controls become spaces, header text
/// is RFC 2047-encoded when needed and folded, display names are quoted or encoded, HTML is escaped, and the
/// MIME boundary cannot occur in the encoded parts. A `To` or `Cc` recipient whose address is not a plain
/// `local@domain` (see `MailboxAddress.isPlain`) is left out of the headers and the envelope; the caller is
/// expected to have refused it already.
public struct AlertComposer: Sendable {
    /// The `From` mailbox (`alerts.from`).
    public var from: AlertRecipient
    /// The `Reply-To` address (`alerts.reply_to`), or nil.
    public var replyTo: String?
    /// The list id written in `List-Id` (RFC 2919), such as `baton.example.com`.
    public var listID: String
    /// The CRM link template with `{external_id}` (`alerts.crm_url`), or nil.
    public var crmURLTemplate: String?

    /// A composer. An invalid `from` address is written as `baton@baton.invalid` with an empty envelope sender,
    /// which every transport refuses; configuration checking is expected to have caught it.
    public init(from: AlertRecipient, replyTo: String?, listID: String, crmURLTemplate: String?) {
        self.from = from
        self.replyTo = replyTo
        self.listID = listID
        self.crmURLTemplate = crmURLTemplate
    }

    /// One alert about one clock, threaded under `references` (the lead's root first, the previous alert last).
    public func compose(
        _ content: AlertContent, date now: Int64, messageID: String, inReplyTo: String?, references: [String]
    ) -> ComposedMessage {
        let recipients = Recipients(to: content.to, cc: content.cc)
        let subject = Self.subject(content, reference: now)
        let document = AlertDocument(content, crmURLTemplate: crmURLTemplate)
        let reason = Self.reasonLine(content, recipients: recipients.to + recipients.cc)
        let text = document.text + "\n" + reason + "\n"
        let html = AlertDocument.htmlDocument(
            title: subject, body: document.html + "<p><small>\(reason.htmlEscaped)</small></p>\n")
        var threadIDs = references.compactMap(HeaderWriter.cleanMessageID)
        let parent = inReplyTo.flatMap(HeaderWriter.cleanMessageID)
        if threadIDs.isEmpty, let parent { threadIDs = [parent] }
        return assemble(
            recipients: recipients, subject: subject, date: now, messageID: messageID, inReplyTo: parent,
            references: threadIDs, kind: content.level.headerValue, text: text, html: html)
    }

    /// One email listing several alerts for one recipient (digest); each alert's times are shown in its own
    /// `zone`.
    public func composeDigest(_ items: [AlertContent], to: [AlertRecipient], date now: Int64, messageID: String)
        -> ComposedMessage
    {
        let recipients = Recipients(to: to, cc: [])
        let subject = "[Baton] \(items.count) SLA alert\(items.count == 1 ? "" : "s")"
        let opening = "\(items.count) SLA alert\(items.count == 1 ? "" : "s") for you."
        var text = opening + "\n"
        var htmlBody = "<p>\(opening.htmlEscaped)</p>\n"
        for (index, item) in items.enumerated() {
            var document = AlertDocument(item, crmURLTemplate: crmURLTemplate)
            document.headline = "\(index + 1). " + document.headline
            text += "\n" + String(repeating: "-", count: 40) + "\n" + document.text
            htmlBody += "<hr>\n" + document.html
        }
        let reason =
            "Why you get this: these alerts are addressed to you and your alerts come as a digest. "
            + "Sent automatically by Baton."
        text += "\n" + reason + "\n"
        htmlBody += "<hr>\n<p><small>\(reason.htmlEscaped)</small></p>\n"
        return assemble(
            recipients: recipients, subject: subject, date: now, messageID: messageID, inReplyTo: nil,
            references: [], kind: "digest", text: text,
            html: AlertDocument.htmlDocument(title: subject, body: htmlBody))
    }

    /// Any other Baton email (the weekly digest): a subject, a text part and a whole HTML document, with the same
    /// headers, encoding and recipient rules as an alert; `kind` goes into `X-Baton-Alert`.
    public func composeDocument(
        to: [AlertRecipient], subject: String, text: String, html: String, date: Int64, messageID: String,
        kind: String
    ) -> ComposedMessage {
        assemble(
            recipients: Recipients(to: to, cc: []), subject: UntrustedText.line(subject),
            date: date, messageID: messageID, inReplyTo: nil,
            references: [], kind: kind, text: text, html: html)
    }

    /// `[Baton] Warning: first response to Carol Jones (Acme) due 14:30 Europe/London`, or `… 2h 15m late`.
    static func subject(_ content: AlertContent, reference: Int64) -> String {
        let about =
            "\(AlertDocument.clockPhrase(content.clock)) \(AlertDocument.preposition(content.clock)) "
            + AlertDocument.leadLabel(content.lead, limit: 40)
        switch content.level {
        case .warning:
            let due = AlertTimeText.short(content.dueAt, in: content.zone, reference: reference)
            return "[Baton] \(content.level.title): \(about) due \(due)"
        case .breach, .escalation:
            return
                "[Baton] \(content.level.title): \(about) \(DurationText.format(content.lateSeconds, calendar: content.timeBasis == .calendar)) late"
        }
    }

    /// Why each recipient gets the alert, from what the content says: the owner's address, the escalation step,
    /// or otherwise the owner's manager (the fallback address when the lead has no owner).
    static func reasonLine(_ content: AlertContent, recipients: [AlertRecipient]) -> String {
        let owner = content.lead.owner?.address.lowercased()
        let reasons = recipients.map { recipient -> String in
            let role: String
            if let given = content.roles[recipient.address.lowercased()] {
                role = given
            } else if recipient.address.lowercased() == owner {
                role = "the lead's owner"
            } else if case .escalation(let step) = content.level {
                role = "escalation \(step)"
            } else if owner == nil {
                role = "the fallback recipient (the lead has no owner)"
            } else {
                role = "the owner's manager"
            }
            return "\(recipient.address) as \(role)"
        }
        let list = reasons.isEmpty ? "" : "Why you get this: " + reasons.joined(separator: "; ") + ". "
        return list + "Sent automatically by Baton."
    }

    /// The valid `To` and `Cc` mailboxes, each address once (case-insensitive, first spelling kept), and the
    /// envelope recipients in that order.
    struct Recipients {
        var to: [AlertRecipient] = []
        var cc: [AlertRecipient] = []
        var envelope: [String] = []

        init(to: [AlertRecipient], cc: [AlertRecipient]) {
            var seen = Set<String>()
            func keep(_ recipient: AlertRecipient) -> AlertRecipient? {
                let address = recipient.address
                guard MailboxAddress.isPlain(address), seen.insert(address.lowercased()).inserted else { return nil }
                envelope.append(address)
                return recipient
            }
            self.to = to.compactMap(keep)
            self.cc = cc.compactMap(keep)
        }
    }

    /// The boundary's fixed part; `=` cannot occur in quoted-printable output, so neither can the boundary.
    static let boundaryPrefix = "=_baton_"

    private func assemble(
        recipients: Recipients, subject: String, date: Int64, messageID: String, inReplyTo: String?,
        references: [String], kind: String, text: String, html: String
    ) -> ComposedMessage {
        let fromValid = MailboxAddress.isPlain(from.address)
        let sender = fromValid ? from : AlertRecipient(name: from.name, address: "baton@baton.invalid")
        let id = HeaderWriter.cleanMessageID(messageID) ?? AlertMessageID.make(key: messageID, domain: listID)
        let textPart = QuotedPrintable.encode(text)
        let htmlPart = QuotedPrintable.encode(html)
        let boundary = Self.boundary(for: [textPart, htmlPart], seed: id)

        var headers = HeaderWriter()
        headers.field("Date", AlertTimeText.rfc5322(date))
        headers.mailboxes("From", [sender])
        if let replyTo, MailboxAddress.isPlain(replyTo) {
            headers.mailboxes("Reply-To", [AlertRecipient(address: replyTo)])
        }
        if recipients.to.isEmpty {
            headers.field("To", "undisclosed-recipients:;")
        } else {
            headers.mailboxes("To", recipients.to)
        }
        if !recipients.cc.isEmpty { headers.mailboxes("Cc", recipients.cc) }
        headers.unstructured("Subject", subject)
        headers.messageIDs("Message-ID", [id])
        if let inReplyTo { headers.messageIDs("In-Reply-To", [inReplyTo]) }
        if !references.isEmpty { headers.messageIDs("References", references) }
        headers.field("MIME-Version", "1.0")
        headers.field("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
        headers.field("Auto-Submitted", "auto-generated")
        headers.field("X-Auto-Response-Suppress", "All")
        headers.field("List-Id", "Baton alerts <\(Self.listIdentifier(listID))>")
        headers.field("X-Baton-Alert", kind)

        var bytes = headers.bytes
        bytes += Array("\r\nThis is a multi-part message in MIME format.\r\n".utf8)
        for (part, type) in [(textPart, "text/plain"), (htmlPart, "text/html")] {
            bytes += Array("\r\n--\(boundary)\r\n".utf8)
            bytes += Array("Content-Type: \(type); charset=utf-8\r\n".utf8)
            bytes += Array("Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            bytes += part
            if part.last != 0x0A { bytes += [0x0D, 0x0A] }
            bytes.removeLast(2)  // the CRLF before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1)
        }
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        return ComposedMessage(
            bytes: bytes, envelopeFrom: fromValid ? from.address : "", recipients: recipients.envelope,
            messageID: id)
    }

    /// `=_baton_` and 32 hex digits of a hash of the parts (with a `0` after the seed, as the boundary has always
    /// been drawn). No search of the parts is needed: every `=` in quoted-printable output starts an escape (`=3D`,
    /// two hex digits) or a soft line break, so `=_` (and with it the delimiter `--=_baton_`) cannot occur in
    /// either part.
    static func boundary(for parts: [[UInt8]], seed: String) -> String {
        var hasher = SHA256()
        hasher.update(seed)
        hasher.update("0")
        for part in parts { hasher.update(part) }
        let digest = hasher.finish().map { String(format: "%02x", $0) }.joined()
        return boundaryPrefix + digest.prefix(32)
    }

    /// The list id as a dot-atom with at least one dot (RFC 2919 section 2).
    static func listIdentifier(_ listID: String) -> String {
        let cleaned = AlertMessageID.cleanDomain(listID)
        return cleaned.contains(".") ? cleaned : "baton." + cleaned
    }
}
