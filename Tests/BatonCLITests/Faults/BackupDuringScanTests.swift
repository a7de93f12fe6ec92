import Foundation
import Store
import TestSupport
import Testing

/// `baton store backup` while `baton scan` runs on the kill world in another process: the copy is the store as
/// one of the scan's committed batches left it, and a scan of the copy ends exactly where the uninterrupted scan
/// ended.
@Suite struct BackupDuringScanTests {
    /// The sightings of `source` in `store`, as (offset, message's dedupe key), from `@OFFSET` locations.
    static func mboxSightings(_ store: String, _ source: String) throws -> Set<String> {
        Set(
            try BatonProcess.sqlite(
                store,
                """
                SELECT s.location || ' ' || m.dedupe_key FROM sightings s JOIN messages m ON m.id = s.message_id
                WHERE s.source = '\(source)'
                """
            ).split(separator: "\n").map(String.init))
    }

    static func offset(_ sighting: String) -> Int64 {
        Int64(sighting.dropFirst().prefix { $0 != " " }) ?? -1
    }

    @Test("a backup during a scan is a committed batch boundary, and a scan of it converges to the uninterrupted store")
    func backupDuringScan() throws {
        let root = try TemporaryFolder()
        let template = root.file("template")
        try FaultWorld.make(at: template, messages: FaultWorld.knob("BATON_FAULT_MESSAGES", 1000))
        let world = root.file("world")
        try FileManager.default.copyItem(atPath: template, toPath: world)
        let store = world + "/var/baton.sqlite"
        let copy = root.file("copy.sqlite")

        let scan = try BatonChild(FaultWorld.scan(), in: world)
        // Opening the store before the scan has created and migrated it would race with that: wait for its log.
        scan.wait(until: { FileManager.default.fileExists(atPath: store + "-wal") })
        scan.wait(until: {
            let count = try? BatonProcess.sqlite(store, "SELECT count(*) FROM messages")
            return (Int(count?.dropLast() ?? "") ?? 0) > 0
        })
        let backupStarted = Date().timeIntervalSince(scan.started)
        let backup = try BatonProcess.run(["store", "backup", copy, "--config", "Config/baton.json"], in: world)
        let scanStillRan = scan.process.isRunning
        let finished = scan.wait()
        try #require(backup.status == 0, "backup: \(backup.stderr)")
        try #require(finished.status == 0, "scan: \(finished.stderr)")
        #expect(scanStillRan, "the scan ended before the backup did: the world is too small to overlap them")

        #expect(try BatonProcess.sqlite(copy, "PRAGMA integrity_check") == "ok\n")
        #expect(try BatonProcess.sqlite(copy, "PRAGMA foreign_key_check") == "")
        let copied = Int(try BatonProcess.sqlite(copy, "SELECT count(*) FROM messages").dropLast()) ?? 0
        let total = Int(try BatonProcess.sqlite(store, "SELECT count(*) FROM messages").dropLast()) ?? 0
        #expect(copied > 0)
        #expect(copied <= total)
        // Every message of the copy is in the final store.
        let finalKeys = Set(try BatonProcess.sqlite(store, "SELECT dedupe_key FROM messages").split(separator: "\n"))
        let copyKeys = Set(try BatonProcess.sqlite(copy, "SELECT dedupe_key FROM messages").split(separator: "\n"))
        #expect(copyKeys.isSubset(of: finalKeys))
        // The mbox's cursor and its sightings were committed together: the copy holds exactly the final store's
        // sightings before its cursor, none after.
        let mbox = world + "/Mail/ann.mbox"
        let cursor =
            Int64(try BatonProcess.sqlite(copy, "SELECT offset FROM source_state WHERE path = '\(mbox)'").dropLast())
            ?? 0
        let copySightings = try Self.mboxSightings(copy, mbox)
        let finalSightings = try Self.mboxSightings(store, mbox)
        #expect(copySightings == finalSightings.filter { Self.offset($0) < cursor })
        #expect(copySightings.allSatisfy { Self.offset($0) >= 0 })

        // Put the copy in the store's place, with the drop folder as it was before the scan moved its files, and
        // scan again: the result is the uninterrupted scan's.
        let expected = try FaultWorld.dump(world)
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: store + suffix) }
        try manager.copyItem(atPath: copy, toPath: store)
        try manager.removeItem(atPath: world + "/Mail/drop")
        try manager.copyItem(atPath: template + "/Mail/drop", toPath: world + "/Mail/drop")
        let rerun = try BatonProcess.run(FaultWorld.scan(), in: world)
        #expect(rerun.status == 0, "the scan of the copy: \(rerun.stderr)")
        let dump = try FaultWorld.dump(world)
        #expect(dump == expected, "\(FaultWorld.difference(expected, dump))")
        print(
            "backup during scan: started \(String(format: "%.2f", backupStarted)) s into the scan, copied "
                + "\(copied) of \(total) messages, mbox cursor \(cursor)")
    }
}
