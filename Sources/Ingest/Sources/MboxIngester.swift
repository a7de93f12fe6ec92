import BatonCore
import Foundation
import MailParsing
import Store

/// An mbox record on its way through the parse pipeline.
struct MboxJob: Sendable {
    var offset: Int
    var end: Int64
    var error: String?
}

/// A message read from a source, waiting for its batch's transaction.
struct PendingMessage {
    var record: MessageRecord
    var calendarParts: [[UInt8]]
    var location: String
    /// Maildir: the unique name to mark as read with the batch.
    var uniqueName: String?
}

/// An mbox source, read incrementally from its cursor; each batch of messages goes to the message ingestor
/// (`MessageIngestor`) in one transaction with the cursor that follows it.
public struct MboxIngester {
    let ingestor: MessageIngestor
    var config: Config { ingestor.config }
    var store: BatonStore { ingestor.store }
    var now: Int64 { ingestor.now }

    /// A reader that stores what it reads through `ingestor`.
    public init(ingestor: MessageIngestor) { self.ingestor = ingestor }

    /// Reads an mbox from its cursor: only appended bytes when the file grew, all of it again (dedupe keeps
    /// the store exact) when it was rewritten or truncated, nothing but a `stat` when it is unchanged.
    ///
    /// It reads up to the size `stat` gave at the start. A delivery may be appending right then: when the file
    /// moved since, the last message before that size may be half there, and waits for the next scan.
    public func read(_ path: String, rep: String?, into sourceReport: inout SourceReport) throws {
        guard let status = FileStatus(path, follow: true) else { return }
        guard status.isRegular else {
            sourceReport.failSource("cannot read \(path): not a regular file (an mbox source is one file)")
            return
        }
        let old = try store.cursors.sourceState(path)
        if let old, old.device == status.device, old.inode == status.inode, old.size == status.size,
            old.mtimeNanoseconds == status.mtimeNanoseconds
        {
            return
        }
        var start: Int64 = 0
        if let old, old.device == status.device, old.inode == status.inode, old.offset <= status.size,
            old.offset == 0 || FileStatus.fingerprint(path, end: old.offset) == old.fingerprint
        {
            start = old.offset
        }
        var state = SourceState(path: path, type: "mbox")
        state.device = status.device
        state.inode = status.inode
        state.offset = start
        // A rewritten file is read from the start: the locations recorded from its old layout go with the first
        // batch, and every message still in it is sighted again at its new offset.
        var forgetOldLocations = start == 0 && (old?.offset ?? 0) > 0
        // Messages read from this file before it was rewritten are not new to it.
        let earlierInSource = forgetOldLocations ? try store.mail.messagesSighted(source: path) : []
        let reader: MboxReader
        do {
            reader = try MboxReader(
                path: path, maxMessageBytes: config.limits.maxMessageBytes, startOffset: Int(start),
                endOffset: Int(status.size))
        } catch {
            sourceReport.failSource("cannot read \(error)")
            return
        }
        var batch: [PendingMessage] = []
        var batchEnd = start
        var failure: (any Error)?
        func flush(_ report: inout SourceReport) {
            guard failure == nil, !batch.isEmpty || batchEnd != state.offset else { return }
            do {
                try store.write {
                    if forgetOldLocations { try store.mail.deleteSightings(source: path) }
                    for pending in batch {
                        try ingestor.ingest(
                            pending.record, calendarParts: pending.calendarParts, source: path,
                            location: pending.location, earlierInSource: earlierInSource, into: &report)
                    }
                    state.offset = batchEnd
                    state.fingerprint = FileStatus.fingerprint(path, end: batchEnd)
                    try store.cursors.saveSourceState(state, at: now)
                }
                forgetOldLocations = false
            } catch {
                failure = error
            }
            batch.removeAll(keepingCapacity: true)
        }
        // Parsing runs on a worker thread; messages come back in file order to be stored here.
        let pipeline = ParsePipeline<MboxJob>(workers: MessageIngestor.parseWorkers, options: ingestor.parserOptions)
        defer { pipeline.close() }
        func deliver(_ job: MboxJob, _ message: MailMessage) {
            if let error = job.error {
                sourceReport.errors += 1
                sourceReport.problems.append(error)
            } else {
                // The separator line's date is read only when the Date header cannot be used.
                var facts = MessageFacts.record(message, mailboxRep: rep, fallback: .none, now: now)
                if facts.timeSource == .scan {
                    let fromLine = FileStatus.firstLine(path, at: job.offset).flatMap(MboxFromLine.date)
                    facts = MessageFacts.record(message, mailboxRep: rep, fallback: .fromLine(fromLine), now: now)
                }
                batch.append(
                    PendingMessage(record: facts, calendarParts: message.calendarParts, location: "@\(job.offset)"))
            }
            batchEnd = job.end
            if batch.count >= MessageIngestor.batchSize { flush(&sourceReport) }
        }
        do {
            try reader.forEach { record, result in
                guard failure == nil else { return }
                let end = Int64(record.offset + record.length)
                if end == status.size, FileStatus(path, follow: true).map({ $0 != status }) ?? true { return }
                switch result {
                case .failure(let error):
                    try? pipeline.submit(
                        [], MboxJob(offset: record.offset, end: end, error: error.description), deliver: deliver)
                case .success(let bytes):
                    try? pipeline.submit(
                        Array(bytes), MboxJob(offset: record.offset, end: end, error: nil), deliver: deliver)
                }
            }
            try? pipeline.finish(deliver: deliver)
        } catch {
            sourceReport.failSource("cannot read \(error)")
        }
        flush(&sourceReport)
        if let failure { throw failure }
        state.size = status.size
        state.mtimeNanoseconds = status.mtimeNanoseconds
        state.offset = batchEnd
        state.fingerprint = FileStatus.fingerprint(path, end: batchEnd)
        try store.write { try store.cursors.saveSourceState(state, at: now) }
    }
}
