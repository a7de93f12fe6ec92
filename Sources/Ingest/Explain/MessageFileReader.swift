import BatonCore
import Foundation
import MailParsing
import Store

/// A message file read for `baton explain` as a scan would read it: what the scanner would store from it.
public struct MessageFileReading: Sendable {
    /// One message the scanner would store from the file, with its parsed form.
    public struct Entry: Sendable {
        /// What the store keeps: participants, time and where it came from, dedupe key.
        public var record: MessageRecord
        /// The parsed message (its headers say why it has its kind).
        public var parsed: MailMessage
        /// Where a scan of the configured source records it (`@offset`, a unique name, `processed/NAME#n`).
        public var location: String?
    }

    /// The file the message was read from (for an mbox, the mbox).
    public var path: String
    /// The container at the path given: `file`, `mbox`, `maildir` or `folder`.
    public var container: MailSource.Kind
    /// How many messages the container holds (only the first is explained).
    public var count: Int
    /// The configured source the file lies in, if any.
    public var source: Config.Source?
    /// The configured source's path, as scans record it.
    public var sourcePath: String?
    /// A drop-folder file: the rep who forwarded it, when the sender is a rep.
    public var forwardedBy: String?
    /// Things to know, in words: which message of a container, why a scan refused a drop file.
    public var notes: [String]
    /// What a scan stores from it: the message itself, or a drop file's forwarded originals.
    public var entries: [Entry]
}

/// Reads one message file the way `MessageIngestor` does: the configured limits, the source's rep and time fallbacks,
/// the same dedupe key; a drop-folder file gives its forwarded originals. Also re-reads a stored message from a
/// sighting, for the headers the store does not keep.
public enum MessageFileReader {
    /// Why a path could not be read as a message.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        /// True when the file is there but holds no mail at all (exit 65), false when it cannot be read (66).
        public var notMail: Bool
    }

    /// Reads the message at `path` (the first one of an mbox, Maildir or folder) as a scan at `now` would.
    public static func read(path: String, config: Config, directory: MatchDirectory, now: Int64) throws(Failure)
        -> MessageFileReading
    {
        let kind: MailSource.Kind
        do {
            kind = try MailSource.kind(of: path)
        } catch {
            throw Failure(description: error.description, notMail: false)
        }
        var first: (location: MailSource.Location, bytes: Result<[UInt8], MailSourceError>)?
        var count = 0
        do {
            try MailSource.read(path: path, options: .init(maxMessageBytes: config.limits.maxMessageBytes)) {
                location, result in
                count += 1
                if first == nil { first = (location, result.map { Array($0) }) }
            }
        } catch {
            throw Failure(description: error.description, notMail: false)
        }
        guard let first else { throw Failure(description: "\(path): holds no message", notMail: true) }
        let bytes: [UInt8]
        switch first.bytes {
        case .success(let b): bytes = b
        case .failure(let error): throw Failure(description: error.description, notMail: true)
        }
        let parsed = MessageParser.parse(bytes, options: MessageParser.Options(maxDepth: config.limits.maxMimeDepth))
        guard parsed.hasHeaders else {
            let reason =
                parsed.diagnostics.first { $0.code == .unreadableOutlookMessage }?.detail
                ?? "not a mail message: no header field"
            throw Failure(description: "\(first.location.path): \(reason)", notMail: true)
        }
        let file = first.location.path
        var reading = MessageFileReading(
            path: file, container: kind, count: count, source: nil, sourcePath: nil, forwardedBy: nil, notes: [],
            entries: [])
        if kind != .file {
            reading.notes.append(
                "\(path) is a\(kind == .mbox ? "n" : "") \(kind.rawValue) of \(count) message\(count == 1 ? "" : "s"): "
                    + "explaining the first; pass a single message file to explain another")
        }
        let (source, sourcePath) = Self.source(of: first.location, container: kind, config: config)
        reading.source = source
        reading.sourcePath = sourcePath
        let name = (file as NSString).lastPathComponent
        if source?.type == .journal || (source == nil && JournalCopy.isReport(parsed)) {
            let location: String?
            let fallback: MessageFacts.FallbackTime
            if kind == .mbox {
                location = "@\(first.location.offset)"
                fallback = .fromLine(FileStatus.firstLine(file, at: first.location.offset).flatMap(MboxFromLine.date))
            } else if source != nil {
                let unique = MaildirFlags.parse(fileName: name).unique
                location = unique
                fallback = .delivery(
                    Int64(unique.prefix { $0.isASCII && $0.isNumber }).flatMap { $0 > 0 ? $0 : nil }
                        ?? FileStatus(file).map { $0.mtimeNanoseconds / 1_000_000_000 })
            } else {
                (location, fallback) = (nil, .none)
            }
            if source == nil { reading.notes.append("\(file) is in no configured mail source: a scan never reads it") }
            reading.entries = journal(parsed, location: location, fallback: fallback, now: now, reading: &reading)
            return reading
        }
        switch source?.type {
        case .maildir:
            let unique = MaildirFlags.parse(fileName: name).unique
            let delivered =
                Int64(unique.prefix { $0.isASCII && $0.isNumber }).flatMap { $0 > 0 ? $0 : nil }
                ?? FileStatus(file).map { $0.mtimeNanoseconds / 1_000_000_000 }
            let record = MessageFacts.record(parsed, mailboxRep: source?.rep, fallback: .delivery(delivered), now: now)
            reading.entries = [.init(record: record, parsed: parsed, location: unique)]
        case .drop:
            reading.entries = drop(
                parsed, file: file, folder: sourcePath ?? "", config: config, directory: directory,
                now: now, reading: &reading)
        case .mbox, nil, .calendar, .journal:
            if source == nil {
                reading.notes.append("\(file) is in no configured mail source: a scan never reads it")
            }
            var record = MessageFacts.record(parsed, mailboxRep: source?.rep, fallback: .none, now: now)
            if record.timeSource == .scan, kind == .mbox {
                let fromLine = FileStatus.firstLine(file, at: first.location.offset).flatMap(MboxFromLine.date)
                record = MessageFacts.record(parsed, mailboxRep: source?.rep, fallback: .fromLine(fromLine), now: now)
            }
            reading.entries = [
                .init(record: record, parsed: parsed, location: kind == .mbox ? "@\(first.location.offset)" : nil)
            ]
        }
        return reading
    }

    /// A journal report: the original it carries, with the envelope's recipients, as a scan stores it; or the
    /// report itself with the reason a scan counts it as an error. A plain copy is the message itself.
    static func journal(
        _ parsed: MailMessage, location: String?, fallback: MessageFacts.FallbackTime, now: Int64,
        reading: inout MessageFileReading
    ) -> [MessageFileReading.Entry] {
        switch JournalCopy.read(parsed) {
        case .success(let copy):
            let recipients = copy.envelopeRecipients.isEmpty ? "none" : copy.envelopeRecipients.joined(separator: ", ")
            reading.notes.append(
                copy.envelope == nil
                    ? "a plain journal copy: the message itself; envelope recipients \(recipients)"
                    : "a journal report: explaining the original it carries; envelope recipients \(recipients)")
            return [
                .init(
                    record: MailReading.journalRecord(copy, fallback: fallback, now: now), parsed: copy.original,
                    location: location)
            ]
        case .failure(let error):
            reading.notes.append("a journal report a scan counts as an error and does not store: \(error)")
            return [
                .init(
                    record: MessageFacts.record(parsed, mailboxRep: nil, fallback: fallback, now: now), parsed: parsed)
            ]
        }
    }

    /// A drop-folder file: its forwarded originals in the forwarding rep's name, or why a scan refuses it.
    static func drop(
        _ parsed: MailMessage, file: String, folder: String, config: Config, directory: MatchDirectory, now: Int64,
        reading: inout MessageFileReading
    ) -> [MessageFileReading.Entry] {
        let parent = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
        let name = (file as NSString).lastPathComponent
        let quarantined = parent == config.drop.quarantine
        if quarantined, let reason = try? String(contentsOfFile: file + ".reason", encoding: .utf8) {
            reading.notes.append("quarantined: " + reason.split(separator: "\n").joined(separator: "; "))
        }
        if parent == Config.Drop.savedFolder {
            reading.notes.append(
                config.drop.savedFiles
                    ? "a file saved by hand into \(parent)/: a scan logs it as itself (never as a forward), its rep taken from its parties"
                    : "a file saved by hand into \(parent)/, and drop.saved_files is off: a scan quarantines it")
            return [
                .init(record: MessageFacts.record(parsed, mailboxRep: nil, fallback: .none, now: now), parsed: parsed)
            ]
        }
        let sender = parsed.from.first?.address
        let rep = sender.flatMap(directory.rep)
        reading.forwardedBy = rep
        guard let rep else {
            reading.notes.append(
                "a drop-folder file from \(sender ?? "(no sender)"), who is not a known rep: a scan quarantines it")
            return [
                .init(record: MessageFacts.record(parsed, mailboxRep: nil, fallback: .none, now: now), parsed: parsed)
            ]
        }
        guard !parsed.forwarded.isEmpty else {
            reading.notes.append("a drop-folder file with no forwarded message in it: a scan quarantines it")
            return [
                .init(record: MessageFacts.record(parsed, mailboxRep: rep, fallback: .none, now: now), parsed: parsed)
            ]
        }
        let originals = "\(parsed.forwarded.count) forwarded original\(parsed.forwarded.count == 1 ? "" : "s")"
        reading.notes.append(
            quarantined
                ? "a drop-folder file from \(rep), refused by the scan: its \(originals) were never logged"
                : "a drop-folder file forwarded by \(rep): a scan logs its \(originals) as if read in \(rep)'s mailbox")
        let zone = directory.repZone(rep).flatMap(TimeZone.init(identifier:)) ?? config.timezone
        return parsed.forwarded.enumerated().map { n, original in
            .init(
                record: MessageFacts.record(original, mailboxRep: rep, fallback: .forwarded(zone: zone), now: now),
                parsed: original,
                location: parent == config.drop.processed ? "\(config.drop.processed)/\(name)#\(n + 1)" : nil)
        }
    }

    /// The configured mail source a message at `location` lies in, with that source's path as scans record it.
    static func source(of location: MailSource.Location, container: MailSource.Kind, config: Config) -> (
        Config.Source?, String?
    ) {
        let file = canonical(location.path)
        for source in config.sources {
            for path in PathGlob.expand(source.path) {
                let root = canonical(path)
                switch source.type {
                case .mbox where container == .mbox && root == file:
                    return (source, path)
                case .journal where container == .mbox && root == file:
                    return (source, path)
                case .maildir, .journal:
                    let folder = (file as NSString).deletingLastPathComponent
                    let sub = (folder as NSString).lastPathComponent
                    if (sub == "cur" || sub == "new") && (folder as NSString).deletingLastPathComponent == root {
                        return (source, path)
                    }
                case .drop where file.hasPrefix(root + "/"):
                    return (source, path)
                default:
                    continue
                }
            }
        }
        return (nil, nil)
    }

    /// An absolute path without `.`, `..` or symbolic links, to compare paths.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The stored message seen at (`source`, `location`) parsed again from its file, or nil when the file is
    /// gone or has changed.
    public static func reread(source: String, location: String, config: Config) -> MailMessage? {
        reread(anyOf: source, location: location, config: config).map { message in
            // A journal report's sighting: the stored message is the original it carries.
            guard JournalCopy.isReport(message), case .success(let copy) = JournalCopy.read(message) else {
                return message
            }
            return copy.original
        }
    }

    /// The message at a sighting, parsed again (a journal report as it is).
    static func reread(anyOf source: String, location: String, config: Config) -> MailMessage? {
        let options = MessageParser.Options(maxDepth: config.limits.maxMimeDepth)
        if location.hasPrefix("@"), let offset = Int(location.dropFirst()) {
            guard
                let reader = try? MboxReader(
                    path: source, maxMessageBytes: config.limits.maxMessageBytes, startOffset: offset)
            else { return nil }
            var message: MailMessage?
            try? reader.forEach { record, result in
                guard message == nil, record.offset == offset, case .success(let bytes) = result else { return }
                message = MessageParser.parse(bytes, options: options)
            }
            return message
        }
        if let hash = location.lastIndex(of: "#"), let n = Int(location[location.index(after: hash)...]), n > 0 {
            let path = source + "/" + location[..<hash]
            guard case .success(let bytes) = MessageFile.read(path, limit: config.limits.maxMessageBytes) else {
                return nil
            }
            let forwarded = MessageParser.parse(bytes, options: options).forwarded
            return n <= forwarded.count ? forwarded[n - 1] : nil
        }
        // A file saved by hand into a drop folder's saved/ is logged as itself at processed/NAME.
        if location.hasPrefix(config.drop.processed + "/") {
            guard
                case .success(let bytes) = MessageFile.read(
                    source + "/" + location, limit: config.limits.maxMessageBytes)
            else { return nil }
            return MessageParser.parse(bytes, options: options)
        }
        for sub in ["cur", "new"] {
            let folder = source + "/" + sub
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            guard let name = names.sorted().first(where: { MaildirFlags.parse(fileName: $0).unique == location }),
                case .success(let bytes) = MessageFile.read(folder + "/" + name, limit: config.limits.maxMessageBytes)
            else { continue }
            return MessageParser.parse(bytes, options: options)
        }
        return nil
    }
}
