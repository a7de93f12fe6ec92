/// Baton's configuration (DESIGN.md, "Configuration"); paths are absolute, resolved against the file's folder.
public struct Config: Sendable {
    /// The SQLite file.
    public var store: String
}
