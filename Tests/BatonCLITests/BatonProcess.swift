import Foundation
import Store

/// Runs the built `baton` executable as a child process, as cron or a user would.
struct BatonProcess {
    typealias Result = Subprocess.Result

    /// The `baton` binary SwiftPM built beside this test bundle.
    static let executable: String = {
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = (me as NSString).deletingLastPathComponent
        // The test runner lives inside `BatonPackageTests.xctest` on some toolchains.
        for _ in 0..<3 {
            let candidate = (folder as NSString).appendingPathComponent("baton")
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return "baton"
    }()

    /// Runs `baton ARGS` in `folder` with `environment` added to a minimal one.
    static func run(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws -> Result {
        // A crash must end the child at once: Swift's backtracer can wait on a terminal that is not there.
        var env = ["PATH": "/usr/bin:/bin", "HOME": folder, "TZ": "UTC", "SWIFT_BACKTRACE": "enable=no"]
        env.merge(environment) { _, new in new }
        return try Subprocess.run(executable, arguments, in: folder, environment: env)
    }
}

extension BatonProcess {
    /// Starts `baton ARGS`, kills it with SIGKILL after `delay` seconds; nil when it was killed, else its status.
    static func runKilled(_ arguments: [String], in folder: String, after delay: Double) throws -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ["PATH": "/usr/bin:/bin", "TZ": "UTC", "SWIFT_BACKTRACE": "enable=no"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return wasRunning && process.terminationReason == .uncaughtSignal ? nil : process.terminationStatus
    }

    /// Starts `count` copies of `baton ARGS` at once and waits for all.
    static func runTogether(_ arguments: [String], count: Int, in folder: String) throws -> [Result] {
        var processes: [(Process, String, String)] = []
        for n in 0..<count {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.environment = ["PATH": "/usr/bin:/bin", "TZ": "UTC", "SWIFT_BACKTRACE": "enable=no"]
            let out = folder + "/.together-out-\(n)"
            let err = folder + "/.together-err-\(n)"
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            _ = FileManager.default.createFile(atPath: err, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
            process.standardInput = FileHandle.nullDevice
            processes.append((process, out, err))
        }
        for (process, _, _) in processes { try process.run() }
        return try processes.map { process, out, err in
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus,
                stdout: try String(contentsOfFile: out, encoding: .utf8),
                stderr: try String(contentsOfFile: err, encoding: .utf8))
        }
    }

    /// Runs a query on a store through a fresh connection and returns its rows, a line each, `|` between
    /// columns (the shape of the sqlite3 shell's output).
    static func sqlite(_ database: String, _ sql: String) throws -> String {
        let db = try SQLiteDatabase(path: database)
        return try db.query(sql, [SQLValue]()).map { row in
            row.values.map { value -> String in
                switch value {
                case .null: ""
                case .integer(let i): String(i)
                case .real(let d): String(d)
                case .text(let t): t
                case .blob(let b): b.map { String(format: "%02x", $0) }.joined()
                }
            }.joined(separator: "|") + "\n"
        }.joined()
    }
}
