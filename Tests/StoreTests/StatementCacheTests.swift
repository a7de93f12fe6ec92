import BatonCore
import TestSupport
import Testing

@testable import Store

/// A connection's prepared statements stay few: `IN` lists whose length varies are padded to a power of two, and a
/// full cache is emptied (on PostgreSQL, its statements deallocated on the server too).
@Suite(.serialized)
struct StatementCacheTests {
    @Test("an IN list is padded to the next power of two with its last value; an empty one is one NULL")
    func padding() {
        #expect(inList([]).placeholders == "?")
        #expect(inList([]).values == [.null])
        #expect(inList([.integer(7)]).placeholders == "?")
        #expect(inList([.integer(7)]).values == [.integer(7)])
        let three = inList([.integer(1), .integer(2), .integer(3)])
        #expect(three.placeholders == "?, ?, ?, ?")
        #expect(three.values == [.integer(1), .integer(2), .integer(3), .integer(3)])
        #expect(inList((1...5).map { SQLValue.integer($0) }).values.count == 8)
        #expect(inList((1...8).map { SQLValue.integer($0) }).values.count == 8)
    }

    static let leads = """
        external_id,email,stage,owner,created_at
        L1,dana@acme.com,mql,ann@example.com,2026-11-02
        L2,erik@northwind.io,mql,ann@example.com,2026-11-03
        L3,gus@initech.example.net,sql,bob@example.com,2026-11-04
        """

    /// Clock facts for lists of 1 to 300 leads prepare four statements per power of two (ten of them), and a padded
    /// list gives each lead once.
    static func checkFacts(_ store: BatonStore, count: () -> Int) throws {
        _ = try store.people.importLeads(ImportTests.leads(Self.leads), file: "leads.csv", at: 1)
        let before = count()
        for n in 1...300 {
            let facts = try store.clocks.facts(leadIDs: (1...Int64(n)).map { ($0 - 1) % 3 + 1 })
            #expect(facts.map(\.leadID) == Array(1...Int64(min(n, 3))))
        }
        #expect(count() == before + 4 * 10)
        #expect(try store.clocks.facts(leadIDs: []).isEmpty)
    }

    @Test("SQLite: clock facts for lists of any length use a few statements; a full cache is emptied")
    func sqlite() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let database = try #require(store.database as? SQLiteDatabase)
        try Self.checkFacts(store) { database.preparedStatementCount }
        var n = 0
        while database.preparedStatementCount < preparedStatementLimit {
            n += 1
            #expect(try database.scalar("SELECT \(n) + ?", n) == .integer(Int64(2 * n)))
        }
        #expect(try database.scalar("SELECT -1 + ?", 1) == .integer(0))
        #expect(database.preparedStatementCount == 1)
    }

    @Test("SQLite: a text built at run time finds its own statement, though another text's bytes were where it is")
    func textsAtReusedAddresses() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let database = try #require(store.database as? SQLiteDatabase)
        // Each text is freed before the next is made, so most take the freed one's place (the statement found
        // by address must still be compared by text); each is used twice, the second time found by address.
        for n in 0..<300 {
            let sql = "SELECT ? + \(n) AS value_of_a_statement_whose_text_is_too_long_to_be_kept_inline"
            #expect(try database.scalar(sql, 1) == .integer(Int64(n + 1)))
            #expect(try database.scalar(sql, 2) == .integer(Int64(n + 2)))
        }
    }

    @Test(
        "PostgreSQL: the same, and a full cache's statements are deallocated on the server",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func postgres() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        let store = try BatonStore(path: uri)
        let database = try #require(store.database as? PostgresDatabase)
        try Self.checkFacts(store) { database.preparedStatementCount }
        var n = 0
        while database.preparedStatementCount < preparedStatementLimit {
            n += 1
            #expect(try database.scalar("SELECT \(n) + ?", n) == .integer(Int64(2 * n)))
        }
        #expect(try database.scalar("SELECT count(*) FROM pg_prepared_statements") == .integer(1))
        #expect(database.preparedStatementCount == 1)
    }
}
