import Foundation
import MailParsing

/// Why a parsed message has its kind, for `baton explain`: the header fields (or subject) the classifier in
/// `MailParsing` looks at, in its order of precedence: bounce, auto-reply, bulk, message. Pure.
public enum KindExplanation {
    /// Subject prefixes of common bounce reports (a subset of the classifier's, for the explanation).
    static let bounceSubjects = [
        "undelivered mail returned to sender", "delivery status notification", "mail delivery failed",
        "undeliverable:", "failure notice", "returned mail:", "delivery failure", "unzustellbar:",
    ]

    /// The evidence for `message.kind`, one short phrase each; for `message`, what was checked.
    public static func reasons(_ message: MailMessage) -> [String] {
        func header(_ name: String) -> String? { message.header(name) }
        func lower(_ name: String) -> String? {
            header(name).map { $0.lowercased().trimmingCharacters(in: [" ", "\t"]) }
        }
        var reasons: [String] = []
        switch message.kind {
        case .bounce:
            if let type = lower("Content-Type"), type.hasPrefix("multipart/report") {
                reasons.append("Content-Type: multipart/report (a delivery status notification, RFC 3464)")
            }
            if let sender = message.from.first?.address?.lowercased(),
                let local = sender.split(separator: "@").first,
                ["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"].contains(String(local))
            {
                reasons.append("sent by \(sender)")
            }
            if let failed = header("X-Failed-Recipients") { reasons.append("X-Failed-Recipients: \(failed)") }
            if let subject = message.subject?.lowercased(), bounceSubjects.contains(where: subject.hasPrefix),
                lower("Return-Path") == "<>"
            {
                reasons.append("a bounce subject with an empty Return-Path")
            }
            reasons.append(
                message.failedRecipients.isEmpty
                    ? "names no failed recipient"
                    : "failed recipients: \(message.failedRecipients.joined(separator: ", "))")
        case .autoReply:
            if let value = header("Auto-Submitted") { reasons.append("Auto-Submitted: \(value)") }
            if header("X-Autoreply") != nil { reasons.append("X-Autoreply header") }
            if header("X-Autorespond") != nil { reasons.append("X-Autorespond header") }
            if lower("Precedence") == "auto_reply" { reasons.append("Precedence: auto_reply") }
            if reasons.isEmpty, let subject = message.subject {
                reasons.append("an out-of-office subject: \"\(subject)\"")
            }
        case .bulk:
            if let value = header("List-Id") { reasons.append("List-Id: \(value)") }
            if header("List-Unsubscribe") != nil { reasons.append("List-Unsubscribe header") }
            if let value = lower("Precedence"), ["bulk", "list", "junk"].contains(value) {
                reasons.append("Precedence: \(value)")
            }
        case .message:
            reasons.append("no bounce, auto-reply or mailing-list headers")
        }
        return reasons
    }
}
