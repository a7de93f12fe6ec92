import BatonCore
import Foundation
import Testing

@testable import SLA

/// `SLAEvaluator.evaluate` on two threads: the leads after the point where half the touches lie go to a second
/// thread, and the result is, lead for lead, the one thread's.
@Suite struct SplitEvaluationTests {
    typealias F = ClockFixtures

    static let policies = """
        {"name": "first-response", "clock": "first_response", "target": "4h", "time": "business",
         "stages": ["mql"], "warn_at": 0.75, "escalate": [{"after": "8h", "to": "manager_of_manager"}]},
        {"name": "reply", "clock": "reply", "target": "1d", "time": "business", "stages": ["mql", "sql"]},
        {"name": "follow-up", "clock": "meeting_follow_up", "target": "2d", "time": "business", "stages": ["sql"]},
        {"name": "stale", "clock": "no_touch", "target": "14d", "time": "calendar", "stages": ["sql"]}
        """

    /// Lead `n` (from 1), with `touches` touches: inbound mail every 97 minutes from Monday 2026-11-02 08:00, every
    /// third answered 50 minutes later, a meeting every 20th; leads divisible by 3 move to `sql` on the Wednesday.
    static func lead(_ n: Int64, touches: Int, calendar: BusinessCalendar) throws -> SLAEvaluator.Lead {
        let start = try F.t("2026-11-02T08:00:00Z")
        var list: [LeadHistory.Touch] = []
        for k in 0..<touches {
            let at = start + Int64(k) * 97 * 60 + n * 60
            switch k % 20 {
            case 19: list.append(.init(kind: .meeting, at: at, end: at + 1_800, rep: F.ann, interactionID: Int64(k)))
            case let r where r % 3 == 2:
                list.append(.init(kind: .outboundEmail, at: at - 47 * 60, rep: F.ann, interactionID: Int64(k)))
            default: list.append(.init(kind: .inboundEmail, at: at, rep: F.ann, interactionID: Int64(k)))
            }
        }
        var stages = [try F.stage("2026-11-02T07:00:00Z", .mql)]
        if n % 3 == 0 { stages.append(try F.stage("2026-11-04T12:00:00Z", .sql)) }
        let history = LeadHistory(
            leadID: n, team: "emea", owner: F.ann, stages: stages, touches: list.sorted { $0.at < $1.at })
        let facts = ClockFacts(
            leadID: n, source: nil, owner: F.ann, ownerTeam: "emea", createdAt: nil, mqlAt: nil, assignedAt: nil,
            stages: [], owners: [], interactions: [])
        return SLAEvaluator.Lead(facts: facts, history: history, calendar: calendar)
    }

    @Test("the split falls after the leads holding half the touches, one lead at least on each side")
    func splitPoint() throws {
        let calendar = try F.london()
        func leads(_ sizes: [Int]) throws -> [SLAEvaluator.Lead] {
            try sizes.enumerated().map { try Self.lead(Int64($0.offset + 1), touches: $0.element, calendar: calendar) }
        }
        let even = try leads([10, 10, 10, 10])
        #expect(SLAEvaluator.splitPoint(even, threads: 2, splitTouches: 40) == 2)
        #expect(SLAEvaluator.splitPoint(even, threads: 2, splitTouches: 41) == nil)
        #expect(SLAEvaluator.splitPoint(even, threads: 1, splitTouches: 1) == nil)
        #expect(SLAEvaluator.splitPoint(try leads([100, 1, 1]), threads: 2, splitTouches: 1) == 1)
        #expect(SLAEvaluator.splitPoint(try leads([1, 1, 100]), threads: 2, splitTouches: 1) == 2)
        #expect(SLAEvaluator.splitPoint(try leads([5, 20, 3, 2, 30]), threads: 2, splitTouches: 1) == 4)
        #expect(SLAEvaluator.splitPoint(try leads([50]), threads: 2, splitTouches: 1) == nil)
        #expect(SLAEvaluator.splitPoint(try leads([0, 0]), threads: 2, splitTouches: 0) == 1)
    }

    @Test("two threads give every lead's episodes and evidence exactly as one thread does")
    func sameClocks() throws {
        let calendar = try F.london()
        // Uneven histories: the split falls inside the list, not at its middle.
        let sizes = [400, 3, 0, 250, 37, 1_200, 80, 5, 610, 19, 44, 150]
        let leads = try sizes.enumerated().map {
            try Self.lead(Int64($0.offset + 1), touches: $0.element, calendar: calendar)
        }
        #expect(SLAEvaluator.splitPoint(leads, threads: 2, splitTouches: 1) == 6)
        let engine = ClockEngine(policies: try F.policies(Self.policies))
        for now in ["2026-11-03T12:00:00Z", "2026-11-20T18:00:00Z", "2027-01-15T09:00:00Z"] {
            let at = try F.t(now)
            let one = try SLAEvaluator.evaluate(leads, engine: engine, now: at, horizon: nil, threads: 1)
            let two = try SLAEvaluator.evaluate(
                leads, engine: engine, now: at, horizon: nil, threads: 2, splitTouches: 1)
            #expect(two.map(\.facts.leadID) == Array(1...Int64(sizes.count)))
            #expect(two.map(\.episodes) == one.map(\.episodes))
            #expect(two.map(\.evidence) == one.map(\.evidence))
            #expect(one.reduce(0) { $0 + $1.episodes.count } > sizes.count)
        }
        // With a horizon, both sides drop the episodes that started before it.
        let horizon = try F.t("2026-11-10T00:00:00Z")
        let now = try F.t("2026-11-20T18:00:00Z")
        let one = try SLAEvaluator.evaluate(leads, engine: engine, now: now, horizon: horizon, threads: 1)
        let two = try SLAEvaluator.evaluate(
            leads, engine: engine, now: now, horizon: horizon, threads: 2, splitTouches: 1)
        #expect(two.map(\.episodes) == one.map(\.episodes))
        #expect(two.allSatisfy { $0.episodes.allSatisfy { $0.startedAt >= horizon } })
    }
}
