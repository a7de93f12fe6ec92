import Foundation
import Store
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The store in trouble: a full file system, a read-only store, a store locked past the busy timeout, a file
/// that is not SQLite. Each: the right exit code and a clear message, nothing half-written, and the next run
/// after the cause is gone finishes the work exactly.
///
/// CI runs as root, which ignores file modes: the read-only case drops to `nobody` with `setpriv`; the full disk
/// is a small tmpfs mounted over the store's folder, else `prlimit --fsize` on the scan.
@Suite struct StoreTroubleTests {
    static let earlier = "2026-11-26T12:00:00Z"
    static let messages = 600

    /// A world scanned once at `earlier`, with 200 more messages waiting for the scan at `now`.
    static func prepared(_ path: String) throws {
        try FaultWorld.make(at: path, messages: messages)
        let first = try BatonProcess.run(FaultWorld.scan(at: earlier), in: path)
        #expect(first.status == 0, "\(first.stderr)")
        let mbox = FileHandle(forWritingAtPath: path + "/Mail/ann.mbox")!
        try mbox.seekToEnd()
        try mbox.write(
            contentsOf: Data(FaultWorld.mboxMessages(messages..<messages + 200, bobMessages: messages / 4).utf8))
        try mbox.close()
    }

    /// What the prepared world holds after its scan at `now`, undisturbed.
    static let preparedReference: Result<[String], any Error> = Result {
        let folder = try TemporaryFolder()
        try prepared(folder.file("w"))
        let scan = try BatonProcess.run(FaultWorld.scan(), in: folder.file("w"))
        #expect(scan.status == 0, "\(scan.stderr)")
        return try FaultWorld.dump(folder.file("w"))
    }

    /// `setpriv` to run as `nobody`, when this process is root (which ignores file modes).
    static let setpriv = "/usr/bin/setpriv"
    static let canDropToNobody = geteuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv)

    @Test(
        "a read-only store: exit 74 naming the store, nothing written; writable again, the next run finishes",
        .enabled(if: canDropToNobody, "root ignores file modes and \(setpriv) is missing to run as nobody"))
    func readOnly() throws {
        let folder = try TemporaryFolder()
        let world = folder.file("w")
        try Self.prepared(world)
        let store = world + "/var/baton.sqlite"
        let before = try FaultWorld.dump(world)
        let result: BatonProcess.Result
        if geteuid() == 0 {
            // nobody may read the store and take the scan lock, but write neither the store nor its folder.
            chmod(store, 0o644)
            chmod(store + ".lock", 0o666)
            chmod(world + "/var", 0o755)
            result = try BatonChild(
                FaultWorld.scan(), in: world,
                prefix: [Self.setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
            ).wait()
        } else {
            chmod(store, 0o444)
            chmod(world + "/var", 0o555)
            result = try BatonProcess.run(FaultWorld.scan(), in: world)
        }
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("baton: store \(store): "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        chmod(world + "/var", 0o700)
        chmod(store, 0o600)
        #expect(try FaultWorld.integrity(world) == "ok\n")
        #expect(try FaultWorld.dump(world) == before)

        let again = try BatonProcess.run(FaultWorld.scan(), in: world)
        #expect(again.status == 0, "\(again.stderr)")
        let after = try FaultWorld.dump(world)
        let reference = try Self.preparedReference.get()
        #expect(after == reference, "\(FaultWorld.difference(reference, after))")
    }

    @Test("a store locked by another process past the busy timeout: exit 75, nothing written; then it finishes")
    func lockedPastBusyTimeout() throws {
        let folder = try TemporaryFolder()
        let world = folder.file("w")
        try Self.prepared(world)
        let store = world + "/var/baton.sqlite"
        let before = try FaultWorld.dump(world)
        // Another program holds the write lock (not Baton's scan lock): Baton waits its 5 s busy timeout.
        let holder = try SQLiteDatabase(path: store)
        try holder.execute("BEGIN EXCLUSIVE")
        let started = Date()
        let result = try BatonProcess.run(FaultWorld.scan(), in: world)
        let waited = Date().timeIntervalSince(started)
        try holder.execute("ROLLBACK")
        #expect(result.status == 75)
        #expect(result.stderr.hasPrefix("baton: store \(store): database is locked"), "\(result.stderr)")
        #expect(waited >= 5, "gave up after \(waited) s, before the busy timeout")
        #expect(try FaultWorld.integrity(world) == "ok\n")
        #expect(try FaultWorld.dump(world) == before)

        let again = try BatonProcess.run(FaultWorld.scan(), in: world)
        #expect(again.status == 0, "\(again.stderr)")
        let after = try FaultWorld.dump(world)
        let reference = try Self.preparedReference.get()
        #expect(after == reference, "\(FaultWorld.difference(reference, after))")
    }

    @Test("a store file that is not SQLite: exit 78, the file untouched; once it is moved away the scan runs")
    func notSQLite() throws {
        let folder = try TemporaryFolder()
        let reference = folder.file("reference")
        try FaultWorld.make(at: reference, messages: Self.messages)
        #expect(try BatonProcess.run(FaultWorld.scan(), in: reference).status == 0)
        let expected = try FaultWorld.dump(reference)

        let world = folder.file("w")
        try FaultWorld.make(at: world, messages: Self.messages)
        let store = world + "/var/baton.sqlite"
        let text = "name,notes\nthis is a spreadsheet someone saved over the store\n"
        try FileManager.default.createDirectory(atPath: world + "/var", withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: store))
        let result = try BatonProcess.run(FaultWorld.scan(), in: world)
        #expect(result.status == 78)
        #expect(result.stderr == "baton: store \(store): not a SQLite database; refusing to touch it\n")
        #expect(try String(contentsOfFile: store, encoding: .utf8) == text)
        #expect(!FileManager.default.fileExists(atPath: store + "-wal"))
        #expect(FaultWorld.sent(world).isEmpty)

        try FileManager.default.moveItem(atPath: store, toPath: world + "/var/saved.csv")
        let again = try BatonProcess.run(FaultWorld.scan(), in: world)
        #expect(again.status == 0, "\(again.stderr)")
        let after = try FaultWorld.dump(world)
        #expect(after == expected, "\(FaultWorld.difference(expected, after))")
    }

    /// Runs `/usr/bin/mount ARGS`; true when it exited 0.
    static func mount(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + (arguments.first == "-u" ? "umount" : "mount"))
        process.arguments = arguments.first == "-u" ? Array(arguments.dropFirst()) : arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let prlimit = "/usr/bin/prlimit"
    static let canFillDisk =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/mount")
        || FileManager.default.isExecutableFile(atPath: prlimit)

    @Test(
        "a store on a full file system: exit 74, the store stays whole; with room again the next run finishes",
        .enabled(if: canFillDisk, "neither mount (for a small tmpfs) nor prlimit (for --fsize) is installed"))
    func fullDisk() throws {
        let folder = try TemporaryFolder()
        let reference = folder.file("reference")
        try FaultWorld.make(at: reference, messages: 2 * Self.messages)
        #expect(try BatonProcess.run(FaultWorld.scan(), in: reference).status == 0)
        let expected = try FaultWorld.dump(reference)
        let size =
            (try FileManager.default.attributesOfItem(atPath: reference + "/var/baton.sqlite")[.size] as? Int) ?? 0
        // Room for the schema and a few batches, not for the whole store.
        let limit = max(size / 2, 640 << 10)
        #expect(size > limit, "the store (\(size) bytes) outgrows the full disk (\(limit) bytes)")

        let world = folder.file("w")
        try FaultWorld.make(at: world, messages: 2 * Self.messages)
        let store = world + "/var/baton.sqlite"
        try FileManager.default.createDirectory(atPath: world + "/var", withIntermediateDirectories: true)
        let mounted = Self.mount(["-t", "tmpfs", "-o", "size=\(limit / 1024)k,mode=0700", "tmpfs", world + "/var"])
        defer { if mounted { _ = Self.mount(["-u", "-l", world + "/var"]) } }
        let result: BatonProcess.Result
        if mounted {
            result = try BatonProcess.run(FaultWorld.scan(), in: world)
        } else {
            guard FileManager.default.isExecutableFile(atPath: Self.prlimit) else {
                print("faults: full disk skipped: cannot mount a tmpfs here and \(Self.prlimit) is missing")
                return
            }
            print("faults: full disk by prlimit --fsize=\(limit) (mounting a tmpfs failed)")
            result = try BatonChild(
                FaultWorld.scan(), in: world, prefix: [Self.prlimit, "--fsize=\(limit)", "--"]
            ).wait()
        }
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("baton: store \(store): "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(try FaultWorld.integrity(world) == "ok\n")
        #expect(try BatonProcess.sqlite(store, "PRAGMA foreign_key_check") == "")
        // What was committed is whole: the mbox cursor never passes a message that is not stored.
        let cursor =
            Int(
                try BatonProcess.sqlite(store, "SELECT offset FROM source_state WHERE type = 'mbox'")
                    .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let sighted = Int(
            try BatonProcess.sqlite(
                store, "SELECT count(*) FROM sightings WHERE source LIKE '%ann.mbox'"
            ).trimmingCharacters(in: .newlines))!
        if cursor > 0 { #expect(sighted > 0) }
        #expect(FaultWorld.sent(world).isEmpty)

        if mounted { #expect(Self.mount(["-o", "remount,size=256m", world + "/var"])) }
        let again = try BatonProcess.run(FaultWorld.scan(), in: world)
        #expect(again.status == 0, "\(again.stderr)")
        let after = try FaultWorld.dump(world)
        #expect(after == expected, "\(FaultWorld.difference(expected, after))")
        let logged = FaultWorld.sent(world)
        #expect(logged.sorted() == (try FaultWorld.sentInStore(world)).sorted())
        print(
            "faults: full disk by \(mounted ? "a \(limit >> 10) KB tmpfs" : "prlimit --fsize=\(limit)"): exit 74, then 0"
        )
    }
}
