import BatonCore
import Foundation
import MailParsing
import Store

/// A drop folder: the forwarded originals of each file a rep forwarded make one batch, which goes to the scan's
/// `CommitBatch` (one transaction); once it is committed the file moves to `processed/`, and a refused file to
/// `quarantine/` (nothing moves in a dry run). It never writes the store.
public struct DropIngester {
    let ingestor: MessageIngestor
    var config: Config { ingestor.config }
    var now: Int64 { ingestor.now }
    var dryRun: Bool { ingestor.dryRun }

    /// A reader matching senders to reps with `ingestor`'s directory.
    public init(ingestor: MessageIngestor) { self.ingestor = ingestor }

    /// A file in the drop folder and where it sits.
    struct DropFile {
        /// Full path.
        var path: String
        /// Its name (in `new/` or `cur/` for a Maildir).
        var name: String
    }

    /// Files waiting in a drop folder: `new/` and `cur/` of a Maildir, else the folder's own files; the processed,
    /// quarantine and saved folders are not entered.
    func dropFiles(_ folder: String) -> (files: [DropFile], symlinks: [String]) {
        let isMaildir = ["new", "cur"].contains { FileStatus(folder + "/" + $0, follow: false)?.isDirectory ?? false }
        return Self.files(in: isMaildir ? [folder + "/new", folder + "/cur"] : [folder])
    }

    /// The regular files of `folders`, each folder's sorted by name, dot files left out; symbolic links are listed
    /// apart so they can be reported, never followed.
    static func files(in folders: [String]) -> (files: [DropFile], symlinks: [String]) {
        var files: [DropFile] = []
        var symlinks: [String] = []
        for dir in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
                let path = dir + "/" + name
                guard let status = FileStatus(path) else { continue }
                if status.isSymlink {
                    symlinks.append(path)
                } else if status.isRegular {
                    files.append(DropFile(path: path, name: name))
                }
            }
        }
        return (files, symlinks)
    }

    /// Reads `file` within `limits.max_message_bytes`: nil when it is gone (taken by another scan), too large
    /// (quarantined) or unreadable (a counted error).
    func readBytes(_ file: DropFile, folder: String, into sourceReport: inout SourceReport) throws -> [UInt8]? {
        switch MessageFile.read(file.path, limit: config.limits.maxMessageBytes) {
        case .failure(.missing): return nil
        case .failure(.tooLarge(let size, let limit)):
            try quarantine(
                file, folder: folder, reason: "message of \(size) bytes exceeds the limit of \(limit) bytes",
                into: &sourceReport)
            return nil
        case .failure(let failure):
            sourceReport.errors += 1
            sourceReport.problems.append("\(file.path): \(failure)")
            return nil
        case .success(let bytes): return bytes
        }
    }

    /// Unpacks the threads reps forwarded: a file from a known rep (authenticated when required) has its
    /// forwarded originals logged as if read in that rep's mailbox and moves to `processed/`; anything else
    /// moves to `quarantine/` with a `.reason` file beside it. Nothing is deleted. Each accepted file's batch
    /// goes to `commit`, and the file moves after it returns. Then the files saved by hand into `saved/`
    /// (`readSaved`).
    public func read(_ folder: String, into sourceReport: inout SourceReport, commit: CommitBatch) throws {
        guard let status = FileStatus(folder, follow: true), status.isDirectory else { return }
        let (files, symlinks) = dropFiles(folder)
        for link in symlinks {
            sourceReport.errors += 1
            sourceReport.problems.append("\(link): a symbolic link; not followed, left in place")
        }
        let wallClock = UnixTime.now()
        for file in files {
            // A plain file written in the last seconds may still be growing: the next scan takes it.
            if let s = FileStatus(file.path), wallClock - s.mtimeNanoseconds / 1_000_000_000 < 2,
                !file.path.contains("/new/"), !file.path.contains("/cur/")
            {
                continue
            }
            guard let bytes = try readBytes(file, folder: folder, into: &sourceReport) else { continue }
            let message = bytes.withUnsafeBytes { ingestor.parse($0) }
            let sender = message.from.first?.address
            guard let sender, let rep = try ingestor.directory.rep(sender) else {
                try quarantine(
                    file, folder: folder,
                    reason: "the sender \(sender ?? "(none)") is not a known rep; only reps may forward threads here",
                    into: &sourceReport)
                continue
            }
            if config.drop.requireAuthentication {
                let fields = message.headers.filter { $0.name.lowercased() == "authentication-results" }.map(\.value)
                let domain = EmailAddress.domain(of: sender) ?? ""
                if !AuthenticationResults.passes(fields, authservID: config.drop.authservID ?? "", domain: domain) {
                    try quarantine(
                        file, folder: folder,
                        reason:
                            "no passing DKIM or SPF result from \(config.drop.authservID ?? "") for \(domain) in Authentication-Results: the From may be forged",
                        into: &sourceReport)
                    continue
                }
            }
            guard !message.forwarded.isEmpty else {
                try quarantine(file, folder: folder, reason: "no forwarded message found in it", into: &sourceReport)
                continue
            }
            let zone = try ingestor.directory.repZone(rep).flatMap(TimeZone.init(identifier:)) ?? config.timezone
            let destination = try freeName(in: folder + "/" + config.drop.processed, name: file.name)
            let location = config.drop.processed + "/" + (destination as NSString).lastPathComponent
            var batch = SourceBatch(source: folder)
            for (n, original) in message.forwarded.enumerated() {
                let facts = MessageFacts.record(original, mailboxRep: rep, fallback: .forwarded(zone: zone), now: now)
                batch.messages.append(
                    PendingMessage(
                        record: facts, calendarParts: original.calendarParts, location: "\(location)#\(n + 1)"))
            }
            // The file moves only once what it holds is committed: a scan killed in between reads it again, and
            // dedupe makes that harmless.
            try commit(batch, &sourceReport)
            if !dryRun { try move(file.path, to: destination) }
        }
        try readSaved(folder, wallClock: wallClock, into: &sourceReport, commit: commit)
    }

    /// Moves a refused file to the quarantine folder with a `.reason` file beside it.
    func quarantine(_ file: DropFile, folder: String, reason: String, into sourceReport: inout SourceReport) throws {
        sourceReport.quarantined += 1
        sourceReport.problems.append("\(file.path): quarantined: \(reason)")
        guard !dryRun else { return }
        let destination = try freeName(in: folder + "/" + config.drop.quarantine, name: file.name)
        // The reason first, written in place (no temporary file), then the move: a scan killed in between leaves
        // the file where it was and a reason without its message, which the next scan writes again.
        let note = "\(file.name): \(reason)\nquarantined by baton scan at \(Timestamp.format(epochSeconds: now))\n"
        do {
            try Data(note.utf8).write(to: URL(fileURLWithPath: destination + ".reason"))
        } catch {
            throw ScanIOError(path: destination + ".reason", reason: "cannot write")
        }
        try move(file.path, to: destination)
    }

    /// A path in `folder` (created 0700 when missing) for `name` that does not exist yet. A `folder` that is a
    /// symbolic link is refused: moving through it would write wherever it points.
    func freeName(in folder: String, name: String) throws -> String {
        if let status = FileStatus(folder), !status.isDirectory {
            throw ScanIOError(
                path: folder,
                reason: status.isSymlink
                    ? "is a symbolic link; not followed (make it a folder inside the drop folder)" : "is not a folder")
        }
        if !dryRun {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw ScanIOError(path: folder, reason: "cannot create the folder")
            }
        }
        var candidate = folder + "/" + name
        var n = 2
        // A `.reason` without its message is a killed scan's: its name is free again.
        while FileStatus(candidate) != nil {
            candidate = folder + "/" + name + "." + String(n)
            n += 1
        }
        return candidate
    }

    /// `rename(2)`: atomic within the drop folder's file system.
    func move(_ from: String, to: String) throws {
        if rename(from, to) != 0 {
            throw ScanIOError(path: from, reason: "cannot move to \(to): \(String(cString: strerror(errno)))")
        }
    }
}
