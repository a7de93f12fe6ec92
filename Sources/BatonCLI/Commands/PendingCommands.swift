import BatonCore

// Commands that the reporting work will fill; each says so with exit 69 until then.

/// `baton report`: figures for sales and marketing.
enum ReportCommand: BatonCommand {
    static let path = ["report"]
    static let arguments = ""
    static let summary = "response times, SLA attainment, funnel by source, capture health"
    static let options: [OptionSpec] = [
        .value("since", "DATE", "first day, inclusive"), .value("until", "DATE", "last day, exclusive"),
        .value("by", "rep|team|source|week", "grouping"), .value("format", "text|json|csv|html", "output format"),
        .value("out", "FILE", "write to FILE"),
    ]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}

/// `baton digest`: the weekly alignment digest.
enum DigestCommand: BatonCommand {
    static let path = ["digest"]
    static let arguments = ""
    static let summary = "send the weekly alignment digest"
    static let options: [OptionSpec] = [
        .value("week", "ISO-WEEK", "which week"), .flag("dry-run", "print, send nothing"),
    ]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}
