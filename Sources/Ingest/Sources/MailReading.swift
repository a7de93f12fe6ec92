import BatonCore
import MailParsing

/// How the messages of a mail container (an mbox or a Maildir) become records: a mailbox's messages are
/// themselves, credited to the source's rep (`mailbox`); a journal's are the originals its Exchange reports carry,
/// or its plain copies, with their envelope recipients and no mailbox rep (`journal`). `MboxIngester` and
/// `MaildirIngester` read both kinds the same way, through `MailBatcher`; only this step differs.
enum MailReading {
    /// A rep's mailbox (`mbox`, `maildir`), or a mailbox configured without `rep`.
    case mailbox(rep: String?)
    /// A journal source (`journal`).
    case journal

    /// The type a cursor of the source is recorded under: the container's, or `journal`.
    func cursorType(container: Config.Source.Kind) -> String {
        switch self {
        case .mailbox: container.rawValue
        case .journal: Config.Source.Kind.journal.rawValue
        }
    }

    /// The record of one message read from the source, or why a journal report gives none.
    func record(_ message: MailMessage, fallback: MessageFacts.FallbackTime, now: Int64)
        -> Result<MessageRecord, JournalReportError>
    {
        switch self {
        case .mailbox(let rep):
            return .success(MessageFacts.record(message, mailboxRep: rep, fallback: fallback, now: now))
        case .journal:
            return JournalCopy.read(message).map { Self.journalRecord($0, fallback: fallback, now: now) }
        }
    }

    /// The record of a journal copy: its original with the envelope's recipients, and no mailbox rep.
    static func journalRecord(_ copy: JournalCopy, fallback: MessageFacts.FallbackTime, now: Int64) -> MessageRecord {
        MessageFacts.record(copy.original, mailboxRep: nil, fallback: fallback, now: now)
            .addingEnvelopeRecipients(copy.envelopeRecipients)
    }
}
