import BatonCore
import Foundation
import MailParsing
import Store

/// A Maildir file on its way through the parse pipeline: the worker reads it.
struct MaildirJob: Sendable {
    var unique: String
    /// The file.
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
        let entries: [(path: String, unique: String, flags: MaildirFlags)]
        do {
            entries = try MailSource.maildirEntries(path)
        } catch {
            sourceReport.failSource("cannot read \(error)")
            return
        }
        let (now, options, limit) = (now, ingestor.parserOptions, config.limits.maxMessageBytes)
        let batches = MailBatcher<MaildirJob>(batch: SourceBatch(source: path), largest: ingestor.largestBatch) {
            _, job in
            let bytes: [UInt8]
            switch MessageFile.read(job.path, limit: limit) {
            case .failure(.missing): return .vanished
            case .failure(let failure): return .unreadable("\(job.path): \(failure)")
            case .success(let read): bytes = read
            }
            let message = MessageParser.parse(bytes, options: options)
            // Delivery time: the unique name's leading seconds, else the file's modification time.
            let delivered =
                Int64(job.unique.prefix { $0.isASCII && $0.isNumber }).flatMap { $0 > 0 ? $0 : nil }
                ?? FileStatus(job.path).map { $0.mtimeNanoseconds / 1_000_000_000 }
            switch reading.record(message, fallback: .delivery(delivered), now: now) {
            case .success(let record): return .record(record, calendarParts: message.calendarParts)
            case .failure(let error): return .failed("\(job.path): \(error)")
            }
        }
        batches.batch.marksSeen = true
        // The names read in this scan: a message listed twice (in `new/` and `cur/`) is stored once, from the
        // first of its files that could be read.
        var batched = Set<String>()
        func receive(_ job: MaildirJob, _ read: ReadMessage) throws {
            if batched.contains(job.unique) { return }
            switch read {
            case .record(let record, let calendarParts):
                batched.insert(job.unique)
                batches.batch.messages.append(
                    PendingMessage(
                        record: record, calendarParts: calendarParts, location: job.unique, uniqueName: job.unique))
            case .failed(let problem):
                batched.insert(job.unique)
                sourceReport.errors += 1
                sourceReport.problems.append(problem)
                batches.batch.unreadNames.append(job.unique)
            case .unreadable(let problem):
                sourceReport.errors += 1
                sourceReport.problems.append(problem)
            case .vanished:
                return
            }
            if batches.isFull { try batches.commit(commit, into: &sourceReport) }
        }
        for entry in entries where !seen.contains(entry.unique) {
            try batches.submit([], MaildirJob(unique: entry.unique, path: entry.path), receive: receive)
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
