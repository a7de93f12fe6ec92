import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Store

@Suite struct VocabularyCheckTests {
    /// Every column that holds a word of the vocabulary, with the words it may hold.
    static let columns: [(table: String, column: String, values: [String])] = [
        ("imports", "kind", ImportKind.allCases.map(\.rawValue)),
        ("leads", "stage", Stage.allCases.map(\.rawValue)),
        ("stage_history", "old_stage", Stage.allCases.map(\.rawValue)),
        ("stage_history", "new_stage", Stage.allCases.map(\.rawValue)),
        ("source_state", "type", Config.Source.Kind.allCases.map(\.rawValue)),
        ("messages", "time_source", TimeSource.allCases.map(\.rawValue)),
        ("messages", "kind", MessageKind.allCases.map(\.rawValue)),
        ("messages", "outcome", MessageOutcome.allCases.map(\.rawValue)),
        ("message_addresses", "role", ParticipantRole.allCases.map(\.rawValue)),
        ("meetings", "status", MeetingStatus.allCases.map(\.rawValue)),
        ("interactions", "type", InteractionType.allCases.map(\.rawValue)),
        ("interactions", "direction", Direction.allCases.map(\.rawValue)),
        ("interactions", "kind", MessageKind.allCases.map(\.rawValue)),
        ("interactions", "match", MatchMethod.allCases.map(\.rawValue)),
        ("notifications", "kind", NotificationKind.allCases.map(\.rawValue)),
        ("notifications", "clock", Config.Policy.Clock.allCases.map(\.rawValue)),
        ("notifications", "level", NotificationLevel.allCases.map(\.rawValue)),
        ("notifications", "state", NotificationState.allCases.map(\.rawValue)),
    ]

    /// The values of `CHECK (column = 'a' OR column = 'b' …)` (or `CHECK (column IN ('a', 'b'))`) in a table's
    /// `CREATE TABLE` text, in order, or nil when the column has no such check.
    static func checkValues(_ sql: String, column: String) -> [String]? {
        let flat = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        // Migration 1 wrote its two-value checks as `IN (…)`, which SQLite evaluates without a temporary table.
        if let start = flat.range(of: "CHECK (\(column) IN ("),
            let end = flat[start.upperBound...].firstIndex(of: ")")
        {
            return flat[start.upperBound..<end].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            }
        }
        guard let start = flat.range(of: "CHECK (\(column) = '") else { return nil }
        guard let end = flat[start.lowerBound...].firstIndex(of: ")") else { return nil }
        let terms = flat[flat.index(start.lowerBound, offsetBy: 7)..<end].components(separatedBy: " OR ")
        let prefix = "\(column) = '"
        guard terms.allSatisfy({ $0.hasPrefix(prefix) && $0.hasSuffix("'") }) else { return nil }
        return terms.map { String($0.dropFirst(prefix.count).dropLast()) }
    }

    @Test("every vocabulary column's CHECK lists exactly its enum's values, in the enum's order")
    func checksAgreeWithEnums() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("v.sqlite"))
        for (table, column, values) in Self.columns {
            let sql = try store.database.scalar(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table)?.string
            #expect(sql.flatMap { Self.checkValues($0, column: column) } == values, "\(table).\(column)")
        }
    }

    @Test("a value outside the vocabulary is refused by the store")
    func outsideValueRefused() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("v.sqlite"))
        #expect(throws: StoreError.self) {
            try store.database.execute(
                "INSERT INTO leads (stage, imported_at, updated_at) VALUES (?, ?, ?)", "qualified", 1, 1)
        }
        #expect(throws: StoreError.self) {
            try store.database.execute(
                "INSERT INTO source_state (path, type, updated_at) VALUES (?, ?, ?)", "/x", "imap", 1)
        }
    }

    @Test("migrating a store written at version 5 keeps every row of every rebuilt table and of their children")
    func migrationKeepsRows() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("m.sqlite")
        let tables = [
            "leads", "lead_addresses", "imports", "stage_history", "owner_history", "source_state", "messages",
            "message_addresses", "message_refs", "sightings", "meetings", "meeting_attendees", "interactions",
            "undeliverable_addresses", "notifications",
        ]
        var before: [String: [[SQLValue]]] = [:]
        // The columns each table had at version 5: later migrations may add columns, never lose a value.
        var columns: [String: String] = [:]
        var order: [String: String] = [:]
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.migrate(db, to: 5)
            try db.executeScript(
                """
                INSERT INTO leads VALUES (1, 'L-1', 'Ann', 'Acme', 'acme.test', 'web', 'mql', 'rep@b.test', 10, 11, 12,
                    13, 14);
                INSERT INTO lead_addresses VALUES ('ann@acme.test', 1, 0);
                INSERT INTO imports VALUES (1, 'leads', '/l.csv', 13, 1, 0, 0, 0);
                INSERT INTO stage_history VALUES (1, 1, NULL, 'mql', 11, 1);
                INSERT INTO stage_history VALUES (2, 1, 'mql', 'on_hold', 12, 1);
                INSERT INTO owner_history VALUES (1, 1, NULL, 'rep@b.test', 12, 1);
                INSERT INTO source_state VALUES ('/m.mbox', 'mbox', 1, 2, 3, 4, 5, 'f', NULL, 6);
                INSERT INTO messages VALUES (1, 'mid:a@b', 'a@b', 100, 'from_line', 'ann@acme.test', 'Hi', 'hi',
                    'auto_reply', 'rep@b.test', NULL, 'matched', NULL, 101);
                INSERT INTO messages VALUES (2, 'hash:x', NULL, NULL, 'scan', NULL, NULL, NULL, 'bulk', NULL,
                    'x@y.test', 'no_known_party', 'nobody', 102);
                INSERT INTO message_addresses VALUES (1, 'from', 0, 'ann@acme.test', 'Ann');
                INSERT INTO message_addresses VALUES (1, 'cc', 0, 'rep@b.test', NULL);
                INSERT INTO message_refs VALUES (1, 'z@b');
                INSERT INTO meetings VALUES (1, 'u1', '', 200, 300, 'Demo', 'rep@b.test', 'cancelled', 2, 199);
                INSERT INTO meeting_attendees VALUES (1, 'ann@acme.test', 'Ann', 'DECLINED', 'REQ-PARTICIPANT');
                INSERT INTO sightings VALUES (1, 1, NULL, '/m.mbox', '@0', 101);
                INSERT INTO sightings VALUES (2, NULL, 1, '/c.ics', 'c.ics', 103);
                INSERT INTO interactions VALUES (1, 1, 'email', 1, NULL, 'inbound', 'rep@b.test', 100, 'auto_reply',
                    'thread', NULL);
                INSERT INTO interactions VALUES (2, 1, 'meeting', NULL, 1, NULL, 'rep@b.test', 200, NULL, 'domain',
                    NULL);
                INSERT INTO interactions VALUES (3, 1, 'manual', NULL, NULL, 'outbound', 'rep@b.test', 250, NULL,
                    'manual', 'called');
                INSERT INTO undeliverable_addresses VALUES ('x@y.test', 2, 102);
                INSERT INTO notifications VALUES (1, 'digest|1', 'digest', NULL, NULL, NULL, NULL, NULL, NULL,
                    'weekly', NULL, 'm@b.test', '', 'sent', 300, 300, 300, 1, NULL, '<d@b>', x'00ff', 301, NULL, NULL);
                INSERT INTO notifications VALUES (2, 'alert|1', 'alert', 1, 'p', 'reply', 1, 100, 200, 'escalation',
                    2, 'm@b.test', 'rep@b.test', 'cancelled', 300, 300, 300, 0, 'stopped', '<a@b>', NULL, NULL, 1,
                    400);
                """)
            for table in tables {
                columns[table] = try db.query("SELECT name FROM pragma_table_info(?)", table).compactMap {
                    $0.text("name")
                }.joined(separator: ", ")
                // In the order the rows were written (rowid), but `message_addresses`, which has no rowid since
                // migration 17, in its key's order.
                order[table] = table == "message_addresses" ? "message_id, role, position" : "rowid"
                before[table] = try db.query(
                    "SELECT \(columns[table] ?? "*") FROM \(table) ORDER BY \(order[table] ?? "rowid")"
                ).map(\.values)
            }
        }
        let store = try BatonStore(path: path)
        #expect(try store.schemaVersion == Migrations.currentVersion)
        #expect(try store.database.scalar("PRAGMA foreign_keys") == .integer(1))
        for table in tables {
            let after = try store.database.query(
                "SELECT \(columns[table] ?? "*") FROM \(table) ORDER BY \(order[table] ?? "rowid")"
            ).map(\.values)
            #expect(after == before[table], "\(table)")
            #expect(!after.isEmpty, "\(table)")
        }
        #expect(try store.database.query("PRAGMA foreign_key_check").isEmpty)
        let indexes = try store.database.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).compactMap { $0.text(0) }
        #expect(
            indexes == [
                "amount_history_lead", "clock_state_dirty", "clock_state_next", "interactions_lead",
                "interactions_meeting", "interactions_message", "lead_addresses_lead", "leads_company_domain",
                "match_keys_lead", "meetings_end", "messages_bounces", "messages_fuzzy", "messages_orphans",
                "messages_sent", "notifications_digest", "notifications_lead", "notifications_state",
                "owner_history_lead", "reason_history_lead", "rep_addresses_rep", "sightings_meeting",
                "sightings_unique", "spend_month", "stage_history_lead",
            ])
    }
}
