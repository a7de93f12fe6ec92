import BatonCore
import CSQLite

/// SQLite cannot keep a pointer to a Swift string past the call: bind with `SQLITE_TRANSIENT` so it copies.
let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// A prepared statement owning its `sqlite3_stmt`; finalised in `deinit`. Not `Sendable`.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text, for error messages.
    public let sql: String
    unowned let database: Database

    init(database: Database, sql: String) throws(StoreError) {
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
                // An explicit length keeps text after an embedded NUL.
                var utf8 = Array(s.utf8)
                utf8.append(0)
                rc = utf8.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) {
                        sqlite3_bind_text(handle, index, $0.baseAddress, Int32(utf8.count - 1), sqliteTransient)
                    }
                }
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
        return Row(values: values)
    }

    /// Resets the statement so it holds no read transaction: a stepped, un-reset statement keeps one open, and a
    /// later COMMIT fails with "database is locked".
    func reset() { sqlite3_reset(handle) }
}

/// One result row, read by column index.
public struct Row: Sendable, Equatable {
    /// The columns in select order.
    public let values: [SQLValue]

    public subscript(_ index: Int) -> SQLValue { values[index] }

    /// Column `index` as an integer, or nil.
    public func int(_ index: Int) -> Int64? { values[index].int64 }
    /// Column `index` as text, or nil.
    public func text(_ index: Int) -> String? { values[index].string }
}
