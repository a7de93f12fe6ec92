import Foundation

/// The repository the tests run from: tests read its tracked files (the sample world, man pages, completions,
/// `Package.swift`) by path.
public enum Repository {
    /// The repository's root folder, found from this file's place (`Tests/TestSupport/`).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The absolute path of `relative`, a path inside the repository.
    public static func path(_ relative: String) -> String { root + "/" + relative }
}

/// The shipped sample world (`Config/` and `Mail/`, README.md "The sample world"). Tests scan a copy, never the
/// tracked files, because a scan moves drop-folder files.
public enum SampleWorld {
    /// The folders that make up the world.
    public static let folders = ["Config", "Mail"]

    /// Copies the world into the existing folder `path`.
    public static func copy(into path: String) throws {
        for name in folders {
            try FileManager.default.copyItem(atPath: Repository.path(name), toPath: path + "/" + name)
        }
    }

    /// A fresh temporary copy of the world, removed when the value goes away.
    public static func temporaryCopy() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try copy(into: folder.path)
        return folder
    }
}
