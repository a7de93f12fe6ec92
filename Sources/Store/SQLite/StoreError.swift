import BatonCore
import Foundation

/// A failure of the store, with SQLite's extended code, its message and the SQL that failed.
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

    public var failureKind: FailureKind {
        switch kind {
        case .cannotCreate: return .cannotCreate
        case .notADatabase, .newerVersion: return .configuration
        case .journalMode: return .ioFailure
        case .badValue: return .badInput
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
        if let sql {
            text +=
                " in: \(sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))"
        }
        return text
    }
}
