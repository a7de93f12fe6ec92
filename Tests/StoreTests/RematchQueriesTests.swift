import BatonCore
import TestSupport
import Testing

@testable import Store

/// What matching again after a change to a few leads reads (`MessageLog+Rematch`, `People+MatchSnapshot`): each
/// query returns exactly the rows it names, across the pieces its `IN` lists are cut into, on SQLite and on
/// PostgreSQL (whose SQL for a domain differs).
@Suite(.serialized)
struct RematchQueriesTests {
    /// Message `n` (ids 1 to 8): its date, its parties, the failed recipients it names and its references.
    static let messages: [(date: Int64?, parties: [String], failed: [String], refs: [String])] = [
        (100, ["dana@acme.com", "ann@example.com"], [], []),
        (nil, ["ann@example.com", "lee+news@acme.com"], [], ["m1@x"]),
        (50, ["mailer-daemon@mx.example.com", "ann@example.com"], ["dana@acme.com", "x@other.io"], []),
        (100, ["\"odd@name\"@initech.com", "ann@example.com"], [], ["m2@x", "m1@x"]),
        (nil, ["kim@initech.com", "ann@example.com"], [], []),
        (200, ["ann@example.com", "zoe@other.io"], ["zoe@other.io"], ["m4@x"]),
        (50, ["bo@acme.com.evil", "ann@example.com"], [], ["m9@x"]),
        (300, ["p.e.r@googlemail.com", "ann@example.com"], [], []),
    ]

    static func fill(_ store: BatonStore) throws -> [Int64] {
        var leads: [Int64] = []
        try store.write {
            for (index, m) in messages.enumerated() {
                let n = index + 1
                let record = MessageRecord(
                    dedupeKey: "k\(n)", messageID: "m\(n)@x", sentAt: m.date, timeSource: m.date == nil ? .scan : .date,
                    fromAddress: m.parties[0], subject: "s", subjectKey: "s",
                    kind: m.failed.isEmpty ? .message : .bounce,
                    mailboxRep: nil, failedRecipients: m.failed,
                    participants: m.parties.enumerated().map { i, a in
                        ParticipantRecord(role: i == 0 ? .from : .to, address: a, name: nil)
                    }, refs: m.refs)
                #expect(try store.mail.insertMessage(record, scannedAt: 1) == Int64(n))
            }
            for address in ["dana@acme.com", "zoe@other.io", "kim@initech.com"] {
                leads.append(
                    try store.people.insertAutoLead(
                        address: address, name: nil, createdAt: 1, at: 1, freemailDomains: []
                    ).id)
            }
            // Lead 1 on messages 1 and 3, lead 2 on 6, lead 3 on 5 and (by thread) 6.
            for (lead, message) in [(0, 1), (0, 3), (1, 6), (2, 5), (2, 6)] {
                try store.mail.insertInteraction(
                    InteractionRecord(
                        leadID: leads[lead], type: .email, messageID: Int64(message), direction: .inbound,
                        rep: "ann@example.com", time: 1, kind: .message, match: .address))
            }
        }
        return leads
    }

    static func check(_ store: BatonStore) throws {
        let leads = try fill(store)
        #expect(try store.mail.messageIDs(interactingWith: [leads[0]]) == [1, 3])
        #expect(try store.mail.messageIDs(interactingWith: [leads[1], leads[2], 99]) == [5, 6])
        // 600 leads: two pieces of the list.
        #expect(try store.mail.messageIDs(interactingWith: (1000..<1600).map(Int64.init) + [leads[1]]) == [6])
        #expect(try store.mail.messageIDs(interactingWith: []) == [])

        func parties(_ domains: Set<String>) throws -> [String] {
            var rows: [String] = []
            try store.mail.forEachParty(inDomains: domains) { rows.append("\($0) \($1)") }
            return rows.sorted()
        }
        // The domain after the first `@`; an address with two `@` always comes (the caller narrows it).
        #expect(
            try parties(["acme.com"]) == [
                "1 dana@acme.com", "2 lee+news@acme.com", "4 \"odd@name\"@initech.com",
            ])
        #expect(
            try parties(["googlemail.com", "other.io"]) == [
                "4 \"odd@name\"@initech.com", "6 zoe@other.io", "8 p.e.r@googlemail.com",
            ])
        let many = Set((0..<700).map { "d\($0).test" } + ["initech.com"])
        #expect(
            try parties(many) == [
                "4 \"odd@name\"@initech.com", "4 \"odd@name\"@initech.com", "5 kim@initech.com",
            ])

        var bounces: [String] = []
        try store.mail.forEachBounce { bounces.append("\($0) \($1.joined(separator: ","))") }
        #expect(bounces.sorted() == ["3 dana@acme.com,x@other.io", "6 zoe@other.io"])

        #expect(try store.mail.messagesReferencing(["m1@x"]) == [2, 4])
        #expect(try store.mail.messagesReferencing(["m4@x", "m9@x", "none@x"]) == [6, 7])
        #expect(try store.mail.messagesReferencing([]) == [])

        // Undated first by id, then by date and id; an id of no message is left out.
        let order = try store.mail.matchOrder([1, 2, 3, 4, 5, 6, 7, 8, 42])
        #expect(order == [2, 5, 3, 7, 1, 4, 6, 8])
        var pieces: [[Int64]] = []
        try store.mail.forEachMessage(inMatchOrder: order) { pieces.append($0.compactMap(\.id)) }
        #expect(pieces == [[2, 5, 3, 7, 1, 4, 6, 8]])
        var read: [MessageRecord] = []
        try store.mail.forEachMessage(inMatchOrder: [4]) { read += $0 }
        #expect(read.map(\.refs) == [["m2@x", "m1@x"]])
        #expect(read.map { $0.participants.map(\.address) } == [["\"odd@name\"@initech.com", "ann@example.com"]])

        // The snapshot: replaced whole (450 lines: three statements; 675 keys: two), then some entries set, one new.
        try store.write {
            try store.people.replaceMatchEntries { add in
                for id in (1...450).reversed() {
                    let keys = ["a\(id)@x.com", id % 2 == 0 ? "even@x.com" : "a\(id)@x.com"]
                    try add(.init(leadID: Int64(id), line: "L\(id)|a\(id)@x.com||\n", keys: keys))
                }
            }
            try store.people.setMatchEntries([
                .init(leadID: 7, line: "L7|changed@x.com||ann@example.com\n", keys: ["changed@x.com"]),
                .init(leadID: 900, line: "L900|n@x.com||\n", keys: ["n@x.com", "even@x.com"]),
            ])
        }
        var lines: [(Int64, String)] = []
        try store.people.forEachMatchLine { lines.append(($0, $1)) }
        #expect(lines.map(\.0) == (1...450).map(Int64.init) + [900])
        #expect(lines[6].1 == "L7|changed@x.com||ann@example.com\n")
        #expect(lines[449].1 == "L450|a450@x.com||\n")
        #expect(try store.database.scalar("SELECT COUNT(*) FROM match_keys")?.int64 == 677)
        #expect(
            try store.people.leadIDs(matchKey: "even@x.com", upTo: 1000) == Array(stride(from: 2, through: 450, by: 2))
                + [900])
        #expect(try store.people.leadIDs(matchKey: "even@x.com", upTo: 10) == [2, 4, 6, 8, 10])
        #expect(try store.people.leadIDs(matchKey: "a7@x.com", upTo: 1000) == [])
        #expect(try store.people.leadIDs(matchKey: "changed@x.com", upTo: 1000) == [7])
        #expect(try store.people.leadIDs(matchKey: "a9@x.com", upTo: 1000) == [9])
        #expect(try store.people.leadIDs(matchKey: "n@x.com", upTo: 899) == [])
        try store.write {
            try store.people.replaceMatchEntries { add in try add(.init(leadID: 3, line: "L3|\n", keys: ["k3@x.com"])) }
        }
        lines = []
        try store.people.forEachMatchLine { lines.append(($0, $1)) }
        #expect(try store.database.scalar("SELECT COUNT(*) FROM match_keys")?.int64 == 1)
        #expect(try store.people.leadIDs(matchKey: "k3@x.com", upTo: 3) == [3])
        #expect(lines.map(\.0) == [3])
    }

    @Test("the changed leads' messages, bounces, replies, match order and snapshot lines are exact (SQLite)")
    func sqlite() throws {
        let folder = try TemporaryFolder()
        try Self.check(try BatonStore(path: folder.file("s.sqlite")))
    }

    @Test(
        "the same on PostgreSQL",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func postgres() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        try Self.check(try BatonStore(path: uri))
    }
}
