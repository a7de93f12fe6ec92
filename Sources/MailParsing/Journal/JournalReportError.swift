/// Why a message of a journal source gives no original to ingest: each is an error for that message, counted and
/// named by the scan (`--verbose`), which goes on.
public enum JournalReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A report with no attached message at all.
    case noOriginal
    /// A report whose original is attached only as TNEF (`winmail.dat`, `application/ms-tnef`), which Baton cannot
    /// read; `filename` is the attachment's name, if it has one.
    case tnefOnly(filename: String?)
    /// A report with `count` attached messages: which one is the original cannot be told.
    case severalOriginals(count: Int)
    /// The attached original is itself a journal report.
    case reportInReport
    /// The envelope's `Message-Id` is not the attached original's Message-ID.
    case messageIDMismatch(envelope: String, original: String)
    /// Neither the envelope nor the original's To and Cc name a recipient.
    case noRecipients

    /// The reason in words, for `--verbose` and `inspect mail`.
    public var description: String {
        switch self {
        case .noOriginal:
            "a journal report with no original attached (no message/rfc822 part)"
        case .tnefOnly(let filename):
            "a journal report whose original is attached only as TNEF (\(filename ?? "application/ms-tnef")), "
                + "which Baton cannot read: have Exchange send the journal mailbox MIME, not TNEF"
        case .severalOriginals(let count):
            "a journal report with \(count) attached messages: which one is the original cannot be told"
        case .reportInReport:
            "a report within a report: the attached original is itself a journal report"
        case .messageIDMismatch(let envelope, let original):
            "the envelope's Message-Id <\(envelope)> contradicts the attached original's Message-ID <\(original)>"
        case .noRecipients:
            "a journal report naming no recipient, neither in its envelope nor in the original's To and Cc"
        }
    }
}
