import MailParsing

extension ExplainCommand {
    /// Why a parsed message has its kind: the classifier's evidence (`MailMessage.kindEvidence`), one short phrase
    /// per rule that held; for a bounce, its failed recipients too; for `message`, what was checked.
    static func kindReasons(_ message: MailMessage) -> [String] {
        var reasons = message.kindEvidence.map { kindReason($0, subject: message.subject) }
        switch message.kind {
        case .bounce:
            reasons.append(
                message.failedRecipients.isEmpty
                    ? "names no failed recipient"
                    : "failed recipients: \(message.failedRecipients.joined(separator: ", "))")
        case .message:
            reasons.append("no bounce, auto-reply or mailing-list headers")
        case .autoReply, .bulk:
            break
        }
        return reasons
    }

    /// One rule of the classifier, in words; `subject` is the message's, quoted with a subject rule.
    static func kindReason(_ rule: KindRule, subject: String?) -> String {
        switch rule {
        case .deliveryStatusReport:
            "Content-Type: multipart/report (a delivery status notification, RFC 3464)"
        case .daemonSender(let address):
            "sent by \(address)"
        case .failedRecipientsHeader(let value):
            "X-Failed-Recipients: \(value)"
        case .bounceSubject(let prefix, let language):
            "a bounce subject with an empty Return-Path: \"\(subject ?? "")\" (\(language.name) \"\(prefix)\")"
        case .autoSubmitted(let value):
            "Auto-Submitted: \(value)"
        case .autoReplyHeader(let name):
            "\(name) header"
        case .precedence(let value):
            "Precedence: \(value)"
        case .outOfOfficeSubject(let prefix, let language):
            "an out-of-office subject: \"\(subject ?? "")\" (\(language.name) \"\(prefix)\")"
        case .listID(let value):
            "List-Id: \(value)"
        case .listUnsubscribe:
            "List-Unsubscribe header"
        }
    }
}

extension SubjectLanguage {
    /// `English`, `French`.
    var name: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
