import BatonCore
import Foundation
import MailParsing
import Store

/// Where an mbox record is: its offset (its `From ` line) and the end of its bytes.
struct MboxJob: Sendable {
    var offset: Int
    var end: Int64
}

/// An mbox source, read incrementally from its cursor into batches of messages, each with the cursor that
/// follows it; the scan's `CommitBatch` stores each in one transaction. It reads the store (the cursor) but
/// never writes it.
public struct MboxIngester {
    let ingestor: MessageIngestor
    /// What reads the file (`MboxReader`'s `read(2)` when nil): a test's stand-in fails part-way.
    var readBytes: MboxReader.ReadBytes?
    var config: Config { ingestor.config }
    var store: BatonStore { ingestor.store }
    var now: Int64 { ingestor.now }

    /// A reader parsing with `ingestor`'s limits.
    public init(ingestor: MessageIngestor) { self.ingestor = ingestor }

    /// Reads an mbox from its cursor: only appended bytes when the file grew, all of it again (dedupe keeps
    /// the store exact) when it was rewritten or truncated, nothing but a `stat` when it is unchanged.
    ///
    /// It reads up to the size `stat` gave at the start. A delivery may be appending right then: when the file
    /// moved since, the last message before that size may be half there, and waits for the next scan.
    ///
    /// Each batch goes to `commit`, the last with the file's size and time; a failed commit stops the source and
    /// its error is thrown.
    public func read(
        _ path: String, rep: String?, into sourceReport: inout SourceReport, commit: CommitBatch
    ) throws {
        try read(path, reading: .mailbox(rep: rep), into: &sourceReport, commit: commit)
    }

    /// Reads an mbox as above, each message made a record by `reading` (a mailbox's or a journal's); a journal
    /// report that gives no original is a counted error, and the cursor moves past it.
    func read(_ path: String, reading: MailReading, into sourceReport: inout SourceReport, commit: CommitBatch)
        throws
    {
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
        var state = SourceState(path: path, type: reading.cursorType(container: .mbox))
        state.device = status.device
        state.inode = status.inode
        state.offset = start
        let reader: MboxReader
        do {
            reader = try MboxReader(
                path: path, maxMessageBytes: config.limits.maxMessageBytes, startOffset: Int(start),
                endOffset: Int(status.size), readBytes: readBytes)
        } catch {
            sourceReport.failSource("cannot read \(error)")
            return
        }
        let (now, options) = (now, ingestor.parserOptions)
        // What the worker makes of one message, parsed where the reader holds it: the record, or why none.
        let make = { @Sendable (bytes: UnsafeRawBufferPointer, job: MboxJob) -> ReadMessage in
            let message = MessageParser.parse(bytes, options: options)
            // The separator line's date is read only when the Date header cannot be used.
            var facts = reading.record(message, fallback: .none, now: now)
            if case .success(let first) = facts, first.timeSource == .scan {
                let fromLine = FileStatus.firstLine(path, at: job.offset).flatMap(MboxFromLine.date)
                facts = reading.record(message, fallback: .fromLine(fromLine), now: now)
            }
            switch facts {
            case .success(let record): return .record(record, calendarParts: message.calendarParts)
            case .failure(let error): return .failed("\(path) @\(job.offset): \(error)")
            }
        }
        let batches = MailBatcher<MboxJob>(batch: SourceBatch(source: path), largest: ingestor.largestBatch)
        // A rewritten file is read from the start: the locations recorded from its old layout go with the first
        // batch, and every message still in it is sighted again at its new offset; the messages read from it
        // before it was rewritten are not new to it.
        if start == 0, (old?.offset ?? 0) > 0 {
            batches.batch.forgetOldLocations = true
            batches.batch.earlierInSource = try store.mail.messagesSighted(source: path)
        }
        // The end of the last record received: the cursor each batch commits with.
        var batchEnd = start
        func commitBatch(_ report: inout SourceReport) throws {
            guard !batches.batch.messages.isEmpty || batchEnd != state.offset else { return }
            state.offset = batchEnd
            state.fingerprint = FileStatus.fingerprint(path, end: batchEnd)
            batches.batch.cursor = state
            try batches.commit(commit, into: &report)
        }
        func receive(_ job: MboxJob, _ read: ReadMessage) throws {
            switch read {
            case .record(let record, let calendarParts):
                batches.batch.messages.append(
                    PendingMessage(record: record, calendarParts: calendarParts, location: "@\(job.offset)"))
            case .failed(let problem), .unreadable(let problem):
                sourceReport.errors += 1
                sourceReport.problems.append(problem)
            case .vanished:
                break
            }
            batchEnd = job.end
            if batches.isFull { try commitBatch(&sourceReport) }
        }
        // Reads the records in order and makes each one's message, handing both to `emit` until it says stop (a
        // failed commit); a record ending at the size `stat` gave, in a file that moved since, waits.
        let produce = { (emit: ((MboxJob, ReadMessage)) -> Bool) throws(MailSourceError) in
            var open = true
            try reader.forEach { record, result in
                guard open else { return }
                let end = Int64(record.offset + record.length)
                if end == status.size, FileStatus(path, follow: true).map({ $0 != status }) ?? true { return }
                let job = MboxJob(offset: record.offset, end: end)
                switch result {
                case .failure(let error): open = emit((job, .failed(error.description)))
                case .success(let bytes): open = emit((job, make(bytes, job)))
                }
            }
        }
        // A failed commit stops the reading; the records after it are skipped, and the error is thrown below.
        var failure: (any Error)?
        // A read that failed part-way (an I/O error): what was read before it is committed, and the rest is read
        // again from there by the next scan, whether the file changes or not.
        var readFailed = false
        do {
            if MessageIngestor.parseWorkers == 0 {
                try produce { job, read in
                    do {
                        try receive(job, read)
                        return true
                    } catch {
                        failure = error
                        return false
                    }
                }
            } else {
                // The worker reads, finds and parses each message; this thread only stores.
                // A whole batch ahead: while the writer stores one batch, the worker makes the next.
                let ahead = ReadAhead<(MboxJob, ReadMessage)>(window: batches.largest, produce: produce)
                defer { ahead.close() }
                while failure == nil, let (job, read) = try ahead.next() {
                    do { try receive(job, read) } catch { failure = error }
                }
            }
        } catch let error as MailSourceError {
            sourceReport.failSource("cannot read \(error)")
            readFailed = true
        } catch {
            failure = error
        }
        if let failure { throw failure }
        try commitBatch(&sourceReport)
        // The file's size and time say it was read to its end: not after a failed read, so that the next scan does
        // not take the file for unchanged and goes on from the offset.
        if !readFailed {
            state.size = status.size
            state.mtimeNanoseconds = status.mtimeNanoseconds
        }
        state.offset = batchEnd
        state.fingerprint = FileStatus.fingerprint(path, end: batchEnd)
        var last = SourceBatch(source: path)
        last.cursor = state
        try commit(last, &sourceReport)
    }
}
