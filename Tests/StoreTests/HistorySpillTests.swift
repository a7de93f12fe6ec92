import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Store

/// `HistorySpill`: the pending leads' interactions read in one pass over the table give, chunk by chunk, exactly
/// the facts the query by lead gives; a write by another connection since the pass makes the facts come from the
/// table again.
@Suite struct HistorySpillTests {
    /// `ClockStateTests`' three leads and one with no owner.
    static let file = ClockStateTests.file + "\nL4,ida@globex.example,mql,,2026-11-05"

    /// A store with four leads and 1,205 interactions stored in no lead's order and not in time order: emails of
    /// every kind and direction, with and without a rep, two sharing a time, a logged touch, and meetings
    /// scheduled, cancelled and declined.
    static func store(_ folder: TemporaryFolder, at t: Int64) throws -> BatonStore {
        let store = try BatonStore(path: folder.file("s.sqlite"))
        _ = try store.people.importLeads(ImportTests.leads(Self.file), file: "leads.csv", at: t)
        let db = store.database
        try store.write {
            for (id, status) in [(1, "scheduled"), (2, "cancelled"), (3, "scheduled")] {
                try db.execute(
                    """
                    INSERT INTO meetings (id, uid, recurrence_id, start_at, end_at, status, sequence)
                    VALUES (?, ?, '', ?, ?, ?, 0)
                    """, Int64(id), "u\(id)", t + Int64(id) * 7_200, t + Int64(id) * 7_200 + 1_800, status)
            }
            try db.execute(
                """
                INSERT INTO meeting_attendees (meeting_id, address, partstat, role)
                VALUES (3, 'gus@initech.example.net', 'DECLINED', 'REQ-PARTICIPANT')
                """)
            let kinds: [MessageKind] = [.message, .message, .autoReply, .bounce, .message]
            for n in 0..<1_200 {
                let message = Int64(n + 1)
                let kind = kinds[n % kinds.count]
                try ClockStateTests.message(db, message, kind: kind)
                // Leads 1, 2 and 3 in turn, lead 4 every 11th; times out of order, three of lead 2's at t + 1.
                let lead = n % 11 == 0 ? Int64(4) : Int64(n % 3 + 1)
                let time = n == 4 || n == 7 ? t + 1 : t + Int64((n * 7_919) % 1_000) * 60 + 1
                try store.mail.insertInteraction(
                    InteractionRecord(
                        leadID: lead, type: .email, messageID: message, direction: n % 2 == 0 ? .inbound : .outbound,
                        rep: n % 5 == 0 ? nil : ["ann@example.com", "bob@example.com", "cy@example.com"][n % 3],
                        time: time, kind: kind, match: .address))
            }
            for (lead, meeting) in [(Int64(1), Int64(1)), (2, 2), (3, 3), (1, 3)] {
                try db.execute(
                    """
                    INSERT INTO interactions (lead_id, type, meeting_id, rep, time, match)
                    VALUES (?, 'meeting', ?, 'ann@example.com', ?, 'address')
                    """, lead, meeting, t + meeting * 7_200)
            }
            try db.execute(
                "INSERT INTO interactions (lead_id, type, rep, time, match, note) VALUES (2, 'manual', ?, ?, 'manual', 'x')",
                "bob@example.com", t + 30)
        }
        return store
    }

    @Test("each chunk's facts from the spill equal the query's, in time then row order, with every field")
    func sameFacts() throws {
        let folder = try TemporaryFolder()
        let t = ImportTests.at("2026-11-21T08:00:00Z")
        let store = try Self.store(folder, at: t)
        let chunks: [[Int64]] = [[1, 4], [2], [3]]
        let spill = try #require(try store.clocks.spill(chunks))
        #expect(spill.rowCount == 1_205)
        // In the order first met: rows 1 and 2 name bob and cy, row 3 ann (row 0 names nobody).
        #expect(spill.reps == ["bob@example.com", "cy@example.com", "ann@example.com"])
        var total = 0
        for (index, chunk) in chunks.enumerated() {
            let expected = try store.clocks.facts(leadIDs: chunk)
            let spilled = try store.clocks.facts(leadIDs: chunk, spilled: spill.chunk(index))
            #expect(spilled == expected)
            total += spilled.reduce(0) { $0 + $1.interactions.count }
        }
        #expect(total == 1_205)
        let lead1 = try store.clocks.facts(leadIDs: [1], spilled: spill.chunk(0))[0].interactions
        #expect(lead1.count == 365)
        #expect(lead1.filter { $0.type == .meeting }.map(\.meetingOff) == [false, false])
        let lead3 = try store.clocks.facts(leadIDs: [3], spilled: spill.chunk(2))[0].interactions
        #expect(lead3.filter { $0.type == .meeting }.map(\.meetingOff) == [true])
        #expect(lead3.filter { $0.type == .meeting }.map(\.meetingEnd) == [t + 3 * 7_200 + 1_800])
        let lead2 = try store.clocks.facts(leadIDs: [2], spilled: spill.chunk(1))[0].interactions
        #expect(lead2.filter { $0.type == .manual }.map(\.messageID) == [nil])
        #expect(lead2.filter { $0.type == .meeting }.map(\.meetingOff) == [true])
        // Three of lead 2's emails share a time: the row id breaks the tie, as in the query.
        #expect(lead2.filter { $0.time == t + 1 }.map(\.messageID) == [5, 8, 1_001])
        for facts in try store.clocks.facts(leadIDs: [1, 2, 3, 4]) {
            let pairs = facts.interactions.map { ($0.time, $0.id) }
            #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0 < $1 })
        }
    }

    @Test("a write by another connection after the pass: the facts come from the table")
    func staleSpill() throws {
        let folder = try TemporaryFolder()
        let t = ImportTests.at("2026-11-21T08:00:00Z")
        let store = try Self.store(folder, at: t)
        let spill = try #require(try store.clocks.spill([[1, 2, 3, 4]]))
        // This connection's own writes leave the spill current.
        try store.database.execute("UPDATE leads SET name = 'Dana' WHERE id = 1")
        #expect(try spill.isCurrent(try #require(store.database as? SQLiteDatabase)))
        let other = try BatonStore(path: folder.file("s.sqlite"))
        try other.database.execute("DELETE FROM interactions WHERE lead_id = 4")
        #expect(!(try spill.isCurrent(try #require(store.database as? SQLiteDatabase))))
        let facts = try store.clocks.facts(leadIDs: [1, 2, 3, 4], spilled: spill.chunk(0))
        #expect(facts.map(\.interactions.count) == [365, 366, 364, 0])
        #expect(facts == (try store.clocks.facts(leadIDs: [1, 2, 3, 4])))
    }

    @Test("the spill leaves no file behind in the store's folder")
    func noFile() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder, at: ImportTests.at("2026-11-21T08:00:00Z"))
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let spill = try store.clocks.spill([[1], [2, 3, 4]])
        #expect(spill != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
    }
}
