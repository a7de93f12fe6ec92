import BatonCore
import MailParsing

extension InspectMailCommand {
    /// The `journal` key of an Exchange envelope journal report: its envelope as the scan of a journal source reads
    /// it, and `error`, the reason the scan would count the report as an error instead of storing its original
    /// (null when it would store it).
    static func journal(_ report: MailMessage) -> JSONValue {
        let envelope = JournalEnvelope(parsing: report.text ?? report.htmlText ?? "")
        var error: String?
        if case .failure(let reason) = JournalCopy.read(report) { error = reason.description }
        let recipients = envelope.recipients.map { r in
            JSONValue.object([
                ("field", .string(r.field.rawValue)), ("address", .string(r.address)),
                ("expanded", .string(r.expandedFrom)), ("forwarded", .string(r.forwardedFrom)),
            ])
        }
        return .object([
            ("sender", .string(envelope.sender)), ("on_behalf_of", .string(envelope.onBehalfOf)),
            ("subject", .string(envelope.subject)), ("message_id", .string(envelope.messageID)),
            ("recipients", .array(recipients)), ("error", .string(error)),
        ])
    }
}
