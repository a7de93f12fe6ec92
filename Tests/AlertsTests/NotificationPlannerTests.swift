import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Alerts
@testable import SLA
@testable import Store

/// Clock states become outbox rows: the right level, once, never before `active_from`, cancelled when stale.
@Suite struct NotificationPlannerTests {
    static func at(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }

    /// A store with lead #1 owned by ann (manager mia, whose manager is victor).
    static func store(_ folder: String) throws -> BatonStore {
        let store = try BatonStore(path: folder + "/s.sqlite")
        try store.database.execute(
            "INSERT INTO leads (id, stage, owner_email, imported_at, updated_at) VALUES (1, 'mql', 'ann@example.com', 0, 0)"
        )
        return store
    }

    static func lead(_ episodes: [ClockEpisode], owner: String? = "ann@example.com") throws -> EvaluatedLead {
        EvaluatedLead(
            facts: ClockFacts(
                leadID: 1, source: nil, owner: owner, ownerTeam: "emea", createdAt: nil, mqlAt: nil, assignedAt: nil,
                stages: [], owners: [], interactions: []),
            history: LeadHistory(leadID: 1, team: "emea", stages: []),
            calendar: BusinessCalendar(hours: WeeklyHours(), zone: TimeZone(identifier: "UTC")!), episodes: episodes)
    }

    static func episode(_ state: ClockState, due: String = "2026-11-26T12:00:00Z", escalations: [String] = [])
        -> ClockEpisode
    {
        ClockEpisode(
            leadID: 1, policy: "p", clock: .firstResponse, episode: 1, state: state,
            startedAt: at("2026-11-26T08:00:00Z"),
            dueAt: at(due), warnAt: at("2026-11-26T11:00:00Z"), escalationsAt: escalations.map(at),
            elapsedSeconds: 0, lateSeconds: 0)
    }

    static func planner(_ store: BatonStore, now: String, activeFrom: String = "2026-11-01T00:00:00Z") throws
        -> NotificationPlanner
    {
        let config = try AlertRoutingTests.config(quiet: nil)
        return NotificationPlanner(
            config: config, store: store, routing: AlertRouting(config: config, reps: AlertRoutingTests.reps),
            now: at(now), activeFrom: at(activeFrom), salt: "test")
    }

    static func rows(_ store: BatonStore) throws -> [String] {
        try store.outbox.notifications().map {
            "\($0.level)\($0.escalation.map { "-\($0)" } ?? "") \($0.state) to=\($0.to.joined(separator: ",")) cc=\($0.cc.joined(separator: ","))"
        }
    }

    @Test("a clock in warning gets the warning, once however often the planner runs")
    func warningOnce() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder.path)
        let planner = try Self.planner(store, now: "2026-11-26T11:30:00Z")
        let first = try planner.plan([try Self.lead([Self.episode(.warning)])])
        let second = try planner.plan([try Self.lead([Self.episode(.warning)])])
        #expect(first.map(\.key) == ["alert|1|p|\(Self.at("2026-11-26T08:00:00Z"))|warning"])
        #expect(second.isEmpty)
        #expect(try Self.rows(store) == ["warning queued to=ann@example.com cc="])
        #expect(first[0].messageID.hasPrefix("baton-alert."))
        #expect(first[0].messageID.hasSuffix("@example.com"))
    }

    @Test("a breached clock gets the breach and every escalation already due, not the warning")
    func breachAndEscalations() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder.path)
        let episode = Self.episode(.breached, escalations: ["2026-11-26T14:00:00Z", "2026-11-28T12:00:00Z"])
        _ = try Self.planner(store, now: "2026-11-26T15:00:00Z").plan([try Self.lead([episode])])
        #expect(
            try Self.rows(store) == [
                "breach queued to=mia@example.com cc=ann@example.com",
                "escalation-1 queued to=victor@example.com cc=mia@example.com,ann@example.com",
            ])
        _ = try Self.planner(store, now: "2026-11-28T12:00:00Z").plan([try Self.lead([episode])])
        #expect(try Self.rows(store).count == 3)
        #expect(try Self.rows(store)[2] == "escalation-2 queued to=vp@example.com cc=mia@example.com,ann@example.com")
    }

    @Test("a clock due before active_from is never notified")
    func activeFrom() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder.path)
        let planner = try Self.planner(store, now: "2026-11-26T15:00:00Z", activeFrom: "2026-11-26T12:00:01Z")
        #expect(try planner.plan([try Self.lead([Self.episode(.breached)])]).isEmpty)
        #expect(try Self.rows(store) == [])
    }

    @Test("stopped and paused clocks get nothing, and what they had queued is cancelled")
    func staleCancelled() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder.path)
        _ = try Self.planner(store, now: "2026-11-26T11:30:00Z").plan([try Self.lead([Self.episode(.warning)])])
        _ = try Self.planner(store, now: "2026-11-26T11:40:00Z").plan([try Self.lead([Self.episode(.met)])])
        #expect(try Self.rows(store) == ["warning cancelled to=ann@example.com cc="])
        #expect(
            try store.outbox.notifications()[0].lastError
                == "the clock stopped or paused before the notification was sent")
        _ = try Self.planner(store, now: "2026-11-26T11:50:00Z").plan([try Self.lead([Self.episode(.paused)])])
        #expect(try Self.rows(store) == ["warning cancelled to=ann@example.com cc="])
    }

    @Test("a warning still queued when the clock breaches is replaced by the breach")
    func warningSuperseded() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder.path)
        _ = try Self.planner(store, now: "2026-11-26T11:30:00Z").plan([try Self.lead([Self.episode(.warning)])])
        _ = try Self.planner(store, now: "2026-11-26T12:30:00Z").plan([try Self.lead([Self.episode(.breached)])])
        #expect(
            try Self.rows(store) == [
                "warning cancelled to=ann@example.com cc=", "breach queued to=mia@example.com cc=ann@example.com",
            ])
    }

    @Test("with nobody to tell, the notification is recorded failed and says why")
    func nobody() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder.path)
        let config = try AlertRoutingTests.config(fallback: nil, quiet: nil)
        let planner = NotificationPlanner(
            config: config, store: store, routing: AlertRouting(config: config, reps: AlertRoutingTests.reps),
            now: Self.at("2026-11-26T13:00:00Z"), activeFrom: 0, salt: "test")
        let queued = try planner.plan([try Self.lead([Self.episode(.breached)], owner: nil)])
        #expect(queued.map(\.state) == [.failed])
        #expect(queued[0].lastError == "no recipient: the lead has no owner and alerts.fallback_to is not set")
    }
}
