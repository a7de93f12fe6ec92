import Foundation

/// The envelope block of an Exchange / Microsoft 365 envelope journal report: the report's first text part, one
/// `Field: value` per line. Exchange writes `Sender:`, `Subject:` and `Message-Id:` (or `Message-ID:`), maybe
/// `On-Behalf-Of:`, then one line per envelope recipient (`JournalRecipient`); lines it adds in some versions
/// (`Label:`, `Mailbox:`, `SentUtc:`, `ReceivedUtc:`) and anything else are ignored. Field names are read in any
/// case. The subject is the part's text, so it comes out in the part's charset.
public struct JournalEnvelope: Sendable, Equatable {
    /// `Sender:`: the envelope sender (the SMTP reverse path), lowercased; nil when absent or empty (`<>`).
    public var sender: String?
    /// `On-Behalf-Of:`: the address the sender sent for, lowercased, or nil.
    public var onBehalfOf: String?
    /// `Subject:` as written, or nil when absent.
    public var subject: String?
    /// `Message-Id:` without angle brackets, or nil when absent.
    public var messageID: String?
    /// The recipient lines, in order.
    public var recipients: [JournalRecipient] = []

    /// An envelope with the given values.
    public init(
        sender: String? = nil, onBehalfOf: String? = nil, subject: String? = nil, messageID: String? = nil,
        recipients: [JournalRecipient] = []
    ) {
        self.sender = sender
        self.onBehalfOf = onBehalfOf
        self.subject = subject
        self.messageID = messageID
        self.recipients = recipients
    }

    /// The envelope written in `text` (the report's first text part, decoded).
    public init(parsing text: String) {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSpaces.lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces
            switch name {
            case "sender" where sender == nil: sender = Self.address(value)
            case "on-behalf-of" where onBehalfOf == nil: onBehalfOf = Self.address(value)
            case "subject" where subject == nil: subject = String(value)
            case "message-id" where messageID == nil:
                let id = Self.withoutBrackets(value)
                messageID = id.isEmpty ? nil : id
            case "to", "cc", "bcc", "recipient":
                if let field = JournalRecipient.Field(rawValue: name), let recipient = Self.recipient(field, value) {
                    recipients.append(recipient)
                }
            default:
                continue
            }
        }
    }

    /// A recipient line's value: the address, then maybe `, Expanded: LIST` or `, Forwarded: ADDRESS`.
    static func recipient(_ field: JournalRecipient.Field, _ value: Substring) -> JournalRecipient? {
        var end = value.endIndex
        var expanded: String?
        var forwarded: String?
        for (marker, isExpansion) in [(", Expanded:", true), (", Forwarded:", false)] {
            guard let found = value.range(of: marker, options: .caseInsensitive) else { continue }
            let annotation = value[found.upperBound...]
            let source = address(annotation[..<(annotation.firstIndex(of: ",") ?? annotation.endIndex)])
            if isExpansion { expanded = source } else { forwarded = source }
            end = min(end, found.lowerBound)
        }
        guard let address = address(value[..<end]) else { return nil }
        return JournalRecipient(field: field, address: address, expandedFrom: expanded, forwardedFrom: forwarded)
    }

    /// An address written bare or in angle brackets, lowercased; nil when empty or without `@`.
    static func address(_ text: Substring) -> String? {
        let bare = withoutBrackets(text).lowercased()
        return bare.contains("@") ? bare : nil
    }

    /// The text without spaces and one pair of angle brackets around it.
    static func withoutBrackets(_ text: Substring) -> String {
        var s = text.trimmingSpaces
        if s.hasPrefix("<"), s.hasSuffix(">"), s.count >= 2 { s = s.dropFirst().dropLast() }
        return String(s.trimmingSpaces)
    }
}

extension Substring {
    /// The text without spaces and tabs at either end.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
