import BatonCore
import Foundation
import Store
import TestSupport
import Testing

@Suite struct StoreCommandTests {
    static let now = "2026-11-26T17:00:00Z"

    /// The sample world, scanned once.
    static func scannedWorld() throws -> TemporaryFolder {
        let world = try SampleWorld.temporaryCopy()
        let scan = try BatonProcess.run(["scan", "--now", now], in: world.path)
        try #require(scan.status == 0, "\(scan.stderr)")
        return world
    }

    /// A member of a JSON object.
    static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let pairs) = value else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    static func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test("store check --json reports the sample world's schema, integrity, rows, WAL size and source cursors")
    func checkJSON() throws {
        let world = try Self.scannedWorld()
        let result = try BatonProcess.run(["store", "check", "--json"], in: world.path)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let json = try Self.parse(result.stdout)
        guard case .object(let pairs) = json else {
            Issue.record("not an object: \(result.stdout)")
            return
        }
        #expect(
            pairs.map(\.0) == [
                "store", "schema_version", "supported_schema_version", "integrity", "foreign_key_violations", "tables",
                "wal_bytes", "sources", "nodes", "problems", "damaged",
            ])
        #expect(Self.member(json, "nodes") == .array([]))
        #expect(Self.member(json, "store") == .string(world.file("var/baton.sqlite")))
        #expect(Self.member(json, "schema_version") == .int(Int64(Migrations.currentVersion)))
        #expect(Self.member(json, "integrity") == .string("ok"))
        #expect(Self.member(json, "foreign_key_violations") == .array([]))
        #expect(Self.member(json, "wal_bytes") == .int(0))
        #expect(Self.member(json, "damaged") == .bool(false))
        let tables = try #require(Self.member(json, "tables"))
        for (table, rows) in [
            ("leads", 8), ("reps", 4), ("messages", 21), ("interactions", 26), ("meetings", 9), ("notifications", 8),
            ("spend", 5),
        ] {
            #expect(Self.member(tables, table) == .int(Int64(rows)), "\(table)")
        }
        let sources = try #require(Self.member(json, "sources"))
        guard case .array(let list) = sources else {
            Issue.record("sources: \(sources)")
            return
        }
        #expect(list.count == 6)
        #expect(
            list.first
                == .object([
                    ("node", .string("")), ("path", .string(world.file("Mail/ann.mbox"))), ("type", .string("mbox")),
                    ("last_scan_at", .string(Self.now)), ("offset", .int(4655)), ("size", .int(4655)),
                ]))
    }

    @Test("store check prints a text report; with no store it exits 66")
    func checkText() throws {
        let world = try SampleWorld.temporaryCopy()
        let none = try BatonProcess.run(["store", "check"], in: world.path)
        #expect(none.status == 66)
        #expect(
            none.stderr == "baton: \(world.file("var/baton.sqlite")): no store here yet (the first scan creates it)\n")
        #expect(!FileManager.default.fileExists(atPath: world.file("var/baton.sqlite")))
        #expect(try BatonProcess.run(["scan", "--now", Self.now], in: world.path).status == 0)
        let text = try BatonProcess.run(["store", "check"], in: world.path)
        #expect(text.status == 0)
        #expect(
            text.stdout.hasPrefix(
                """
                store: \(world.file("var/baton.sqlite"))
                schema version: \(Migrations.currentVersion)
                integrity: ok
                foreign keys: ok
                write-ahead log: 0 bytes

                table                    rows
                amount_history           3
                calendar_inputs          3

                """))
        #expect(text.stdout.contains("\nmbox      2026-11-26T17:00:00Z  \(world.file("Mail/ann.mbox"))\n"))
        #expect(text.stdout.contains("\njournal   2026-11-26T17:00:00Z  \(world.file("Mail/journal"))\n"))
    }

    @Test("a foreign-key violation makes store check exit 74 and name the row")
    func foreignKeys() throws {
        let world = try Self.scannedWorld()
        let store = world.file("var/baton.sqlite")
        let rowid: Int64 = try {
            let db = try SQLiteDatabase(path: store)
            try db.execute("PRAGMA foreign_keys=OFF")
            return try db.insertRow(
                "INSERT INTO interactions (lead_id, type, time, match) VALUES (999, 'manual', 0, 'manual')")
        }()
        let result = try BatonProcess.run(["store", "check", "--json"], in: world.path)
        #expect(result.status == 74)
        #expect(
            result.stderr
                == "baton: store \(store) is damaged: 0 integrity problems, 1 foreign-key violation, 0 unreadable parts; "
                + "restore it from a backup\n")
        let json = try Self.parse(result.stdout)
        #expect(
            Self.member(json, "foreign_key_violations")
                == .array([
                    .object([("table", .string("interactions")), ("rowid", .int(rowid)), ("parent", .string("leads"))])
                ]))
        #expect(Self.member(json, "damaged") == .bool(true))
        let text = try BatonProcess.run(["store", "check"], in: world.path)
        #expect(text.status == 74)
        #expect(
            text.stdout.contains("\nforeign keys: 1 violation\n  interactions row \(rowid): no parent row in leads\n"))
    }

    @Test("a store file with flipped bytes in a page makes store check exit 74")
    func flippedBytes() throws {
        let world = try Self.scannedWorld()
        let store = world.file("var/baton.sqlite")
        let (root, pageSize): (Int64, Int64) = try {
            let db = try SQLiteDatabase(path: store)
            return (
                try db.scalar("SELECT rootpage FROM sqlite_schema WHERE name = 'messages'")!.int64!,
                try db.scalar("PRAGMA page_size")!.int64!
            )
        }()
        #expect(!FileManager.default.fileExists(atPath: store + "-wal"))
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: store))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        let bytes = try handle.read(upToCount: 8) ?? Data()
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data(bytes.map { $0 ^ 0xFF }))
        try handle.close()
        let result = try BatonProcess.run(["store", "check", "--json"], in: world.path)
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("baton: store \(store) is damaged: "))
        let json = try Self.parse(result.stdout)
        #expect(Self.member(json, "integrity") != .string("ok"))
        #expect(Self.member(json, "damaged") == .bool(true))
    }

    @Test("store backup writes a 0600 copy with the same rows; an existing FILE exits 73, no store exits 66")
    func backup() throws {
        let world = try Self.scannedWorld()
        let result = try BatonProcess.run(["store", "backup", "copy.sqlite", "--verbose"], in: world.path)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(
            result.stdout.hasPrefix("backed up \(world.file("var/baton.sqlite")) to \(world.file("copy.sqlite")): "))
        let copy = world.file("copy.sqlite")
        let attributes = try FileManager.default.attributesOfItem(atPath: copy)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try BatonProcess.sqlite(copy, "PRAGMA integrity_check") == "ok\n")
        for table in ["leads", "messages", "interactions", "notifications", "sightings"] {
            #expect(
                try BatonProcess.sqlite(copy, "SELECT * FROM \(table) ORDER BY 1")
                    == BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT * FROM \(table) ORDER BY 1"))
        }
        let again = try BatonProcess.run(["store", "backup", "copy.sqlite"], in: world.path)
        #expect(again.status == 73)
        #expect(again.stderr == "baton: store \(copy): already exists; a backup never overwrites\n")
        let usage = try BatonProcess.run(["store", "backup"], in: world.path)
        #expect(usage.status == 64)

        let empty = try SampleWorld.temporaryCopy()
        let none = try BatonProcess.run(["store", "backup", "copy.sqlite"], in: empty.path)
        #expect(none.status == 66)
        #expect(!FileManager.default.fileExists(atPath: empty.file("copy.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: empty.file("var/baton.sqlite")))
    }
}
