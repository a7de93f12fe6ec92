/// One `--name` a command accepts.
public struct OptionSpec: Sendable {
    /// The long name without dashes.
    public let name: String
    /// The value's placeholder (`FILE`, `ISO`), or nil for a flag.
    public let valueName: String?
    /// One line of help.
    public let help: String

    /// A flag: present or absent.
    public static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    /// An option that takes a value, as `--name VALUE` or `--name=VALUE`.
    public static func value(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help)
    }

    /// Options every command accepts.
    public static let global: [OptionSpec] = [
        .value("config", "FILE", "configuration file (default: $BATON_CONFIG, else Config/baton.json)"),
        .value("now", "ISO", "the current time, with Z or an offset, to replay a run"),
        .flag("verbose", "say what was done"),
        .flag("help", "show this help"),
    ]
}
