import BatonCore
import Foundation

/// Baton's store: one SQLite file, migrated on open; the only place that speaks SQL. It opens the file and groups
/// writes into units of work (`BatonStore+UnitOfWork.swift`); every query belongs to one of its topics, a property
/// each (`store.people`, `store.cursors`, …), which share its one connection.
public final class BatonStore {
    /// The connection; private to the store, whose callers write through its units of work.
    let database: any Database

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

    /// Opens and migrates the store at `path`: an SQLite file (created 0600 if missing), or the PostgreSQL
    /// database a `postgresql://` URI names (its schema created on first use). `node` names whose source cursors
    /// `cursors` reads and writes: a shared store's host, "" on a store of one host.
    public convenience init(path: String, node: String = "") throws {
        if Config.isSharedStore(path) {
            let database = try PostgresDatabase(uri: path)
            try PostgresSchema.migrate(database)
            self.init(database: database, node: node)
            return
        }
        let database = try SQLiteDatabase(path: path, maximumUserVersion: Migrations.currentVersion)
        try Migrations.migrate(database)
        self.init(database: database, node: node)
    }

    /// A store over an open, migrated connection.
    init(database: any Database, node: String = "") {
        self.database = database
        people = People(database: database)
        cursors = SourceCursors(database: database, node: node)
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
        get throws {
            switch database.dialect {
            case .sqlite: Int(try database.scalar("PRAGMA user_version")?.int64 ?? 0)
            case .postgres: Int(try database.scalar("SELECT max(version) FROM schema_migrations")?.int64 ?? 0)
            }
        }
    }

    /// Which SQL the store speaks.
    public var dialect: SQLDialect { database.dialect }
}

/// `?, ?, ?` for an `IN` list of `count` bound values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
}

/// An `IN` list of `values` whose length varies from call to call: its placeholders and the values to bind, padded
/// to the next power of two by repeating the last value (which changes nothing, in `IN` as in `NOT IN`). A query's
/// text then takes one of a few forms whatever the list's length, and a connection prepares and keeps a few
/// statements instead of one per length. No values: one NULL, which matches nothing (in `NOT IN` too: there, give
/// at least one value).
func inList(_ values: [SQLValue]) -> (placeholders: String, values: [SQLValue]) {
    guard let last = values.last else { return ("?", [.null]) }
    var size = 1
    while size < values.count { size *= 2 }
    return (placeholders(size), values + Array(repeating: last, count: size - values.count))
}
