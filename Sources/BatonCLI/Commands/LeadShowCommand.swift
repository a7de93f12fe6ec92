import BatonCore

/// `baton lead show`.
enum LeadShowCommand: BatonCommand {
    static let path = ["lead", "show"]
    static let arguments = ""
    static let summary = "lead show"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}
