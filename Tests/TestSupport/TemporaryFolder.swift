import Foundation

/// A fresh folder per test (Swift Testing runs tests in parallel), removed when the value goes away.
public final class TemporaryFolder {
    /// The folder's absolute path.
    public let path: String

    /// Creates an empty folder under the system's temporary directory.
    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder (which need not exist).
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `text` to `name` inside the folder, creating its parent folders; returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let p = file(name)
        try FileManager.default.createDirectory(
            atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Every file and folder under `name` inside the folder, as paths relative to it, sorted; empty when it is
    /// missing.
    public func listing(_ name: String) -> [String] { Self.listing(file(name)) }

    /// Every file and folder under `folder`, as paths relative to it, sorted; empty when it is missing.
    public static func listing(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
