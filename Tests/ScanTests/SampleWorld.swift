import BatonCore
import Foundation

/// A temporary copy of the shipped sample world (`Config/`, `Mail/`): a scan moves drop-folder files, and the
/// tracked samples must never change.
final class SampleWorld {
    let root: String

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("baton-world-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["Config", "Mail"] {
            try FileManager.default.copyItem(atPath: Self.repository + "/" + folder, toPath: root + "/" + folder)
        }
    }

    var configPath: String { root + "/Config/baton.json" }

    func config() throws -> Config { try ConfigLoader.load(path: configPath) }

    func path(_ relative: String) -> String { root + "/" + relative }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}
