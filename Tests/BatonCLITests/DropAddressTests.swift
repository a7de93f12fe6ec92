import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The drop address through the real MTA (docs/capture-drop.md): the sample world's drop files sent through
/// postfix's `sendmail` to `drop@baton.test`, which `Scripts/postfix-setup` delivers into the Maildir of
/// `batondrop`, and `baton scan` run as that user, end up processed and quarantined exactly as when the files are
/// copied into the drop folder. Each run gets its own Maildir: mail to `drop+TOKEN@baton.test` keeps its token
/// through the alias, and `~batondrop/.forward+TOKEN` names the run's folder. The sample journal reports take the
/// same path into a journal Maildir (docs/capture-journal.md: a journal address on the company's own postfix).
@Suite struct DropAddressTests {
    static let now = "2026-11-26T17:00:00Z"
    static let user = "batondrop"
    static let runuser = "/usr/sbin/runuser"

    /// Root, `/usr/sbin/sendmail` and `runuser` present, postfix's master alive, `batondrop` known and
    /// `drop` aliased to it: what `Scripts/postfix-setup` gives CI.
    static let postfixReady: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/sendmail"),
            FileManager.default.isExecutableFile(atPath: runuser), getpwnam(user) != nil,
            let text = try? String(contentsOfFile: "/var/spool/postfix/pid/master.pid", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) == 0,
            let aliases = try? String(contentsOfFile: "/etc/aliases", encoding: .utf8)
        else { return false }
        return aliases.split(separator: "\n").contains { $0.hasPrefix("drop:") && $0.contains(user) }
    }()

    /// The message files of the sample world's Maildir `folder` (`Mail/drop`, `Mail/journal`), those an MTA would
    /// deliver (`new/` and `cur/`), as `new/NAME` or `cur/NAME`.
    static func sampleFiles(_ folder: String) throws -> [String] {
        try ["new", "cur"].flatMap { sub in
            try FileManager.default.contentsOfDirectory(atPath: Repository.path(folder + "/" + sub))
                .filter { !$0.hasPrefix(".") }.map { sub + "/" + $0 }
        }.sorted()
    }

    /// A copy of the sample world whose Maildir `folder` is emptied and owned, with the whole world, by
    /// `batondrop`; and the `baton` binary that user can execute (a build under a private folder is copied into
    /// the world).
    static func mtaWorld(emptying folder: String, files: [String]) throws -> (world: TemporaryFolder, baton: String) {
        let world = try SampleWorld.temporaryCopy()
        for file in files { try FileManager.default.removeItem(atPath: world.file(folder + "/" + file)) }
        var baton = BatonProcess.executable
        let probe = try Subprocess.run(runuser, ["-u", user, "--", "/usr/bin/test", "-x", baton])
        if probe.status != 0 {
            baton = world.file("bin/baton")
            try FileManager.default.createDirectory(atPath: world.file("bin"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: BatonProcess.executable, toPath: baton)
        }
        try chownToDropUser(world.path)
        return (world, baton)
    }

    /// Sends each of `files` (paths inside the repository) through postfix's `sendmail` to
    /// `drop+TOKEN@baton.test`, with `~batondrop/.forward+TOKEN` naming the Maildir `maildir`, and waits (30 s at
    /// most) until all of them are in its `new/`; returns their names there and the token.
    static func deliver(_ files: [String], into maildir: String) throws -> (names: [String], token: String) {
        let home = String(cString: getpwnam(user)!.pointee.pw_dir)
        let token = "run" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let forward = home + "/.forward+" + token
        try Data((maildir + "/\n").utf8).write(to: URL(fileURLWithPath: forward))
        defer { try? FileManager.default.removeItem(atPath: forward) }
        try chownToDropUser(forward)
        for file in files {
            let sent = try Subprocess.run(
                "/bin/sh",
                ["-c", "exec /usr/sbin/sendmail -i -- \"$1\" < \"$2\"", "sh", "drop+\(token)@baton.test", file])
            try #require(sent.status == 0, "sendmail: \(sent.stderr)")
        }
        let delivered = maildir + "/new"
        let deadline = Date().addingTimeInterval(30)
        func arrived() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: delivered)) ?? []).filter { !$0.hasPrefix(".") }
        }
        while arrived().count < files.count && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        try #require(arrived().count == files.count, "postfix delivered \(arrived().count) of \(files.count)")
        return (arrived().sorted(), token)
    }

    /// Runs `baton ARGS` in `world` as `batondrop` (through runuser, with the same minimal environment as
    /// `BatonProcess`).
    static func runAsDropUser(_ arguments: [String], in world: TemporaryFolder, baton: String) throws
        -> Subprocess.Result
    {
        try Subprocess.run(
            runuser, ["-u", user, "--", baton] + arguments, in: world.path,
            environment: ["PATH": "/usr/bin:/bin", "HOME": world.path, "TZ": "UTC", "SWIFT_BACKTRACE": "enable=no"])
    }

    /// Gives the whole folder to `batondrop`.
    static func chownToDropUser(_ path: String) throws {
        let result = try Subprocess.run("/bin/chown", ["-R", "\(user):\(user)", path])
        try #require(result.status == 0, "chown: \(result.stderr)")
    }

    /// `scan --json`'s per-source counts (new messages, interactions, skipped, quarantined, errors), by the last
    /// part of the source's path.
    static func counts(_ json: String) throws -> [String] {
        struct Report: Decodable {
            struct Source: Decodable {
                let path: String
                let newMessages, interactions, skipped, quarantined, errors: Int
                enum CodingKeys: String, CodingKey {
                    case path, interactions, skipped, quarantined, errors
                    case newMessages = "new_messages"
                }
            }
            let sources: [Source]
        }
        return try JSONDecoder().decode(Report.self, from: Data(json.utf8)).sources.map {
            "\(($0.path as NSString).lastPathComponent) \($0.newMessages) \($0.interactions) \($0.skipped) "
                + "\($0.quarantined) \($0.errors)"
        }
    }

    /// A drop folder's `processed/` and `quarantine/`: how many files each holds, and each `.reason` with its
    /// file's name replaced by `FILE`.
    static func outcome(_ drop: String) throws -> (processed: Int, quarantined: Int, reasons: [String]) {
        func files(_ sub: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: drop + "/" + sub)) ?? []).sorted()
        }
        let quarantine = files("quarantine")
        let reasons = try quarantine.filter { $0.hasSuffix(".reason") }.map { name in
            try String(contentsOfFile: drop + "/quarantine/" + name, encoding: .utf8)
                .replacingOccurrences(of: String(name.dropLast(".reason".count)), with: "FILE")
        }
        return (files("processed").count, quarantine.filter { !$0.hasSuffix(".reason") }.count, reasons)
    }

    /// Every lead's `lead show --json`, each timeline entry's sightings reduced to their sources' last path
    /// parts (the drop files' names and the worlds' folders differ).
    static func timelines(_ run: ([String]) throws -> Subprocess.Result) throws -> [NSDictionary] {
        let leads = try String(contentsOfFile: Repository.path("Config/leads.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        return try leads.map { lead in
            let result = try run(["lead", "show", lead, "--json", "--config", "Config/baton.json", "--now", now])
            #expect(result.status == 0, "\(lead): \(result.stderr)")
            var object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let timeline = try #require(object["timeline"] as? [[String: Any]])
            object["timeline"] = timeline.map { entry -> [String: Any] in
                var entry = entry
                let sightings = entry["sightings"] as? [[String: Any]] ?? []
                entry["sightings"] = sightings.map { (($0["source"] as? String ?? "") as NSString).lastPathComponent }
                return entry
            }
            return object as NSDictionary
        }
    }

    @Test(
        "the sample drop files sent through postfix to the drop address are processed and quarantined as copied ones",
        .enabled(
            if: EndToEnd.runs(when: postfixReady),
            "needs root and a running postfix delivering drop@baton.test to batondrop (Scripts/postfix-setup)"),
        .timeLimit(.minutes(2)))
    func throughPostfix() throws {
        try #require(Self.postfixReady, "no postfix delivering drop@baton.test to batondrop: run Scripts/postfix-setup")
        let samples = try Self.sampleFiles("Mail/drop")
        try #require(samples.count == 4)

        // The files copied in, as every other test of the sample world does.
        let copied = try SampleWorld.temporaryCopy()
        let copiedScan = try BatonProcess.run(
            ["scan", "--config", "Config/baton.json", "--now", Self.now, "--json"], in: copied.path)
        #expect(copiedScan.status == 0, "\(copiedScan.stderr)")

        // The same world with an empty drop folder that postfix delivers into, owned by batondrop.
        let (world, baton) = try Self.mtaWorld(emptying: "Mail/drop", files: samples)
        let (names, token) = try Self.deliver(
            samples.map { Repository.path("Mail/drop/" + $0) }, into: world.file("Mail/drop"))
        let delivered = world.file("Mail/drop/new")
        func arrived() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: delivered)) ?? []).filter { !$0.hasPrefix(".") }
        }
        // What postfix delivered is the file as sent, below the lines it adds.
        let first = try String(contentsOfFile: delivered + "/" + names[0], encoding: .utf8)
        #expect(first.hasPrefix("Return-Path: <"))
        #expect(first.contains("\nDelivered-To: drop+\(token)@baton.test\n"))

        let run = { (arguments: [String]) in try Self.runAsDropUser(arguments, in: world, baton: baton) }
        let mtaScan = try run(["scan", "--config", "Config/baton.json", "--now", Self.now, "--json"])
        #expect(mtaScan.status == 0, "\(mtaScan.stderr)")
        #expect(mtaScan.stderr == copiedScan.stderr)
        let counts = try Self.counts(mtaScan.stdout)
        #expect(counts == (try Self.counts(copiedScan.stdout)))
        #expect(counts.contains("drop 3 2 0 1 0"), "\(counts)")
        let mta = try Self.outcome(world.file("Mail/drop"))
        let copy = try Self.outcome(copied.file("Mail/drop"))
        #expect(mta.processed == 3 && mta.quarantined == 1)
        #expect(mta.processed == copy.processed && mta.quarantined == copy.quarantined)
        #expect(mta.reasons == copy.reasons)
        #expect(arrived() == [])
        #expect(
            try Self.timelines(run)
                == Self.timelines { try BatonProcess.run($0, in: copied.path) })
    }

    @Test(
        "the sample journal reports sent through postfix to a journal address are read as the copied ones are",
        .enabled(
            if: EndToEnd.runs(when: postfixReady),
            "needs root and a running postfix delivering drop@baton.test to batondrop (Scripts/postfix-setup)"),
        .timeLimit(.minutes(2)))
    func journalThroughPostfix() throws {
        try #require(Self.postfixReady, "no postfix delivering drop@baton.test to batondrop: run Scripts/postfix-setup")
        let samples = try Self.sampleFiles("Mail/journal")
        try #require(samples.count == 5)
        let copied = try SampleWorld.temporaryCopy()
        let copiedScan = try BatonProcess.run(
            ["scan", "--config", "Config/baton.json", "--now", Self.now, "--json"], in: copied.path)
        #expect(copiedScan.status == 0, "\(copiedScan.stderr)")

        // Postfix delivers the reports (an 8-bit subject, a TNEF-only one among them) into the journal Maildir.
        let (world, baton) = try Self.mtaWorld(emptying: "Mail/journal", files: samples)
        _ = try Self.deliver(samples.map { Repository.path("Mail/journal/" + $0) }, into: world.file("Mail/journal"))
        let run = { (arguments: [String]) in try Self.runAsDropUser(arguments, in: world, baton: baton) }
        let mtaScan = try run(["scan", "--config", "Config/baton.json", "--now", Self.now, "--json"])
        #expect(mtaScan.status == 0, "\(mtaScan.stderr)")
        let counts = try Self.counts(mtaScan.stdout)
        #expect(counts == (try Self.counts(copiedScan.stdout)))
        #expect(counts.contains("journal 4 2 1 0 1"), "\(counts)")
        #expect(
            try Self.timelines(run)
                == Self.timelines { try BatonProcess.run($0, in: copied.path) })
    }
}
