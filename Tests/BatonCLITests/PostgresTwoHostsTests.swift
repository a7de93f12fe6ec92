import Foundation
import TestSupport
import Testing

/// Two hosts sharing one PostgreSQL store, each scanning its own share of the sample world's sources (host A Ann's
/// mbox and the calendars, host B Bob's Maildir, the journal and the drop folder): once both have scanned, the
/// figures are those of one SQLite scan of every source. Only the report's capture health differs, and should: each
/// host reports on the sources (and the drop folder's quarantine) of its own configuration.
@Suite(.serialized)
struct PostgresTwoHostsTests {
    static let now = PostgresStoreTests.now
    static let shares = [
        "a": ["../Mail/ann.mbox", "../Mail/calendars/*.ics"],
        "b": ["../Mail/bob", "../Mail/journal", "../Mail/drop"],
    ]

    /// A copy of the sample world on host `name` of the shared store `uri`: only its share of the sources.
    static func host(_ name: String, store uri: String) throws -> TemporaryFolder {
        let world = try PostgresStoreTests.world(store: uri)
        let config = world.file("Config/baton.json")
        var json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: config))) as! [String: Any]
        let share = Set(shares[name]!)
        json["sources"] = (json["sources"] as! [[String: Any]]).filter { share.contains($0["path"] as! String) }
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: config))
        return world
    }

    /// What both teams read: every clock, the leads and one lead's timeline, the report's figures as CSV by rep.
    static let readings: [[String]] = [
        ["sla", "check", "--now", now, "--json"], ["leads", "list"],
        ["lead", "show", "fatima@globex.example.org", "--now", now],
        ["report", "--now", now, "--by", "rep", "--format", "csv"],
    ]

    @Test(
        "two hosts scanning their own sources into one PostgreSQL store read as one SQLite scan of all of them",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)), .timeLimit(.minutes(3)))
    func twoHostsAgreeWithOne() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        let single = try PostgresStoreTests.world(store: nil)
        #expect(try PostgresStoreTests.run(["scan", "--now", Self.now], single).0 == 0)
        let a = try Self.host("a", store: uri)
        let b = try Self.host("b", store: uri)
        try Self.setNode("office-a", in: a)
        try Self.setNode("office-b", in: b)
        // Both hosts' timers fire at once: both ingest, one of them runs the store-wide steps.
        let scan = ["scan", "--now", Self.now, "--config", "Config/baton.json"]
        let together = try [a, b].map { try BatonChild(scan, in: $0.path) }.map { $0.wait() }
        #expect(together.map(\.status) == [0, 0], "\(together.map(\.stderr))")
        // The next timer: whatever the busy host left (its meetings, orphans and clocks) is done by the next scan
        // that finds the store-wide lease free.
        for world in [a, b] {
            #expect(try PostgresStoreTests.run(["scan", "--now", Self.now], world).0 == 0)
        }
        func read(_ reading: [String], _ world: TemporaryFolder) throws -> String {
            let (status, out, err) = try PostgresStoreTests.run(reading, world)
            let figures = out.split(separator: "\n").filter { !$0.hasPrefix("capture,") }
            return "\(status)\n\(err)\n" + figures.joined(separator: "\n")
        }
        for reading in Self.readings {
            let expected = try read(reading, single)
            #expect(expected.count > 500)
            #expect(try read(reading, a) == expected, "\(reading) on host A")
            #expect(try read(reading, b) == expected, "\(reading) on host B")
        }
    }

    /// `baton ARGS` in `world` as another host: its own mount and UTS namespaces, with `machineID` bind-mounted over
    /// `/etc/machine-id` and `hostName` as its name (needs root, as CI has).
    static func asHost(_ hostName: String, machineID: String, _ arguments: [String], in world: TemporaryFolder) throws
        -> BatonProcess.Result
    {
        let idFile = world.file("machine-id")
        try (machineID + "\n").write(toFile: idFile, atomically: true, encoding: .utf8)
        let script = "mount --bind \(idFile) /etc/machine-id && hostname \(hostName) && exec \"$0\" \"$@\""
        let prefix = ["/usr/bin/unshare", "--mount", "--uts", "/bin/sh", "-c", script]
        return try BatonChild(arguments + ["--config", "Config/baton.json"], in: world.path, prefix: prefix).wait()
    }

    static func setNode(_ node: String, in world: TemporaryFolder) throws {
        let config = world.file("Config/baton.json")
        var json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: config))) as! [String: Any]
        json["node"] = node
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: config))
    }

    @Test(
        "a node that finds another importing the CRM files leaves the drop folder until a rep is known, then reads it",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)), .timeLimit(.minutes(2)))
    func dropFolderWaitsForReps() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        let single = try PostgresStoreTests.world(store: nil)
        #expect(try PostgresStoreTests.run(["scan", "--now", Self.now], single).0 == 0)
        let b = try Self.host("b", store: uri)
        try Self.setNode("office-b", in: b)
        // Node office-a holds the store-wide lease (as while it imports the CRM files) and has imported nothing.
        let session = try PsqlSession(database: uri)
        session.send(
            """
            SELECT set_config('application_name', 'baton node office-a', false);
            SELECT pg_advisory_lock(\(0x4241_544E_0000_0004 as Int64));
            SELECT 'locked';
            """)
        #expect(session.read(until: "locked").contains("locked"))
        func dropFolder(_ world: TemporaryFolder) -> [String] { world.listing("Mail/drop") }
        let before = dropFolder(b)
        let (status, out, err) = try PostgresStoreTests.run(["scan", "--now", Self.now, "--verbose"], b)
        #expect(status == 0, "\(err)")
        #expect(
            out.split(separator: "\n").filter { $0.hasPrefix("drop ") }
                == [
                    "drop WORLD/Mail/drop: left for a later scan: no rep is known yet, node office-a is importing the CRM files",
                    "drop WORLD/Mail/drop: 0 new messages, 0 interactions, 0 meetings, 0 skipped, 0 quarantined, 0 errors",
                ], "\(out)")
        #expect(dropFolder(b) == before)
        #expect(session.finish().status == 0)
        // Once the lease is free, the next scan imports the reps and files the forwards as one scan of everything.
        #expect(try PostgresStoreTests.run(["scan", "--now", Self.now], b).0 == 0)
        #expect(dropFolder(b) == dropFolder(single))
        #expect(dropFolder(b).contains { $0.hasPrefix("processed/") && !$0.hasSuffix(".keep") })
    }

    @Test(
        "a node name belongs to the host that registered it: another machine claiming it is refused (78), naming both",
        .enabled(if: PostgresServer.runs && getuid() == 0, Comment(rawValue: PostgresServer.reason + ", as root")),
        .timeLimit(.minutes(2)))
    func nodeNamesAreRegistered() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        let a = try Self.host("a", store: uri)
        let b = try Self.host("b", store: uri)
        try Self.setNode("office-a", in: a)
        try Self.setNode("office-a", in: b)
        let idA = String(repeating: "a1", count: 16)
        let idB = String(repeating: "b2", count: 16)
        let first = try Self.asHost("mail-a", machineID: idA, ["scan", "--now", Self.now], in: a)
        #expect(first.status == 0, "\(first.stderr)")
        let claim = try Self.asHost("mail-b", machineID: idB, ["scan", "--now", Self.now], in: b)
        #expect(claim.status == 78)
        #expect(
            claim.stderr
                == "baton: node 'office-a' is registered in this store by host mail-a (machine id \(idA)); this host, "
                + "mail-b (machine id \(idB)), needs a node of its own: set \"node\" in its configuration\n")
        // The same host again, even under another name, is welcome; the second host under its own name too.
        #expect(try Self.asHost("mail-a2", machineID: idA, ["scan", "--now", Self.now], in: a).status == 0)
        try Self.setNode("office-b", in: b)
        #expect(try Self.asHost("mail-b", machineID: idB, ["scan", "--now", Self.now], in: b).status == 0)
        let check = try Self.asHost("mail-b", machineID: idB, ["store", "check"], in: b)
        #expect(check.status == 0)
        #expect(
            check.stdout.hasSuffix(
                """
                node      host    machine id                        last scan
                office-a  mail-a  \(idA)  2026-11-26T17:00:00Z
                office-b  mail-b  \(idB)  2026-11-26T17:00:00Z

                """), "\(check.stdout)")
    }
}

/// What a cron job sees when the shared store is out of reach: 75 (try again) for a server that does not answer,
/// 78 (fix the configuration) for a database that does not exist, libpq's words in both.
@Suite struct PostgresReachTests {
    @Test(
        "an unreachable server exits 75 and a missing database 78, each with libpq's message",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func unreachable() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let down = try PostgresStoreTests.world(store: "postgresql://baton@127.0.0.1:1/baton?connect_timeout=5")
        let refused = try PostgresStoreTests.run(["scan", "--now", PostgresStoreTests.now], down)
        #expect(refused.0 == 75)
        #expect(
            refused.2.hasPrefix(
                "baton: store postgresql://baton@127.0.0.1:1/baton?connect_timeout=5: connection to server at \"127.0.0.1\", port 1 failed: Connection refused"
            ))
        let missing = try PostgresStoreTests.world(store: PostgresServer.uri(of: "baton_t_none"))
        let absent = try PostgresStoreTests.run(["sla", "check", "--now", PostgresStoreTests.now], missing)
        #expect(absent.0 == 78)
        #expect(absent.2.contains("FATAL:  database \"baton_t_none\" does not exist"))
    }
}
