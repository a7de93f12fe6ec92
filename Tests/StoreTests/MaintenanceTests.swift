import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Store

/// A store with two reps and three leads, written through plain SQL: the health check and the backup read any rows.
private func populatedStore(_ folder: TemporaryFolder) throws -> String {
    let path = folder.file("baton.sqlite")
    let store = try BatonStore(path: path)
    try store.database.transaction {
        for (n, email) in ["ann@example.com", "bob@example.com"].enumerated() {
            try store.database.execute(
                "INSERT INTO reps (id, email, created_at, updated_at) VALUES (?, ?, 0, 0)", n + 1, email)
            try store.database.execute(
                "INSERT INTO rep_addresses (address, rep_id, position) VALUES (?, ?, 0)", email, n + 1)
        }
        for n in 1...3 {
            try store.database.execute(
                "INSERT INTO leads (id, name, stage, imported_at, updated_at) VALUES (?, ?, 'mql', 0, 0)", n,
                "Lead \(n)")
            try store.database.execute(
                "INSERT INTO lead_addresses (address, lead_id, position) VALUES (?, ?, 0)", "lead\(n)@acme.test", n)
        }
    }
    return path
}

/// Flips the first 8 bytes of `table`'s root page (its b-tree page header) in the closed store file at `path`.
private func damageRootPage(of table: String, in path: String) throws {
    let (root, pageSize): (Int64, Int64) = try {
        let db = try SQLiteDatabase(path: path)
        return (
            try db.scalar("SELECT rootpage FROM sqlite_schema WHERE name = ?", table)!.int64!,
            try db.scalar("PRAGMA page_size")!.int64!
        )
    }()
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seek(toOffset: UInt64((root - 1) * pageSize))
    let bytes = try handle.read(upToCount: 8) ?? Data()
    try handle.seek(toOffset: UInt64((root - 1) * pageSize))
    try handle.write(contentsOf: Data(bytes.map { $0 ^ 0xFF }))
}

@Suite struct StoreHealthTests {
    @Test("a healthy store reports its schema version, integrity ok, no violations, every table's rows and its cursors")
    func healthy() throws {
        let folder = try TemporaryFolder()
        let path = try populatedStore(folder)
        let store = try BatonStore(path: path)
        try store.database.transaction {
            var state = SourceState(path: "/mail/ann.mbox", type: "mbox")
            state.offset = 4655
            state.size = 4655
            try store.cursors.saveSourceState(state, at: 1_795_712_400)
        }
        let health = try StoreHealth.check(path: path)
        #expect(health.schemaVersion == Migrations.currentVersion)
        #expect(health.supportedSchemaVersion == Migrations.currentVersion)
        #expect(health.integrity == ["ok"])
        #expect(health.foreignKeyViolations.isEmpty)
        #expect(health.problems.isEmpty)
        #expect(!health.isDamaged)
        let counts = Dictionary(uniqueKeysWithValues: health.tables.map { ($0.name, $0.rows) })
        #expect(counts.count == 28)
        #expect(counts["match_inputs"] == 1)
        #expect(counts["match_leads"] == 0)
        #expect(counts["match_keys"] == 0)
        #expect(counts["clock_state"] == 3)
        #expect(counts["forgotten_addresses"] == 0)
        #expect(counts["spend"] == 0)
        #expect(counts["reps"] == 2)
        #expect(counts["rep_addresses"] == 2)
        #expect(counts["leads"] == 3)
        #expect(counts["lead_addresses"] == 3)
        #expect(counts["messages"] == 0)
        #expect(health.tables.map(\.name) == health.tables.map(\.name).sorted())
        #expect(
            health.sources == [
                StoreHealth.SourceCursor(
                    node: "", path: "/mail/ann.mbox", type: "mbox", lastScanAt: 1_795_712_400, offset: 4655, size: 4655)
            ])
    }

    @Test("a row whose parent is missing is a foreign-key violation naming the table, the row and the parent")
    func foreignKeyViolation() throws {
        let folder = try TemporaryFolder()
        let path = try populatedStore(folder)
        let rowid: Int64 = try {
            let db = try SQLiteDatabase(path: path)
            try db.execute("PRAGMA foreign_keys=OFF")
            try db.execute("INSERT INTO lead_addresses (address, lead_id, position) VALUES ('ghost@acme.test', 99, 0)")
            return db.lastInsertID
        }()
        let health = try StoreHealth.check(path: path)
        #expect(health.integrity == ["ok"])
        #expect(
            health.foreignKeyViolations == [
                StoreHealth.ForeignKeyViolation(table: "lead_addresses", rowid: rowid, parent: "leads")
            ])
        #expect(health.isDamaged)
    }

    @Test("flipped bytes in a table's page are damage: integrity_check does not say ok")
    func flippedPage() throws {
        let folder = try TemporaryFolder()
        let path = try populatedStore(folder)
        try damageRootPage(of: "leads", in: path)
        let health = try StoreHealth.check(path: path)
        #expect(health.integrity != ["ok"])
        #expect(!health.integrity.isEmpty)
        #expect(health.isDamaged)
    }

    @Test("the WAL size is the -wal file's, measured before the check opens the store")
    func walSize() throws {
        let folder = try TemporaryFolder()
        let path = try populatedStore(folder)
        let holder = try SQLiteDatabase(path: path)
        try holder.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')")
        let size = holder.walBytes
        #expect(size > 0)
        #expect(try StoreHealth.check(path: path).walBytes == size)
    }
}

@Suite struct WALCheckpointTests {
    @Test("a checkpoint with no reader copies every frame and truncates the -wal file to 0 bytes")
    func truncates() throws {
        let folder = try TemporaryFolder()
        let path = try populatedStore(folder)
        let idle = try SQLiteDatabase(path: path)
        let writer = try SQLiteDatabase(path: path)
        for n in 0..<50 { try writer.execute("INSERT INTO settings (key, value) VALUES (?, 'v')", "k\(n)") }
        #expect(writer.walBytes > 0)
        let result = try writer.checkpointWAL()
        #expect(!result.busy)
        #expect(result.logFrames == 0)
        #expect(result.checkpointedFrames == 0)
        #expect(writer.walBytes == 0)
        #expect(try idle.scalar("SELECT count(*) FROM settings WHERE key LIKE 'k%'") == .integer(50))
    }

    @Test("a reader holding a snapshot makes the checkpoint busy at once, not an error; the next one truncates")
    func busyReader() throws {
        let folder = try TemporaryFolder()
        let path = try populatedStore(folder)
        let reader = try SQLiteDatabase(path: path)
        let writer = try SQLiteDatabase(path: path)
        try reader.execute("BEGIN")
        #expect(try reader.scalar("SELECT count(*) FROM leads") == .integer(3))
        try writer.execute("INSERT INTO settings (key, value) VALUES ('after', 'v')")
        let started = Date()
        let busy = try writer.checkpointWAL()
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(busy.busy)
        #expect(busy.logFrames > 0)
        #expect(writer.walBytes > 0)
        try reader.execute("COMMIT")
        let done = try writer.checkpointWAL()
        #expect(!done.busy)
        #expect(writer.walBytes == 0)
    }
}

@Suite struct StoreBackupTests {
    @Test("a backup is a new 0600 file with the same rows that passes integrity_check; no temporary file is left")
    func copies() throws {
        let folder = try TemporaryFolder()
        let path = try populatedStore(folder)
        let target = folder.file("copy.sqlite")
        let summary = try StoreBackup.copy(from: path, to: target, pagesPerStep: 2)
        #expect(summary.pages > 2)
        #expect(summary.steps == (summary.pages + 1) / 2)
        #expect(summary.bytes == Int64(summary.pages) * 4096)
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let copy = try SQLiteDatabase(path: target)
        #expect(try copy.scalar("PRAGMA integrity_check") == .text("ok"))
        #expect(
            try copy.scalar("SELECT group_concat(address, ',') FROM lead_addresses ORDER BY address")
                == .text("lead1@acme.test,lead2@acme.test,lead3@acme.test"))
        #expect(try copy.scalar("PRAGMA user_version") == .integer(Int64(Migrations.currentVersion)))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left.filter { $0.contains("partial") } == [])
        #expect(left.contains("copy.sqlite"))
    }

    @Test("an existing file is never overwritten, and a missing folder cannot be created: both cannotCreate")
    func refuses() throws {
        let folder = try TemporaryFolder()
        let path = try populatedStore(folder)
        let existing = try folder.write("old.sqlite", "keep me")
        #expect(
            throws: StoreError(
                kind: .cannotCreate, path: existing, message: "already exists; a backup never overwrites")
        ) {
            try StoreBackup.copy(from: path, to: existing)
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
        let missing = folder.file("no/such/folder/copy.sqlite")
        #expect(
            throws: StoreError(kind: .cannotCreate, path: missing, message: "cannot create: No such file or directory")
        ) {
            try StoreBackup.copy(from: path, to: missing)
        }
    }

    @Test("a missing store is neither checked nor backed up, and neither creates it")
    func missingStore() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("none.sqlite")
        let error = StoreError(kind: .sqlite(code: 14), path: path, message: "no store here")
        #expect(throws: error) { try StoreHealth.check(path: path) }
        #expect(throws: error) { try StoreBackup.copy(from: path, to: folder.file("copy.sqlite")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test("a backup taken while another connection commits batches of ten rows holds a whole number of batches")
    func concurrentWriter() throws {
        let folder = try TemporaryFolder()
        let path = try populatedStore(folder)
        // Enough rows that the copy takes many steps.
        let setup = try SQLiteDatabase(path: path)
        try setup.transaction {
            for n in 0..<2000 {
                try setup.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)", "pad\(n)", String(repeating: "x", count: 200))
            }
        }
        let stop = Locked(false)
        let writerDone = DispatchSemaphore(value: 0)
        let writerPath = path
        Thread.detachNewThread {
            defer { writerDone.signal() }
            guard let writer = try? SQLiteDatabase(path: writerPath) else { return }
            var batch = 0
            while !stop.value {
                try? writer.transaction {
                    for row in 0..<10 {
                        try writer.execute("INSERT INTO settings (key, value) VALUES (?, 'b')", "batch\(batch)-\(row)")
                    }
                }
                batch += 1
            }
        }
        Thread.sleep(forTimeInterval: 0.05)
        let target = folder.file("copy.sqlite")
        let summary = try StoreBackup.copy(from: path, to: target, pagesPerStep: 4)
        stop.update { $0 = true }
        writerDone.wait()
        #expect(summary.steps > 10)
        let copy = try SQLiteDatabase(path: target)
        #expect(try copy.scalar("PRAGMA integrity_check") == .text("ok"))
        let rows = try copy.scalar("SELECT count(*) FROM settings WHERE key LIKE 'batch%'")!.int64!
        #expect(rows % 10 == 0)
        let live = try SQLiteDatabase(path: path).scalar("SELECT count(*) FROM settings WHERE key LIKE 'batch%'")!
            .int64!
        #expect(rows <= live)
    }
}
