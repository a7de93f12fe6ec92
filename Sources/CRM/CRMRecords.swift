import BatonCore
import Foundation

/// A file that cannot be imported at all (exit 65).
public struct ImportFileError: BatonError, Equatable {
    public let file: String
    public let reason: String
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var failureKind: FailureKind { .badInput }
    public var description: String { "\(file): \(reason)" }
}

/// The rows of a file: good ones converted, bad ones with their reasons, and notes on good ones.
public struct ParsedImport<Record: Sendable>: Sendable {
    public var records: [Record] = []
    public var rejected: [RowProblem] = []
    /// Imported, but worth saying (an owner that is not an address).
    public var warnings: [RowProblem] = []
}
