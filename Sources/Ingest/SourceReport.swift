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
