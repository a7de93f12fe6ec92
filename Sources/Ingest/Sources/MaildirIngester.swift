import BatonCore
import Foundation
import MailParsing
import Store

/// A Maildir file on its way through the parse pipeline.
struct MaildirJob: Sendable {
    var unique: String
    var delivered: Int64?
    /// The file, for the problem a broken journal report is reported with.
    var path: String
}

/// A Maildir source: the messages not read before (by unique name), read into batches that mark their names as
/// read; the scan's `CommitBatch` stores each in one transaction. It reads the store (the names already read)
/// but never writes it.
public struct MaildirIngester {
    let ingestor: MessageIngestor
    var config: Config { ingestor.config }
    var store: BatonStore { ingestor.store }
    var now: Int64 { ingestor.now }

    /// A reader parsing with `ingestor`'s limits.
    public init(ingestor: MessageIngestor) { self.ingestor = ingestor }

    /// Reads the messages of a Maildir not read before; a move from `new/` to `cur/` or a flag change is not a
    /// new message (a message is its unique name). Unchanged folders cost two `stat`s. Each batch goes to
    /// `commit`, then the folders' times; a failed commit stops the source and its error is thrown.
    public func read(
        _ path: String, rep: String?, into sourceReport: inout SourceReport, commit: CommitBatch
    ) throws {
        try read(path, reading: .mailbox(rep: rep), into: &sourceReport, commit: commit)
    }

    /// Reads a Maildir as above, each message made a record by `reading` (a mailbox's or a journal's); a journal
    /// report that gives no original is a counted error, marked as read with its batch so that it is reported once.
    func read(_ path: String, reading: MailReading, into sourceReport: inout SourceReport, commit: CommitBatch)
        throws
    {
        guard let status = FileStatus(path, follow: true) else { return }
        guard status.isDirectory else {
            sourceReport.failSource("cannot read \(path): not a folder (a maildir source is a folder)")
            return
        }
        let times = ["new", "cur"].map { FileStatus(path + "/" + $0, follow: true)?.mtimeNanoseconds ?? -1 }
        let stamp = times.map(String.init).joined(separator: ",")
        let wallClock = UnixTime.now()
        var state =
            try store.cursors.sourceState(path)
            ?? SourceState(path: path, type: reading.cursorType(container: .maildir))
        if state.fingerprint == stamp { return }
        let seen = try store.cursors.maildirSeen(path)
        let entries: [(path: String, flags: MaildirFlags)]
        do {
            entries = try MailSource.maildirEntries(path)
        } catch {
            sourceReport.failSource("cannot read \(error)")
            return
        }
        let batches = MailBatcher<MaildirJob>(ingestor: ingestor, batch: SourceBatch(source: path))
        batches.batch.marksSeen = true
        func receive(_ job: MaildirJob, _ message: MailMessage) throws {
            switch reading.record(message, fallback: .delivery(job.delivered), now: now) {
            case .success(let facts):
                batches.batch.messages.append(
                    PendingMessage(
                        record: facts, calendarParts: message.calendarParts, location: job.unique,
                        uniqueName: job.unique))
            case .failure(let error):
                sourceReport.errors += 1
                sourceReport.problems.append("\(job.path): \(error)")
                batches.batch.unreadNames.append(job.unique)
            }
            if batches.isFull { try batches.commit(commit, into: &sourceReport) }
        }
        var batched = Set<String>()
        for entry in entries {
            let name = (entry.path as NSString).lastPathComponent
            let unique = MaildirFlags.parse(fileName: name).unique
            if seen.contains(unique) || batched.contains(unique) { continue }
            switch MessageFile.read(entry.path, limit: config.limits.maxMessageBytes) {
            case .failure(.missing):
                continue
            case .failure(let failure):
                sourceReport.errors += 1
                sourceReport.problems.append("\(entry.path): \(failure)")
            case .success(let bytes):
                let delivered =
                    Int64(unique.prefix { $0.isASCII && $0.isNumber }).flatMap { $0 > 0 ? $0 : nil }
                    ?? FileStatus(entry.path).map { $0.mtimeNanoseconds / 1_000_000_000 }
                batched.insert(unique)
                try batches.submit(
                    bytes, MaildirJob(unique: unique, delivered: delivered, path: entry.path), receive: receive)
            }
        }
        try batches.finish(receive: receive)
        if !batches.batch.messages.isEmpty || !batches.batch.unreadNames.isEmpty {
            try batches.commit(commit, into: &sourceReport)
        }
        // A folder changed in the last two seconds may change again within the same tick of its time after it
        // was listed (mbsync renaming a file on a file system with whole-second times): its stamp is not kept,
        // so the next scan lists it again. mbsync itself waits out such a change before trusting a folder's time.
        state.fingerprint = times.contains { wallClock - $0 / 1_000_000_000 < 2 } ? nil : stamp
        state.device = status.device
        state.inode = status.inode
        var last = SourceBatch(source: path)
        last.cursor = state
        try commit(last, &sourceReport)
    }
}
