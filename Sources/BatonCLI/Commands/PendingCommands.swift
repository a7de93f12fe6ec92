import BatonCore

// Commands that the reporting work will fill; each says so with exit 69 until then.

/// `baton explain`: what Baton did and why.
enum ExplainCommand: BatonCommand {
    static let path = ["explain"]
    static let arguments = "MESSAGE-ID|FILE|LEAD"
    static let summary = "what Baton did with a message, or a lead's whole story, and why"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}

