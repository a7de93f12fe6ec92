import BatonCore
import CLibPQ
import Foundation

/// A connection to a PostgreSQL server through libpq, owning its `PGconn`; closed in `deinit`. Not `Sendable`: one
/// connection belongs to one thread. Every statement is prepared once per connection (`PQprepare`) and run with its
/// parameters bound (`PQexecPrepared`): text values in text format, blobs in binary, each parameter's type inferred
/// by the server from where it stands.
public final class PostgresDatabase: Database {
    let connection: OpaquePointer
    /// The server's URI as configured (it never holds a password: the configuration refuses one).
    public let path: String
    public var dialect: SQLDialect { .postgres }
    public private(set) var changes = 0
    /// The statements prepared on the server by their text, at most `preparedStatementLimit` of them.
    private var prepared: [String: (name: String, count: Int)] = [:]
    /// How many prepared statements the connection keeps now.
    var preparedStatementCount: Int { prepared.count }
    /// How many statements this connection has prepared: the next one's name.
    private var preparedCount = 0
    private var transactionDepth = 0

    /// Connects to `uri`. A server that cannot be reached is `tryAgain` (75: cron retries); a refused login or a
    /// missing database is a configuration error (78) with libpq's message.
    public init(uri: String) throws(StoreError) {
        path = uri
        guard let connection = PQconnectdb(uri) else {
            throw StoreError(kind: .postgresUnreachable, path: uri, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw StoreError(
                kind: Self.isLoginRefusal(message) ? .postgresRefused : .postgresUnreachable, path: uri,
                message: message)
        }
        self.connection = connection
        // libpq prints notices and a server's goodbye (`FATAL: terminating connection …`) to stderr by itself; a
        // cron job's stderr holds only Baton's own lines, and every error reaches Baton through its result.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        try execute("SET client_min_messages = warning")
        try execute("SET TIME ZONE 'UTC'")
    }

    deinit { PQfinish(connection) }

    /// A login refused for good (wrong role or password, no such database, pg_hba.conf): retrying will not help.
    static func isLoginRefusal(_ message: String) -> Bool {
        [
            "authentication failed", "does not exist", "no password supplied", "pg_hba.conf", "password is required",
            "permission denied",
        ].contains { message.contains($0) }
    }

    static func trimmed(_ text: UnsafePointer<CChar>?) -> String {
        text.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown error"
    }

    public var isInTransaction: Bool { transactionDepth > 0 }

    /// What the open write transaction has done that it need not do again.
    public private(set) var transactionMemo: TransactionMemo?

    public func execute(_ sql: String, _ values: [SQLValue]) throws(StoreError) {
        _ = try run(sql, values)
    }

    public func query(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> [Row] {
        try run(sql, values)
    }

    public func forEachRow(_ sql: String, _ values: [SQLValue], _ body: (Row) throws -> Void) throws {
        for row in try run(sql, values) { try body(row) }
    }

    public func insert(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> Int64? {
        try run(sql + " RETURNING id", values).first?.int("id")
    }

    public func executeScript(_ sql: String) throws(StoreError) {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        // The store's write lock first, in the same round trip: writers commit one at a time (BatonStore+Leases).
        try executeScript("BEGIN; SELECT pg_advisory_xact_lock(\(PostgresSchema.writeLockKey))")
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
            try? executeScript("ROLLBACK")
            throw error
        }
        do {
            try executeScript("COMMIT")
        } catch {
            try? executeScript("ROLLBACK")
            throw error
        }
        return result
    }

    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body()
            try executeScript("COMMIT")
            return result
        } catch {
            try? executeScript("ROLLBACK")
            throw error
        }
    }

    /// Prepares `sql` (translated into PostgreSQL's dialect) on first use, then runs it with `values` bound.
    private func run(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> [Row] {
        let statement = try prepare(sql)
        guard statement.count == values.count else {
            throw StoreError(
                kind: .badValue(column: "?"), path: path,
                message: "\(values.count) values for \(statement.count) parameters", sql: sql)
        }
        let result = Self.withBound(values) { pointers, lengths, formats in
            PQexecPrepared(connection, statement.name, Int32(values.count), pointers, lengths, formats, 0)
        }
        defer { PQclear(result) }
        try check(result, sql: sql)
        changes = Int(String(cString: PQcmdTuples(result))) ?? 0
        return Self.rows(of: result, path: path)
    }

    private func prepare(_ sql: String) throws(StoreError) -> (name: String, count: Int) {
        if let known = prepared[sql] { return known }
        if prepared.count >= preparedStatementLimit {
            // Statements run to completion here, none is in use; a deallocation is not undone by a rollback.
            try executeScript("DEALLOCATE ALL")
            prepared.removeAll()
        }
        let translated = PostgresDialect.translate(sql)
        preparedCount += 1
        let name = "s\(preparedCount)"
        let result = PQprepare(connection, name, translated.sql, 0, nil)
        defer { PQclear(result) }
        try check(result, sql: translated.sql)
        let statement = (name: name, count: translated.parameters)
        prepared[sql] = statement
        return statement
    }

    /// Throws the server's error for a failed result: its SQLSTATE and message, or a lost connection.
    private func check(_ result: OpaquePointer?, sql: String) throws(StoreError) {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY { return }
        if PQstatus(connection) != CONNECTION_OK {
            throw StoreError(
                kind: .postgresConnectionLost, path: path, message: Self.trimmed(PQerrorMessage(connection)), sql: sql)
        }
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        let message = result.map { Self.trimmed(PQresultErrorMessage($0)) } ?? Self.trimmed(PQerrorMessage(connection))
        throw StoreError(kind: .postgres(sqlstate: state ?? "XX000"), path: path, message: message, sql: sql)
    }

    /// Calls `body` with libpq's parameter arrays for `values`: NULL as a null pointer, blobs in binary format,
    /// everything else as text, all copied into one buffer that lives while `body` runs.
    private static func withBound(
        _ values: [SQLValue],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> OpaquePointer?
    ) -> OpaquePointer? {
        var bytes: [UInt8] = []
        var offsets: [Int?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for value in values {
            let text: String
            switch value {
            case .null:
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
                continue
            case .integer(let i): text = String(i)
            case .real(let d): text = d.isFinite ? "\(d)" : d.isNaN ? "NaN" : d > 0 ? "Infinity" : "-Infinity"
            case .text(let s): text = s
            case .blob(let blob):
                offsets.append(bytes.count)
                lengths.append(Int32(blob.count))
                formats.append(1)
                bytes += blob
                continue
            }
            offsets.append(bytes.count)
            lengths.append(0)
            formats.append(0)
            bytes += text.utf8
            bytes.append(0)
        }
        bytes.append(0)  // never an empty buffer: its nil base would turn an empty blob into NULL
        return bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in offset.flatMap { base?.advanced(by: $0) } }
            return body(pointers, lengths, formats)
        }
    }
}
