import BatonCore

/// `baton reps import`.
enum RepsImportCommand: BatonCommand {
    static let path = ["reps", "import"]
    static let arguments = ""
    static let summary = "reps import"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}
