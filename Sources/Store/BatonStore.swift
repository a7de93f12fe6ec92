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
    /// database a `postgresql://` URI names (its schema created on first use).
    public convenience init(path: String) throws {
        if Config.isSharedStore(path) {
            let database = try PostgresDatabase(uri: path)
            try PostgresSchema.migrate(database)
            self.init(database: database)
            return
        }
        let database = try SQLiteDatabase(path: path, maximumUserVersion: Migrations.currentVersion)
        try Migrations.migrate(database)
        self.init(database: database)
    }

    /// A store over an open, migrated connection.
    init(database: any Database) {
        self.database = database
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
        get throws {
            switch database.dialect {
            case .sqlite: Int(try database.scalar("PRAGMA user_version")?.int64 ?? 0)
            case .postgres: Int(try database.scalar("SELECT max(version) FROM schema_migrations")?.int64 ?? 0)
            }
        }
    }

    /// Which SQL the store speaks.
    public var dialect: SQLDialect { database.dialect }

    /// On PostgreSQL, takes the store's scan lease for this connection's life (a session advisory lock, which the
    /// server drops when the process dies), waiting up to `wait` seconds for another host's scan to finish, then
    /// throwing `tryAgain` (75); on SQLite the lock file beside the store does this (`ScanLock`), and this does
    /// nothing.
    public func takeScanLease(wait seconds: Int = 120) throws {
        guard database.dialect == .postgres else { return }
        try database.execute("SELECT set_config('lock_timeout', ?, false)", "\(seconds)s")
        defer { try? database.execute("SELECT set_config('lock_timeout', '0', false)") }
        do {
            try database.execute("SELECT pg_advisory_lock(?)", PostgresSchema.scanLeaseKey)
        } catch {
            guard error.kind == .postgres(sqlstate: "55P03") else { throw error }
            throw StoreError(
                kind: error.kind, path: database.path,
                message: "another baton scan held this database's scan lease for \(seconds) s; try again later")
        }
    }
}

/// `?, ?, ?` for an `IN` list of `count` bound values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
}
