import BatonCore
import Foundation
import MailParsing

extension DropIngester {
    /// The message files people saved by hand into the drop folder's `saved/` subfolder (an Outlook `.msg`, an
    /// `.eml`), sorted by name; symbolic links are listed apart, to be reported and never followed.
    func savedFiles(_ folder: String) -> (files: [DropFile], symlinks: [String]) {
        let saved = folder + "/" + Config.Drop.savedFolder
        guard FileStatus(saved, follow: false)?.isDirectory ?? false else { return ([], []) }
        return Self.files(in: [saved])
    }

    /// Logs each file saved into `saved/` as the message it is — never as a forward: originals inside it are not
    /// unpacked, and its rep comes from its own parties, since no rep's mailbox or forward stands behind it —
    /// then moves it to `processed/` once its batch is committed. With `drop.saved_files` off, or when the file
    /// holds no readable message, it moves to `quarantine/` with its reason. A file modified in the last two
    /// seconds may still be being written: the next scan takes it.
    func readSaved(
        _ folder: String, wallClock: Int64, into sourceReport: inout SourceReport, commit: CommitBatch
    ) throws {
        let (files, symlinks) = savedFiles(folder)
        for link in symlinks {
            sourceReport.errors += 1
            sourceReport.problems.append("\(link): a symbolic link; not followed, left in place")
        }
        for file in files {
            guard let status = FileStatus(file.path) else { continue }
            if wallClock - status.mtimeNanoseconds / 1_000_000_000 < 2 { continue }
            guard config.drop.savedFiles else {
                try quarantine(
                    file, folder: folder,
                    reason:
                        "saved by hand into \(Config.Drop.savedFolder)/, and drop.saved_files is off: turn it on to log such files",
                    into: &sourceReport)
                continue
            }
            guard let bytes = try readBytes(file, folder: folder, into: &sourceReport) else { continue }
            let message = bytes.withUnsafeBytes { ingestor.parse($0) }
            guard message.hasHeaders else {
                let reason =
                    message.diagnostics.first { $0.code == .unreadableOutlookMessage }.map {
                        "not a readable Outlook message: \($0.detail)"
                    } ?? "not a mail message: no header field"
                try quarantine(file, folder: folder, reason: reason, into: &sourceReport)
                continue
            }
            let destination = try freeName(in: folder + "/" + config.drop.processed, name: file.name)
            var batch = SourceBatch(source: folder)
            batch.messages.append(
                PendingMessage(
                    record: MessageFacts.record(message, mailboxRep: nil, fallback: .none, now: now),
                    calendarParts: message.calendarParts,
                    location: config.drop.processed + "/" + (destination as NSString).lastPathComponent))
            // As for a forward: the file moves only once its message is committed.
            try commit(batch, &sourceReport)
            if !dryRun { try move(file.path, to: destination) }
        }
    }
}
