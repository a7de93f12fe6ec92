import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Store

/// The PostgreSQL connection: the dialect's translation (no server needed), then values, errors and the schema's
/// versioning against the real server of `Scripts/postgres-setup`.
@Suite(.serialized)
struct PostgresDatabaseTests {
    @Test("parameters become $N outside quotes, INSERT OR IGNORE gains ON CONFLICT DO NOTHING before RETURNING")
    func translation() {
        #expect(
            PostgresDialect.translate("SELECT '?', \"a?\" FROM t WHERE a = ? AND b IN (?, ?)")
                == ("SELECT '?', \"a?\" FROM t WHERE a = $1 AND b IN ($2, $3)", 3))
        #expect(
            PostgresDialect.translate("UPDATE t SET a = ?1 WHERE strpos(b, ?1) > 0 OR c = ?2")
                == ("UPDATE t SET a = $1 WHERE strpos(b, $1) > 0 OR c = $2", 2))
        #expect(
            PostgresDialect.translate("INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING id")
                == ("INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id", 1))
        #expect(
            PostgresDialect.translate("SELECT 1 FROM t WHERE a IS ? AND b IS NOT ? AND c IS NULL")
                == ("SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM $2 AND c IS NULL", 2))
        #expect(
            PostgresDialect.translate("SELECT IFNULL(a, -1), instr(b, ?) FROM m CROSS JOIN r ON r.m = m.id")
                == ("SELECT COALESCE(a, -1), strpos(b, $1) FROM m JOIN r ON r.m = m.id", 1))
    }

    @Test("a GLOB pattern becomes an anchored regular expression with the same matches")
    func globs() {
        #expect(PostgresDialect.regex(glob: "/mail/*.mbox") == "^/mail/.*\\.mbox$")
        #expect(PostgresDialect.regex(glob: "/a?[0-9]/(x)+") == "^/a.[0-9]/\\(x\\)\\+$")
    }

    static func withDatabase(_ body: (PostgresDatabase, String) throws -> Void) throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        try body(try PostgresDatabase(uri: uri), uri)
    }

    @Test(
        "values travel bound and come back typed as SQLite's: integers, reals, text with quotes, blobs, NULL",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func values() throws {
        try Self.withDatabase { db, _ in
            try db.executeScript(
                "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, n BIGINT, r DOUBLE PRECISION, s TEXT, b BYTEA)")
            let id = try db.insertRow(
                "INSERT INTO t (n, r, s, b) VALUES (?, ?, ?, ?)", Int64.min, 0.1, "it's'); DROP TABLE t; --",
                SQLValue.blob([0, 255, 10, 39]))
            #expect(id == 1)
            _ = try db.insertRow(
                "INSERT INTO t (n, r, s, b) VALUES (?, ?, ?, ?)", nil as Int?, 2.5, "", SQLValue.blob([]))
            let rows = try db.query(
                "SELECT n, r, s, b, n IS NULL AS missing, sum(n) OVER () AS total FROM t ORDER BY id")
            #expect(
                rows.map(\.values) == [
                    [
                        .integer(Int64.min), .real(0.1), .text("it's'); DROP TABLE t; --"), .blob([0, 255, 10, 39]),
                        .integer(0), .integer(Int64.min),
                    ],
                    [.null, .real(2.5), .text(""), .blob([]), .integer(1), .integer(Int64.min)],
                ])
            try db.execute("UPDATE t SET n = ? WHERE id > ?", 7, 0)
            #expect(db.changes == 2)
        }
    }

    @Test(
        "errors carry the SQLSTATE; a broken connection is worth retrying (75), a refused login is not (78)",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func errors() throws {
        try Self.withDatabase { db, _ in
            do {
                try db.execute("SELECT * FROM nope WHERE x = ?", 1)
                Issue.record("no error")
            } catch let error as StoreError {
                #expect(error.kind == .postgres(sqlstate: "42P01"))
                #expect(error.failureKind == .internalFault)
                #expect(error.message.hasPrefix("ERROR:  relation \"nope\" does not exist"))
            }
            let pid = try #require(try db.scalar("SELECT pg_backend_pid()")?.int64)
            try PostgresServer.psql("SELECT pg_terminate_backend(\(pid))")
            do {
                try db.execute("SELECT 1")
                Issue.record("no error")
            } catch let error as StoreError {
                #expect(error.kind == .postgresConnectionLost)
                #expect(error.failureKind == .tryAgain)
            }
            let missing = PostgresServer.uri(of: "baton_t_missing")
            #expect(throws: StoreError.self) { try PostgresDatabase(uri: missing) }
            do {
                _ = try PostgresDatabase(uri: missing)
            } catch let error as StoreError {
                #expect(error.kind == .postgresRefused)
                #expect(error.failureKind == .configuration)
                #expect(error.message.contains("database \"baton_t_missing\" does not exist"))
            }
            do {
                _ = try PostgresDatabase(uri: "postgresql://baton@127.0.0.1:1/postgres?connect_timeout=5")
            } catch let error as StoreError {
                #expect(error.kind == .postgresUnreachable)
                #expect(error.failureKind == .tryAgain)
                #expect(error.message.contains("Connection refused"))
            }
        }
    }

    @Test(
        "the schema is created at the SQLite store's version; a newer database is refused without a write",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func versions() throws {
        #expect(PostgresSchema.currentVersion == Migrations.currentVersion)
        try Self.withDatabase { _, uri in
            let store = try BatonStore(path: uri)
            #expect(try store.schemaVersion == Migrations.currentVersion)
            #expect(store.dialect == .postgres)
            // Opening again migrates nothing.
            #expect(try BatonStore(path: uri).schemaVersion == Migrations.currentVersion)
            try PostgresServer.psql("INSERT INTO schema_migrations (version) VALUES (99)", database: uri)
            do {
                _ = try BatonStore(path: uri)
                Issue.record("a newer database was opened")
            } catch let error as StoreError {
                #expect(error.kind == .newerVersion(found: 99, supported: Migrations.currentVersion))
                #expect(error.failureKind == .configuration)
            }
            #expect(
                try PostgresServer.psql(
                    "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations", database: uri)
                    == "12,13,14,15,16,17,18,99")
        }
    }

    @Test(
        "leases are sessions': a node scans once at a time, the store-wide steps run on one node, forget waits for scans",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func leases() throws {
        try Self.withDatabase { _, uri in
            // Another Baton store on the same server: its leases have the same keys, in a database of its own.
            let elsewhereURI = try PostgresServer.createDatabase()
            defer { PostgresServer.dropDatabase(elsewhereURI) }
            var elsewhere: BatonStore? = try BatonStore(path: elsewhereURI)
            defer { elsewhere = nil }
            try elsewhere?.takeScanLease(node: "elsewhere")
            #expect(try elsewhere?.takeStoreWideLease() == .held)
            var holder: BatonStore? = try BatonStore(path: uri)
            try holder?.takeScanLease(node: "office-a")
            #expect(try holder?.takeStoreWideLease() == .held)
            let other = try BatonStore(path: uri)
            do {
                try other.takeScanLease(node: "office-a")
                Issue.record("a node's lease was taken twice")
            } catch let error as StoreError {
                #expect(error.failureKind == .tryAgain)
                #expect(error.message == "another baton scan of node 'office-a' is running; try again later")
            }
            try other.takeScanLease(node: "office-b")
            #expect(try other.takeStoreWideLease() == .busy(holder: "office-a"))
            let forget = try BatonStore(path: uri)
            do {
                try forget.takeExclusiveLease(wait: 1)
                Issue.record("forget ran beside scans")
            } catch let error as StoreError {
                #expect(error.failureKind == .tryAgain)
                #expect(error.message == "scans held this database's scan lease for 1 s; try again later")
            }
            holder = nil  // the connection closes, and the server drops its session locks
            let deadline = Date().addingTimeInterval(5)
            var taken = try other.takeStoreWideLease()
            while taken != .held, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
                taken = try other.takeStoreWideLease()
            }
            #expect(taken == .held)
        }
    }
}
