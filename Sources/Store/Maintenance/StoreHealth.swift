import BatonCore
import CSQLite
import Foundation

/// The health of a store file, as `baton store check` reports it: schema version, SQLite's own integrity and
/// foreign-key checks, rows per table, the write-ahead log's size and each source's cursor.
public struct StoreHealth: Sendable, Equatable {
    /// A row whose foreign key names a parent row that does not exist (`PRAGMA foreign_key_check`).
    public struct ForeignKeyViolation: Sendable, Equatable {
        /// The table holding the row.
        public let table: String
        /// The row's rowid (nil for a `WITHOUT ROWID` table).
        public let rowid: Int64?
        /// The table the missing parent belongs to.
        public let parent: String
    }

    /// One table and its row count; `error` instead of a count when the table could not be read.
    public struct TableRows: Sendable, Equatable {
        /// The table's name.
        public let name: String
        /// Its rows, or nil when counting failed.
        public let rows: Int64?
        /// Why counting failed.
        public let error: String?
    }

    /// One source file or folder and where the scans have got to in it (the `source_state` cursor).
    public struct SourceCursor: Sendable, Equatable {
        /// The node that read it: "" on a store of one host.
        public let node: String
        /// The file or folder, as the configuration's glob expanded it.
        public let path: String
        /// `mbox`, `maildir`, `drop` or `calendar`.
        public let type: String
        /// When a scan last found it changed and moved its cursor (the scan's `--now`), in seconds since 1970.
        public let lastScanAt: Int64
        /// Bytes read so far (mbox), 0 for the others.
        public let offset: Int64
        /// The size seen by that scan, when recorded.
        public let size: Int64?
    }

    /// The store file.
    public var path: String
    /// `PRAGMA user_version`: the migrations applied.
    public var schemaVersion: Int
    /// The schema version this Baton writes.
    public var supportedSchemaVersion: Int
    /// `["ok"]`, or what `PRAGMA integrity_check` found (at most 100 lines).
    public var integrity: [String]
    /// Rows with a missing parent.
    public var foreignKeyViolations: [ForeignKeyViolation]
    /// Every table but SQLite's own, by name.
    public var tables: [TableRows]
    /// The `-wal` file's size when the check began.
    public var walBytes: Int64
    /// Every source's cursor, by path.
    public var sources: [SourceCursor]
    /// Reads that failed during the check (a damaged page hit outside `integrity_check`).
    public var problems: [String]
    /// The hosts registered to scan into a shared store, by name (none on SQLite).
    public var nodes: [NodeRecord] = []

    /// Whether anything found means the file is damaged: integrity, foreign keys or an unreadable table.
    public var isDamaged: Bool {
        integrity != ["ok"] || !foreignKeyViolations.isEmpty || !problems.isEmpty
            || tables.contains { $0.error != nil }
    }

    /// Checks the store at `path` without migrating or writing anything. Damage is reported in
    /// the result; only a file that cannot be opened at all (not SQLite, a newer schema) throws.
    public static func check(path: String) throws(StoreError) -> StoreHealth {
        if Config.isSharedStore(path) { return try checkPostgres(uri: path) }
        // Opening a missing store would create an empty one, and a check must write nothing.
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(kind: .sqlite(code: SQLITE_CANTOPEN), path: path, message: "no store here")
        }
        var status = stat()
        let walBytes: Int64 = stat(path + "-wal", &status) == 0 ? Int64(status.st_size) : 0
        let database = try SQLiteDatabase(path: path, maximumUserVersion: Migrations.currentVersion)
        var health = StoreHealth(
            path: path, schemaVersion: 0, supportedSchemaVersion: Migrations.currentVersion, integrity: [],
            foreignKeyViolations: [], tables: [], walBytes: walBytes, sources: [], problems: [])
        do {
            health.schemaVersion = Int(try database.scalar("PRAGMA user_version")?.int64 ?? 0)
        } catch {
            health.problems.append("schema version: \(error.message)")
        }
        do {
            health.integrity = try database.query("PRAGMA integrity_check(100)").compactMap {
                $0.text("integrity_check")
            }
        } catch {
            health.integrity = [error.message]
        }
        do {
            health.foreignKeyViolations = try database.query("PRAGMA foreign_key_check").map {
                ForeignKeyViolation(
                    table: $0.text("table") ?? "", rowid: $0.int("rowid"), parent: $0.text("parent") ?? "")
            }
        } catch {
            health.problems.append("foreign key check: \(error.message)")
        }
        do {
            let names = try database.query(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            ).compactMap { $0.text("name") }
            health.tables = countRows(names, in: database)
        } catch {
            health.problems.append("tables: \(error.message)")
        }
        health.readSources(database)
        return health
    }

    /// Each table's rows, or why they could not be counted.
    static func countRows(_ names: [String], in database: any Database) -> [TableRows] {
        names.map { name in
            // A name read from the schema, quoted as an identifier: never input from outside the store.
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            do throws(StoreError) {
                let rows = try database.scalar("SELECT count(*) FROM \(quoted)")?.int64 ?? 0
                return TableRows(name: name, rows: rows, error: nil)
            } catch {
                return TableRows(name: name, rows: nil, error: error.message)
            }
        }
    }

    /// Reads every source's cursor, when the store has them.
    mutating func readSources(_ database: any Database) {
        guard tables.contains(where: { $0.name == "source_state" }) else { return }
        do {
            // A store from before cursors had nodes (checked before a scan migrates it) has no `node` column.
            let node = schemaVersion >= Migrations.version(of: Migrations.nodeCursors) ? "node" : "'' AS node"
            sources = try database.query(
                "SELECT \(node), path, type, updated_at, \"offset\", size FROM source_state ORDER BY 1, path"
            ).map {
                SourceCursor(
                    node: $0.text("node") ?? "", path: $0.text("path") ?? "", type: $0.text("type") ?? "",
                    lastScanAt: $0.int("updated_at") ?? 0,
                    offset: $0.int("offset") ?? 0, size: $0.int("size"))
            }
        } catch {
            problems.append("sources: \(error.message)")
        }
    }
}
