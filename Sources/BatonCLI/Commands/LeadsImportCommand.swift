import BatonCore

/// `baton leads import`.
enum LeadsImportCommand: BatonCommand {
    static let path = ["leads", "import"]
    static let arguments = ""
    static let summary = "leads import"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}
