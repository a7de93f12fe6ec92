import BatonCore
import CalendarParsing
import Foundation
import MailParsing
import Store

/// The message ingestor of a scan: it stores the batches every source's ingester (`MboxIngester`,
/// `MaildirIngester`, `JournalIngester`, `DropIngester`, `CalendarIngester`) reads, each inside the transaction
/// the scan opens for it (`ingest(_:into:)`); it drops what privacy rules keep out, dedupes against the store
/// (another copy of a stored message adds its sighting, and its parties and rep: `MessageIngestor+Copies`),
/// matches to reps and leads (creating an auto lead when asked), and writes the message, its sightings and
/// interactions, and the cursor.
/// It also matches stored messages again when the directory changed, and orphans by thread. The scan
/// orchestrator (`ScanRun` in the Scan module) runs it, one per run.
public final class MessageIngestor {
    /// How many messages go into a source's first transaction; the next ones take `largestBatch` (`MailBatcher`).
    public static let batchSize = 500
    /// The most messages one transaction takes on SQLite. A commit writes to the log every page the batch changed,
    /// and the pages of the indexes that take keys in no order (the dedupe key, the fuzzy key, a lead's
    /// interactions) are changed again by every batch: on the 20,000-message benchmark, batches of 500 then 1,000
    /// write 60.9 MB in 26,082 `pwrite`s where batches of 500 wrote 80.9 MB in 36,357 (up to 2,000: 47.9 MB, but
    /// the records a batch and the worker's window hold then took the big world's peak memory near its limit).
    static let largestSQLiteBatch = 1_000
    /// The most messages one transaction takes on this store: `batchSize` on PostgreSQL, where a batch holds the
    /// shared store's write lock while it is stored and the other hosts wait for it.
    var largestBatch: Int { store.dialect == .postgres ? Self.batchSize : Self.largestSQLiteBatch }

    let config: Config
    let store: BatonStore
    let now: Int64
    let dryRun: Bool
    /// The directory once built: a scan that finds nothing new and no change to what matching reads never loads
    /// it (on a store of 100,000 leads that is most of a no-change scan).
    var builtDirectory: MatchDirectory?
    /// The matcher over `builtDirectory`, built once for it rather than for every message.
    var builtMatcher: MessageMatcher?
    /// Set by `refreshDirectory` when nothing matching reads changed since the last match and the match snapshot's
    /// entries are that match's: the directory then looks leads up in the snapshot instead of loading them all.
    var lookup: MatchLookup?
    /// Whether this scan stored new calendar input (meetings must be rebuilt).
    public internal(set) var calendarDirty = false
    /// The UIDs named by the calendar inputs this scan added where none was kept (invitations in new mail): the
    /// meetings to rebuild when nothing else changed. Nil once an input replaced another, a calendar file was
    /// saved, or more than `maxAddedCalendarUIDs` were named: only a full rebuild covers those.
    public internal(set) var addedCalendarUIDs: Set<String>? = []
    /// Past this many UIDs, rebuilding every meeting is as good as rebuilding some.
    static let maxAddedCalendarUIDs = 500
    /// Whether the store holds forwarded originals known only by sender, minute and subject: only then must a
    /// new message with a Message-ID look for its inline twin.
    var hasInlineMessages = false
    /// Whether this scan stored any message for the first time, or gave a stored one new parties or a rep.
    public internal(set) var storedNewMessages = false
    /// What matching read when this scan's directory was made (`matchInputs`): on a shared store another node
    /// may import the CRM files while this one ingests, and each batch compares (`followOtherNodes`).
    var matchedWith: String?
    /// The pending-work notes this scan has written (see `notePending`).
    var notedPending: Set<PendingWork> = []
    /// People `baton forget` erased: nothing about them is stored again.
    let forgotten: ForgottenPeople
    /// Addresses already checked against `forgotten` in this scan.
    var forgottenSeen: [String: Bool] = [:]
    /// `privacy.retention`'s horizon for this scan: nothing older is stored; nil when retention is off.
    public let horizon: Int64?
    /// The salt of `privacy.subjects: hash`.
    let subjectSalt: String
    /// Called with a short status line now and then, for a progress display.
    public var progress: ((String) -> Void)?

    /// A scanner over `store` with `config`, at `now`; `dryRun` moves no drop-folder file (the dry run's
    /// transaction, rolled back by its caller, undoes what it writes).
    public init(config: Config, store: BatonStore, now: Int64, dryRun: Bool = false) throws {
        self.config = config
        self.store = store
        self.now = now
        self.dryRun = dryRun
        hasInlineMessages = try store.mail.hasInlineMessages()
        forgotten = try ForgottenPeople(store: store, config: config)
        subjectSalt = try store.privacy.forgetSalt()
        if let retention = config.privacy.retention {
            let proposed = self.now - retention.calendarSeconds
            horizon = max(proposed, try store.privacy.retentionHorizon() ?? proposed)
        } else {
            horizon = nil
        }
    }

    /// Notes, inside the caller's transaction, work that must follow what that transaction commits: a scan killed
    /// before doing it leaves the note, and the next scan does the work although it finds nothing new.
    func notePending(_ work: PendingWork) throws {
        guard !notedPending.contains(work) else { return }
        try store.settings.notePending(work)
        notedPending.insert(work)
    }

    // MARK: Matching

    /// Reps, leads and the address rules indexed for matching, loaded from the store on first use.
    public var directory: MatchDirectory {
        get throws {
            if let builtDirectory { return builtDirectory }
            if let looked = try lookedUpDirectory() {
                builtDirectory = looked
                builtMatcher = nil
                return looked
            }
            // With `auto_create_leads`, with its fingerprint: a lead created is added to it (`addedToDirectory`)
            // instead of a second directory being loaded beside it.
            return try loadDirectory(fingerprinted: config.autoCreateLeads)
        }
    }

    /// The matcher over the directory, which it loads on first use.
    var matcher: MessageMatcher {
        get throws {
            if let builtMatcher { return builtMatcher }
            let matcher = MessageMatcher(directory: try directory, alertsFrom: config.alerts.from)
            builtMatcher = matcher
            return matcher
        }
    }

    /// Loads the directory from the store (with its fingerprint when `fingerprinted`) and keeps it.
    func loadDirectory(fingerprinted: Bool) throws -> MatchDirectory {
        let built = try MatchDirectory.load(from: store, config: config, fingerprinted: fingerprinted)
        builtDirectory = built
        builtMatcher = nil
        return built
    }

    /// The directory with a lead just created (`auto_create_leads`): the one in memory with that lead added, or,
    /// when it cannot be (a directory loaded without its fingerprint, or a new id not above every loaded one),
    /// loaded again. Loading every lead again per lead created made a scan's cost grow with the leads stored.
    private func addedToDirectory(_ lead: LeadDirectoryEntry) throws -> MatchDirectory {
        guard let added = builtDirectory?.adding(lead, config: config) else {
            return try loadDirectory(fingerprinted: true)
        }
        builtDirectory = added
        builtMatcher = nil
        return added
    }

    /// The store's directory generation with the matching configuration: equal to the stored `matchInputs`, the
    /// stored matches were made with this directory.
    func matchInputs() throws -> String {
        "\(try store.people.directoryGeneration())|" + matchConfigHash
    }

    /// The hash of the matching configuration, made once: on a shared store `matchInputs` is asked per batch.
    lazy var matchConfigHash = SHA256.hex(Array(MatchDirectory.configText(config).utf8))

    /// When anything matching depends on changed since the last scan, matches stored messages again (a lead
    /// imported after its mail was scanned gets its history): those the changed leads can concern when only leads
    /// changed, every one otherwise (`MessageIngestor+Rematch`). Says whether it changed and how many messages'
    /// interactions changed with it. Whether anything changed is first asked of the store's directory generation,
    /// so that an unchanged directory is not loaded; a changed one is loaded and compared by its fingerprint.
    public func refreshDirectory() throws -> (changed: Bool, rematched: Int) {
        let inputs = try matchInputs()
        matchedWith = inputs
        let previous = try store.settings.matchFingerprint
        if let previous, try store.settings.matchInputs == inputs {
            let lookup = MatchLookup(try store.settings.matchLookup)
            if let lookup, lookup.inputs == inputs, lookup.fingerprint == previous {
                self.lookup = lookup
                return (false, 0)
            }
            // A store whose snapshot has no keys yet (made before they were kept): the directory is loaded once,
            // and the snapshot written whole below.
        }
        let directory = try loadDirectory(fingerprinted: true)
        var (changed, rematched) = (false, 0)
        try store.write {
            // Another node (or command) may have changed what matching reads, or matched again, since the directory
            // was loaded: under the write lock, the directory, the snapshot and the stored fingerprint agree.
            let current = try matchInputs()
            let directory = current == inputs ? directory : try loadDirectory(fingerprinted: true)
            let previous = try store.settings.matchFingerprint
            guard previous != directory.fingerprint else {
                if try snapshotComplete(for: directory.fingerprint) {
                    try recordMatches(directory, inputs: current, snapshotComplete: true)
                } else {
                    _ = try matchAgain(directory, inputs: current, messages: false)
                }
                return
            }
            if let previous, let leads = try changedLeads(directory, previous: previous) {
                // The changed leads' entries are written: the snapshot is whole after if it was before.
                let complete = try snapshotComplete(for: previous)
                rematched = try matchChanged(leads, directory: directory)
                try recordMatches(builtDirectory ?? directory, inputs: current, snapshotComplete: complete)
            } else {
                rematched = try matchAgain(directory, inputs: current, messages: previous != nil)
            }
            changed = true
            try notePending(.orphans)
            try notePending(.meetings)
        }
        return (changed, rematched)
    }

    /// On a shared store, inside a batch's transaction (which holds the store's write lock): when another node
    /// changed what matching reads since this scan's directory was made (a CRM import), makes the directory again
    /// and matches every stored message again, as `refreshDirectory` does, before this batch is matched with a
    /// stale one. That node matched again what was stored before its import; this catches what this scan stored
    /// after it.
    public func followOtherNodes() throws {
        guard store.dialect == .postgres, let matchedWith else { return }
        let inputs = try matchInputs()
        guard inputs != matchedWith else { return }
        _ = try matchAgain(try loadDirectory(fingerprinted: true), inputs: inputs)
        // Fresh notes, not `notePending`'s once a scan: the node doing the work may have cleared this scan's.
        try store.settings.notePending(.orphans)
        try store.settings.notePending(.meetings)
        storedNewMessages = true
    }

    /// Matches a message, first creating the lead an unknown sender to a sales address stands for when
    /// `auto_create_leads` asks for it.
    func match(_ message: MessageRecord) throws -> MatchResult {
        try matcher.match(
            message, threadLeads: store.mail.threadLeads,
            createLead: { address, name in
                let complete = try snapshotComplete(for: builtDirectory?.fingerprint ?? "")
                let lead = try store.people.insertAutoLead(
                    address: address, name: name, createdAt: message.sentAt ?? now, at: now,
                    freemailDomains: config.matching.freemailDomains)
                let directory = try addedToDirectory(lead)
                try store.people.setMatchEntries([try directory.entry(lead)])
                // Inside the batch's transaction, which followed any other node's change first: today's reading.
                try recordMatches(directory, inputs: try matchInputs(), snapshotComplete: complete)
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
        let before = try store.mail.interactions(messageID: id)
        // Most messages matched again match as before: then there is nothing to replace (nor to read again).
        let interactionsChanged = Set(before) != Set(wanted)
        if interactionsChanged { try store.mail.replaceInteractions(messageID: id, with: wanted) }
        for address in result.undeliverable {
            try store.mail.markUndeliverable(address, messageID: id, since: message.sentAt ?? now)
        }
        let changed = interactionsChanged || message.outcome != result.outcome
        if message.outcome != result.outcome || message.outcomeDetail != result.detail {
            try store.mail.setOutcome(id, outcome: result.outcome, detail: result.detail)
        }
        return changed
    }

    /// Messages with no known party that name earlier messages in `References` may belong to a thread that a
    /// later message of the same scan matched: try them again until nothing changes.
    public func matchOrphans() throws {
        for _ in 0..<3 {
            var changed = false
            try store.write {
                for message in try store.mail.orphanMessages() {
                    if try applyMatch(message) { changed = true }
                }
            }
            if !changed { return }
        }
    }

    // MARK: One batch

    /// Stores a batch an ingester read, with the cursor change that commits with it, counting into `report`. The
    /// caller opens the transaction (`ScanRun`: one per batch) and takes what follows the commit.
    public func ingest(_ batch: SourceBatch, into report: inout SourceReport) throws {
        try followOtherNodes()
        if batch.forgetOldLocations { try store.mail.deleteSightings(source: batch.source) }
        for pending in batch.messages {
            try ingest(
                pending.record, calendarParts: pending.calendarParts, source: batch.source, location: pending.location,
                earlierInSource: batch.earlierInSource, into: &report)
        }
        if batch.marksSeen {
            try store.cursors.markMaildirSeen(
                batch.source, batch.messages.compactMap(\.uniqueName) + batch.unreadNames)
        }
        if let file = batch.calendarFile {
            try store.mail.saveCalendarInput(
                source: batch.source, location: "file", hash: file.hash,
                content: try withoutForgotten(calendar: file.content))
            try notePending(.meetings)
            calendarDirty = true
            addedCalendarUIDs = nil
        }
        if let cursor = batch.cursor { try store.cursors.saveSourceState(cursor, at: now) }
    }

    // MARK: One message

    /// Stores a parsed message seen at (`source`, `location`) and matches it, or adds a sighting to the copy
    /// already stored. Counts into `sourceReport`; `earlierInSource` are the messages sighted in an mbox before
    /// its client rewrote it (read again from the start), which are not new to it.
    func ingest(
        _ record: MessageRecord, calendarParts: [[UInt8]], source: String, location: String,
        earlierInSource: Set<Int64> = [], into sourceReport: inout SourceReport
    ) throws {
        if let horizon, let sent = record.sentAt, sent < horizon {
            sourceReport.skipped += 1
            sourceReport.problems.append("\(location): older than privacy.retention: not stored")
            return
        }
        guard let record = try withoutForgotten(privacySubjects(record)) else {
            sourceReport.skipped += 1
            sourceReport.problems.append("\(location): only a forgotten person outside the company: nothing stored")
            return
        }
        if let stored = try findExisting(record) {
            let existing = stored.id
            let seenHere =
                try earlierInSource.contains(existing) || store.mail.seen(messageID: existing, source: source)
            try store.mail.addSighting(messageID: existing, meetingID: nil, source: source, location: location, at: now)
            if !seenHere { sourceReport.newMessages += 1 }
            try mergeCopy(record, into: stored)
            return
        }
        // A new message: matched first, then stored with its outcome and interactions in one go.
        var message = record
        let result = try match(message)
        message.outcome = result.outcome
        message.outcomeDetail = result.detail
        let id = try store.mail.insertMessage(message, scannedAt: now)
        try store.mail.addSighting(messageID: id, meetingID: nil, source: source, location: location, at: now)
        try store.mail.insertInteractions(
            result.interactions.map { interaction in
                var interaction = interaction
                interaction.messageID = id
                return interaction
            })
        for address in result.undeliverable {
            try store.mail.markUndeliverable(address, messageID: id, since: message.sentAt ?? now)
        }
        if DedupeKey(rawValue: record.dedupeKey)?.form == .inline { hasInlineMessages = true }
        try notePending(.orphans)
        storedNewMessages = true
        sourceReport.newMessages += 1
        if sourceReport.newMessages % 1000 == 0 {
            progress?("\(sourceReport.type) \(sourceReport.path): \(sourceReport.newMessages) new messages")
        }
        sourceReport.interactions += result.interactions.count
        if result.outcome != .matched { sourceReport.skipped += 1 }
        for (n, part) in calendarParts.enumerated() {
            let content = try withoutForgotten(calendar: part)
            let saved = try store.mail.saveCalendarInput(
                source: source, location: "\(location)#calendar\(n)", hash: SHA256.hex(part), content: content)
            guard saved != .unchanged else { continue }
            try notePending(.meetings)
            calendarDirty = true
            if saved == .added, var uids = addedCalendarUIDs {
                for calendar in CalendarDocument.parse(content).calendars {
                    uids.formUnion(calendar.events.compactMap(\.uid))
                }
                addedCalendarUIDs = uids.count <= Self.maxAddedCalendarUIDs ? uids : nil
            } else {
                addedCalendarUIDs = nil
            }
        }
    }

    /// The stored message this record is another copy of: the same key, or the same sender, minute and
    /// subject when one side is an inline-forwarded original without a Message-ID.
    func findExisting(_ record: MessageRecord) throws -> StoredCopy? {
        guard let found = try store.mail.storedCopy(of: record, inlineTwins: hasInlineMessages) else { return nil }
        // The mailbox copy of an original first seen inline-forwarded: it gets its real identity.
        if found.inlineTwin {
            try store.mail.rekeyMessage(found.id, key: record.dedupeKey, messageID: record.messageID)
        }
        return found
    }

    /// Parse threads beside the one that stores: one, so that two cores parse and store at once.
    static let parseWorkers = Int(ProcessInfo.processInfo.environment["BATON_PARSE_WORKERS"] ?? "") ?? 1

    /// The configured limits; attachments' sizes are not counted, since nothing a scan stores holds them.
    var parserOptions: MessageParser.Options {
        MessageParser.Options(maxDepth: config.limits.maxMimeDepth, countsAttachmentSizes: false)
    }

    /// Parses message bytes with the configured limits.
    func parse(_ bytes: UnsafeRawBufferPointer) -> MailMessage {
        MessageParser.parse(bytes, options: parserOptions)
    }
}
