import BatonCore
import CSQLite
import Foundation

/// A connection to one SQLite file, owning its `sqlite3*` handle; closed in `deinit`. Not `Sendable`:
/// one connection belongs to one thread.
public final class SQLiteDatabase: Database {
    let handle: OpaquePointer
    /// The database file.
    public let path: String
    public var dialect: SQLDialect { .sqlite }
    /// How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
    let busyTimeoutMilliseconds: Int32
    /// The prepared statements by their text, at most `preparedStatementLimit` of them.
    private var statements: [String: Statement] = [:]
    /// How many prepared statements the connection keeps now.
    var preparedStatementCount: Int { statements.count }
    /// The statements last found, by where their text's bytes are (`recentSlot`): a statement written in the code
    /// is one string whose bytes never move, found here without hashing its text (hashing every execution's text
    /// was 2 % of a scan's writing thread). The text is still compared, in constant time when it is the same
    /// string, so another string that took a freed one's place is never taken for it. A statement dropped from
    /// `statements` when it fills stays prepared while a slot here holds it: at most 64 more.
    private var recent = [(sql: String, statement: Statement)?](repeating: nil, count: recentSlots)
    private static let recentSlots = 64
    private var transactionDepth = 0

    /// Before the process's first connection: no memory statistics (a global mutex taken on every allocation
    /// and free, 3 % of a scan's writing thread).
    /// And statement journals held in memory up to 4 MiB (`baton_sqlite3_statement_journal_spill`): a multi-row
    /// insert's journal is a few hundred KiB at most and is freed when the statement ends.
    private static let configureOnce: Void = {
        _ = baton_sqlite3_no_memory_statistics()
        _ = baton_sqlite3_statement_journal_spill(4 << 20)
    }()

    /// Opens (creating with mode 0600 when missing) the file at `path`; WAL, `synchronous=NORMAL`,
    /// foreign keys on, a busy timeout.
    /// A store whose `user_version` exceeds `maximumUserVersion` is refused before anything is written
    /// (switching to WAL rewrites the header, so the check comes first).
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5000, maximumUserVersion: Int? = nil) throws(StoreError)
    {
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        try Self.createIfMissing(path)
        _ = Self.configureOnce
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw StoreError(kind: .sqlite(code: rc), path: path, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        do {
            // The first read finds out whether this is a database at all.
            _ = try query("PRAGMA schema_version")
        } catch {
            if error.primaryCode == SQLITE_NOTADB {
                throw StoreError(
                    kind: .notADatabase, path: path, message: "not a SQLite database; refusing to touch it")
            }
            throw error
        }
        if let maximumUserVersion {
            let found = Int(try scalar("PRAGMA user_version")?.int64 ?? 0)
            if found > maximumUserVersion {
                throw StoreError(
                    kind: .newerVersion(found: found, supported: maximumUserVersion), path: path,
                    message:
                        "written by a newer Baton (schema version \(found); this one knows \(maximumUserVersion)); "
                        + "upgrade Baton, the store was not modified")
            }
        }
        let mode = try switchToWAL().first?.text("journal_mode")?.lowercased()
        guard mode == "wal" else {
            throw StoreError(
                kind: .journalMode(mode ?? "?"), path: path,
                message: "cannot enable WAL (journal mode \(mode ?? "unknown"))")
        }
        try execute("PRAGMA synchronous=NORMAL")
        // 16 MB of page cache: a scan's batches touch the same index pages again and again.
        try execute("PRAGMA cache_size=-16000")
        // An automatic checkpoint every 8,000 pages of log (32 MB) instead of SQLite's 1,000: each copies the pages
        // the transactions since the last one wrote, and the index pages a scan writes in every batch were copied
        // again each time (the big world's first scan: 63-76 s -> 51-56 s, four pairs alternating). Every scan ends
        // with a truncating checkpoint (`checkpointWAL`), so the log is empty between scans as before.
        try execute("PRAGMA wal_autocheckpoint=\(Self.walAutocheckpointPages)")
        try execute("PRAGMA foreign_keys=ON")
    }

    /// `PRAGMA journal_mode=WAL`, tried again every 10 ms for up to the busy timeout while SQLite answers busy.
    /// Switching a new file to WAL takes its exclusive lock; when two connections switch it at once (two processes
    /// opening a new store), SQLite fails one of them at once rather than wait, since waiting could deadlock. The
    /// failed statement holds no lock, so the other finishes, and the retry finds the file in WAL already.
    private func switchToWAL() throws(StoreError) -> [Row] {
        let deadline = Date().addingTimeInterval(Double(busyTimeoutMilliseconds) / 1_000)
        while true {
            do {
                return try query("PRAGMA journal_mode=WAL")
            } catch {
                guard error.primaryCode == SQLITE_BUSY, Date() < deadline else { throw error }
                usleep(10_000)
            }
        }
    }

    /// The log's size in pages past which a commit checkpoints it (`PRAGMA wal_autocheckpoint`).
    static let walAutocheckpointPages = 8_000

    deinit {
        recent.removeAll()
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Creates the folders and an empty file with mode 0600 (before SQLite does, with the umask's mode).
    static func createIfMissing(_ path: String) throws(StoreError) {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) { return }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(kind: .cannotCreate, path: path, message: "cannot create the folder \(folder)")
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            throw StoreError(
                kind: .cannotCreate, path: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        fchmod(fd, 0o600)
        close(fd)
    }

    func error(code: Int32, sql: String?) -> StoreError {
        let extended = sqlite3_extended_errcode(handle)
        return StoreError(
            kind: .sqlite(code: extended != 0 ? extended : code), path: path,
            message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    func statement(_ sql: String) throws(StoreError) -> Statement {
        let slot = Self.recentSlot(sql)
        if let slot, let entry = recent[slot], entry.sql == sql { return entry.statement }
        let statement: Statement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try Statement(database: self, sql: sql)
            // Full: emptied. The statements in use stay alive with their users; the next use of a text prepares it
            // again.
            if statements.count >= preparedStatementLimit { statements.removeAll() }
            statements[sql] = statement
        }
        if let slot { recent[slot] = (sql, statement) }
        return statement
    }

    /// Where `sql` goes in `recent`: from the address of its bytes, nil when they are not in one piece.
    private static func recentSlot(_ sql: String) -> Int? {
        sql.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { Int(truncatingIfNeeded: UInt(bitPattern: $0) >> 4) & (recentSlots - 1) }
        } ?? nil
    }

    /// Runs a statement that returns no rows, with its parameters as a list.
    public func execute(_ sql: String, _ values: [SQLValue]) throws(StoreError) {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Runs several statements with no parameters (a migration's DDL).
    public func executeScript(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error"
            sqlite3_free(message)
            throw StoreError(kind: .sqlite(code: sqlite3_extended_errcode(handle)), path: path, message: text, sql: sql)
        }
    }

    public func forEachRow(_ sql: String, _ values: [SQLValue], _ body: (Row) throws -> Void) throws {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() { try body(statement.row()) }
    }

    /// Runs a query with its parameters as a list.
    public func query(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> [Row] {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        var rows: [Row] = []
        while try statement.step() { rows.append(statement.row()) }
        return rows
    }

    /// The rowid of the last insert.
    var lastInsertID: Int64 { sqlite3_last_insert_rowid(handle) }

    public func insert(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> Int64? {
        try execute(sql, values)
        return changes > 0 ? lastInsertID : nil
    }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool { transactionDepth > 0 }

    /// What the open write transaction has done that it need not do again.
    public private(set) var transactionMemo: TransactionMemo?

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; any throw rolls back and is rethrown unchanged.
    /// Nested calls join the outer transaction.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        try execute("BEGIN IMMEDIATE")
        transactionDepth = 1
        transactionMemo = TransactionMemo()
        defer {
            transactionDepth = 0
            transactionMemo = nil
        }
        let result: T
        do {
            result = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        return result
    }

    /// A read transaction: in WAL mode its first read fixes the snapshot every later read sees.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
