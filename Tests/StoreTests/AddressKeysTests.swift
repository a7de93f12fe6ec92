import BatonCore
import TestSupport
import Testing

@testable import Store

/// The seventeenth migration: `message_addresses` becomes a `WITHOUT ROWID` table; a store's addresses come through
/// the rebuild, and the key, the checks and the cascade still hold.
@Suite struct AddressKeysTests {
    static func rows(_ db: any Database) throws -> [String] {
        try db.query("SELECT message_id, role, position, address, IFNULL(name, '-') AS name FROM message_addresses")
            .map { row in
                [
                    String(row.int("message_id") ?? 0), row.text("role") ?? "", String(row.int("position") ?? 0),
                    row.text("address") ?? "", row.text("name") ?? "",
                ].joined(separator: "|")
            }
    }

    @Test("a store at version 16 keeps its addresses in key order; the key, the role check and the cascade hold")
    func migrated() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("a.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.migrate(db, to: Migrations.version(of: Migrations.matchSnapshot))
            try db.executeScript(
                """
                INSERT INTO messages (id, dedupe_key, message_id, time_source, kind, outcome, scanned_at)
                    VALUES (7, 'mid:a@x', 'a@x', 'date', 'message', 'matched', 1),
                    (8, 'mid:b@x', 'b@x', 'date', 'message', 'matched', 1);
                INSERT INTO message_addresses (message_id, role, position, address, name) VALUES
                    (8, 'to', 0, 'ann@example.com', NULL), (7, 'to', 1, 'bob@example.com', 'Bob'),
                    (7, 'from', 0, 'dana@acme.com', 'Dana'), (7, 'to', 0, 'ann@example.com', 'Ann');
                """)
        }
        let store = try BatonStore(path: path)
        let db = store.database
        #expect(try store.schemaVersion == Migrations.currentVersion)
        // Read in the key's order, whatever order they were written in.
        #expect(
            try Self.rows(db) == [
                "7|from|0|dana@acme.com|Dana", "7|to|0|ann@example.com|Ann", "7|to|1|bob@example.com|Bob",
                "8|to|0|ann@example.com|-",
            ])
        let sql = try db.scalar("SELECT sql FROM sqlite_master WHERE name = 'message_addresses'")?.string ?? ""
        #expect(sql.hasSuffix("WITHOUT ROWID"))
        #expect(
            try db.query("SELECT name FROM sqlite_master WHERE tbl_name = 'message_addresses' AND type = 'index'")
                .isEmpty)
        #expect(throws: StoreError.self) {
            try db.execute(
                "INSERT INTO message_addresses (message_id, role, position, address) VALUES (7, 'to', 1, 'x@y.z')")
        }
        #expect(throws: StoreError.self) {
            try db.execute(
                "INSERT INTO message_addresses (message_id, role, position, address) VALUES (7, 'reply-to', 0, 'x@y.z')"
            )
        }
        #expect(throws: StoreError.self) {
            try db.execute(
                "INSERT INTO message_addresses (message_id, role, position, address) VALUES (99, 'to', 0, 'x@y.z')")
        }
        try db.execute("DELETE FROM messages WHERE id = 7")
        #expect(try Self.rows(db) == ["8|to|0|ann@example.com|-"])
        #expect(try db.query("PRAGMA foreign_key_check").isEmpty)
    }
}
