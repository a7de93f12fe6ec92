/// One message of a journal source, read: the original message to ingest and the envelope recipients its copy
/// names. An Exchange envelope report (it carries `X-MS-Journal-Report`) gives its attached original, its envelope
/// and the envelope's recipients; a plain copy (Google Workspace routing, a Bcc archive address) is the message
/// itself, its envelope recipients the values of `X-Gm-Original-To` and `Delivered-To`. Pure: `read` looks at the
/// parsed message only.
public struct JournalCopy: Sendable, Equatable {
    /// The message to ingest: a report's attached original, or a plain copy itself.
    public var original: MailMessage
    /// A report's envelope; nil for a plain copy.
    public var envelope: JournalEnvelope?
    /// The envelope recipients' addresses, lowercased, each once, in the order the copy names them.
    public var envelopeRecipients: [String]

    /// A read copy.
    public init(original: MailMessage, envelope: JournalEnvelope?, envelopeRecipients: [String]) {
        self.original = original
        self.envelope = envelope
        self.envelopeRecipients = envelopeRecipients
    }

    /// The header that marks an Exchange envelope journal report.
    public static let reportHeader = "X-MS-Journal-Report"

    /// Whether `message` is an Exchange envelope journal report.
    public static func isReport(_ message: MailMessage) -> Bool { message.header(reportHeader) != nil }

    /// Reads a message of a journal source: a report's original and envelope, or a plain copy; or why a report
    /// gives nothing to ingest. Only an attached message (`message/rfc822`) counts as a report's original, never an
    /// inline forward found in the text.
    public static func read(_ message: MailMessage) -> Result<JournalCopy, JournalReportError> {
        guard isReport(message) else {
            var recipients: [String] = []
            var diagnostics: [MailDiagnostic] = []
            for name in ["X-Gm-Original-To", "Delivered-To"] {
                for value in message.headerValues(name) {
                    for entry in AddressListParser.parse(Array(value.utf8), diagnostics: &diagnostics) {
                        if let address = entry.address, !recipients.contains(address) { recipients.append(address) }
                    }
                }
            }
            return .success(JournalCopy(original: message, envelope: nil, envelopeRecipients: recipients))
        }
        let originals = message.attachedMessages
        guard let original = originals.first else {
            let tnef = message.attachments.first {
                $0.contentType == "application/ms-tnef" || $0.filename?.lowercased() == "winmail.dat"
            }
            return .failure(tnef.map { .tnefOnly(filename: $0.filename) } ?? .noOriginal)
        }
        guard originals.count == 1 else { return .failure(.severalOriginals(count: originals.count)) }
        guard !isReport(original) else { return .failure(.reportInReport) }
        let envelope = JournalEnvelope(parsing: message.text ?? message.htmlText ?? "")
        if let claimed = envelope.messageID, let actual = original.messageID, claimed != actual {
            return .failure(.messageIDMismatch(envelope: claimed, original: actual))
        }
        var recipients: [String] = []
        for recipient in envelope.recipients where !recipients.contains(recipient.address) {
            recipients.append(recipient.address)
        }
        if recipients.isEmpty, !(original.to + original.cc).contains(where: { $0.address != nil }) {
            return .failure(.noRecipients)
        }
        return .success(JournalCopy(original: original, envelope: envelope, envelopeRecipients: recipients))
    }
}
