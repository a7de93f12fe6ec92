import BatonCore
import Foundation

/// A failure of the store, with SQLite's extended code or PostgreSQL's SQLSTATE, its message and the SQL that
/// failed.
public struct StoreError: BatonError, Equatable {
    /// What went wrong, which decides the `failureKind`.
    public enum Kind: Sendable, Equatable {
        /// SQLite returned an error code.
        case sqlite(code: Int32)
        /// The store file or its folder could not be created.
        case cannotCreate
        /// The file is not a SQLite database.
        case notADatabase
        /// The store was written by a newer Baton.
        case newerVersion(found: Int, supported: Int)
        /// WAL could not be enabled.
        case journalMode(String)
        /// A stored value does not decode: NULL where a value belongs, or a word outside the vocabulary.
        case badValue(column: String)
        /// PostgreSQL refused a statement, with its SQLSTATE.
        case postgres(sqlstate: String)
        /// The PostgreSQL server could not be reached (down, restarting, the network): worth retrying.
        case postgresUnreachable
        /// The PostgreSQL server refused the login (role, password, database, `pg_hba.conf`): not worth retrying.
        case postgresRefused
        /// The connection to the PostgreSQL server broke during a statement; the open transaction is lost whole.
        case postgresConnectionLost
        /// The command does not apply to this kind of store.
        case notSupported
    }

    public let kind: Kind
    /// The store file.
    public let path: String
    public let message: String
    /// The statement that failed, if any.
    public let sql: String?

    public init(kind: Kind, path: String, message: String, sql: String? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.sql = sql
    }

    /// SQLite's primary result code (the low byte of the extended code).
    public var primaryCode: Int32? {
        if case .sqlite(let code) = kind { return code & 0xFF }
        return nil
    }

    /// Whether the server aborted a transaction to break a deadlock (40P01) or a serialization conflict (40001):
    /// nothing of it was written, and running the work again may well succeed.
    public var isTransactionConflict: Bool {
        kind == .postgres(sqlstate: "40001") || kind == .postgres(sqlstate: "40P01")
    }

    public var failureKind: FailureKind {
        switch kind {
        case .cannotCreate: return .cannotCreate
        case .notADatabase, .newerVersion: return .configuration
        case .journalMode: return .ioFailure
        case .badValue: return .badInput
        case .postgresUnreachable, .postgresConnectionLost: return .tryAgain
        case .postgresRefused: return .configuration
        case .notSupported: return .unavailable
        case .postgres(let state):
            // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available, 57P01 admin shutdown, class 08
            // connection exceptions, class 53 insufficient resources: another run will do.
            if ["40001", "40P01", "55P03", "57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08")
                || state.hasPrefix("53")
            {
                return .tryAgain
            }
            if state.hasPrefix("28") || state == "3D000" || state == "42501" { return .configuration }
            return .internalFault
        case .sqlite:
            switch primaryCode {
            case 5, 6: return .tryAgain  // SQLITE_BUSY, SQLITE_LOCKED
            case 26: return .configuration  // SQLITE_NOTADB
            case 8, 10, 13, 14: return .ioFailure  // READONLY, IOERR, FULL, CANTOPEN
            default: return .internalFault
            }
        }
    }

    public var description: String {
        var text = "store \(path): \(message)"
        if case .sqlite(let code) = kind { text += " (SQLite code \(code))" }
        if case .postgres(let state) = kind { text += " (SQLSTATE \(state))" }
        if let sql {
            text +=
                " in: \(sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))"
        }
        return text
    }
}
