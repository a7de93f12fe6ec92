import BatonCore
import Foundation
import MailParsing
import Store

/// A message read from a source, waiting for its batch's transaction.
struct PendingMessage {
    var record: MessageRecord
    var calendarParts: [[UInt8]]
    var location: String
    /// Maildir: the unique name to mark as read with the batch.
    var uniqueName: String?
}

extension Scanner {
    // MARK: mbox

    /// Reads an mbox from its cursor: only appended bytes when the file grew, all of it again (dedupe keeps
    /// the store exact) when it was rewritten or truncated, nothing but a `stat` when it is unchanged.
    func scanMbox(_ path: String, rep: String?, into sourceReport: inout SourceReport) throws {
        guard let status = FileStatus(path, follow: true) else { return }
        guard status.isRegular else {
            sourceReport.errors += 1
            sourceReport.problems.append("cannot read \(path): not a regular file (an mbox source is one file)")
            return
        }
        let old = try store.sourceState(path)
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
        let reader: MboxReader
        do {
            reader = try MboxReader(path: path, maxMessageBytes: config.limits.maxMessageBytes, startOffset: Int(start))
        } catch {
            sourceReport.errors += 1
            sourceReport.problems.append("cannot read \(error)")
            return
        }
        var batch: [PendingMessage] = []
        var batchEnd = start
        var failure: (any Error)?
        func flush(_ report: inout SourceReport) {
            guard failure == nil, !batch.isEmpty || batchEnd != state.offset else { return }
            do {
                try store.database.transaction {
                    for pending in batch {
                        try ingest(
                            pending.record, calendarParts: pending.calendarParts, source: path,
                            location: pending.location, into: &report)
                    }
                    state.offset = batchEnd
                    state.fingerprint = FileStatus.fingerprint(path, end: batchEnd)
                    try store.saveSourceState(state, at: now)
                }
            } catch {
                failure = error
            }
            batch.removeAll(keepingCapacity: true)
        }
        do {
            try reader.forEach { record, result in
                guard failure == nil else { return }
                let end = Int64(record.offset + record.length)
                switch result {
                case .failure(let error):
                    sourceReport.errors += 1
                    sourceReport.problems.append(error.description)
                case .success(let bytes):
                    let message = parse(bytes)
                    let fromLine = FileStatus.firstLine(path, at: record.offset).flatMap(MboxFromLine.date)
                    let facts = MessageFacts.record(message, mailboxRep: rep, fallback: .fromLine(fromLine), now: now)
                    batch.append(
                        PendingMessage(
                            record: facts, calendarParts: message.calendarParts, location: "@\(record.offset)"))
                }
                batchEnd = end
                if batch.count >= Scanner.batchSize { flush(&sourceReport) }
            }
        } catch {
            sourceReport.errors += 1
            sourceReport.problems.append("cannot read \(error)")
        }
        flush(&sourceReport)
        if let failure { throw failure }
        state.size = status.size
        state.mtimeNanoseconds = status.mtimeNanoseconds
        state.offset = batchEnd
        state.fingerprint = FileStatus.fingerprint(path, end: batchEnd)
        try store.database.transaction { try store.saveSourceState(state, at: now) }
    }

    // MARK: Maildir

    /// Reads the messages of a Maildir not read before; a move from `new/` to `cur/` or a flag change is not a
    /// new message (a message is its unique name). Unchanged folders cost two `stat`s.
    func scanMaildir(_ path: String, rep: String?, into sourceReport: inout SourceReport) throws {
        guard let status = FileStatus(path, follow: true) else { return }
        guard status.isDirectory else {
            sourceReport.errors += 1
            sourceReport.problems.append("cannot read \(path): not a folder (a maildir source is a folder)")
            return
        }
        let stamp = ["new", "cur"].map { FileStatus(path + "/" + $0, follow: true)?.mtimeNanoseconds ?? -1 }
            .map(String.init).joined(separator: ",")
        var state = try store.sourceState(path) ?? SourceState(path: path, type: "maildir")
        if state.fingerprint == stamp { return }
        let seen = try store.maildirSeen(path)
        let entries: [(path: String, flags: MaildirFlags)]
        do {
            entries = try MailSource.maildirEntries(path)
        } catch {
            sourceReport.errors += 1
            sourceReport.problems.append("cannot read \(error)")
            return
        }
        var batch: [PendingMessage] = []
        func flush(_ report: inout SourceReport) throws {
            guard !batch.isEmpty else { return }
            try store.database.transaction {
                for pending in batch {
                    try ingest(
                        pending.record, calendarParts: pending.calendarParts, source: path, location: pending.location,
                        into: &report)
                }
                try store.markMaildirSeen(path, batch.compactMap(\.uniqueName))
            }
            batch.removeAll(keepingCapacity: true)
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
                let message = bytes.withUnsafeBytes { parse($0) }
                let delivered =
                    Int64(unique.prefix { $0.isASCII && $0.isNumber }).flatMap { $0 > 0 ? $0 : nil }
                    ?? FileStatus(entry.path).map { $0.mtimeNanoseconds / 1_000_000_000 }
                let facts = MessageFacts.record(message, mailboxRep: rep, fallback: .delivery(delivered), now: now)
                batch.append(
                    PendingMessage(
                        record: facts, calendarParts: message.calendarParts, location: unique, uniqueName: unique))
                batched.insert(unique)
                if batch.count >= Scanner.batchSize { try flush(&sourceReport) }
            }
        }
        try flush(&sourceReport)
        state.fingerprint = stamp
        state.device = status.device
        state.inode = status.inode
        try store.database.transaction { try store.saveSourceState(state, at: now) }
    }
}
