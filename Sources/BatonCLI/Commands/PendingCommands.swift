import BatonCore

// Commands that the ingestion, SLA and reporting work will fill; each says so with exit 69 until then.

/// `baton lead touch`: a touch made outside mail.
enum LeadTouchCommand: BatonCommand {
    static let path = ["lead", "touch"]
    static let arguments = "ADDRESS-OR-ID"
    static let summary = "log a touch made outside mail (a call)"
    static let options: [OptionSpec] = [
        .value("at", "ISO", "when"), .value("note", "TEXT", "what happened"), .value("rep", "ADDRESS", "who"),
    ]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}

/// `baton sla check`: clock episodes.
enum SLACheckCommand: BatonCommand {
    static let path = ["sla", "check"]
    static let arguments = ""
    static let summary = "list SLA clock episodes, met ones included"
    static let options: [OptionSpec] = [
        .value("state", "S", "only this state"), .value("policy", "P", "only this policy"),
        .flag("json", "JSON output"),
    ]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}

/// `baton sla backtest`: replay history under other policies.
enum SLABacktestCommand: BatonCommand {
    static let path = ["sla", "backtest"]
    static let arguments = ""
    static let summary = "replay stored history under other policies; send nothing"
    static let options: [OptionSpec] = [
        .value("policies", "FILE", "policies to try"), .value("since", "DATE", "start of the replay"),
        .flag("json", "JSON output"),
    ]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}

/// `baton alerts list`: the outbox.
enum AlertsListCommand: BatonCommand {
    static let path = ["alerts", "list"]
    static let arguments = ""
    static let summary = "list the notification outbox"
    static let options: [OptionSpec] = [.value("state", "S", "only this state"), .flag("json", "JSON output")]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}

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

/// `baton explain`: what Baton did and why.
enum ExplainCommand: BatonCommand {
    static let path = ["explain"]
    static let arguments = "MESSAGE-ID|FILE|LEAD"
    static let summary = "what Baton did with a message, or a lead's whole story, and why"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
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
