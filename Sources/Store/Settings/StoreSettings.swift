import BatonCore
import Foundation

/// Baton's own notes in the store (`store.settings`), one typed property or method per note: when the first scan
/// ran, when meetings were last built, the matching fingerprint, the CRM files' hashes, work left pending by an
/// interrupted scan, the instance id. Each is kept as text under a fixed key of the `settings` table; the keys
/// are spelled here only, and existing stores keep theirs. A topic of `BatonStore`: a value holding the store's
/// connection and nothing else, writing inside its caller's unit of work.
public struct StoreSettings {
    /// The store's connection.
    let database: any Database

    /// The keys of the `settings` table, as existing stores hold them.
    enum Key {
        static let firstScanAt = "first_scan_at"
        static let meetingsBuiltAt = "meetings_built_at"
        static let matchFingerprint = "match_fingerprint"
        static let matchInputs = "match_inputs"
        static let matchLookup = "match_lookup"
        static let instanceID = "instance_id"
        static let forgetSalt = "forget_salt"
        static let retentionHorizon = "retention_horizon"
        static let clockFingerprint = "clock_fingerprint"
        static let clocksEvaluatedAt = "clocks_evaluated_at"
        static let weeklyDigestPlanned = "weekly_digest_planned"
        static func crmFile(_ path: String) -> String { "crm_file:" + path }
        static func crmFileIdentity(_ path: String) -> String { "crm_file_identity:" + path }
    }

    // MARK: Raw values (the store's own)

    /// The text stored under `key`, if any.
    func value(_ key: String) throws -> String? {
        try database.scalar("SELECT value FROM settings WHERE key = ?", key)?.string
    }

    /// Stores `value` under `key`.
    func setValue(_ key: String, _ value: String) throws {
        try database.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            key, value)
    }

    /// Removes `key`.
    func removeValue(_ key: String) throws {
        try database.execute("DELETE FROM settings WHERE key = ?", key)
    }

    // MARK: Scans

    /// The first scan's time (UTC seconds), recorded once: alerts count from it when `alerts.active_from` is unset.
    public var firstScanAt: Int64? {
        get throws { Int64(try value(Key.firstScanAt) ?? "") }
    }

    /// Records `time` as the first scan's time unless one is recorded already.
    public func recordFirstScan(at time: Int64) throws {
        if try value(Key.firstScanAt) == nil { try setValue(Key.firstScanAt, String(time)) }
    }

    /// When meetings were last rebuilt (UTC seconds): the scan rebuilds them at least daily.
    public var meetingsBuiltAt: Int64? {
        get throws { Int64(try value(Key.meetingsBuiltAt) ?? "") }
    }

    /// Records that meetings were rebuilt at `time`.
    public func recordMeetingsBuilt(at time: Int64) throws {
        try setValue(Key.meetingsBuiltAt, String(time))
    }

    /// The fingerprint of everything matching depends on, as of the last match of every stored message.
    public var matchFingerprint: String? {
        get throws { try value(Key.matchFingerprint) }
    }

    /// Records the fingerprint the stored matches were made with.
    public func setMatchFingerprint(_ fingerprint: String) throws {
        try setValue(Key.matchFingerprint, fingerprint)
    }

    /// The directory's generation and the matching configuration the stored matches were last checked against
    /// (`MessageIngestor.refreshDirectory`): while they are the same, the directory need not be loaded.
    public var matchInputs: String? {
        get throws { try value(Key.matchInputs) }
    }

    /// Records the inputs the stored matches were checked against.
    public func setMatchInputs(_ inputs: String) throws {
        try setValue(Key.matchInputs, inputs)
    }

    /// What a scan needs to look leads up in the match snapshot's keys rather than load them all, as the directory
    /// that last wrote the snapshot recorded it: the matching inputs it was written for, the highest lead id in it
    /// and the fingerprint's hash state after its lines (`MessageIngestor`'s `MatchLookup` reads and writes it).
    public var matchLookup: String? {
        get throws { try value(Key.matchLookup) }
    }

    /// Records what `matchLookup` returns.
    public func setMatchLookup(_ lookup: String) throws {
        try setValue(Key.matchLookup, lookup)
    }

    /// The fingerprint of what the clocks read besides the history, as of their last evaluation.
    var clockFingerprint: String? {
        get throws { try value(Key.clockFingerprint) }
    }

    /// Records the fingerprint the stored clock states were evaluated with.
    func setClockFingerprint(_ fingerprint: String) throws {
        try setValue(Key.clockFingerprint, fingerprint)
    }

    /// The latest `now` a lead's clocks were evaluated at.
    var clocksEvaluatedAt: Int64? {
        get throws { Int64(try value(Key.clocksEvaluatedAt) ?? "") }
    }

    /// Records the latest `now` of an evaluation.
    func setClocksEvaluatedAt(_ time: Int64) throws {
        try setValue(Key.clocksEvaluatedAt, String(time))
    }

    /// The week and clock fingerprint the scan last planned the weekly digest for (`2026-W47|…`).
    public var weeklyDigestPlanned: String? {
        get throws { try value(Key.weeklyDigestPlanned) }
    }

    /// Records that the weekly digest of a week was planned with a fingerprint.
    public func setWeeklyDigestPlanned(_ note: String) throws {
        try setValue(Key.weeklyDigestPlanned, note)
    }

    /// The SHA-256 of the CRM file at `path` when it was last imported.
    public func crmFileHash(_ path: String) throws -> String? {
        try value(Key.crmFile(path))
    }

    /// The identity (device, inode, size, time) the CRM file at `path` had when its content was last hashed:
    /// while it is the same, the file need not be read again.
    public func crmFileIdentity(_ path: String) throws -> String? {
        try value(Key.crmFileIdentity(path))
    }

    /// Records the identity of the CRM file at `path` whose content was just hashed (nil: not settled, read it
    /// again next time).
    public func setCRMFileIdentity(_ identity: String?, for path: String) throws {
        if let identity {
            try setValue(Key.crmFileIdentity(path), identity)
        } else {
            try removeValue(Key.crmFileIdentity(path))
        }
    }

    /// Records the SHA-256 of the CRM file at `path` as imported.
    public func setCRMFileHash(_ hash: String, for path: String) throws {
        try setValue(Key.crmFile(path), hash)
    }

    // MARK: Pending work

    /// Whether `work` was noted and not yet done.
    public func isPending(_ work: PendingWork) throws -> Bool {
        try value(work.rawValue) != nil
    }

    /// Notes `work` as pending, inside the caller's transaction: a scan killed before doing it leaves the note.
    /// Each note is a new token, so that the scan doing the work clears only the notes it read before starting.
    public func notePending(_ work: PendingWork) throws {
        try setValue(work.rawValue, UUID().uuidString.lowercased())
    }

    /// The note of `work` as it stands (its token), nil when none: read it just before doing the work, and give
    /// it to `clearPending` once the work is done.
    public func pendingNote(_ work: PendingWork) throws -> String? {
        try value(work.rawValue)
    }

    /// Removes the note `note` of `work` once the work is done, unless another node noted it again meanwhile (on a
    /// shared store, a node ingesting while this one did the work): that newer note is left for the next scan.
    public func clearPending(_ work: PendingWork, note: String?) throws {
        guard let note else { return }
        try database.execute("DELETE FROM settings WHERE key = ? AND value = ?", work.rawValue, note)
    }

    // MARK: Identity

    /// A random id kept in the store and mixed into alert Message-IDs; made (in its own unit of work, or the
    /// caller's) the first time it is asked for.
    public func instanceID() throws -> String {
        if let id = try value(Key.instanceID) { return id }
        let id = UUID().uuidString.lowercased()
        try database.transaction { try setValue(Key.instanceID, id) }
        return id
    }

    /// The random salt of the forgotten-address hashes, if made yet (see `PersonalData.forgetSalt()`).
    var forgetSalt: String? {
        get throws { try value(Key.forgetSalt) }
    }

    /// Keeps the salt of the forgotten-address hashes.
    func setForgetSalt(_ salt: String) throws {
        try setValue(Key.forgetSalt, salt)
    }

    /// The retention horizon last enforced (UTC seconds), if any.
    var retentionHorizon: Int64? {
        get throws { Int64(try value(Key.retentionHorizon) ?? "") }
    }

    /// Records the retention horizon enforced.
    func setRetentionHorizon(_ horizon: Int64) throws {
        try setValue(Key.retentionHorizon, String(horizon))
    }
}

/// Work a scan notes in the store before the transaction that calls for it commits, and clears once done: a
/// scan killed in between leaves the note, and the next scan does the work although it finds nothing new. The raw
/// values are the notes' keys in the `settings` table.
public enum PendingWork: String, CaseIterable, Sendable {
    /// Orphan messages must be matched again by thread (new mail or new matching rules).
    case orphans = "pending_orphans"
    /// Meetings must be rebuilt (new calendar input or new matching rules).
    case meetings = "pending_meetings"
}
