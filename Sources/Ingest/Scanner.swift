import BatonCore
import CRM
import CalendarParsing
import Foundation
import MailParsing
import Store

/// The cron job's first half: imports changed CRM files, reads every source incrementally, matches what it
/// finds to reps and leads, and writes it to the store one transaction per batch.
public final class Scanner {
    /// How many messages go into one transaction.
    public static let batchSize = 500

    let config: Config
    let store: BatonStore
    let now: Int64
    let dryRun: Bool
    var directory: MatchDirectory
    var calendarDirty = false
    var calendarUIDs: [String: Set<String>] = [:]
    var report = ScanReport()
    /// Whether the store holds forwarded originals known only by sender, minute and subject: only then must a
    /// new message with a Message-ID look for its inline twin.
    var hasInlineMessages = false
    /// Messages sighted in an mbox before its client rewrote it (read again from the start).
    var earlierInSource: Set<Int64> = []
    /// Whether this scan stored any message for the first time.
    var storedNewMessages = false
    /// The pending-work notes this scan has written (see `notePending`).
    var notedPending: Set<String> = []
    /// People `baton forget` erased: nothing about them is stored again.
    let forgotten: ForgottenPeople
    /// Addresses already checked against `forgotten` in this scan.
    var forgottenSeen: [String: Bool] = [:]
    /// `privacy.retention`'s horizon for this scan: nothing older is stored; nil when retention is off.
    let horizon: Int64?
    /// The salt of `privacy.subjects: hash`.
    let subjectSalt: String
    /// Called with a short status line now and then, for a progress display.
    public var progress: ((String) -> Void)?
    /// Called once everything is ingested, inside a dry run's transaction too (clocks and notifications).
    public var afterIngest: (() throws -> Void)?

    /// A scanner over `store` with `config`, at `now`; `dryRun` writes nothing and moves nothing.
    public init(config: Config, store: BatonStore, now: Date, dryRun: Bool = false) throws {
        self.config = config
        self.store = store
        self.now = Int64(now.timeIntervalSince1970.rounded(.down))
        self.dryRun = dryRun
        directory = MatchDirectory(config: config, leads: try store.leadDirectory(), reps: try store.repDirectory())
        hasInlineMessages = try store.hasInlineMessages()
        forgotten = try ForgottenPeople(store: store, config: config)
        subjectSalt = try store.forgetSalt()
        if let retention = config.privacy.retention {
            let proposed = self.now - retention.calendarSeconds
            horizon = max(proposed, try store.retentionHorizon() ?? proposed)
        } else {
            horizon = nil
        }
    }

    struct DryRunRollback: Error {}

    /// Runs the scan; in a dry run everything happens inside one transaction that is rolled back at the end.
    public func run() throws -> ScanReport {
        report = ScanReport()
        if dryRun {
            do {
                try store.database.transaction {
                    try scan()
                    throw DryRunRollback()
                }
            } catch is DryRunRollback {}
        } else {
            try scan()
            // The log is emptied once the run's writes (deliveries included) are done, so that it stays the size
            // of one scan even when another connection keeps the store open. A reader that holds an old snapshot
            // (a backup in progress) leaves it for the next scan: not an error.
            do {
                report.checkpoint = try store.database.checkpointWAL()
            } catch {
                report.problems.append("\(error)")
                report.raise(.ioError)
            }
        }
        return report
    }

    /// A note in the store that orphans must be matched again: written with the first new message.
    static let pendingOrphans = "pending_orphans"
    /// A note in the store that meetings must be rebuilt: written with new calendar input or new matching rules.
    static let pendingMeetings = "pending_meetings"

    /// Notes, inside the caller's transaction, work that must follow what that transaction commits: a scan killed
    /// before doing it leaves the note, and the next scan does the work although it finds nothing new.
    func notePending(_ key: String) throws {
        guard !notedPending.contains(key) else { return }
        try store.setSetting(key, "1")
        notedPending.insert(key)
    }

    func scan() throws {
        try store.database.transaction {
            try store.recordFirstScan(at: now)
        }
        let leftOver = try [Self.pendingOrphans, Self.pendingMeetings].filter { try store.setting($0) != nil }
        try importCRMFiles()
        let matchingChanged = try refreshDirectory()
        for source in config.sources {
            let isPattern = source.path.contains(where: { "*?[".contains($0) })
            for path in FileStatus.expand(source.path) {
                var sourceReport = SourceReport(path: path, type: source.type.rawValue, label: source.label)
                // A pattern matches whatever anyone dropped beside the mailboxes: a link it matches may point
                // anywhere, so it is reported, never followed. A path written out in the config is the admin's.
                if isPattern, FileStatus(path)?.isSymlink ?? false {
                    sourceReport.errors += 1
                    sourceReport.problems.append(
                        "\(path): a symbolic link matched by \(source.path); not followed, left in place")
                    report.sources.append(sourceReport)
                    continue
                }
                progress?("\(source.type.rawValue) \(path)")
                switch source.type {
                case .mbox: try scanMbox(path, rep: source.rep, into: &sourceReport)
                case .maildir: try scanMaildir(path, rep: source.rep, into: &sourceReport)
                case .drop: try scanDrop(path, into: &sourceReport)
                case .calendar: try scanCalendar(path, into: &sourceReport)
                }
                if sourceReport.unreadable { report.raise(.ioError) }
                report.sources.append(sourceReport)
            }
        }
        // The expansion window moves with the clock: rebuild at least daily so new occurrences enter it.
        let builtAt = Int64(try store.setting("meetings_built_at") ?? "")
        if calendarDirty || matchingChanged || leftOver.contains(Self.pendingMeetings)
            || builtAt.map({ now - $0 >= 86_400 || now < $0 }) ?? true
        {
            try rebuildMeetings()
            try store.database.transaction {
                try store.setSetting("meetings_built_at", String(now))
                try store.removeSetting(Self.pendingMeetings)
            }
        }
        // Only new messages or new matching rules can give an orphan its thread.
        if storedNewMessages || matchingChanged || leftOver.contains(Self.pendingOrphans) {
            try matchOrphans()
            try store.database.transaction { try store.removeSetting(Self.pendingOrphans) }
        }
        if let horizon {
            report.retention = try store.enforceRetention(horizon: horizon, now: now)
        }
        try afterIngest?()
    }

    // MARK: Matching

    /// Rebuilds the directory; when anything matching depends on changed since the last scan, matches every
    /// stored message again (a lead imported after its mail was scanned gets its history). True when changed.
    func refreshDirectory() throws -> Bool {
        directory = MatchDirectory(config: config, leads: try store.leadDirectory(), reps: try store.repDirectory())
        let previous = try store.setting("match_fingerprint")
        guard previous != directory.fingerprint else { return false }
        try store.database.transaction {
            if previous != nil {
                for message in try store.allMessages() where Self.rematchable(message.outcome) {
                    if try applyMatch(message) { report.rematched += 1 }
                }
            }
            try store.setSetting("match_fingerprint", directory.fingerprint)
            try notePending(Self.pendingOrphans)
            try notePending(Self.pendingMeetings)
        }
        return true
    }

    static func rematchable(_ outcome: String) -> Bool { outcome != "forward" && outcome != "loop" }

    /// Matches a message, first creating the lead an unknown sender to a sales address stands for when
    /// `auto_create_leads` asks for it.
    func match(_ message: MessageRecord) throws -> MatchResult {
        try MessageMatcher(directory: directory, alertsFrom: config.alerts.from).match(
            message, threadLeads: store.threadLeads,
            createLead: { address, name in
                _ = try store.insertAutoLead(address: address, name: name, createdAt: message.sentAt ?? now, at: now)
                directory = MatchDirectory(
                    config: config, leads: try store.leadDirectory(), reps: try store.repDirectory())
                try store.setSetting("match_fingerprint", directory.fingerprint)
                return directory
            })
    }

    /// Matches a stored message again and makes its interactions and outcome agree; true when anything changed.
    @discardableResult
    func applyMatch(_ message: MessageRecord) throws -> Bool {
        guard let id = message.id else { return false }
        let result = try match(message)
        let wanted = result.interactions.map { interaction -> InteractionRecord in
            var i = interaction
            i.messageID = id
            return i
        }
        let before = try store.interactions(messageID: id)
        try store.replaceInteractions(messageID: id, with: wanted)
        for address in result.undeliverable {
            try store.markUndeliverable(address, messageID: id, since: message.sentAt ?? now)
        }
        let changed = Set(before) != Set(wanted) || message.outcome != result.outcome
        if message.outcome != result.outcome || message.outcomeDetail != result.detail {
            try store.setOutcome(id, outcome: result.outcome, detail: result.detail)
        }
        return changed
    }

    /// Messages with no known party that name earlier messages in `References` may belong to a thread that a
    /// later message of the same scan matched: try them again until nothing changes.
    func matchOrphans() throws {
        for _ in 0..<3 {
            var changed = false
            try store.database.transaction {
                for message in try store.orphanMessages() {
                    if try applyMatch(message) { changed = true }
                }
            }
            if !changed { return }
        }
    }

    // MARK: One message

    /// Stores a parsed message seen at (`source`, `location`) and matches it, or adds a sighting to the copy
    /// already stored. Counts into `sourceReport`.
    func ingest(
        _ record: MessageRecord, calendarParts: [[UInt8]], source: String, location: String,
        into sourceReport: inout SourceReport
    ) throws {
        if let horizon, let sent = record.sentAt, sent < horizon {
            sourceReport.skipped += 1
            sourceReport.problems.append("\(location): older than privacy.retention: not stored")
            return
        }
        guard let record = withoutForgotten(privacySubjects(record)) else {
            sourceReport.skipped += 1
            sourceReport.problems.append("\(location): only a forgotten person outside the company: nothing stored")
            return
        }
        if let existing = try findExisting(record) {
            let seenHere = try earlierInSource.contains(existing) || store.seen(messageID: existing, source: source)
            try store.addSighting(messageID: existing, meetingID: nil, source: source, location: location, at: now)
            if !seenHere { sourceReport.newMessages += 1 }
            return
        }
        // A new message: matched first, then stored with its outcome and interactions in one go.
        var message = record
        let result = try match(message)
        message.outcome = result.outcome
        message.outcomeDetail = result.detail
        let id = try store.insertMessage(message, scannedAt: now)
        try store.addSighting(messageID: id, meetingID: nil, source: source, location: location, at: now)
        for var interaction in result.interactions {
            interaction.messageID = id
            try store.insertInteraction(interaction)
        }
        for address in result.undeliverable {
            try store.markUndeliverable(address, messageID: id, since: message.sentAt ?? now)
        }
        if DedupeKey(rawValue: record.dedupeKey)?.form == .inline { hasInlineMessages = true }
        try notePending(Self.pendingOrphans)
        storedNewMessages = true
        sourceReport.newMessages += 1
        if sourceReport.newMessages % 1000 == 0 {
            progress?("\(sourceReport.type) \(sourceReport.path): \(sourceReport.newMessages) new messages")
        }
        sourceReport.interactions += result.interactions.count
        if result.outcome != "matched" { sourceReport.skipped += 1 }
        for (n, part) in calendarParts.enumerated() {
            if try store.saveCalendarInput(
                source: source, location: "\(location)#calendar\(n)", hash: SHA256.hex(part),
                content: withoutForgotten(calendar: part))
            {
                try notePending(Self.pendingMeetings)
                calendarDirty = true
            }
        }
    }

    /// The stored message this record is another copy of: the same key, or the same sender, minute and
    /// subject when one side is an inline-forwarded original without a Message-ID.
    func findExisting(_ record: MessageRecord) throws -> Int64? {
        guard let found = try store.storedCopy(of: record, inlineTwins: hasInlineMessages) else { return nil }
        // The mailbox copy of an original first seen inline-forwarded: it gets its real identity.
        if found.inlineTwin { try store.rekeyMessage(found.id, key: record.dedupeKey, messageID: record.messageID) }
        return found.id
    }

    /// Parses message bytes with the configured limits.
    func parse(_ bytes: UnsafeRawBufferPointer) -> MailMessage {
        MessageParser.parse(bytes, options: MessageParser.Options(maxDepth: config.limits.maxMimeDepth))
    }

    // MARK: Meetings

    /// Folds every calendar input into meeting occurrences within the window, and matches them.
    func rebuildMeetings() throws {
        // Two years back: meetings older than that no longer move a clock or a report; never before the horizon.
        let from = max(now - 2 * 366 * 86_400, horizon ?? .min)
        let to = now + config.meetingsHorizon.calendarSeconds
        try store.database.transaction {
            let inputs = try store.calendarInputs()
            let (built, inputsByUID) = MeetingBuilder.meetings(
                inputs: inputs.map(\.content), from: from, to: to, maxOccurrences: config.limits.maxOccurrences)
            var stored: [String: MeetingRecord] = [:]
            for m in try store.meetings() { stored[m.uid + "\u{0}" + m.recurrenceID] = m }
            var keep = Set<String>()
            let matcher = MeetingMatcher(directory: directory)
            for var meeting in built {
                if config.privacy.subjects != .store { meeting.summary = nil }
                let key = meeting.uid + "\u{0}" + meeting.recurrenceID
                keep.insert(key)
                let old = stored[key]
                var unchanged = false
                if var old {
                    meeting.id = old.id
                    old.attendees.sort { $0.address < $1.address }
                    var sortedNew = meeting
                    sortedNew.attendees.sort { $0.address < $1.address }
                    unchanged = old == sortedNew
                }
                let id: Int64
                if unchanged {
                    id = old!.id!
                } else {
                    let upsert = try store.upsertMeeting(meeting)
                    id = upsert.id
                    if upsert.inserted { count(meetingUID: meeting.uid) { $0.meetings += 1 } }
                }
                meeting.id = id
                for index in inputsByUID[meeting.uid] ?? [] {
                    try store.addSighting(
                        messageID: nil, meetingID: id, source: inputs[index].source, location: inputs[index].location,
                        at: now)
                }
                let added = try store.replaceInteractions(meetingID: id, with: matcher.match(meeting))
                if added > 0 { count(meetingUID: meeting.uid) { $0.interactions += added } }
            }
            for (key, old) in stored where !keep.contains(key) && old.startAt >= from {
                try store.deleteMeeting(old.id!)
            }
        }
    }

    /// Adds to the report of the first calendar source (in scan order) read in this scan that holds a UID.
    func count(meetingUID uid: String, _ update: (inout SourceReport) -> Void) {
        guard let index = report.sources.firstIndex(where: { calendarUIDs[$0.path]?.contains(uid) ?? false }) else {
            return
        }
        update(&report.sources[index])
    }
}
