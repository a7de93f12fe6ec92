import BatonCore
import Foundation
import Store

/// `baton store check [--json]`: the store's health. Exits 74 when it is damaged.
enum StoreCheckCommand: BatonCommand {
    static let path = ["store", "check"]
    static let arguments = ""
    static let summary = "the store's health: schema, integrity, foreign keys, rows, WAL size, last scans"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
    static let discussion = """
        Runs SQLite's integrity_check and foreign_key_check, counts every table's rows and lists each source's
        cursor, writing nothing. Exits 74 when the store is damaged (restore it from a backup), 66 when there is
        no store yet.
        """

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let config = try invocation.loadConfig()
        try StoreFile.requireExisting(config.store)
        let health = try check(config.store)
        if config.isSharedStore && health.schemaVersion == 0 {
            throw InputError(
                path: config.store, reason: "no Baton store in this database yet (the first scan creates it)",
                exitCode: .noInput)
        }
        if invocation.json {
            invocation.out.line(json(health).pretty)
        } else {
            invocation.out.write(text(health))
        }
        if health.isDamaged {
            let integrity = health.integrity == ["ok"] ? 0 : health.integrity.count
            invocation.err.line(
                "baton: store \(health.path) is damaged: \(count(integrity, "integrity problem")), "
                    + "\(count(health.foreignKeyViolations.count, "foreign-key violation")), "
                    + "\(count(problems(health).count, "unreadable part")); restore it from a backup")
            return .ioError
        }
        return .ok
    }

    /// The store's health; SQLITE_CORRUPT before the checks could even start means its first pages are damaged.
    static func check(_ path: String) throws -> StoreHealth {
        do {
            return try StoreHealth.check(path: path)
        } catch {
            if error.primaryCode == 11 { throw StoreDamagedError(path: path, detail: error.message) }
            throw error
        }
    }

    /// `1 thing`, `2 things`.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Reads that failed, tables that could not be counted included.
    static func problems(_ h: StoreHealth) -> [String] {
        h.problems + h.tables.compactMap { t in t.error.map { "\(t.name): \($0)" } }
    }

    static func json(_ h: StoreHealth) -> JSONValue {
        .object([
            ("store", .string(h.path)),
            ("schema_version", .int(h.schemaVersion)),
            ("supported_schema_version", .int(h.supportedSchemaVersion)),
            ("integrity", h.integrity == ["ok"] ? .string("ok") : .array(h.integrity.map { .string($0) })),
            (
                "foreign_key_violations",
                .array(
                    h.foreignKeyViolations.map {
                        .object([
                            ("table", .string($0.table)), ("rowid", .int($0.rowid)), ("parent", .string($0.parent)),
                        ])
                    })
            ),
            ("tables", .object(h.tables.map { ($0.name, .int($0.rows)) })),
            ("wal_bytes", .int(h.walBytes)),
            (
                "sources",
                .array(
                    h.sources.map {
                        .object([
                            ("node", .string($0.node)), ("path", .string($0.path)), ("type", .string($0.type)),
                            ("last_scan_at", .time(epochSeconds: $0.lastScanAt)), ("offset", .int($0.offset)),
                            ("size", .int($0.size)),
                        ])
                    })
            ),
            (
                "nodes",
                .array(
                    h.nodes.map {
                        .object([
                            ("name", .string($0.name)), ("host", .string($0.hostName)),
                            ("machine_id", .string($0.machineID)),
                            ("last_scan_at", $0.lastScanAt.map { .time(epochSeconds: $0) } ?? .null),
                        ])
                    })
            ),
            ("problems", .array(problems(h).map { .string($0) })),
            ("damaged", .bool(h.isDamaged)),
        ])
    }

    static func text(_ h: StoreHealth) -> String {
        var lines = [
            "store: \(h.path)",
            "schema version: \(h.schemaVersion)"
                + (h.schemaVersion == h.supportedSchemaVersion
                    ? "" : " (this Baton writes \(h.supportedSchemaVersion): the next scan migrates it)"),
            "integrity: " + (h.integrity == ["ok"] ? "ok" : count(h.integrity.count, "problem")),
        ]
        if h.integrity != ["ok"] { lines += h.integrity.map { "  " + $0 } }
        lines.append(
            "foreign keys: "
                + (h.foreignKeyViolations.isEmpty ? "ok" : count(h.foreignKeyViolations.count, "violation")))
        lines += h.foreignKeyViolations.map {
            "  \($0.table) row \($0.rowid.map(String.init) ?? "?"): no parent row in \($0.parent)"
        }
        for problem in problems(h) { lines.append("unreadable: \(problem)") }
        lines.append("write-ahead log: \(h.walBytes) bytes")
        var tables = TextTable(["table", "rows"])
        for t in h.tables { tables.add([t.name, t.rows.map(String.init) ?? "unreadable"]) }
        lines.append("")
        lines.append(tables.rendered)
        lines.append("")
        if h.sources.isEmpty {
            lines.append("sources: none scanned yet")
        } else {
            // A shared store's cursors belong to nodes: each row says whose.
            let byNode = h.sources.contains { !$0.node.isEmpty }
            var sources = TextTable((byNode ? ["node"] : []) + ["type", "last scan", "path"])
            sources.maxWidth = 200
            for s in h.sources {
                sources.add((byNode ? [s.node] : []) + [s.type, Timestamp.format(epochSeconds: s.lastScanAt), s.path])
            }
            lines.append(sources.rendered)
        }
        if !h.nodes.isEmpty {
            var nodes = TextTable(["node", "host", "machine id", "last scan"])
            for n in h.nodes {
                nodes.add([
                    n.name, n.hostName, n.machineID, n.lastScanAt.map { Timestamp.format(epochSeconds: $0) } ?? "-",
                ])
            }
            lines.append("")
            lines.append(nodes.rendered)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `baton store backup FILE`: a consistent copy of the live store, taken while scans keep running.
enum StoreBackupCommand: BatonCommand {
    static let path = ["store", "backup"]
    static let arguments = "FILE"
    static let summary = "copy the live store consistently into a new FILE (SQLite's online backup)"
    static let options: [OptionSpec] = []
    static let discussion = """
        The copy is one committed state of the store, taken through SQLite's online backup API without stopping
        a running scan. FILE is created with mode 0600 and is never overwritten: an existing FILE, or a folder
        that does not exist, exits 73. Restore by stopping the scans and putting the copy in the store's place.
        """

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let target = invocation.resolve(try invocation.onePositional("FILE"))
        let config = try invocation.loadConfig()
        guard !config.isSharedStore else {
            throw StoreError(
                kind: .notSupported, path: config.store,
                message:
                    "store backup copies an SQLite file; back up a PostgreSQL store with the server's own tools "
                    + "(pg_dump -Fc, or the server's base backups)")
        }
        try StoreFile.requireExisting(config.store)
        let summary = try StoreBackup.copy(from: config.store, to: target)
        if invocation.verbose {
            invocation.out.line(
                "backed up \(config.store) to \(target): \(summary.pages) pages, \(summary.bytes) bytes "
                    + "in \(summary.steps) steps")
        }
        return .ok
    }
}

/// The store file a maintenance command reads: it must exist (opening would create an empty one).
enum StoreFile {
    static func requireExisting(_ path: String) throws {
        guard Config.isSharedStore(path) || FileManager.default.fileExists(atPath: path) else {
            throw InputError(path: path, reason: "no store here yet (the first scan creates it)", exitCode: .noInput)
        }
    }
}

/// A store whose first pages cannot be read (exit 74).
struct StoreDamagedError: CommandLineError {
    let path: String
    let detail: String
    var exitCode: ExitCode { .ioError }
    var description: String { "store \(path) is damaged (\(detail)); restore it from a backup" }
}
