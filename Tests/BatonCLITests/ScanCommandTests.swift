import Foundation
import Testing

/// `baton scan` as cron runs it: real processes, real files, killed mid-run.
@Suite struct ScanCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A copy of the shipped sample world.
    static func sampleWorld() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for name in ["Config", "Mail"] {
            try FileManager.default.copyItem(atPath: repository + "/" + name, toPath: folder.file(name))
        }
        return folder
    }

    @Test("scan is silent on success and --json reports every source")
    func json() throws {
        let world = try Self.sampleWorld()
        let quiet = try BatonProcess.run(["scan", "--now", "2026-11-26T17:00:00Z"], in: world.path)
        #expect(quiet.status == 0)
        #expect(quiet.stdout == "")
        #expect(quiet.stderr == "")
        let again = try BatonProcess.run(["scan", "--now", "2026-11-26T17:05:00Z", "--json"], in: world.path)
        #expect(again.status == 0)
        #expect(
            again.stdout.hasPrefix(
                "{\n  \"sources\": [\n    {\n      \"path\": \"\(world.path)/Mail/ann.mbox\",\n      \"type\": \"mbox\",\n"
            ))
        #expect(again.stdout.contains("\"new_messages\": 0,\n      \"interactions\": 0,"))
        #expect(
            again.stdout.contains("\"notifications\": {\n    \"queued\": 0,\n    \"sent\": 0,\n    \"failed\": 0\n  }"))
        let show = try BatonProcess.run(
            ["lead", "show", "fatima@globex.example.org", "--json", "--now", "2026-11-26T17:05:00Z"], in: world.path)
        #expect(
            show.stdout.contains(
                """
                    {
                      "time": "2026-11-24T16:05:00Z",
                      "type": "email",
                      "direction": "inbound",
                      "rep": "ann@example.com",
                      "message_id": null,
                      "subject": "Contract review",
                      "match": "address",
                      "kind": "message",
                      "state": null,
                      "note": null,
                      "time_source": "forward",
                      "sightings": [
                        {
                          "source": "\(world.path)/Mail/drop",
                          "location": "processed/1764003600.M1P5001.mx.example.com#1"
                        }
                      ]
                    }
                """))
    }

    @Test("--dry-run writes nothing and moves nothing, and says what it would do")
    func dryRun() throws {
        let world = try Self.sampleWorld()
        let result = try BatonProcess.run(["scan", "--dry-run", "--now", "2026-11-26T17:00:00Z"], in: world.path)
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix(
                "dry run: nothing was written or moved\nreps \(world.path)/Config/reps.csv: 4 inserted"))
        #expect(
            result.stdout.contains(
                "drop \(world.path)/Mail/drop: 3 new messages, 2 interactions, 0 meetings, 0 skipped, 1 quarantined, 0 errors\n"
            ))
        #expect(!FileManager.default.fileExists(atPath: world.file("var/baton.sqlite")))
        let waiting = try FileManager.default.contentsOfDirectory(atPath: world.file("Mail/drop/new")).filter {
            !$0.hasPrefix(".")
        }
        #expect(waiting.count == 4)
        #expect(!FileManager.default.fileExists(atPath: world.file("Mail/drop/processed")))
    }

    @Test("--verbose lists each source and every quarantined file")
    func verbose() throws {
        let world = try Self.sampleWorld()
        let result = try BatonProcess.run(["scan", "--verbose", "--now", "2026-11-26T17:00:00Z"], in: world.path)
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "  \(world.path)/Mail/drop/new/1764014400.M4P5001.mx.example.com: quarantined: no passing DKIM or SPF result from mx.example.com for example.com in Authentication-Results: the From may be forged\n"
            ))
        #expect(
            result.stdout.contains(
                "mbox \(world.path)/Mail/ann.mbox: 12 new messages, 10 interactions, 0 meetings, 2 skipped, 0 quarantined, 0 errors\n"
            ))
    }

    @Test("a source that exists but cannot be read exits 74; the other sources are still scanned")
    func unreadableSource() throws {
        let world = try Self.sampleWorld()
        // Ann's "mbox" becomes a folder: it exists, but is no mbox.
        try FileManager.default.removeItem(atPath: world.file("Mail/ann.mbox"))
        try FileManager.default.createDirectory(atPath: world.file("Mail/ann.mbox"), withIntermediateDirectories: true)
        let result = try BatonProcess.run(["scan", "--verbose", "--now", "2026-11-26T17:00:00Z"], in: world.path)
        #expect(result.status == 74)
        #expect(
            result.stdout.contains(
                "mbox \(world.path)/Mail/ann.mbox: 0 new messages, 0 interactions, 0 meetings, 0 skipped, 0 quarantined, 1 errors\n  cannot read \(world.path)/Mail/ann.mbox: not a regular file (an mbox source is one file)\n"
            ))
        #expect(result.stdout.contains("maildir \(world.path)/Mail/bob: 5 new messages, 5 interactions"))
    }

    // MARK: Crashes and overlaps

    /// A world big enough that a scan takes a while: an mbox and a Maildir of generated mail.
    static func bigWorld(messages: Int) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            "baton.json",
            """
            {"store": "var/baton.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "crm": {"reps_file": "reps.csv", "leads_file": "leads.csv"},
             "sources": [{"type": "mbox", "path": "mail/ann.mbox", "rep": "ann@example.com"},
                         {"type": "maildir", "path": "mail/bob", "rep": "bob@example.com"}],
             "teams": {"t": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}}, "policies": [],
             "alerts": {"from": "b@example.com", "transport": {"type": "folder", "path": "out"}}}
            """)
        try folder.write("reps.csv", "email,name\nann@example.com,Ann\nbob@example.com,Bob\n")
        var leads = "email,name\n"
        for n in 0..<200 { leads += "lead\(n)@company\(n % 50).com,Lead \(n)\n" }
        try folder.write("leads.csv", leads)
        var mbox = ""
        let base = 1_763_280_000
        for n in 0..<messages {
            let lead = "lead\(n % 250)@company\(n % 50).com"
            let outbound = n % 3 == 0
            mbox += """
                From x Mon Nov 16 08:12:00 2026
                From: \(outbound ? "ann@example.com" : lead)
                To: \(outbound ? lead : "ann@example.com")
                Subject: \(n % 2 == 0 ? "Re: " : "")Topic \(n / 2)
                Date: \(httpDate(base + n * 97))
                Message-ID: <m\(n)@gen>
                \(n % 2 == 1 ? "In-Reply-To: <m\(n - 1)@gen>" : "X-Note: first")

                Message \(n) \(String(repeating: "text ", count: 40))

                """
        }
        try folder.write("mail/ann.mbox", mbox)
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(
                atPath: folder.file("mail/bob/" + sub), withIntermediateDirectories: true)
        }
        for n in 0..<(messages / 4) {
            let lead = "lead\(n % 200)@company\(n % 50).com"
            try folder.write(
                "mail/bob/cur/\(base + n).M\(n)P1.gen:2,S",
                """
                From: \(lead)
                To: bob@example.com
                Subject: Bob topic \(n)
                Date: \(httpDate(base + n * 311))
                Message-ID: <b\(n)@gen>

                Hello Bob \(n).

                """)
        }
        return folder
    }

    static func httpDate(_ seconds: Int) -> String {
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(
            format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", days[(seconds / 86_400) % 7], c.day!, months[c.month! - 1],
            c.year!, c.hour!,
            c.minute!, c.second!)
    }

    /// Every row of the tables a scan writes, as text.
    static func dump(_ folder: TemporaryFolder) throws -> [String] {
        var lines: [String] = []
        for table in [
            "leads", "lead_addresses", "reps", "rep_addresses", "stage_history", "messages", "message_addresses",
            "message_refs", "sightings", "interactions", "maildir_seen", "source_state", "settings", "imports",
        ] {
            // The store's random instance id (mixed into alert Message-IDs) differs between two stores.
            let filter = table == "settings" ? " WHERE key != 'instance_id'" : ""
            let result = try BatonProcess.sqlite(folder.file("var/baton.sqlite"), "SELECT * FROM \(table)\(filter)")
            lines.append("== \(table)")
            lines += result.split(separator: "\n").map(String.init).sorted()
        }
        return lines
    }

    @Test("a scan killed at random moments and run again leaves the store equal to an uninterrupted scan")
    func killed() throws {
        let world = try Self.bigWorld(messages: 3000)
        let arguments = ["scan", "--config", "baton.json", "--now", "2026-11-26T17:00:00Z"]
        let started = Date()
        #expect(try BatonProcess.run(arguments, in: world.path).status == 0)
        let duration = Date().timeIntervalSince(started)
        let reference = try Self.dump(world)
        #expect(reference.contains("== interactions"))
        try FileManager.default.removeItem(atPath: world.file("var"))
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<8 {
            let delay = Double.random(in: 0.05...max(0.1, duration * 0.9), using: &generator)
            let status = try BatonProcess.runKilled(arguments, in: world.path, after: delay)
            if status == nil { kills += 1 }
        }
        #expect(try BatonProcess.run(arguments, in: world.path).status == 0)
        #expect(try Self.dump(world) == reference)
        #expect(kills > 0)
        #expect(try BatonProcess.sqlite(world.file("var/baton.sqlite"), "PRAGMA integrity_check") == "ok\n")
    }

    @Test("scans started together: one works, the others exit 75 at once and touch nothing")
    func overlapping() throws {
        let world = try Self.bigWorld(messages: 3000)
        let arguments = ["scan", "--config", "baton.json", "--now", "2026-11-26T17:00:00Z"]
        let results = try BatonProcess.runTogether(arguments, count: 4, in: world.path)
        #expect(results.filter { $0.status == 0 }.count == 1)
        let refused = results.filter { $0.status == 75 }
        #expect(refused.count == 3)
        for result in refused {
            #expect(
                result.stderr
                    == "baton: another baton scan is running (it holds \(world.path)/var/baton.sqlite.lock); try again later\n"
            )
        }
        #expect(try BatonProcess.sqlite(world.file("var/baton.sqlite"), "PRAGMA integrity_check") == "ok\n")
    }
}
