import BatonCore
import Ingest
import Store

/// A CRM file that `baton scan` imported because it changed.
public struct CRMImportReport: Sendable, Equatable {
    public var file: String
    public var kind: ImportKind
    public var summary: ImportSummary

    /// What importing `file` (a reps or a leads file) did.
    public init(file: String, kind: ImportKind, summary: ImportSummary) {
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
    /// The most serious failure met (`FailureKind` orders them), nil when there was none.
    public var worstFailure: FailureKind?
    /// The write-ahead log's checkpoint at the end of the scan (nil in a dry run, or when it failed).
    public var checkpoint: WALCheckpoint?
    /// On a shared store, when another node held the store-wide steps' lease: this scan ingested its own sources
    /// only, and left the CRM files, meetings, orphans, retention, clocks and notifications to that node (named
    /// when the server says).
    public var storeWideSteps: StoreWideLease = .held

    public init() {}

    /// Keeps the most serious failure.
    public mutating func raise(_ failure: FailureKind) { worstFailure = max(worstFailure ?? failure, failure) }
}
