import Foundation

/// The throwaway PostgreSQL server the PostgreSQL store's tests run against: the one `Scripts/postgres-setup`
/// starts on 127.0.0.1:55432 (`.ci/run` runs it), or the server `BATON_TEST_POSTGRES` names (a URI to a database
/// the user may create databases from). Each test makes a database of its own (`createDatabase`) and drops it.
public enum PostgresServer {
    /// The maintenance database's URI.
    public static let uri: String =
        ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES"] ?? "postgresql://baton@127.0.0.1:55432/postgres"

    /// Whether the server answers (`psql` installed and `SELECT 1` accepted).
    public static let ready: Bool = (try? psql("SELECT 1")) == "1"

    /// Whether a test that needs the server runs: always in CI (`CI` set, as `.ci/run` sets it), where its
    /// `#require(ready)` then fails instead of hiding the server's absence; elsewhere when the server answers.
    public static var runs: Bool { ready || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// Why a test that needs the server skips outside CI.
    public static let reason = "needs PostgreSQL on 127.0.0.1:55432 (Scripts/postgres-setup) or BATON_TEST_POSTGRES"

    /// Creates an empty database with a name of its own and returns its URI.
    public static func createDatabase() throws -> String {
        let name = "baton_t_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        _ = try psql("CREATE DATABASE \(name)")
        return uri(of: name)
    }

    /// Drops the database `databaseURI` names, closing its connections.
    public static func dropDatabase(_ databaseURI: String) {
        let name = String(databaseURI.split(separator: "/").last ?? "")
        guard name.hasPrefix("baton_t_") else { return }
        _ = try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// The URI of database `name` on the test server.
    public static func uri(of name: String) -> String {
        let base = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        guard let scheme = base.range(of: "://") else { return base }
        let authorityEnd = base[scheme.upperBound...].firstIndex(of: "/") ?? base.endIndex
        return base[..<authorityEnd] + "/" + name
    }

    /// Runs one SQL command with `psql` against `database` (the maintenance database by default) and returns its
    /// unaligned, tuples-only output.
    @discardableResult
    public static func psql(_ sql: String, database: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", database ?? uri, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresServerError(sql: sql, message: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// `psql` failed.
public struct PostgresServerError: Error, CustomStringConvertible {
    public let sql: String
    public let message: String
    public var description: String { "psql failed on \(sql): \(message)" }
}
