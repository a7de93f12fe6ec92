import BatonCore
import Foundation

/// `baton store copy --to STORE`: every row of one store into a new, empty store, SQLite to PostgreSQL or back, in
/// one transaction on the target, read from one consistent snapshot of the source, which is left as it was. Each
/// table's rows are counted on both sides before the target commits.
public enum StoreCopy {
    /// The tables in an order that puts every parent before its children. `clock_state` and `match_inputs` come
    /// last: triggers write them while the other tables are copied, so they are emptied and copied as they were.
    public static let tables = [
        "settings", "reps", "rep_addresses", "imports", "leads", "lead_addresses", "stage_history", "owner_history",
        "amount_history", "reason_history", "spend", "messages", "message_addresses", "message_refs", "meetings",
        "meeting_attendees", "calendar_inputs", "interactions", "sightings", "undeliverable_addresses", "source_state",
        "maildir_seen", "forgotten_addresses", "notifications", "match_leads", "match_keys",
        "clock_state", "match_inputs",
    ]
    /// The tables triggers write (see `tables`).
    static let triggerWritten: Set<String> = ["clock_state", "match_inputs"]
    /// What a new store holds before its first scan: the salt of forgotten addresses' hashes, and the match
    /// directory's generation. The copy replaces them with the source's (the salt must travel with the hashes).
    static let seeded: Set<String> = ["settings", "match_inputs"]
    /// Rows per multi-row `INSERT`, at most: a batch binds at most this many rows' values.
    static let batchRows = 200

    /// A target that already holds rows: the copy only goes into a new store.
    public struct TargetNotEmpty: BatonError {
        public let target: String
        public let table: String
        public var failureKind: FailureKind { .cannotCreate }
        public var description: String {
            "store \(target) is not empty (table \(table) has rows); store copy only fills a new store"
        }
    }

    /// Copies every row of `source` into `target` and returns each table's rows.
    public static func copy(from source: BatonStore, to target: BatonStore) throws -> [StoreHealth.TableRows] {
        let from = source.database
        let to = target.database
        for table in tables {
            let rows =
                table == "settings"
                ? try to.scalar("SELECT count(*) FROM settings WHERE key <> 'forget_salt'")?.int64
                : seeded.contains(table) ? 0 : try to.scalar("SELECT count(*) FROM \(table)")?.int64
            if rows != 0 { throw TargetNotEmpty(target: to.path, table: table) }
        }
        return try from.snapshot {
            try to.transaction {
                // A lead merged into a later one, a digest's alerts: parents need not come first in id order.
                switch to.dialect {
                case .sqlite: try to.execute("PRAGMA defer_foreign_keys = ON")
                case .postgres: try to.execute("SET CONSTRAINTS ALL DEFERRED")
                }
                var counted: [StoreHealth.TableRows] = []
                for table in tables {
                    if triggerWritten.contains(table) || seeded.contains(table) {
                        try to.execute("DELETE FROM \(table)")
                    }
                    let rows = try copyTable(table, from: from, to: to)
                    let copied = try to.scalar("SELECT count(*) FROM \(table)")?.int64 ?? -1
                    guard copied == rows else {
                        throw StoreError(
                            kind: .badValue(column: table), path: to.path,
                            message: "table \(table): \(rows) rows read, \(copied) in the copy; nothing was committed")
                    }
                    counted.append(StoreHealth.TableRows(name: table, rows: rows, error: nil))
                }
                if to.dialect == .postgres { try restartIdentities(to) }
                return counted
            }
        }
    }

    /// Copies one table's rows in the order they were written, a batch at a time; returns how many.
    private static func copyTable(_ table: String, from: any Database, to: any Database) throws -> Int64 {
        let columns = try columnNames(table, in: from).filter { $0 != "rowid" }
        let wanted = Set(try columnNames(table, in: to))
        let missing = columns.filter { !wanted.contains($0) }
        guard missing.isEmpty else {
            throw StoreError(
                kind: .badValue(column: missing[0]), path: to.path,
                message: "table \(table) has no column \(missing.joined(separator: ", ")) in the target")
        }
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let order = try writeOrder(table, in: from)
        var copied: Int64 = 0
        var offset = 0
        let page = batchRows * 10
        while true {
            let rows = try from.query(
                "SELECT \(list) FROM \(table) ORDER BY \(order) LIMIT ? OFFSET ?",
                [.integer(Int64(page)), .integer(Int64(offset))])
            for batch in stride(from: 0, to: rows.count, by: batchRows) {
                let slice = rows[batch..<min(batch + batchRows, rows.count)]
                let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
                try to.execute(
                    "INSERT INTO \(table) (\(list)) VALUES "
                        + Array(repeating: tuple, count: slice.count).joined(separator: ", "),
                    slice.flatMap(\.values))
            }
            copied += Int64(rows.count)
            offset += rows.count
            if rows.count < page { return copied }
        }
    }

    /// The table's columns in their declared order.
    static func columnNames(_ table: String, in database: any Database) throws -> [String] {
        switch database.dialect {
        case .sqlite:
            return try database.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table).compactMap {
                $0.text("name")
            }
        case .postgres:
            return try database.query(
                """
                SELECT column_name::text AS name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                """, table
            ).compactMap { $0.text("name") }
        }
    }

    /// How to read a table in the order its rows were written: SQLite's rowid (the primary key of a table without
    /// one), PostgreSQL's `rowid` or `id` column where the table has one, else its primary key.
    static func writeOrder(_ table: String, in database: any Database) throws -> String {
        let columns = try columnNames(table, in: database)
        switch database.dialect {
        case .sqlite:
            let withoutRowid =
                try database.scalar(
                    "SELECT count(*) FROM sqlite_schema WHERE name = ? AND sql LIKE '%WITHOUT ROWID%'", table)?.int64
                == 1
            if !withoutRowid { return "rowid" }
        case .postgres:
            if columns.contains("rowid") { return "rowid" }
            if columns.contains("id") { return "id" }
        }
        return try primaryKey(table, in: database).map { "\"\($0)\"" }.joined(separator: ", ")
    }

    private static func primaryKey(_ table: String, in database: any Database) throws -> [String] {
        switch database.dialect {
        case .sqlite:
            return try database.query("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", table)
                .compactMap { $0.text("name") }
        case .postgres:
            return try database.query(
                """
                SELECT a.attname::text AS name FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = to_regclass(?) AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)
                """, table
            ).compactMap { $0.text("name") }
        }
    }

    /// Moves every identity column's sequence past the highest id copied in, so the next insert gets a new id.
    private static func restartIdentities(_ database: any Database) throws {
        let identities = try database.query(
            """
            SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES'
            """)
        for row in identities {
            let table = try row.requiredText("t")
            let column = try row.requiredText("c")
            try database.execute(
                "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT max(\"\(column)\") FROM \(table)), 0) + 1, false)",
                table, column)
        }
    }
}
