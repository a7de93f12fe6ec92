import Foundation
import TestSupport
import Testing

/// A deadlock on a shared store: the server breaks it by aborting one transaction (40P01), and a scan whose
/// transaction it aborted runs again from its last commit, as after a kill, and ends as an uninterrupted scan does.
@Suite(.serialized)
struct PostgresConflictTests {
    static let now = PostgresStoreTests.now

    /// A session that makes a deadlock with the next scan: it locks the `settings` table, waits until a scan holds
    /// the store's write lock and waits for that table (its node's registration), then asks for the write lock
    /// itself. The scan's wait is the older one, so the server's check (after `deadlock_timeout`, 1 s) aborts the
    /// scan's transaction; this session then gets the write lock and commits. It waits for the scan as long as the
    /// scan takes to get there (the test's time limit bounds it): with a bound of 30 s, the whole suite's load on
    /// two cores once kept the scan from getting there in time, the session went on, and no deadlock came.
    static let deadlock = """
        BEGIN;
        LOCK TABLE settings IN ACCESS EXCLUSIVE MODE;
        SELECT 'locked';
        DO $$ BEGIN
            LOOP
                EXIT WHEN EXISTS (
                    SELECT 1 FROM pg_locks w JOIN pg_locks h ON h.pid = w.pid
                    WHERE w.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        AND w.locktype = 'relation' AND w.relation = 'settings'::regclass AND NOT w.granted
                        AND h.locktype = 'advisory' AND h.granted AND h.objsubid = 1
                        AND h.classid = \(0x4241_544E) AND h.objid = 3);
                PERFORM pg_sleep(0.01);
            END LOOP;
        END $$;
        SET LOCAL deadlock_timeout = '30s';
        SELECT pg_advisory_xact_lock(\(0x4241_544E_0000_0003));
        COMMIT;
        """

    @Test(
        "a scan whose transaction the server aborts to break a deadlock runs again and ends as an uninterrupted scan",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)), .timeLimit(.minutes(4)))
    func deadlockedScanRunsAgain() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        let single = try PostgresStoreTests.world(store: nil)
        #expect(try PostgresStoreTests.run(["scan", "--now", Self.now], single).0 == 0)
        let world = try PostgresStoreTests.world(store: uri)
        // A database with no store yet is no store (66); opening it for reading creates the schema, so that the
        // scan reads nothing the session below holds before its first transaction.
        let empty = try PostgresStoreTests.run(["store", "check"], world)
        #expect(empty.0 == 66)
        #expect(empty.2 == "baton: \(uri): no Baton store in this database yet (the first scan creates it)\n")
        #expect(try PostgresStoreTests.run(["leads", "list"], world).0 == 0)

        let session = try PsqlSession(database: uri)
        session.send(Self.deadlock)
        // The session holds the table before the scan starts.
        let first = session.read()
        #expect(first.hasPrefix("locked"), "\(first)")

        let (status, out, err) = try PostgresStoreTests.run(["scan", "--now", Self.now, "--verbose"], world)
        let (sessionStatus, rest) = session.finish()
        #expect(sessionStatus == 0, "\(rest)")
        #expect(status == 0, "\(err)")
        #expect(err == "")
        let retried = out.split(separator: "\n").filter { $0.hasPrefix("ran again") }
        #expect(retried.count == 1, "\(out)")
        #expect(retried.first?.hasPrefix("ran again from its last commit: the server aborted a transaction (") == true)
        #expect(retried.first?.contains("deadlock detected") == true, "\(retried)")
        for reading in PostgresTwoHostsTests.readings {
            let expected = try PostgresStoreTests.run(reading, single)
            #expect(expected.1.count > 500)
            let got = try PostgresStoreTests.run(reading, world)
            #expect(got.0 == expected.0 && got.1 == expected.1 && got.2 == expected.2, "\(reading)")
        }
    }
}
