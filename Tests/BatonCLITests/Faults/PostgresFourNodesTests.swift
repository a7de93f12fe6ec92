import Foundation
import TestSupport
import Testing

/// Four hosts sharing one PostgreSQL store, each a node of its own (its own host name and machine id, in mount and
/// UTS namespaces of its own) scanning its own share of the fault world's sources, again and again and all at once,
/// while mail keeps arriving and their scans are killed at random. Once each has settled, what both teams read is
/// what one uninterrupted SQLite scan of every source reads: the leads, their timelines, every clock, the report's
/// figures and the outbox; every alert reached a sendmail, and one reached it twice only when resent under its own
/// Message-ID after a kill.
///
/// Knobs: `BATON_FAULT_NODES_SECONDS` (default 120) seconds of scanning and killing; `BATON_FAULT_NODES_SEED`
/// (default: the time; printed, to replay a failure's kill schedule and mail); `BATON_FAULT_PG_MESSAGES` generated
/// mbox messages to begin with, as for the PostgreSQL fault tests.
@Suite(.serialized)
struct PostgresFourNodesTests {
    static let now = FaultWorld.now

    /// The scan every node runs, at the fault world's fixed moment (`--config` is added by the host's wrapper).
    static let scan = ["scan", "--now", now]

    /// Lead id to rank (`1` for the lowest id) in a store, from its lead ids one a line in order.
    static func ranks(_ ids: String) -> [Substring: Substring] {
        let lines = ids.split(separator: "\n")
        return Dictionary(uniqueKeysWithValues: lines.enumerated().map { ($1, Substring(String($0 + 1))) })
    }

    static let leadIDsQuery = "SELECT id FROM leads ORDER BY id"

    /// What both teams read: every clock, the leads, a few timelines (the sample's leads with mail in every source,
    /// a generated lead Bob's Maildir and the partners' orphans touch, one whose alerts go out), the report's
    /// figures as CSV by rep and the outbox.
    static let readings: [[String]] =
        [
            ["sla", "check", "--now", now, "--json"], ["leads", "list"],
            ["report", "--now", now, "--by", "rep", "--format", "csv"], ["alerts", "list", "--json"],
        ]
        + [
            "fatima@globex.example.org", "gus@initech.example.net", "dana@acme-robotics.com",
            "ivan@umbrella-corp.net", "lead25@company25.com", "lead175@company25.com",
        ].map { ["lead", "show", $0, "--now", now] }

    /// `reading` in `world`: status, stderr and output, each lead id written as its rank in `ranks`. The report's
    /// capture health is left out: each host reports on the sources of its own configuration.
    static func read(_ reading: [String], _ world: TemporaryFolder, _ ranks: [Substring: Substring]) throws
        -> String
    {
        func rank(_ id: Substring) -> String { ranks[id].map(String.init) ?? "unknown \(id)" }
        let (status, out, err) = try PostgresStoreTests.run(reading, world)
        if reading.starts(with: ["alerts", "list"]) { return "\(status)\n\(err)\n\(outbox(out, ranks))" }
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("capture,") }
            .map { line in
                FaultWorld.rankingLeads(String(line), ranks, json: true)
                    .replacing(#/^lead: +#(\d+) /#) { "lead: #\(rank($0.1)) " }
                    // `leads list`: the id column, whose width the highest id sets (not its last line, the count).
                    .replacing(#/^(\d+) +(?!leads?$)/#) { "\(rank($0.1)) " }.replacing(#/^ID +/#) { _ in "ID " }
            }
        return "\(status)\n\(err)\n" + lines.joined(separator: "\n")
    }

    /// `alerts list --json` as one sorted line per notification, without what a store numbers or mints for itself:
    /// its row id, its Message-ID (hashed with the store's own salt), its digest's row id (whether it has one is
    /// kept), and its lead's id ranked.
    static func outbox(_ json: String, _ ranks: [Substring: Substring]) -> String {
        guard let rows = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else {
            return json
        }
        return rows.map { row in
            var row = row
            row["id"] = nil
            row["message_id"] = nil
            row["digest_id"] = !(row["digest_id"] is NSNull)
            if let lead = row["lead_id"] as? Int { row["lead_id"] = ranks[Substring(String(lead))].map(String.init) }
            let data = (try? JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }.sorted().joined(separator: "\n")
    }

    /// `text` without the episode numbers `outbox` shows.
    static func withoutEpisodes(_ text: String) -> String {
        text.replacing(#/"episode":(\d+|null),/#) { _ in "" }
    }

    /// The first lines where two readings differ (in order: a JSON reading repeats many lines), for a failure
    /// message.
    static func difference(_ expected: String, _ got: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = got.split(separator: "\n", omittingEmptySubsequences: false)
        return new.difference(from: old).prefix(12).map { change in
            switch change {
            case .remove(let offset, let line, _): "- \(offset): \(line)"
            case .insert(let offset, let line, _): "+ \(offset): \(line)"
            }
        }.joined(separator: "\n")
    }

    /// Every notification's fields that two stores share (not its row id, lead id or Message-ID), in the same SQL on
    /// either store.
    static let notificationsQuery = """
        SELECT key, kind, level, escalation, to_addresses, cc_addresses, state, created_at, not_before, attempts,
               last_error, sent_at
        FROM notifications
        """

    /// `notificationsQuery`'s rows sorted, the lead id in each key ranked.
    static func notifications(_ rows: String, _ ranks: [Substring: Substring]) -> String {
        rows.split(separator: "\n").map { FaultWorld.rankingLeads(String($0), ranks) }.sorted().joined(separator: "\n")
    }

    @Test(
        "four nodes scanning their shares into one PostgreSQL store, killed at random for two minutes, read as one SQLite scan",
        .enabled(if: PostgresServer.runs && getuid() == 0, Comment(rawValue: PostgresServer.reason + ", as root")),
        .timeLimit(.minutes(6)))
    func fourNodesKilledAgreeWithOne() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let started = Date()
        let seconds = Double(FaultWorld.knob("BATON_FAULT_NODES_SECONDS", 120))
        let seed = UInt64(FaultWorld.knob("BATON_FAULT_NODES_SEED", Int(Date().timeIntervalSince1970)))
        print("four nodes: \(Int(seconds)) s of kills, BATON_FAULT_NODES_SEED=\(seed)")
        var random = SplitMix64(state: seed)

        let root = try TemporaryFolder()
        let template = root.file("template")
        try FaultWorld.make(at: template, messages: PostgresFaultTests.messages)
        try Self.prepare(template)
        let single = try Self.world(template)
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        let nodes = try ["a", "b", "c", "d"].map { Node($0, world: try Self.world(template, node: $0, store: uri)) }

        var mail = Arrivals(nodes: nodes, single: single)
        let looping = Date()
        let failures = try Self.loop(nodes, seconds: seconds, mail: &mail, random: &random)
        #expect(failures.isEmpty, "seed \(seed):\n\(failures.joined(separator: "\n"))")
        let looped = Date()
        // Settling: each node's scan to its end in turn, twice round, so that what one node's scan left for the
        // clocks and the outbox (another node's mail arriving after its delivery) is done by the next.
        for round in 1...2 {
            for node in nodes {
                let run = try PostgresTwoHostsTests.asHost(
                    node.host, machineID: node.machineID, Self.scan, in: node.world)
                #expect(run.status == 0, "seed \(seed): settling round \(round), node \(node.name): \(run.stderr)")
            }
        }
        let settled = Date()
        // The reference: one scan of every source as it ended, all the mail that arrived included.
        let reference = try PostgresStoreTests.run(Self.scan, single)
        try #require(reference.0 == 0, "the SQLite scan of every source: \(reference.2)")

        // The same readings, byte for byte once lead ids are ranked, on every node.
        let sqliteRanks = Self.ranks(try BatonProcess.sqlite(single.file("var/baton.sqlite"), Self.leadIDsQuery))
        let postgresRanks = Self.ranks(try PostgresServer.psql(Self.leadIDsQuery, database: uri))
        #expect(
            sqliteRanks.count == postgresRanks.count, "leads: \(sqliteRanks.count) in SQLite, \(postgresRanks.count)")
        for reading in Self.readings {
            let expected = try Self.read(reading, single, sqliteRanks)
            #expect(expected.count > 300, "\(reading): \(expected)")
            for node in nodes {
                let got = try Self.read(reading, node.world, postgresRanks)
                // Compared aside: the difference says more than both readings whole.
                let isOutbox = reading.starts(with: ["alerts", "list"])
                let same = isOutbox ? Self.withoutEpisodes(got) == Self.withoutEpisodes(expected) : got == expected
                #expect(same, "seed \(seed): \(reading) on node \(node.name):\n\(Self.difference(expected, got))")
                guard isOutbox, node === nodes[0] else { continue }
                // A notification keeps the number its clock's episode had when it was made; mail dated earlier that
                // another node stores afterwards starts an earlier episode and renumbers the clock's, not the
                // notification's (its key names the episode by its start and stays right).
                withKnownIssue("a notification's episode number is not renumbered", isIntermittent: true) {
                    let numbered = got == expected
                    #expect(numbered, "seed \(seed):\n\(Self.difference(expected, got))")
                }
            }
        }
        // The drop folder's files moved as one scan moves them.
        func dropFolder(_ world: TemporaryFolder) -> [String] { world.listing("Mail/drop") }
        // Why a node quarantined what one scan did not, for the failure message.
        let reasons = dropFolder(nodes[3].world).filter { $0.hasSuffix(".reason") }.compactMap {
            try? String(contentsOfFile: nodes[3].world.file("Mail/drop/" + $0), encoding: .utf8)
        }
        #expect(
            dropFolder(nodes[3].world) == dropFolder(single),
            "seed \(seed): the drop folder\n\(reasons.prefix(3).joined())")

        // The outbox row by row, and every alert a sendmail was handed.
        let expectedOutbox = Self.notifications(
            try BatonProcess.sqlite(single.file("var/baton.sqlite"), Self.notificationsQuery), sqliteRanks)
        let outbox = Self.notifications(try PostgresServer.psql(Self.notificationsQuery, database: uri), postgresRanks)
        let sameOutbox = outbox == expectedOutbox
        #expect(sameOutbox, "seed \(seed): notifications\n\(Self.difference(expectedOutbox, outbox))")
        let referenceSent = FaultWorld.sent(single.path)
        #expect(referenceSent.count >= 20, "the world calls for alerts: \(referenceSent.count) sent")
        #expect(Set(referenceSent).count == referenceSent.count, "the SQLite scan sent an alert twice")
        // A killed run's sendmail may still be reading: give it a moment to log.
        Thread.sleep(forTimeInterval: 0.1)
        var keys: [String: String] = [:]
        let sentRows = try PostgresServer.psql(
            "SELECT message_id, key FROM notifications WHERE state = 'sent'", database: uri)
        for row in sentRows.split(separator: "\n") {
            let parts = row.split(separator: "|", maxSplits: 1).map(String.init)
            keys[parts[0]] = FaultWorld.rankingLeads(parts[1], postgresRanks)
        }
        #expect(
            keys.count == referenceSent.count,
            "seed \(seed): \(keys.count) alerts sent, \(referenceSent.count) in SQLite")
        let logged = nodes.flatMap { FaultWorld.sent($0.world.path) }
        let counts = Dictionary(logged.map { ($0, 1) }, uniquingKeysWith: +)
        let lost = Set(keys.keys).subtracting(logged)
        #expect(lost.isEmpty, "seed \(seed): marked sent, never handed over: \(lost.compactMap { keys[$0] }.sorted())")
        // An alert handed over again under another Message-ID would be logged but not stored as sent.
        let strays = Set(logged).subtracting(keys.keys)
        #expect(strays.isEmpty, "seed \(seed): handed over, not stored as sent: \(strays.sorted())")
        let resent = counts.filter { $0.value > 1 }.map { "\(keys[$0.key] ?? $0.key) ×\($0.value)" }.sorted()
        let kills = nodes.map(\.kills).reduce(0, +)
        #expect(logged.count - counts.count <= kills, "seed \(seed): more resends than kills: \(resent)")

        // Each node its own host, registered by its machine id.
        let check = try PostgresTwoHostsTests.asHost(
            nodes[0].host, machineID: nodes[0].machineID, ["store", "check"], in: nodes[0].world)
        #expect(check.status == 0, "store check: \(check.stdout) \(check.stderr)")
        // Each node's cursors are its own: one row per source of its share, under its name.
        let cursors = check.stdout.split(separator: "\n").prefix { !$0.contains("machine id") }
            .filter { $0.hasPrefix("node-") }
            .map { "\($0.prefix { $0 != " " }) \($0.split(separator: "/").last ?? "")" }
        #expect(
            cursors == [
                "node-a ann.mbox", "node-b bob", "node-c acme-weekly-update.ics", "node-c ann-calendar.ics",
                "node-c northwind-cancel.ics", "node-c journal",
            ], "\(cursors)")
        // The nodes' table (after the cursors', whose rows also begin with their node).
        let nodesTable = check.stdout.split(separator: "\n").drop { !$0.contains("machine id") }
        for node in nodes {
            let line = nodesTable.first { $0.hasPrefix("node-\(node.name) ") }
            #expect(
                line?.contains(" \(node.host) ") == true && line?.contains(node.machineID) == true, "\(check.stdout)")
        }

        func format(_ seconds: Double) -> String { PostgresFaultTests.format(seconds) }
        let figures = nodes.map {
            "\($0.name) \($0.runs) runs, \($0.kills) killed, \($0.finished) ended, \($0.busy) busy (75)"
        }
        print("four nodes: \(figures.joined(separator: "; "))")
        print(
            "four nodes: \(kills) kills, \(mail.message) mbox messages, \(mail.bob) Maildir messages, "
                + "\(mail.forward) forwards, \(keys.count) alerts sent, \(logged.count - counts.count) resends "
                + "\(resent), \(lost.count) lost (seed \(seed); loop \(format(looped.timeIntervalSince(looping))) s, "
                + "settling \(format(settled.timeIntervalSince(looped))) s, "
                + "test \(format(Date().timeIntervalSince(started))) s)")
    }
}
