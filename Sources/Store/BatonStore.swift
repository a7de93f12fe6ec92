import BatonCore
import Foundation

/// Baton's store: one SQLite file, migrated on open; the only place that speaks SQL. It opens the file and groups
/// writes into units of work (`BatonStore+UnitOfWork.swift`); every query belongs to one of its topics, a property
/// each (`store.people`, `store.cursors`, …), which share its one connection.
public final class BatonStore {
    /// The connection; private to the store, whose callers write through its units of work.
    let database: Database

    /// Leads and reps: CRM imports, directories for matching, lists and details.
    public let people: People
    /// Where each source was read up to.
    public let cursors: SourceCursors
    /// The message log: messages, sightings, interactions, calendar inputs and meetings.
    public let mail: MessageLog
    /// The outbox of alerts and digests.
    public let outbox: Outbox
    /// The history clocks are worked out from.
    public let clocks: ClockHistory
    /// Each lead's clock state as of its last evaluation, for incremental evaluation.
    public let clockStates: ClockStates
    /// The queries of `baton report`.
    public let reports: ReportQueries
    /// Forgetting, exporting and expiring personal data.
    public let privacy: PersonalData
    /// Baton's own notes: first scan, fingerprints, pending work.
    public let settings: StoreSettings
    /// Marketing's spend per source and month.
    public let spend: SpendLedger

    /// Opens (creating it 0600 if missing) and migrates the store at `path`.
    public init(path: String) throws {
        database = try Database(path: path, maximumUserVersion: Migrations.currentVersion)
        try Migrations.migrate(database)
        people = People(database: database)
        cursors = SourceCursors(database: database)
        mail = MessageLog(database: database)
        outbox = Outbox(database: database)
        clocks = ClockHistory(database: database)
        clockStates = ClockStates(database: database)
        reports = ReportQueries(database: database)
        privacy = PersonalData(database: database)
        settings = StoreSettings(database: database)
        spend = SpendLedger(database: database)
    }

    /// The schema version on disk.
    public var schemaVersion: Int {
        get throws { Int(try database.scalar("PRAGMA user_version")?.int64 ?? 0) }
    }
}

/// `?, ?, ?` for an `IN` list of `count` bound values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
}
