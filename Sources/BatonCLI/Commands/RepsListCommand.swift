import BatonCore

/// `baton reps list`.
enum RepsListCommand: BatonCommand {
    static let path = ["reps", "list"]
    static let arguments = ""
    static let summary = "reps list"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}
