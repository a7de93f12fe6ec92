import BatonCore
import TestSupport
import Testing

@testable import Store

/// The fifteenth migration: the interactions' unique keys become partial indexes; a store's rows, keys and
/// triggers come through the rebuild.
@Suite struct InteractionKeysTests {
    static let rows = [
        "1|1|email|7||inbound|ann@example.com|100|message|address|",
        "2|2|email|7||inbound|ann@example.com|100|message|domain|",
        "3|1|meeting||4|||200||address|",
        "4|2|manual||||ann@example.com|300||manual|call",
    ]

    static func rows(_ db: any Database) throws -> [String] {
        try db.query("SELECT * FROM interactions ORDER BY id").map { row in
            row.values.map { value in
                switch value {
                case .integer(let i): String(i)
                case .text(let t): t
                default: ""
                }
            }.joined(separator: "|")
        }
    }

    @Test("a store at version 14 keeps its interactions; the keys still refuse duplicates and ignore NULLs")
    func migrated() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("k.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.migrate(db, to: Migrations.version(of: Migrations.clockMarks))
            try db.executeScript(
                """
                INSERT INTO leads (id, external_id, stage, imported_at, updated_at) VALUES (1, 'L1', 'mql', 1, 1),
                    (2, 'L2', 'mql', 1, 1);
                INSERT INTO messages (id, dedupe_key, message_id, time_source, kind, outcome, scanned_at)
                    VALUES (7, 'mid:a@x', 'a@x', 'date', 'message', 'matched', 1);
                INSERT INTO meetings (id, uid, recurrence_id, start_at, end_at, status, sequence)
                    VALUES (4, 'u', '', 200, 260, 'scheduled', 0);
                INSERT INTO interactions VALUES
                    (1, 1, 'email', 7, NULL, 'inbound', 'ann@example.com', 100, 'message', 'address', NULL),
                    (2, 2, 'email', 7, NULL, 'inbound', 'ann@example.com', 100, 'message', 'domain', NULL),
                    (3, 1, 'meeting', NULL, 4, NULL, NULL, 200, NULL, 'address', NULL),
                    (4, 2, 'manual', NULL, NULL, NULL, 'ann@example.com', 300, NULL, 'manual', 'call');
                """)
        }
        let store = try BatonStore(path: path)
        let db = store.database
        #expect(try store.schemaVersion == Migrations.currentVersion)
        #expect(try Self.rows(db) == Self.rows)
        #expect(
            try db.query(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'interactions' AND type = 'index' ORDER BY name"
            )
            .map { try $0.requiredText("name") } == [
                "interactions_lead", "interactions_meeting", "interactions_message",
            ])
        // Every trigger that reads the table is back, and works: a cancelled meeting marks its lead.
        #expect(
            try db.query(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%interactions%' ORDER BY name"
            )
            .map { try $0.requiredText("name") } == [
                "clock_attendee_changed", "clock_attendee_deleted", "clock_attendee_inserted",
                "clock_interaction_changed", "clock_interaction_deleted", "clock_meeting_changed",
                "clock_meeting_deleted",
            ])
        try db.execute("UPDATE clock_state SET dirty = 0")
        try db.execute("UPDATE meetings SET status = 'cancelled' WHERE id = 4")
        #expect(
            try db.query("SELECT lead_id FROM clock_state WHERE dirty = 1").map { try $0.requiredInt("lead_id") } == [1]
        )
        // A second interaction of one lead with one message or meeting is refused; rows without either are not keys.
        for (duplicate, key) in [
            (
                "INSERT INTO interactions (lead_id, type, message_id, time, match) VALUES (1, 'email', 7, 1, 'address')",
                "interactions.message_id, interactions.lead_id"
            ),
            (
                "INSERT INTO interactions (lead_id, type, meeting_id, time, match) VALUES (1, 'meeting', 4, 1, 'address')",
                "interactions.meeting_id, interactions.lead_id"
            ),
        ] {
            #expect {
                try db.execute(duplicate)
            } throws: { error in
                (error as? StoreError)?.message.contains("UNIQUE constraint failed: \(key)") == true
            }
        }
        try db.execute(
            "INSERT INTO interactions (lead_id, type, time, match, note) VALUES (2, 'manual', 400, 'manual', 'again')")
        #expect(try Self.rows(db).count == 5)
        // The lookups by message and by meeting use the partial indexes.
        let plan = try db.query("EXPLAIN QUERY PLAN SELECT lead_id FROM interactions WHERE meeting_id IN (4, 5)")
            .compactMap { $0.text("detail") }
        #expect(plan == ["SEARCH interactions USING COVERING INDEX interactions_meeting (meeting_id=?)"])
        let deletePlan = try db.query("EXPLAIN QUERY PLAN DELETE FROM interactions WHERE message_id = 7")
            .compactMap { $0.text("detail") }
        #expect(deletePlan == ["SEARCH interactions USING COVERING INDEX interactions_message (message_id=?)"])
    }
}
