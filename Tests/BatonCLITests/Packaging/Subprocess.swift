import Foundation

/// Runs a program (`baton` through `BatonProcess`, or bash, zsh, groff) with its output captured.
enum Subprocess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `executable ARGS` in `folder` with `environment` (default a minimal one) and standard input from
    /// /dev/null.
    static func run(
        _ executable: String, _ arguments: [String], in folder: String? = nil,
        environment: [String: String] = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.environment = environment
        // Files, not pipes: neither stream can fill up and block the child.
        let folder = FileManager.default.temporaryDirectory.path
        let outPath = folder + "/baton-subprocess-\(UUID().uuidString).out"
        let errPath = folder + "/baton-subprocess-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self))
    }
}
