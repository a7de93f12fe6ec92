import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Store

/// The notification outbox: one row per key ever, states, attempts, digests, threading ids.
@Suite struct OutboxTests {
    static func record(_ key: String, lead: Int64? = nil, level: NotificationLevel = .breach, notBefore: Int64 = 100)
        -> NotificationRecord
    {
        NotificationRecord(
            key: key, kind: .alert, leadID: lead, policy: "first-response", clock: .firstResponse, episode: 1,
            episodeStartedAt: 10, dueAt: 50, level: level, to: ["mia@example.com"], cc: ["ann@example.com"],
            createdAt: 100, notBefore: notBefore, messageID: "baton-alert.\(key)@example.com")
    }

    @Test("a key is queued once: the second insert with the same key changes nothing")
    func exactlyOnce() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let first = try store.outbox.queue(Self.record("a"))
        let second = try store.outbox.queue(Self.record("a", level: .warning))
        #expect(first == 1)
        #expect(second == nil)
        let rows = try store.outbox.notifications()
        #expect(rows.count == 1)
        #expect(rows[0].level == .breach)
        #expect(rows[0].to == ["mia@example.com"])
        #expect(rows[0].cc == ["ann@example.com"])
        #expect(rows[0].state == .queued)
        #expect(rows[0].attempts == 0)
        #expect(rows[0].content == nil)
    }

    @Test("only queued rows whose hold and retry times have come are deliverable, digest items excepted")
    func deliverable() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        try store.outbox.queue(Self.record("now", notBefore: 100))
        try store.outbox.queue(Self.record("later", notBefore: 500))
        let retry = try store.outbox.queue(Self.record("retry", notBefore: 100))!
        try store.outbox.recordAttempt(
            id: retry, state: .queued, attempts: 1, lastError: "exit 1", nextAttemptAt: 300, sentAt: nil)
        let item = try store.outbox.queue(Self.record("item", notBefore: 100))!
        try store.outbox.attachToDigest([item], digestID: retry)
        #expect(try store.outbox.deliverable(now: 200).map(\.key) == ["now"])
        #expect(try store.outbox.deliverable(now: 300).map(\.key) == ["now", "retry"])
        #expect(try store.outbox.deliverable(now: 500).map(\.key) == ["now", "later", "retry"])
    }

    @Test("a digest's items follow its state; content is kept byte for byte")
    func digestFollows() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let a = try store.outbox.queue(Self.record("a"))!
        let b = try store.outbox.queue(Self.record("b"))!
        var digest = Self.record("d")
        digest.kind = .digest
        digest.level = .digest
        let d = try store.outbox.queue(digest)!
        try store.outbox.attachToDigest([a, b], digestID: d)
        try store.outbox.setContent(id: d, content: [0, 13, 10, 255])
        try store.outbox.recordAttempt(
            id: d, state: .sent, attempts: 1, lastError: nil, nextAttemptAt: 100, sentAt: 120)
        let rows = try store.outbox.notifications()
        #expect(rows.map(\.state) == [.sent, .sent, .sent])
        #expect(rows.map(\.sentAt) == [120, 120, 120])
        #expect(rows.map(\.digestID) == [d, d, nil])
        #expect(rows[2].content == [0, 13, 10, 255])
        #expect(try store.outbox.digestItems(d).map(\.key) == ["a", "b"])
    }

    @Test("cancelling touches only queued rows; threading ids skip cancelled and failed ones")
    func cancelAndThread() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let a = try store.outbox.queue(Self.record("a", lead: nil))!
        let b = try store.outbox.queue(Self.record("b", lead: nil))!
        let c = try store.outbox.queue(Self.record("c", lead: nil))!
        try store.outbox.recordAttempt(id: a, state: .sent, attempts: 1, lastError: nil, nextAttemptAt: 0, sentAt: 1)
        try store.outbox.cancel(id: a, reason: "stopped")
        try store.outbox.cancel(id: b, reason: "stopped")
        try store.outbox.recordAttempt(
            id: c, state: .failed, attempts: 3, lastError: "exit 1", nextAttemptAt: 0, sentAt: nil)
        let rows = try store.outbox.notifications()
        #expect(rows.map(\.state) == [.sent, .cancelled, .failed])
        #expect(rows.map(\.lastError) == [nil, "stopped", "exit 1"])
        #expect(try store.outbox.notifications(state: .cancelled).map(\.key) == ["b"])
    }
}
