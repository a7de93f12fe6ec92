/// Reads and validates a configuration file.
public enum ConfigLoader {
    /// Loads the file at `path`.
    public static func load(path: String) throws -> Config {
        throw ConfigError(path: path, problems: ["not implemented"])
    }
}
