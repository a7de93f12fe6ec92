import BatonCore

/// `baton leads list`.
enum LeadsListCommand: BatonCommand {
    static let path = ["leads", "list"]
    static let arguments = ""
    static let summary = "leads list"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}
