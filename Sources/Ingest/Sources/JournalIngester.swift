import BatonCore
import Foundation
import MailParsing
import Store

/// A journal source (`type: journal`): a Maildir or an mbox that receives a copy of every message of the sales
/// team. A folder is read as a Maildir and a file as an mbox, exactly as those sources are read (incrementally,
/// through `MailBatcher`); each message is an Exchange envelope journal report, whose attached original is stored
/// with the envelope's recipients, or a plain copy (`MailReading.journal`). The sighting is the report's place: its
/// Maildir unique name or its mbox offset. A report that gives no original is an error for that message, named in
/// the source's problems, and the reading goes on. It reads the store (the cursor) but never writes it.
public struct JournalIngester {
    let ingestor: MessageIngestor

    /// A reader parsing with `ingestor`'s limits.
    public init(ingestor: MessageIngestor) { self.ingestor = ingestor }

    /// Reads what is new in the journal at `path` since its cursor; a path that does not exist yet is empty.
    public func read(_ path: String, into sourceReport: inout SourceReport, commit: CommitBatch) throws {
        guard let status = FileStatus(path, follow: true) else { return }
        if status.isDirectory {
            try MaildirIngester(ingestor: ingestor).read(
                path, reading: .journal, into: &sourceReport, commit: commit)
        } else {
            try MboxIngester(ingestor: ingestor).read(path, reading: .journal, into: &sourceReport, commit: commit)
        }
    }
}
