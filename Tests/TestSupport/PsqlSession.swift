import Foundation

/// An interactive `psql` session on a test database, kept open while a test runs Baton beside it: to hold a lock
/// or a lease the way another node would. Its output and errors come back on one pipe, read as it arrives.
public final class PsqlSession {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var inputClosed = false

    /// Starts `psql` on `database` (unaligned, tuples only, stopping at the first error).
    public init(database: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", database, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Sends `sql` (one or more commands, each ending with `;`) to the session.
    public func send(_ sql: String) {
        input.fileHandleForWriting.write(Data((sql + "\n").utf8))
    }

    /// What the session has printed since the last read, waiting until it prints something.
    public func read() -> String {
        String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
    }

    /// Reads until the output so far contains `marker` (a value the last commands select), or the session ends;
    /// returns that output.
    public func read(until marker: String) -> String {
        var text = ""
        while !text.contains(marker) {
            let more = read()
            if more.isEmpty { break }
            text += more
        }
        return text
    }

    /// Ends the session's input, so that `psql` runs what it was sent and exits; returns its exit status and what it
    /// printed after the last read.
    @discardableResult
    public func finish() -> (status: Int32, rest: String) {
        if !inputClosed {
            try? input.fileHandleForWriting.close()
            inputClosed = true
        }
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: rest, as: UTF8.self))
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
