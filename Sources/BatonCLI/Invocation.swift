import BatonCore
import Foundation

/// Everything a command needs from its caller: arguments, environment, time and output streams.
public struct Invocation {
    /// The command's parsed arguments, global options included.
    public let arguments: ParsedArguments
    /// The process environment (for `$BATON_CONFIG`).
    public let environment: [String: String]
    /// The folder relative paths on the command line are read against.
    public let workingDirectory: String
    /// Standard output.
    public let out: TextOutput
    /// Standard error.
    public let err: TextOutput
    /// The process exits as soon as the command returns (the `baton` executable; not a test calling in).
    public let processEndsWithCommand: Bool

    /// `--verbose` was given.
    public var verbose: Bool { arguments.flag("verbose") }
    /// `--json` was given.
    public var json: Bool { arguments.flag("json") }

    /// `--now`, which must carry `Z` or an offset, else the wall clock: whole seconds since the epoch (rounded
    /// down), the one reading of the wall clock a command makes.
    public func now() throws(UsageError) -> Int64 {
        guard let text = arguments.value("now") else { return UnixTime.now() }
        guard let instant = Timestamp.parseInstant(text) else {
            throw .badValue(option: "--now", value: text, expected: "an ISO 8601 time with Z or an offset")
        }
        return instant
    }

    /// The configuration file's path: `--config`, else `$BATON_CONFIG`, else `Config/baton.json`.
    public var configPath: String {
        resolve(arguments.value("config") ?? environment["BATON_CONFIG"] ?? "Config/baton.json")
    }

    /// Loads and validates the configuration; throws `ConfigError` (exit 78) listing every problem.
    public func loadConfig() throws -> Config {
        try ConfigLoader.load(path: configPath)
    }

    /// An absolute path for a path given on the command line.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }

    /// Hands `value`, which the command no longer needs, to the process's exit when the process ends with the
    /// command, instead of freeing it object by object on return; otherwise it is freed as usual. A parsed
    /// calendar of 10,000 events is some 400,000 objects, and their release cost `inspect calendar` 8 % of its
    /// time for nothing: the kernel takes the pages back at once.
    public func leaveForExit(_ value: some Any) {
        guard processEndsWithCommand else { return }
        _ = Unmanaged.passRetained(LeftForExit(value))
    }

    /// The single positional argument called `name`, or a usage error.
    public func onePositional(_ name: String) throws(UsageError) -> String {
        guard let first = arguments.positionals.first else { throw .missingArgument(name) }
        if arguments.positionals.count > 1 { throw .extraArgument(arguments.positionals[1]) }
        return first
    }

    /// Fails with a usage error when positionals were given to a command that takes none.
    public func noPositionals() throws(UsageError) {
        if let first = arguments.positionals.first { throw .extraArgument(first) }
    }
}

/// A value kept alive until the process exits (`Invocation.leaveForExit`).
private final class LeftForExit {
    let value: Any
    init(_ value: Any) { self.value = value }
}
