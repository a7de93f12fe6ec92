import BatonCore
import Foundation
import Testing

@testable import SLA

/// A lead's next instant: the first moment after an evaluation at which its clocks come out otherwise with no new
/// history. Until then an evaluation gives the same states, so incremental scans may keep the stored one.
@Suite struct NextInstantTests {
    typealias F = ClockFixtures

    static let policies = """
        {"name": "first-response", "clock": "first_response", "target": "4h", "time": "business",
         "stages": ["mql"], "escalate": [{"after": "8h", "to": "manager_of_manager"}]},
        {"name": "reply", "clock": "reply", "target": "1d", "time": "business", "stages": ["mql"]},
        {"name": "stale", "clock": "no_touch", "target": "14d", "time": "calendar", "stages": ["sql"]}
        """

    /// Lead 1: assigned Monday 09:00, an inbound mail at 10:00, a meeting written ahead for Wednesday.
    static func lead() throws -> LeadHistory {
        var lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, stages: [try F.stage("2026-11-23T09:00:00Z", .mql)])
        lead.assignedAt = try F.t("2026-11-23T09:00:00Z")
        lead.touches = [
            try F.touch(.inboundEmail, "2026-11-23T10:00:00Z"),
            try F.touch(.meeting, "2026-11-25T14:00:00Z", end: "2026-11-25T15:00:00Z"),
        ]
        return lead
    }

    static func evaluated(_ lead: LeadHistory, at now: Int64) throws -> EvaluatedLead {
        let calendar = try F.london()
        let episodes = try ClockEngine(policies: F.policies(Self.policies)).episodes(
            for: lead, calendar: calendar, now: now)
        let facts = ClockFacts(
            leadID: 1, source: nil, owner: F.ann, ownerTeam: "emea", createdAt: nil, mqlAt: nil,
            assignedAt: lead.assignedAt, stages: [], owners: [], interactions: [])
        return EvaluatedLead(facts: facts, history: lead, calendar: calendar, episodes: episodes)
    }

    @Test("the next instant is the nearest warning, due or escalation time of an open episode, or future history")
    func nearest() throws {
        let lead = try Self.lead()
        // Monday 09:30: first response warns at 12:00; the reply clock (started 10:00) warns Tuesday.
        let monday = try Self.evaluated(lead, at: F.t("2026-11-23T09:30:00Z"))
        #expect(monday.stateCounts == [.running: 1])
        #expect(
            monday.nextInstant(after: try F.t("2026-11-23T09:30:00Z"), retention: nil)
                == (try F.t("2026-11-23T10:00:00Z")))
        let later = try Self.evaluated(lead, at: F.t("2026-11-23T10:30:00Z"))
        #expect(later.stateCounts == [.running: 2])
        #expect(
            later.nextInstant(after: try F.t("2026-11-23T10:30:00Z"), retention: nil)
                == (try F.t("2026-11-23T12:00:00Z")))
        // Tuesday evening both clocks are breached, the escalation passed: the meeting written ahead is next.
        let tuesday = try Self.evaluated(lead, at: F.t("2026-11-24T17:00:00Z"))
        #expect(tuesday.stateCounts == [.breached: 2])
        #expect(
            tuesday.nextInstant(after: try F.t("2026-11-24T17:00:00Z"), retention: nil)
                == (try F.t("2026-11-25T14:00:00Z")))
        // With a 30-day retention, an episode leaves the window a second after its start plus 30 days.
        let end = try F.t("2026-11-26T12:00:00Z")
        let settled = try Self.evaluated(lead, at: end)
        #expect(settled.nextInstant(after: end, retention: nil) == nil)
        #expect(settled.nextInstant(after: end, retention: 30 * 86_400) == (try F.t("2026-12-23T09:00:01Z")))
    }

    /// What an evaluation decides, without the seconds that grow with `now`.
    static func shape(_ lead: EvaluatedLead) -> [String] {
        lead.episodes.map {
            "\($0.policy) \($0.episode) \($0.state) \($0.dueAt) \($0.warnAt) \(String(describing: $0.stoppedAt))"
        }
    }

    @Test("between an evaluation and its next instant every evaluation gives the same episodes")
    func stableUntilNext() throws {
        let lead = try Self.lead()
        var now = try F.t("2026-11-23T08:00:00Z")
        let end = try F.t("2026-11-27T18:00:00Z")
        var checked = 0
        while now < end {
            let at = try Self.evaluated(lead, at: now)
            let next = at.nextInstant(after: now, retention: nil) ?? end
            // Every quarter hour up to the next instant, and the second before it.
            for moment in stride(from: now, to: next, by: 900) + [next - 1] where moment < end {
                #expect(try Self.shape(Self.evaluated(lead, at: moment)) == Self.shape(at))
                checked += 1
            }
            now = next
        }
        #expect(checked > 300)
    }
}
