import Foundation
import TestSupport
import Testing

/// The fault suite on PostgreSQL: `baton scan` killed with SIGKILL anywhere, its connection dropped in the middle of
/// a transaction (`pg_terminate_backend`), and the server itself crashed under it (`pg_ctl stop -m immediate` on a
/// private cluster, never the shared one); each time a run to completion ends with the store an uninterrupted run
/// leaves, no alert lost, and an alert sent twice only with the same Message-ID.
///
/// Knobs: `BATON_FAULT_KILLS` (default 30) kills; `BATON_FAULT_PG_MESSAGES` generated mbox messages (see
/// `messages`), a quarter as many in a Maildir; `BATON_FAULT_PG_DROPS` (3) dropped connections; `BATON_FAULT_PG_CRASHES`
/// (2) server crashes.
@Suite(.serialized) struct PostgresFaultTests {
    /// Fewer messages than the SQLite kill test's 1000: a scan into PostgreSQL is slower, and each world needs a
    /// database of its own.
    static let messages = FaultWorld.knob("BATON_FAULT_PG_MESSAGES", 200)

    /// An uninterrupted run of the template world: what every interrupted world must end with.
    struct Reference {
        var dump: [String] = []
        var sent: [String] = []
        /// The scan's length and when delivery began, in seconds from its start.
        var duration = 0.0
        var deliveryStarted = 0.0
        /// The lowest and highest lead id.
        var leadIDs = ""
        var delivery: Double { max(0.05, duration - deliveryStarted) }
    }

    /// What the interrupted worlds added up to.
    struct Figures {
        var interruptions = 0
        var duringDelivery = 0
        var resends = 0
        var lost = 0
        /// Reruns whose leads hold other ids than the uninterrupted run's (a rolled-back import drew some).
        var shiftedIDs = 0
    }

    /// Builds the template world under `root` and runs it once uninterrupted on a fresh database of the shared server.
    static func reference(in root: TemporaryFolder) throws -> (template: String, reference: Reference) {
        let template = root.file("template")
        try FaultWorld.make(at: template, messages: messages)
        let path = root.file("reference")
        let uri = try copy(template, to: path, database: PostgresServer.createDatabase())
        defer {
            PostgresServer.dropDatabase(uri)
            try? FileManager.default.removeItem(atPath: path)
        }
        let child = try BatonChild(FaultWorld.scan(), in: path)
        child.wait { FaultWorld.lineCount(path + "/sent.log") > 0 }
        var reference = Reference()
        reference.deliveryStarted = Date().timeIntervalSince(child.started)
        let first = child.wait()
        reference.duration = Date().timeIntervalSince(child.started)
        try #require(first.status == 0, "the uninterrupted scan: \(first.stderr)")
        reference.dump = try FaultWorld.postgresDump(path, uri: uri)
        // Every generated message is a row of its own (and more rows come with it).
        #expect(reference.dump.count > messages + messages / 4, "\(reference.dump.count) lines")
        reference.leadIDs = try PostgresServer.psql("SELECT min(id) || ' ' || max(id) FROM leads", database: uri)
        reference.sent = FaultWorld.sent(path)
        try #require(reference.sent.count >= 20, "the world calls for alerts: \(reference.sent.count) sent")
        #expect(Set(reference.sent).count == reference.sent.count)
        #expect(try FaultWorld.postgresSentInStore(uri).sorted() == reference.sent.sorted())
        return (template, reference)
    }

    /// Copies `template` to `path`, its store the database `uri`; returns `uri`.
    static func copy(_ template: String, to path: String, database uri: String) throws -> String {
        try FileManager.default.copyItem(atPath: template, toPath: path)
        try FaultWorld.useStore(uri, in: path)
        return uri
    }

    /// After an interruption: runs the scan again to completion and checks the world against `reference`; adds
    /// the resends and lost alerts to `figures`.
    static func rerunEndsEqual(
        _ world: String, uri: String, reference: Reference, figures: inout Figures, _ label: String
    ) throws {
        // The killed scan's server process ends a moment after it; until then it holds its node's lease, and a
        // scan would rightly be told to try again later (75).
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let others = try PostgresServer.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
                database: uri)
            if others == "0" { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let rerun = try BatonProcess.run(FaultWorld.scan(), in: world)
        #expect(rerun.status == 0, "\(label): the next run: \(rerun.stderr)")
        let check = try FaultWorld.storeCheck(world)
        #expect(check.status == 0, "\(label): store check: \(check.stdout) \(check.stderr)")
        let dump = try FaultWorld.postgresDump(world, uri: uri)
        #expect(dump == reference.dump, "\(label):\n\(FaultWorld.difference(reference.dump, dump))")
        // A killed run's sendmail may still be reading: give it a moment to log.
        Thread.sleep(forTimeInterval: 0.05)
        let logged = FaultWorld.sent(world)
        let stored = try FaultWorld.postgresSentInStore(uri)
        let counts = Dictionary(logged.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counts.values.allSatisfy { $0 <= 2 }, "\(label): \(counts.filter { $0.value > 2 })")
        #expect(stored.count == reference.sent.count, "\(label): \(stored.count) alerts stored as sent")
        let missing = stored.filter { counts[$0] == nil }
        #expect(missing.isEmpty, "\(label): marked sent, never handed over: \(missing)")
        // A resend under another Message-ID would be logged but not stored.
        #expect(Set(logged) == Set(stored), "\(label): logged but not stored: \(Set(logged).subtracting(stored))")
        figures.lost += missing.count
        figures.resends += logged.count - counts.count
        let ids = try PostgresServer.psql("SELECT min(id) || ' ' || max(id) FROM leads", database: uri)
        if ids != reference.leadIDs { figures.shiftedIDs += 1 }
    }

    /// Waits in `child`'s scan of `world` for the moment to interrupt it: a random one in the scan's length, or
    /// with `delivering` a random one after its first alert reached sendmail.
    static func waitForMoment(_ child: BatonChild, _ world: String, _ reference: Reference, delivering: Bool) {
        var generator = SystemRandomNumberGenerator()
        if delivering {
            child.wait { FaultWorld.lineCount(world + "/sent.log") > 0 }
            Thread.sleep(forTimeInterval: Double.random(in: 0...reference.delivery, using: &generator))
        } else {
            Thread.sleep(forTimeInterval: Double.random(in: 0.01...reference.duration, using: &generator))
        }
    }

    /// SQL that waits (on the server, a millisecond a turn: a `psql` a turn would miss most transactions) until a
    /// client backend (not autovacuum's) connected to `database` is inside a transaction, terminates it and says how many it terminated: 0
    /// when the scan's backend came and went without one, or none came in 3 seconds (the scan had ended).
    static func dropInTransaction(_ database: String) -> String {
        """
        CREATE FUNCTION pg_temp.drop_scan(db text) RETURNS int LANGUAGE plpgsql AS $f$
        DECLARE
            n int;
            seen bool := false;
            stop timestamptz := clock_timestamp() + interval '3 seconds';
        BEGIN
            LOOP
                PERFORM pg_stat_clear_snapshot();
                -- In the select list, so that only the rows the condition keeps are terminated.
                SELECT count(*) INTO n FROM (
                    SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
                    WHERE datname = db AND backend_type = 'client backend' AND pid <> pg_backend_pid()
                        AND xact_start IS NOT NULL
                ) AS s WHERE ended;
                IF n > 0 THEN RETURN n; END IF;
                PERFORM 1 FROM pg_stat_activity
                WHERE datname = db AND backend_type = 'client backend' AND pid <> pg_backend_pid();
                IF FOUND THEN seen := true; ELSIF seen OR clock_timestamp() > stop THEN RETURN 0; END IF;
                PERFORM pg_sleep(0.001);
            END LOOP;
        END
        $f$;
        SELECT pg_temp.drop_scan('\(database)');
        """
    }

    static func format(_ seconds: Double) -> String { String(format: "%.1f", seconds) }

    @Test(
        "a scan into PostgreSQL killed anywhere and run again ends equal to an uninterrupted scan",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func killAnywhere() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let started = Date()
        let wanted = FaultWorld.knob("BATON_FAULT_KILLS", 30)
        let root = try TemporaryFolder()
        let (template, reference) = try Self.reference(in: root)
        var figures = Figures()
        var attempt = 0
        while figures.interruptions < wanted && attempt < wanted * 2 {
            attempt += 1
            let world = root.file("k\(attempt)")
            let uri = try Self.copy(template, to: world, database: PostgresServer.createDatabase())
            defer {
                PostgresServer.dropDatabase(uri)
                try? FileManager.default.removeItem(atPath: world)
            }
            let victim = try BatonChild(FaultWorld.scan(), in: world)
            // Every third kill lands while alerts are being handed to sendmail.
            Self.waitForMoment(victim, world, reference, delivering: attempt % 3 == 0)
            let delivering = FaultWorld.lineCount(world + "/sent.log") > 0
            guard victim.kill() else { continue }
            figures.interruptions += 1
            if delivering { figures.duringDelivery += 1 }
            try Self.rerunEndsEqual(
                world, uri: uri, reference: reference, figures: &figures, "kill \(attempt) after \(victim.started)")
        }
        #expect(figures.interruptions >= wanted)
        #expect(figures.resends <= figures.interruptions)
        print(
            "pg faults: \(figures.interruptions) kills survived, \(figures.duringDelivery) during delivery, "
                + "\(figures.resends) resends, \(figures.lost) lost, \(figures.shiftedIDs) with lead ids shifted (scan \(Self.format(reference.duration)) s, "
                + "\(reference.sent.count) alerts, \(Self.messages) messages; "
                + "test \(Self.format(Date().timeIntervalSince(started))) s)")
    }

    @Test(
        "a scan whose PostgreSQL connection is dropped mid-transaction exits 75, and the next run ends equal",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func connectionDropped() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let started = Date()
        let rounds = FaultWorld.knob("BATON_FAULT_PG_DROPS", 3)
        let root = try TemporaryFolder()
        let (template, reference) = try Self.reference(in: root)
        var figures = Figures()
        var statuses: [Int32] = []
        for round in 1...rounds {
            let world = root.file("d\(round)")
            let uri = try Self.copy(template, to: world, database: PostgresServer.createDatabase())
            defer {
                PostgresServer.dropDatabase(uri)
                try? FileManager.default.removeItem(atPath: world)
            }
            let name = String(uri.split(separator: "/").last!)
            let victim = try BatonChild(FaultWorld.scan(), in: world)
            // The last round drops the connection while alerts are being handed to sendmail.
            Self.waitForMoment(victim, world, reference, delivering: round == rounds)
            let terminated = Int(try PostgresServer.psql(Self.dropInTransaction(name))) ?? 0
            let delivering = FaultWorld.lineCount(world + "/sent.log") > 0
            let result = victim.wait()
            statuses.append(result.status)
            if terminated > 0 {
                figures.interruptions += 1
                if delivering { figures.duringDelivery += 1 }
            }
            // 75 when the connection broke under it; 0 when it had finished (or was closing it).
            #expect(
                result.status == 75 || result.status == 0,
                "round \(round): exit \(result.status) after \(terminated) backends terminated: \(result.stderr)")
            #expect(terminated > 0 || result.status == 0, "round \(round): \(result.stderr)")
            if result.status == 75 {
                #expect(result.stderr.contains("baton:"), "round \(round): \(result.stderr)")
            }
            try Self.rerunEndsEqual(world, uri: uri, reference: reference, figures: &figures, "drop \(round)")
        }
        #expect(figures.interruptions >= 1, "no round terminated a backend: \(statuses)")
        print(
            "pg faults: \(figures.interruptions) of \(rounds) connections dropped mid-transaction, "
                + "\(figures.duringDelivery) during delivery, exits \(statuses), \(figures.resends) resends, \(figures.lost) lost "
                + "(test \(Self.format(Date().timeIntervalSince(started))) s)")
    }

    @Test(
        "a scan whose PostgreSQL server crashes mid-scan exits 75, and the next run after a restart ends equal",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func serverRestarted() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let started = Date()
        let rounds = FaultWorld.knob("BATON_FAULT_PG_CRASHES", 2)
        let root = try TemporaryFolder()
        let (template, reference) = try Self.reference(in: root)
        let cluster = try PostgresCluster()
        defer { cluster.remove() }
        var figures = Figures()
        var statuses: [Int32] = []
        for round in 1...rounds {
            let world = root.file("c\(round)")
            let uri = try Self.copy(template, to: world, database: cluster.createDatabase())
            defer { try? FileManager.default.removeItem(atPath: world) }
            let victim = try BatonChild(FaultWorld.scan(), in: world)
            // The last round crashes the server while alerts are being handed to sendmail.
            Self.waitForMoment(victim, world, reference, delivering: round == rounds)
            let delivering = FaultWorld.lineCount(world + "/sent.log") > 0
            let running = victim.process.isRunning
            try cluster.stop(mode: "immediate")
            let result = victim.wait()
            statuses.append(result.status)
            if running {
                figures.interruptions += 1
                if delivering { figures.duringDelivery += 1 }
            }
            #expect(
                result.status == 75 || result.status == 0,
                "round \(round): exit \(result.status) with the server gone: \(result.stderr)")
            // With the server down, a scan is told to try again later.
            let down = try BatonProcess.run(FaultWorld.scan(), in: world)
            #expect(down.status == 75, "round \(round): a scan with the server down: \(down.stderr)")
            try cluster.start()
            try Self.rerunEndsEqual(world, uri: uri, reference: reference, figures: &figures, "crash \(round)")
        }
        #expect(figures.interruptions >= 1, "the server never crashed under a running scan: \(statuses)")
        print(
            "pg faults: \(figures.interruptions) of \(rounds) server crashes mid-scan, \(figures.duringDelivery) "
                + "during delivery, exits \(statuses), \(figures.resends) resends, \(figures.lost) lost "
                + "(test \(Self.format(Date().timeIntervalSince(started))) s)")
    }
}
