import BatonCore
import Foundation
import MailParsing
import Store

/// A Maildir file on its way through the parse pipeline.
struct MaildirJob: Sendable {
    var unique: String
    var delivered: Int64?
}

/// A Maildir source: the messages not read before (by unique name), each batch stored through the message
/// ingestor (`MessageIngestor`) in one transaction with the names it marks as read.
public struct MaildirIngester {
    let ingestor: MessageIngestor
    var config: Config { ingestor.config }
    var store: BatonStore { ingestor.store }
    var now: Int64 { ingestor.now }

    /// A reader that stores what it reads through `ingestor`.
    public init(ingestor: MessageIngestor) { self.ingestor = ingestor }

    /// Reads the messages of a Maildir not read before; a move from `new/` to `cur/` or a flag change is not a
    /// new message (a message is its unique name). Unchanged folders cost two `stat`s.
    public func read(_ path: String, rep: String?, into sourceReport: inout SourceReport) throws {
        guard let status = FileStatus(path, follow: true) else { return }
        guard status.isDirectory else {
            sourceReport.failSource("cannot read \(path): not a folder (a maildir source is a folder)")
            return
        }
        let stamp = ["new", "cur"].map { FileStatus(path + "/" + $0, follow: true)?.mtimeNanoseconds ?? -1 }
            .map(String.init).joined(separator: ",")
        var state = try store.cursors.sourceState(path) ?? SourceState(path: path, type: "maildir")
        if state.fingerprint == stamp { return }
        let seen = try store.cursors.maildirSeen(path)
        let entries: [(path: String, flags: MaildirFlags)]
        do {
            entries = try MailSource.maildirEntries(path)
        } catch {
            sourceReport.failSource("cannot read \(error)")
            return
        }
        var batch: [PendingMessage] = []
        func flush(_ report: inout SourceReport) throws {
            guard !batch.isEmpty else { return }
            try store.write {
                for pending in batch {
                    try ingestor.ingest(
                        pending.record, calendarParts: pending.calendarParts, source: path, location: pending.location,
                        into: &report)
                }
                try store.cursors.markMaildirSeen(path, batch.compactMap(\.uniqueName))
            }
            batch.removeAll(keepingCapacity: true)
        }
        var batched = Set<String>()
        let pipeline = ParsePipeline<MaildirJob>(workers: MessageIngestor.parseWorkers, options: ingestor.parserOptions)
        defer { pipeline.close() }
        func deliver(_ job: MaildirJob, _ message: MailMessage) throws {
            let facts = MessageFacts.record(message, mailboxRep: rep, fallback: .delivery(job.delivered), now: now)
            batch.append(
                PendingMessage(
                    record: facts, calendarParts: message.calendarParts, location: job.unique, uniqueName: job.unique))
            if batch.count >= MessageIngestor.batchSize { try flush(&sourceReport) }
        }
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
                try pipeline.submit(bytes, MaildirJob(unique: unique, delivered: delivered), deliver: deliver)
            }
        }
        try pipeline.finish(deliver: deliver)
        try flush(&sourceReport)
        state.fingerprint = stamp
        state.device = status.device
        state.inode = status.inode
        try store.write { try store.cursors.saveSourceState(state, at: now) }
    }
}
