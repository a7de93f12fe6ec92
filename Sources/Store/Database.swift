import BatonCore

/// The SQL a connection speaks. The store's queries are written once where the two agree; where they differ, a
/// query is written in both and picked by `database.dialect`.
public enum SQLDialect: Sendable, Equatable {
    /// SQLite: a file on this machine.
    case sqlite
    /// PostgreSQL: a server several hosts share.
    case postgres
}

/// One connection to the store's database, SQLite's (`SQLiteDatabase`) or PostgreSQL's (`PostgresDatabase`). Not
/// `Sendable`: one connection belongs to one thread. Parameters are always bound (`?`, or `?1` for a value used
/// twice), never spliced into the text.
public protocol Database: AnyObject {
    /// Which SQL this connection speaks.
    var dialect: SQLDialect { get }
    /// Where the database is (a file's path, or a server's URI without its password), for errors.
    var path: String { get }
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ values: [SQLValue]) throws(StoreError)
    /// Runs a query and returns all its rows.
    func query(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> [Row]
    /// Runs a query and hands its rows to `body` one at a time, holding one row, not all (on SQLite; PostgreSQL's
    /// client library receives every row first). `body` must not run the same statement text again: SQLite's
    /// prepared statement is in use until the last row.
    func forEachRow(_ sql: String, _ values: [SQLValue], _ body: (Row) throws -> Void) throws
    /// Runs several statements with no parameters (a migration's DDL).
    func executeScript(_ sql: String) throws(StoreError)
    /// Runs an `INSERT` into a table with an `id` key and returns the new row's id, or nil when no row was inserted
    /// (an `INSERT OR IGNORE` that met its conflict).
    func insert(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> Int64?
    /// Rows changed by the last statement.
    var changes: Int { get }
    /// Whether a transaction is open on this connection.
    var isInTransaction: Bool { get }
    /// What the open write transaction has done that it need not do again; nil outside one.
    var transactionMemo: TransactionMemo? { get }
    /// Runs `body` inside one write transaction; any throw rolls back and is rethrown unchanged. Nested calls join
    /// the outer transaction.
    @discardableResult
    func transaction<T>(_ body: () throws -> T) throws -> T
    /// Runs `body` reading one consistent state of the database, whatever other connections commit meanwhile
    /// (`store copy`'s source).
    func snapshot<T>(_ body: () throws -> T) throws -> T
}

/// What one write transaction has done that it need not do again, forgotten when it ends: the leads whose clocks it
/// has marked for evaluation (`MessageLog.markClocks`), so that a batch of thousands of interactions marks each of
/// its leads once.
public final class TransactionMemo {
    /// Leads marked dirty in `clock_state` by this transaction.
    var markedLeads: Set<Int64> = []
    /// A memo for a new transaction.
    public init() {}
}

extension Database {
    /// Runs a statement that returns no rows.
    public func execute(_ sql: String, _ values: any SQLBindable...) throws(StoreError) {
        try execute(sql, values.map(\.sqlValue))
    }

    /// Runs a query and returns all its rows.
    public func query(_ sql: String, _ values: any SQLBindable...) throws(StoreError) -> [Row] {
        try query(sql, values.map(\.sqlValue))
    }

    /// The first column of the first row, if any.
    public func scalar(_ sql: String, _ values: any SQLBindable...) throws(StoreError) -> SQLValue? {
        try query(sql, values.map(\.sqlValue)).first?.values.first
    }

    /// The first column of the first row, if any, with the parameters as a list.
    public func scalar(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> SQLValue? {
        try query(sql, values).first?.values.first
    }

    /// `insert(_:_:)` with its parameters listed.
    public func insert(_ sql: String, _ values: any SQLBindable...) throws(StoreError) -> Int64? {
        try insert(sql, values.map(\.sqlValue))
    }
}

extension Database {
    /// `insert(_:_:)` for a statement that always inserts one row (no `OR IGNORE`): its id.
    public func insertRow(_ sql: String, _ values: any SQLBindable...) throws(StoreError) -> Int64 {
        guard let id = try insert(sql, values.map(\.sqlValue)) else {
            throw StoreError(kind: .badValue(column: "id"), path: path, message: "no row was inserted", sql: sql)
        }
        return id
    }
}

extension Database {
    /// SQLite's `secure_delete` (deleted content overwritten with zeros); PostgreSQL has none, and its deleted rows
    /// go with `VACUUM FULL` (`PersonalData.eraseFreedSpace`).
    func setSecureDelete(_ on: Bool) throws(StoreError) {
        if dialect == .sqlite { try execute("PRAGMA secure_delete = \(on ? "ON" : "OFF")") }
    }
}

/// How many prepared statements a connection keeps. The store's queries have a few hundred texts at most (lists
/// whose length varies are padded: `inList`); a text built some other way must not make a long-running connection
/// grow without bound, so a full cache is emptied and its texts are prepared again when next used.
let preparedStatementLimit = 400
