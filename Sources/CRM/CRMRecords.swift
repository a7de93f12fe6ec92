import BatonCore
import Foundation

/// One lead row of a CRM export, checked and converted.
public struct LeadRecord: Sendable, Equatable {
    /// Where the row starts in the file.
    public var line: Int
    public var externalID: String?
    /// One or several addresses, normalised, in file order.
    public var addresses: [String]
    public var name: String?
    public var company: String?
    public var companyDomain: String?
    public var source: String?
    public var stage: Stage?
    /// The owner's address, when it is one.
    public var ownerEmail: String?
    public var createdAt: Date?
    public var mqlAt: Date?
    public var assignedAt: Date?
    public var stageChangedAt: Date?
}

/// One rep row of a CRM or HR export.
public struct RepRecord: Sendable, Equatable {
    public var line: Int
    public var email: String
    public var name: String?
    public var team: String?
    public var managerEmail: String?
    public var timezoneID: String?
    /// Further addresses, normalised.
    public var aliases: [String]
}

/// A row left out, and why.
public struct RowProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line where the record starts.
    public let line: Int
    public let reason: String
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
    public var description: String { "line \(line): \(reason)" }
}

/// A file that cannot be imported at all (exit 65).
public struct ImportFileError: BatonError, Equatable {
    public let file: String
    public let reason: String
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var exitCode: ExitCode { .dataError }
    public var description: String { "\(file): \(reason)" }
}

/// The rows of a file: good ones converted, bad ones with their reasons, and notes on good ones.
public struct ParsedImport<Record: Sendable>: Sendable {
    public var records: [Record] = []
    public var rejected: [RowProblem] = []
    /// Imported, but worth saying (an owner that is not an address).
    public var warnings: [RowProblem] = []
}
