import Foundation
import TestSupport
import Testing

/// Rules of the repository that a reviewer would otherwise have to check by hand (ARCHITECTURE.md, "Rules" and
/// "Modules").
@Suite struct RepositoryRulesTests {
    /// The longest a file under `Sources/` may be.
    static let maximumLines = 400

    /// Files still over the limit, each with the reason it is allowed for now. The test fails when one of them no
    /// longer exists or is back under the limit, so the list cannot go stale.
    static let overLimit: [String: String] = [:]

    @Test("no Swift file under Sources/ is longer than 400 lines")
    func shortFiles() throws {
        var long: [String] = []
        for path in try Self.files(under: "Sources") where path.hasSuffix(".swift") {
            let text = try String(contentsOfFile: Repository.path(path), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            if lines > Self.maximumLines { long.append("\(path): \(lines) lines") }
        }
        #expect(long.filter { entry in !Self.overLimit.keys.contains { entry.hasPrefix($0 + ":") } } == [])
        for path in Self.overLimit.keys.sorted() {
            #expect(long.contains { $0.hasPrefix(path + ":") }, "\(path) is no longer over the limit: remove it")
        }
    }

    @Test("no comment or document in the repository cites a design or style file kept outside it")
    func noOutsideCitations() throws {
        // Built from pieces so that this file does not cite them itself.
        let outside = ["DESIGN", "STYLE"].map { $0 + ".md" }
        var citing: [String] = []
        for folder in ["Sources", "Tests", "Scripts", "Packaging", "Config", "Fuzz", "Benchmarks", "docs", ".ci", ""] {
            for path in try Self.files(under: folder, recursive: !folder.isEmpty) {
                guard let data = FileManager.default.contents(atPath: Repository.path(path)),
                    let text = String(data: data, encoding: .utf8)
                else { continue }  // binary fixtures
                for name in outside where text.contains(name) { citing.append("\(path) cites \(name)") }
            }
        }
        #expect(citing == [])
    }

    @Test("each module's dependencies in Package.swift are exactly the ones ARCHITECTURE.md lists")
    func moduleTable() throws {
        let declared = try PackageDump.shared.get()
        let documented = try Self.documentedModules()
        #expect(declared.keys.sorted() == documented.keys.sorted())
        for (module, dependencies) in declared.sorted(by: { $0.key < $1.key }) {
            #expect(dependencies.sorted() == documented[module]?.sorted(), "\(module)")
        }
    }

    /// The table of ARCHITECTURE.md's "Modules": each module's name and its "imports (Package.swift)" column.
    static func documentedModules() throws -> [String: [String]] {
        let text = try String(contentsOfFile: Repository.path("ARCHITECTURE.md"), encoding: .utf8)
        var modules: [String: [String]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 4 else { continue }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let imports = cells[cells.count - 2]
            modules[name] =
                imports == "nothing" || imports == "—"
                ? [] : imports.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return modules
    }

    /// Paths, relative to the repository, of the files in `folder` (the root itself when empty), leaving out build
    /// products and git's own folder.
    static func files(under folder: String, recursive: Bool = true) throws -> [String] {
        let manager = FileManager.default
        let base = folder.isEmpty ? Repository.root : Repository.path(folder)
        guard manager.fileExists(atPath: base) else { return [] }
        let prefix = folder.isEmpty ? "" : folder + "/"
        let names =
            recursive
            ? (manager.enumerator(atPath: base)?.allObjects as? [String] ?? [])
            : try manager
                .contentsOfDirectory(atPath: base)
        return names.filter { name in
            var isFolder: ObjCBool = false
            let parts = name.split(separator: "/")
            // What git ignores and builds leave, among them the benchmarks' generated corpora (gigabytes that
            // would make this test process the largest in the run).
            guard !parts.contains(where: { [".build", ".git", ".swiftpm", ".venv"].contains($0) }),
                !(prefix + name).hasPrefix("Benchmarks/corpus/"),
                manager.fileExists(atPath: base + "/" + name, isDirectory: &isFolder), !isFolder.boolValue
            else { return false }
            return true
        }.map { prefix + $0 }.sorted()
    }
}

/// `swift package dump-package` run once per test process: its targets under `Sources/` or `Tests/TestSupport`
/// (test targets left out) with the names of their dependencies.
final class PackageDump: Sendable {
    static let shared = PackageDump()

    private let result: Result<[String: [String]], any Error>

    private init() {
        result = Result { try Self.load() }
    }

    func get() throws -> [String: [String]] { try result.get() }

    private static func load() throws -> [String: [String]] {
        let environment = ProcessInfo.processInfo.environment
        let swift =
            (environment["PATH"] ?? "/usr/bin").split(separator: ":").map { $0 + "/swift" }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/swift"
        // A scratch folder of its own: the running `swift test` holds the lock on the repository's `.build`.
        let scratch = try TemporaryFolder()
        let run = try Subprocess.run(
            swift, ["package", "--scratch-path", scratch.path, "dump-package"], in: Repository.root,
            environment: environment)
        guard run.status == 0 else { throw DumpFailure(stderr: run.stderr) }
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        var modules: [String: [String]] = [:]
        for target in json?["targets"] as? [[String: Any]] ?? [] {
            guard let name = target["name"] as? String, target["type"] as? String != "test" else { continue }
            var dependencies: [String] = []
            for dependency in target["dependencies"] as? [[String: Any]] ?? [] {
                for key in ["byName", "target", "product"] {
                    if let value = dependency[key] as? [Any], let dependencyName = value.first as? String {
                        dependencies.append(dependencyName)
                    }
                }
            }
            modules[name] = dependencies
        }
        return modules
    }

    struct DumpFailure: Error {
        var stderr: String
    }
}
