import Foundation
import TestSupport
import Testing

/// Sources that change while `baton scan` reads them: an mbox appended to, Maildir files renamed and deleted (by a
/// mail client, or by mbsync syncing flag changes and expunges), a drop-folder file still being written. No
/// crash, nothing lost, nothing twice; the next scan takes the rest.
@Suite struct MovingSourcesTests {
    /// A world with an mbox for Ann, a Maildir for Bob and a plain drop folder, and 200 leads; no policies.
    static func world() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            "baton.json",
            """
            {"store": "var/baton.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "crm": {"reps_file": "reps.csv", "leads_file": "leads.csv"},
             "sources": [{"type": "mbox", "path": "mail/ann.mbox", "rep": "ann@example.com"},
                         {"type": "maildir", "path": "mail/bob", "rep": "bob@example.com"},
                         {"type": "drop", "path": "mail/drop"}],
             "teams": {"t": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}}, "policies": [],
             "alerts": {"from": "b@example.com", "transport": {"type": "folder", "path": "out"}}}
            """)
        try folder.write("reps.csv", "email,name\nann@example.com,Ann\nbob@example.com,Bob\n")
        var leads = "email,name\n"
        for n in 0..<200 { leads += "lead\(n)@company\(n % 50).com,Lead \(n)\n" }
        try folder.write("leads.csv", leads)
        for sub in ["bob/cur", "bob/new", "bob/tmp", "drop"] {
            try FileManager.default.createDirectory(
                atPath: folder.file("mail/" + sub), withIntermediateDirectories: true)
        }
        return folder
    }

    static let scan = ["scan", "--config", "baton.json", "--now", FaultWorld.now, "--json"]

    /// Rows in `messages`, or 0 while the store or its schema does not exist yet.
    static func storedMessages(_ world: TemporaryFolder) -> Int {
        guard FileManager.default.fileExists(atPath: world.file("var/baton.sqlite")) else { return 0 }
        let text = try? BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT count(*) FROM messages")
        return Int(text?.trimmingCharacters(in: .newlines) ?? "") ?? 0
    }

    static func messageIDs(_ world: TemporaryFolder) throws -> [String] {
        try BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT IFNULL(message_id, '(none)') FROM messages")
            .split(separator: "\n").map(String.init)
    }

    /// Whether `baton scan --json` output counts no errors for any source.
    static func noErrors(_ result: BatonProcess.Result) -> Bool {
        result.stdout.contains("\"errors\": 0") && !result.stdout.contains(/"errors": [1-9]/)
    }

    @Test("an mbox appended to during a scan, a message half-written at a time: every message stored exactly once")
    func mboxAppended() throws {
        let world = try Self.world()
        // Past the reader's 4 MB window, so that it reads the file's end late in the scan, while mail arrives.
        let initial = 2500
        try world.write("mail/ann.mbox", FaultWorld.mboxMessages(0..<initial, bobMessages: 0, words: 400))
        let child = try BatonChild(Self.scan, in: world.path)
        child.wait { Self.storedMessages(world) > 0 }
        let mbox = FileHandle(forWritingAtPath: world.file("mail/ann.mbox"))!
        try mbox.seekToEnd()
        var appended = 0
        var halfWhileScanning = 0
        // Each message arrives in two writes, cut before its Message-ID, with a pause between: a reader at the
        // end of the file mostly finds a message half there.
        while child.process.isRunning && appended < 400 {
            let record = FaultWorld.mboxMessages(
                initial + appended..<initial + appended + 1, bobMessages: 0, words: 400)
            let cut = record.range(of: "Message-ID:")!.lowerBound
            try mbox.write(contentsOf: Data(record[..<cut].utf8))
            if child.process.isRunning { halfWhileScanning += 1 }
            Thread.sleep(forTimeInterval: 0.03)
            try mbox.write(contentsOf: Data(record[cut...].utf8))
            appended += 1
            Thread.sleep(forTimeInterval: 0.005)
        }
        try mbox.close()
        let first = child.wait()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.noErrors(first), "\(first.stdout)")
        #expect(halfWhileScanning > 0, "the scan ended before the first append")
        let second = try BatonProcess.run(Self.scan, in: world.path)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.noErrors(second), "\(second.stdout)")
        let ids = try Self.messageIDs(world)
        let expected = (0..<initial + appended).map { "m\($0)@gen" }
        #expect(ids.count == expected.count)
        #expect(Set(ids) == Set(expected), "\(Set(ids).symmetricDifference(expected).sorted().prefix(5))")
        // Each stored once, and sighted once, at its own offset.
        #expect(
            try BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT count(*) FROM sightings")
                == "\(expected.count)\n")
        print("faults: mbox appended during a scan: \(appended) messages, \(halfWhileScanning) half-written mid-scan")
    }

    @Test("Maildir files renamed to cur/ and deleted during a scan: no error, none lost, none twice")
    func maildirMoved() throws {
        let world = try Self.world()
        let count = 2400
        for n in 0..<count {
            try world.write("mail/bob/new/\(FaultWorld.base + n).M\(n)P1.gen", FaultWorld.maildirMessage(n))
        }
        let child = try BatonChild(Self.scan, in: world.path)
        child.wait { Self.storedMessages(world) > 0 }
        var deleted = Set<Int>()
        var renamed = 0
        for n in 0..<count {
            let name = "\(FaultWorld.base + n).M\(n)P1.gen"
            if n % 7 == 3 {
                try FileManager.default.removeItem(atPath: world.file("mail/bob/new/" + name))
                deleted.insert(n)
            } else if n % 3 == 0 {
                // What a mail client does on reading: new/ to cur/ with flags.
                #expect(rename(world.file("mail/bob/new/" + name), world.file("mail/bob/cur/" + name + ":2,S")) == 0)
                renamed += 1
            }
        }
        let stillRunning = child.process.isRunning
        let first = child.wait()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.noErrors(first), "\(first.stdout)")
        let second = try BatonProcess.run(Self.scan, in: world.path)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.noErrors(second), "\(second.stdout)")
        let ids = try Self.messageIDs(world)
        #expect(Set(ids).count == ids.count, "a message stored twice")
        let kept = Set((0..<count).filter { !deleted.contains($0) }.map { "b\($0)@gen" })
        #expect(kept.isSubset(of: ids), "lost: \(kept.subtracting(ids).sorted().prefix(5))")
        #expect(Set(ids).isSubset(of: (0..<count).map { "b\($0)@gen" }))
        let seen = try BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT count(*) FROM maildir_seen")
        #expect(seen == "\(ids.count)\n")
        print(
            "faults: Maildir moved during a scan: \(renamed) renamed, \(deleted.count) deleted "
                + "(\(count - ids.count) of them before being read), scan still running after: \(stillRunning)")
    }

    /// The new messages `scan --json` counted for Bob's Maildir.
    static func bobNewMessages(_ result: BatonProcess.Result) throws -> Int {
        struct Report: Decodable {
            struct Source: Decodable {
                let path: String
                let newMessages: Int
                enum CodingKeys: String, CodingKey {
                    case path
                    case newMessages = "new_messages"
                }
            }
            let sources: [Source]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        return try #require(report.sources.first { $0.path.hasSuffix("/mail/bob") }).newMessages
    }

    @Test("mbsync renaming every Maildir file through flag changes and expunging some while scans run: each read once")
    func maildirRenamedByMbsync() throws {
        let world = try Self.world()
        let count = 1500
        // mbsync's names: `TIME.PID_N.HOST,U=UID`, then `:2,FLAGS`; unread mail in new/.
        func name(_ n: Int) -> String { "\(FaultWorld.base + n).4242_\(n).gen,U=\(n + 1)" }
        let flags = [":2,", ":2,S", ":2,FS", ":2,FRS", ":2,RS"]
        func path(_ n: Int, _ pass: Int) -> String {
            world.file("mail/bob/\(pass == 0 ? "new" : "cur")/\(name(n))\(flags[pass])")
        }
        for n in 0..<count { try world.write("mail/bob/new/\(name(n)):2,", FaultWorld.maildirMessage(n)) }
        // Expunged on the server: mbsync deletes the file, read or not.
        let expunged = Set((0..<count).filter { $0 % 13 == 5 })
        var results: [BatonProcess.Result] = []
        var child = try BatonChild(Self.scan, in: world.path)
        child.wait { Self.storedMessages(world) > 0 }
        var renamedWhileScanning = 0
        // Each pass is a sync after a flag change on the server: every file renamed (new/ to cur/ first), while
        // scans run one after another.
        for pass in 1..<flags.count {
            for n in 0..<count {
                if expunged.contains(n) {
                    if pass == 1 { #expect(unlink(path(n, 0)) == 0) }
                    continue
                }
                #expect(rename(path(n, pass - 1), path(n, pass)) == 0)
                if child.process.isRunning {
                    renamedWhileScanning += 1
                } else {
                    results.append(child.wait())
                    child = try BatonChild(Self.scan, in: world.path)
                }
            }
        }
        results.append(child.wait())
        results.append(try BatonProcess.run(Self.scan, in: world.path))
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.noErrors(result), "\(result.stdout)")
        }
        #expect(renamedWhileScanning > 0, "the scans ended before the first rename")
        let ids = try Self.messageIDs(world)
        #expect(Set(ids).count == ids.count, "a message stored twice")
        let kept = Set((0..<count).filter { !expunged.contains($0) }.map { "b\($0)@gen" })
        #expect(kept.isSubset(of: ids), "lost: \(kept.subtracting(ids).sorted().prefix(5))")
        #expect(Set(ids).isSubset(of: (0..<count).map { "b\($0)@gen" }))
        // Each message counted new once, over all the scans.
        #expect(try results.map(Self.bobNewMessages).reduce(0, +) == ids.count)
        let seen = try BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT count(*) FROM maildir_seen")
        #expect(seen == "\(ids.count)\n")
        print(
            "faults: mbsync renames during scans: \(results.count) scans, \(renamedWhileScanning) renames mid-scan, "
                + "\(expunged.count) expunged (\(count - ids.count) of them before being read)")
    }

    @Test("a Maildir changed again within the tick of its folders' times after a scan listed it is read by the next")
    func maildirSameTick() throws {
        let world = try Self.world()
        for n in 0..<3 {
            try world.write("mail/bob/new/\(FaultWorld.base + n).M\(n)P1.gen", FaultWorld.maildirMessage(n))
        }
        // Folder times that a change leaves as they were, as on a file system with whole-second times changed
        // twice in one second (set a little ahead, as a file server's clock may be, so that however slow this
        // machine is the scans see a change as recent).
        let second = time(nil) + 30
        func holdFolderTimes() {
            for sub in ["new", "cur"] {
                var times = [timespec(tv_sec: second, tv_nsec: 0), timespec(tv_sec: second, tv_nsec: 0)]
                #expect(utimensat(AT_FDCWD, world.file("mail/bob/" + sub), &times, 0) == 0)
            }
        }
        holdFolderTimes()
        let first = try BatonProcess.run(Self.scan, in: world.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.bobNewMessages(first) == 3)
        // Within the same second, mbsync delivers a message and moves one that was read to cur/.
        try world.write("mail/bob/new/\(FaultWorld.base + 3).M3P1.gen", FaultWorld.maildirMessage(3))
        let moved = "\(FaultWorld.base).M0P1.gen"
        #expect(rename(world.file("mail/bob/new/" + moved), world.file("mail/bob/cur/" + moved + ":2,S")) == 0)
        holdFolderTimes()
        let next = try BatonProcess.run(Self.scan, in: world.path)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.bobNewMessages(next) == 1)
        #expect(try Self.messageIDs(world).sorted() == ["b0@gen", "b1@gen", "b2@gen", "b3@gen"])
    }

    static let forward = """
        From: Ann <ann@example.com>
        To: log@example.com
        Subject: Fwd: Pricing
        Date: Wed, 25 Nov 2026 08:00:00 +0000
        Message-ID: <fwd-half@example.com>
        Content-Type: text/plain; charset=UTF-8

        FYI.

        ---------- Forwarded message ---------
        From: Lead 7 <lead7@company7.com>
        Date: Tue, Nov 24, 2026 at 4:05 PM
        Subject: Pricing
        To: Ann <ann@example.com>


        Hi Ann, what would the pilot cost?

        """

    @Test("a drop-folder file still being written is left for a later scan, then processed whole, not quarantined")
    func dropFileGrowing() throws {
        let world = try Self.world()
        let path = world.file("mail/drop/fwd.eml")
        let cut = Self.forward.range(of: "---------- Forwarded")!.lowerBound
        try world.write("mail/drop/fwd.eml", String(Self.forward[..<cut]))
        let quarantine = world.file("mail/drop/quarantine")
        func waiting() -> Bool {
            FileManager.default.fileExists(atPath: path)
                && ((try? FileManager.default.contentsOfDirectory(atPath: quarantine)) ?? []).isEmpty
        }
        let half = try BatonProcess.run(Self.scan, in: world.path)
        #expect(half.status == 0, "\(half.stderr)")
        #expect(waiting())
        Thread.sleep(forTimeInterval: 1)
        let handle = FileHandle(forWritingAtPath: path)!
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Self.forward[cut...].utf8))
        try handle.close()
        let fresh = try BatonProcess.run(Self.scan, in: world.path)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(waiting())
        // Two seconds untouched: done being written.
        Thread.sleep(forTimeInterval: 2.2)
        let done = try BatonProcess.run(Self.scan, in: world.path)
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("\"quarantined\": 0"))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: world.file("mail/drop/processed/fwd.eml")))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: quarantine)) ?? []).isEmpty)
        #expect(
            try BatonProcess.sqlite(
                world.file("var/baton.sqlite"),
                "SELECT i.direction, i.rep, l.address FROM interactions i JOIN messages m ON m.id = i.message_id "
                    + "JOIN lead_addresses l ON l.lead_id = i.lead_id WHERE m.subject = 'Pricing'")
                == "inbound|ann@example.com|lead7@company7.com\n")
    }
}
