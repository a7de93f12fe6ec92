import BatonCore
import Store

/// What one scan did with one source file or folder (`baton scan --json`'s `sources` entries).
public struct SourceReport: Sendable, Equatable {
    public var path: String
    public var type: String
    public var label: String?
    /// Messages read for the first time from this source.
    public var newMessages = 0
    /// New (message, lead) and (meeting, lead) pairs.
    public var interactions = 0
    /// New meeting occurrences from this calendar.
    public var meetings = 0
    /// Messages read but not logged: internal only, bulk, no known party, blocklisted.
    public var skipped = 0
    /// Drop-folder files moved to quarantine.
    public var quarantined = 0
    /// Messages or files that could not be read.
    public var errors = 0
    /// One line per error or quarantined file, for `--verbose`.
    public var problems: [String] = []
    /// The source itself could not be read (exit 74), as opposed to one message in it.
    public var unreadable = false

    public init(path: String, type: String, label: String? = nil) {
        self.path = path
        self.type = type
        self.label = label
    }
}

extension SourceReport {
    /// Records that the whole source could not be read.
    mutating func failSource(_ problem: String) {
        errors += 1
        problems.append(problem)
        unreadable = true
    }
}

/// A CRM file that `baton scan` imported because it changed.
public struct CRMImportReport: Sendable, Equatable {
    public var file: String
    public var kind: String
    public var summary: ImportSummary

    /// What importing `file` (`reps` or `leads`) did.
    public init(file: String, kind: String, summary: ImportSummary) {
        self.file = file
        self.kind = kind
        self.summary = summary
    }
}

/// Everything a scan did.
public struct ScanReport: Sendable {
    public var sources: [SourceReport] = []
    public var imports: [CRMImportReport] = []
    /// Stored messages matched again because leads, reps or matching rules changed.
    public var rematched = 0
    /// Problems outside any one source (a CRM file that cannot be read).
    public var problems: [String] = []
    /// What privacy rules kept out or removed, for `--verbose`: import rows of forgotten people, retention.
    public var notes: [String] = []
    /// What `privacy.retention` removed in this scan, when it is on.
    public var retention: RetentionSummary?
    /// The most serious status met, most serious first: 78, 74, 69, 75, then 65 (README.md lists the codes).
    public var exitCode: ExitCode = .ok
    /// The write-ahead log's checkpoint at the end of the scan (nil in a dry run, or when it failed).
    public var checkpoint: WALCheckpoint?

    public init() {}

    /// Keeps the most serious status.
    public mutating func raise(_ code: ExitCode) { if code > exitCode { exitCode = code } }
}
