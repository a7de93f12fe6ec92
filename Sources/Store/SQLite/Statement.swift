import BatonCore
import CSQLite

/// SQLite cannot keep a pointer to a Swift string past the call: bind with `SQLITE_TRANSIENT` so it copies.
let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// A prepared statement owning its `sqlite3_stmt`; finalised in `deinit`. Not `Sendable`.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text, for error messages.
    public let sql: String
    unowned let database: SQLiteDatabase
    /// Result column name → index, read once: rows are decoded by name.
    private(set) lazy var columns: [String: Int] = {
        var map: [String: Int] = [:]
        for i in 0..<Int(sqlite3_column_count(handle)) {
            if let name = sqlite3_column_name(handle, Int32(i)).map({ String(cString: $0) }), map[name] == nil {
                map[name] = i
            }
        }
        return map
    }()

    init(database: SQLiteDatabase, sql: String) throws(StoreError) {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw database.error(code: rc, sql: sql) }
        self.handle = stmt
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to the parameters in order, after clearing earlier bindings.
    func bind(_ values: [SQLValue]) throws(StoreError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard Int(sqlite3_bind_parameter_count(handle)) == values.count else {
            throw StoreError(
                kind: .sqlite(code: SQLITE_RANGE), path: database.path,
                message: "\(values.count) values for \(sqlite3_bind_parameter_count(handle)) parameters", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let i): rc = sqlite3_bind_int64(handle, index, i)
            case .real(let d): rc = sqlite3_bind_double(handle, index, d)
            case .text(let s):
                // An explicit length keeps text after an embedded NUL, and needs no terminator: a native string's
                // bytes are bound where they are (SQLite copies them), others through one copy.
                // A NULL pointer would bind NULL: the empty text is bound from a literal.
                let bind = { [handle] (bytes: UnsafeBufferPointer<UInt8>) -> Int32 in
                    guard let start = bytes.baseAddress, !bytes.isEmpty else {
                        return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
                    }
                    return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(handle, index, $0, Int32(bytes.count), sqliteTransient)
                    }
                }
                rc = s.utf8.withContiguousStorageIfAvailable(bind) ?? Array(s.utf8).withUnsafeBufferPointer(bind)
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { raw in
                    sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), sqliteTransient)
                }
            }
            guard rc == SQLITE_OK else { throw database.error(code: rc, sql: sql) }
        }
    }

    /// Steps once: true when a row is ready, false when done.
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(code: rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// The current row's columns.
    func row() -> Row {
        let count = sqlite3_column_count(handle)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for i in 0..<count {
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, i)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(handle, i)))
            case SQLITE_TEXT:
                let n = Int(sqlite3_column_bytes(handle, i))
                let text = sqlite3_column_text(handle, i).map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
                }
                values.append(.text(text ?? ""))
            case SQLITE_BLOB:
                let n = Int(sqlite3_column_bytes(handle, i))
                if let p = sqlite3_column_blob(handle, i), n > 0 {
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: p, count: n))))
                } else {
                    values.append(.blob([]))
                }
            default: values.append(.null)
            }
        }
        return Row(values: values, columns: columns, path: database.path)
    }

    /// Resets the statement so it holds no read transaction: a stepped, un-reset statement keeps one open, and a
    /// later COMMIT fails with "database is locked".
    func reset() { sqlite3_reset(handle) }
}

/// One result row, read by column name: a name (`row.int("lead_id")`) for a row read once, a `ColumnKey` resolved
/// before the loop (`ResultColumns`) for many rows.
public struct Row: Sendable, Equatable {
    /// The columns in select order.
    public let values: [SQLValue]
    /// Column name → index.
    let columns: [String: Int]
    /// The store file, for errors.
    let path: String

    init(values: [SQLValue], columns: [String: Int] = [:], path: String = "") {
        self.values = values
        self.columns = columns
        self.path = path
    }

    /// Column `index` (select order), for tests that dump rows; the store's own queries read by name.
    subscript(_ index: Int) -> SQLValue { values[index] }
    /// Column `index` as an integer, or nil (tests only, as above).
    func int(_ index: Int) -> Int64? { values[index].int64 }
    /// Column `index` as text, or nil (tests only, as above).
    func text(_ index: Int) -> String? { values[index].string }

    /// The column called `name`, resolved against this row's query.
    func key(_ name: String) -> ColumnKey { ColumnKey(name: name, index: columns[name]) }

    /// The column called `name`; NULL when the query has no such column.
    public subscript(_ name: String) -> SQLValue { self[key(name)] }
    /// Column `name` as an integer, or nil.
    public func int(_ name: String) -> Int64? { self[key(name)].int64 }
    /// Column `name` as text, or nil.
    public func text(_ name: String) -> String? { self[key(name)].string }

    /// Column `name` as an integer; a NULL or non-integer is a store error naming the column.
    public func requiredInt(_ name: String) throws(StoreError) -> Int64 { try requiredInt(key(name)) }

    /// Column `name` as text; a NULL or non-text is a store error naming the column.
    public func requiredText(_ name: String) throws(StoreError) -> String { try requiredText(key(name)) }

    /// Column `name` decoded into a vocabulary word; a NULL or a word outside `T` is a store error.
    public func word<T: RawRepresentable>(_ name: String, as type: T.Type = T.self) throws(StoreError) -> T
    where T.RawValue == String {
        try word(key(name), as: type)
    }

    /// Column `name` decoded into a vocabulary word, nil for NULL; a word outside `T` is a store error.
    public func optionalWord<T: RawRepresentable>(_ name: String, as type: T.Type = T.self) throws(StoreError) -> T?
    where T.RawValue == String {
        try optionalWord(key(name), as: type)
    }

    // MARK: By resolved column

    /// The column `key`; NULL when the query has no such column.
    subscript(_ key: ColumnKey) -> SQLValue { key.index.map { values[$0] } ?? .null }
    /// Column `key` as an integer, or nil.
    func int(_ key: ColumnKey) -> Int64? { self[key].int64 }
    /// Column `key` as text, or nil.
    func text(_ key: ColumnKey) -> String? { self[key].string }

    /// Column `key` as an integer; a NULL or non-integer is a store error naming the column.
    func requiredInt(_ key: ColumnKey) throws(StoreError) -> Int64 {
        guard let value = int(key) else { throw bad(key.name, "expected an integer") }
        return value
    }

    /// Column `key` as text; a NULL or non-text is a store error naming the column.
    func requiredText(_ key: ColumnKey) throws(StoreError) -> String {
        guard let value = text(key) else { throw bad(key.name, "expected text") }
        return value
    }

    /// Column `key` decoded into a vocabulary word; a NULL or a word outside `T` is a store error.
    func word<T: RawRepresentable>(_ key: ColumnKey, as type: T.Type = T.self) throws(StoreError) -> T
    where T.RawValue == String {
        let text = try requiredText(key)
        guard let value = T(rawValue: text) else { throw bad(key.name, "'\(text)' is not a known \(T.self)") }
        return value
    }

    /// Column `key` decoded into a vocabulary word, nil for NULL; a word outside `T` is a store error.
    func optionalWord<T: RawRepresentable>(_ key: ColumnKey, as type: T.Type = T.self) throws(StoreError) -> T?
    where T.RawValue == String {
        guard let text = text(key) else { return nil }
        guard let value = T(rawValue: text) else { throw bad(key.name, "'\(text)' is not a known \(T.self)") }
        return value
    }

    private func bad(_ name: String, _ what: String) -> StoreError {
        StoreError(kind: .badValue(column: name), path: path, message: "column \(name): \(what)")
    }
}

/// A result column's name resolved once to its index in a query's rows, so that a loop over many rows reads the
/// field by array index rather than by hashing its name on every row; errors still name the column.
struct ColumnKey: Sendable {
    /// The column's name, for errors.
    let name: String
    /// Its index in the rows; nil when the query has no such column (it reads as NULL).
    let index: Int?
}

/// The columns of one query's rows (every row of a query shares them), to resolve `ColumnKey`s before a loop.
struct ResultColumns {
    private let indexes: [String: Int]

    /// The columns of `rows`; none when there is no row (then no key is ever read).
    init(_ rows: [Row]) { indexes = rows.first?.columns ?? [:] }

    /// The column called `name`.
    subscript(_ name: String) -> ColumnKey { ColumnKey(name: name, index: indexes[name]) }
}
