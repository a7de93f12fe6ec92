import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Store

@Suite struct DatabaseTests {
    @Test("a new store is created with mode 0600 in WAL mode with foreign keys on, its folders made")
    func creation() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("var/deep/baton.sqlite")
        let store = try BatonStore(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try store.database.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try store.database.scalar("PRAGMA foreign_keys") == .integer(1))
        #expect(try store.schemaVersion == Migrations.currentVersion)
        let tables = try store.database.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .compactMap { $0.text(0) }
        #expect(
            tables == [
                "amount_history", "calendar_inputs", "clock_state", "forgotten_addresses", "imports", "interactions",
                "lead_addresses", "leads",
                "maildir_seen", "match_inputs", "match_keys", "match_leads",
                "meeting_attendees", "meetings",
                "message_addresses", "message_refs", "messages", "notifications", "owner_history",
                "reason_history", "rep_addresses", "reps",
                "settings",
                "sightings", "source_state", "spend", "stage_history", "undeliverable_addresses",
            ])
    }

    @Test("the log is checkpointed every 8,000 pages, not SQLite's 1,000: 3,000 pages written stay in it")
    func autocheckpoint() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("baton.sqlite"))
        let database = try #require(store.database as? SQLiteDatabase)
        #expect(try database.scalar("PRAGMA wal_autocheckpoint") == .integer(8_000))
        #expect(try database.scalar("PRAGMA page_size") == .integer(4_096))
        // Ten transactions of 300 pages each (a 4,000-byte value fills a page of its own): with SQLite's default,
        // the commits past 1,000 pages would have checkpointed the log and started it again from the beginning.
        try database.execute("CREATE TABLE filler (value BLOB)")
        let value = SQLValue.blob([UInt8](repeating: 7, count: 4_000))
        for _ in 0..<10 {
            try database.transaction {
                for _ in 0..<300 { try database.execute("INSERT INTO filler (value) VALUES (?)", [value]) }
            }
        }
        // A log frame is a page and its 24-byte header, after the log's 32-byte header: the 3,000 pages of values,
        // and 127 frames of pages that creating the store and the `CREATE TABLE` and each commit write again (the
        // table's interior pages, the database's first page); the count is SQLite 3.40's, on the schema of migration
        // 18. With SQLite's default the file would have been written again from its start after 1,000 frames.
        #expect(database.walBytes == 32 + 3_126 * (4_096 + 24))
        #expect(try database.checkpointWAL().busy == false)
        #expect(database.walBytes == 0)
    }

    @Test("a failing statement's error carries the extended code, SQLite's message and the SQL")
    func errors() throws {
        let folder = try TemporaryFolder()
        let db = try SQLiteDatabase(path: folder.file("t.sqlite"))
        #expect(
            throws: StoreError(
                kind: .sqlite(code: 1), path: folder.file("t.sqlite"), message: "no such table: nope",
                sql: "SELECT * FROM nope WHERE x = ?")
        ) {
            try db.query("SELECT * FROM nope WHERE x = ?", 1)
        }
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)")
        try db.execute("INSERT INTO t (v) VALUES (?)", "a")
        do {
            try db.execute("INSERT INTO t (v) VALUES (?)", "a")
            Issue.record("a duplicate was inserted")
        } catch {
            #expect(error.kind == .sqlite(code: 2067))  // SQLITE_CONSTRAINT_UNIQUE
            #expect(error.message == "UNIQUE constraint failed: t.v")
        }
    }

    @Test("values travel only as bound parameters: text with quotes and SQL stays text")
    func binding() throws {
        let folder = try TemporaryFolder()
        let db = try SQLiteDatabase(path: folder.file("t.sqlite"))
        try db.execute("CREATE TABLE t (v TEXT, n INTEGER, b BLOB)")
        let hostile = "x'); DROP TABLE t; --\u{0}tail"
        try db.execute("INSERT INTO t VALUES (?, ?, ?)", hostile, Int64.min, SQLValue.blob([0, 1, 255]))
        let row = try #require(try db.query("SELECT v, n, b FROM t").first)
        #expect(row.values == [.text(hostile), .integer(Int64.min), .blob([0, 1, 255])])
        // Text is bound from where the string keeps its bytes: the empty text stays text (a NULL pointer would
        // bind NULL), short strings kept inline and strings from Foundation keep every byte.
        let bridged = NSString(string: "Grüße aus Köln, \u{1F600}") as String
        for text in ["", "a", "ab\u{0}c", "é", bridged, String(repeating: "long text ", count: 40)] {
            let value = try #require(try db.query("SELECT ? AS v, typeof(?) AS t", text, text).first)
            #expect(value.values == [.text(text), .text("text")])
        }
    }

    @Test("a transaction whose body throws rolls back and rethrows the body's error")
    func rollback() throws {
        struct Boom: Error, Equatable {}
        let folder = try TemporaryFolder()
        let db = try SQLiteDatabase(path: folder.file("t.sqlite"))
        try db.execute("CREATE TABLE t (v INTEGER)")
        try db.transaction { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(throws: Boom()) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                try db.transaction { try db.execute("INSERT INTO t VALUES (3)") }
                throw Boom()
            }
        }
        #expect(try db.query("SELECT v FROM t").map { $0.int(0) } == [1])
        // The connection is usable afterwards: no transaction left open.
        try db.transaction { try db.execute("INSERT INTO t VALUES (4)") }
        #expect(try db.scalar("SELECT count(*) FROM t") == .integer(2))
    }

    @Test("a file that is not SQLite is refused and left byte for byte as it was")
    func notSQLite() throws {
        let folder = try TemporaryFolder()
        let text = String(repeating: "these are my notes, not a database\n", count: 200)
        let path = try folder.write("notes.sqlite", text)
        #expect(
            throws: StoreError(kind: .notADatabase, path: path, message: "not a SQLite database; refusing to touch it")
        ) {
            try BatonStore(path: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(StoreError(kind: .notADatabase, path: path, message: "").failureKind == .configuration)
    }
}

@Suite struct MigrationTests {
    @Test("an empty store migrates to the current version in one step")
    func fromEmpty() throws {
        let folder = try TemporaryFolder()
        let db = try SQLiteDatabase(path: folder.file("m.sqlite"))
        #expect(try db.scalar("PRAGMA user_version") == .integer(0))
        try Migrations.migrate(db)
        #expect(try db.scalar("PRAGMA user_version") == .integer(Int64(Migrations.currentVersion)))
    }

    @Test(
        "a store at each earlier version migrates to the current one and keeps its data",
        arguments: Array(1..<Migrations.currentVersion))
    func fromEarlier(version: Int) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("m.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.migrate(db, to: version)
            #expect(try db.scalar("PRAGMA user_version") == .integer(Int64(version)))
            try db.execute(
                "INSERT INTO leads (external_id, stage, imported_at, updated_at) VALUES (?, ?, ?, ?)", "L-7", "mql", 1,
                1)
        }
        let store = try BatonStore(path: path)
        #expect(try store.schemaVersion == Migrations.currentVersion)
        #expect(
            try store.database.query("SELECT external_id, stage FROM leads").map(\.values) == [
                [.text("L-7"), .text("mql")]
            ])
        #expect(try store.database.scalar("SELECT count(*) FROM stage_history") == .integer(0))
    }

    @Test("a store written by a newer Baton is refused and not modified")
    func newer() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("n.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("PRAGMA journal_mode=DELETE")
            try db.execute("PRAGMA user_version = 99")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(
            throws: StoreError(
                kind: .newerVersion(found: 99, supported: Migrations.currentVersion), path: path,
                message:
                    "written by a newer Baton (schema version 99; this one knows \(Migrations.currentVersion)); upgrade Baton, the store was not modified"
            )
        ) {
            try BatonStore(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test(
        "a store written by migration 6 keeps its addresses and cursors through migration 7, which allows bcc, not_sales_team and journal"
    )
    func journalMigration() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("j.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.migrate(db, to: 6)
            try db.execute(
                """
                INSERT INTO messages (id, dedupe_key, message_id, time_source, kind, outcome, scanned_at)
                VALUES (1, 'mid:a@example.com', 'a@example.com', 'date', 'message', 'matched', 1)
                """)
            for (role, position, address, name) in [
                ("from", 0, "ann@example.com", "Ann"), ("to", 0, "dana@acme.test", "Dana"),
                ("to", 1, "lee@acme.test", nil), ("cc", 0, "bob@example.com", nil),
            ] {
                try db.execute(
                    "INSERT INTO message_addresses (message_id, role, position, address, name) VALUES (1, ?, ?, ?, ?)",
                    role, position, address, name)
            }
            try db.execute(
                """
                INSERT INTO source_state (path, type, device, inode, size, mtime_ns, offset, fingerprint, updated_at)
                VALUES ('/mail/ann.mbox', 'mbox', 1, 2, 300, 4, 300, 'f', 5)
                """)
            #expect(throws: StoreError.self) {
                try db.execute(
                    "INSERT INTO message_addresses (message_id, role, position, address) VALUES (1, 'bcc', 0, 'x@y')")
            }
        }
        let store = try BatonStore(path: path)
        #expect(try store.schemaVersion == Migrations.currentVersion)
        #expect(
            try store.database.query(
                "SELECT message_id, role, position, address, name FROM message_addresses ORDER BY role, position"
            ).map(\.values) == [
                [.integer(1), .text("cc"), .integer(0), .text("bob@example.com"), .null],
                [.integer(1), .text("from"), .integer(0), .text("ann@example.com"), .text("Ann")],
                [.integer(1), .text("to"), .integer(0), .text("dana@acme.test"), .text("Dana")],
                [.integer(1), .text("to"), .integer(1), .text("lee@acme.test"), .null],
            ])
        #expect(
            try store.database.query("SELECT path, type, offset, fingerprint, updated_at FROM source_state").map(
                \.values)
                == [[.text("/mail/ann.mbox"), .text("mbox"), .integer(300), .text("f"), .integer(5)]])
        try store.database.execute(
            "INSERT INTO message_addresses (message_id, role, position, address) VALUES (1, 'bcc', 0, 'mia@example.com')"
        )
        try store.database.execute(
            "INSERT INTO source_state (path, type, updated_at) VALUES ('/mail/journal', 'journal', 6)")
        #expect(throws: StoreError.self) {
            try store.database.execute(
                "INSERT INTO message_addresses (message_id, role, position, address) VALUES (1, 'reply_to', 0, 'x@y')")
        }
        #expect(
            try store.database.query("SELECT id, dedupe_key, outcome, scanned_at FROM messages").map(\.values) == [
                [.integer(1), .text("mid:a@example.com"), .text("matched"), .integer(1)]
            ])
        try store.database.execute("UPDATE messages SET outcome = 'not_sales_team' WHERE id = 1")
        // The addresses still go with their message.
        try store.database.execute("DELETE FROM messages WHERE id = 1")
        #expect(try store.database.scalar("SELECT count(*) FROM message_addresses") == .integer(0))
    }
}
