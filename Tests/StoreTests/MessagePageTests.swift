import BatonCore
import TestSupport
import Testing

@testable import Store

/// `MessageLog.messagePage`: matching every message again reads the store a page at a time, in the order it always
/// matched them (undated messages first by id, then by date and id), whatever the page size, on SQLite and on
/// PostgreSQL (which sorts NULL last unless told).
@Suite(.serialized)
struct MessagePageTests {
    /// Dates of the messages stored, in insertion order (ids 1 to 9); ties and undated ones between dated ones.
    static let dates: [Int64?] = [nil, 100, nil, 50, 100, 100, 50, nil, 200]
    /// The order every page size must give.
    static let order: [Int64] = [1, 3, 8, 4, 7, 2, 5, 6, 9]

    static func fill(_ store: BatonStore) throws {
        var ids: [Int64] = []
        try store.write {
            for (index, date) in dates.enumerated() {
                let n = index + 1
                let message = MessageRecord(
                    dedupeKey: "k\(n)", messageID: "m\(n)@x", sentAt: date, timeSource: date == nil ? .scan : .date,
                    fromAddress: "a\(n)@acme.com", subject: "s\(n)", subjectKey: "s\(n)", kind: .message,
                    mailboxRep: nil, failedRecipients: [],
                    participants: [
                        ParticipantRecord(role: .from, address: "a\(n)@acme.com", name: "A \(n)"),
                        ParticipantRecord(role: .to, address: "rep@example.com", name: nil),
                        ParticipantRecord(role: .cc, address: "c\(n)@acme.com", name: nil),
                    ],
                    refs: n > 1 ? ["m\(n - 1)@x", "m1@x"] : [])
                ids.append(try store.mail.insertMessage(message, scannedAt: 1))
            }
        }
        #expect(ids == Array(1...9))
    }

    /// The ids of each page read with `limit`.
    static func pages(_ store: BatonStore, limit: Int) throws -> [[Int64]] {
        var pages: [[Int64]] = []
        var page = try store.mail.messagePage(after: nil, limit: limit)
        while let last = page.last, let id = last.id {
            pages.append(page.compactMap(\.id))
            page = try store.mail.messagePage(
                after: MessageLog.MessagePageKey(sentAt: last.sentAt, id: id), limit: limit)
        }
        return pages
    }

    static func check(_ store: BatonStore) throws {
        try fill(store)
        // Undated and dated messages are never on one page: the undated ones' last page is short.
        #expect(try pages(store, limit: 1) == order.map { [$0] })
        #expect(try pages(store, limit: 2) == [[1, 3], [8], [4, 7], [2, 5], [6, 9]])
        #expect(try pages(store, limit: 3) == [[1, 3, 8], [4, 7, 2], [5, 6, 9]])
        #expect(try pages(store, limit: 4) == [[1, 3, 8], [4, 7, 2, 5], [6, 9]])
        #expect(try pages(store, limit: 1000) == [[1, 3, 8], [4, 7, 2, 5, 6, 9]])
        let all = try store.mail.allMessages()
        #expect(all.compactMap(\.id) == order)
        let five = try #require(all.first { $0.id == 5 })
        #expect(five.sentAt == 100)
        #expect(five.participants.map(\.address) == ["a5@acme.com", "rep@example.com", "c5@acme.com"])
        #expect(five.participants.map(\.name) == ["A 5", nil, nil])
        #expect(five.refs == ["m4@x", "m1@x"])
    }

    @Test("pages of 1, 2, 3, 4 and 1000 messages give every message once, in matching order (SQLite)")
    func sqlite() throws {
        let folder = try TemporaryFolder()
        try Self.check(try BatonStore(path: folder.file("s.sqlite")))
    }

    @Test(
        "the same pages on PostgreSQL",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func postgres() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        try Self.check(try BatonStore(path: uri))
    }
}
