import BatonCore
import Foundation
import Testing

@testable import SLA

/// Policies, leads and expected episodes written the way a reader checks them: JSON policies, ISO times.
enum ClockFixtures {
    static let ann = "ann@example.com"
    static let bob = "bob@example.com"

    /// Policies from the JSON objects of a configuration's `policies` list (teams `emea` and `us` exist).
    static func policies(_ items: String) throws -> [Config.Policy] {
        let json = """
            {
              "store": "baton.sqlite",
              "internal_domains": ["example.com"],
              "sources": [],
              "teams": {
                "emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}},
                "us": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}
              },
              "policies": [\(items)],
              "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "outbox"}}
            }
            """
        return try ConfigLoader.parse(Array(json.utf8), path: "/tmp/baton-clock-tests/baton.json").policies
    }

    /// London, Monday to Friday 09:00-17:30 (GMT in November: local time reads as UTC).
    static func london() throws -> BusinessCalendar { try BusinessTimeFixtures.london() }

    /// UTC, Monday to Friday 09:00-17:00.
    static func utc() throws -> BusinessCalendar {
        try BusinessTimeFixtures.calendar(#"{"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}"#)
    }

    /// Epoch seconds of `YYYY-MM-DDTHH:MM:SSZ`.
    static func t(_ text: String) throws -> Int64 {
        try #require(Timestamp.parseInstant(text))
    }

    static func stage(_ at: String, _ stage: Stage) throws -> LeadHistory.StageChange {
        .init(at: try t(at), stage: stage)
    }

    static func owner(_ at: String, _ owner: String?) throws -> LeadHistory.OwnerChange {
        .init(at: try t(at), owner: owner)
    }

    static func touch(_ kind: LeadHistory.Touch.Kind, _ at: String, end: String? = nil) throws -> LeadHistory.Touch {
        .init(kind: kind, at: try t(at), end: try end.map(t))
    }

    /// The episodes of `lead` under `policies` (JSON) as of `now`.
    static func run(
        _ policies: String, _ lead: LeadHistory, now: String, calendar: BusinessCalendar? = nil
    ) throws -> [ClockEpisode] {
        try ClockEngine(policies: Self.policies(policies))
            .episodes(for: lead, calendar: calendar ?? london(), now: t(now))
    }

    /// An expected episode of lead 1, times written as ISO instants.
    static func episode(
        _ policy: String, _ clock: Config.Policy.Clock, _ number: Int, _ state: ClockState, start: String,
        due: String, warn: String, escalations: [String] = [], stop: String? = nil, reason: String? = nil,
        elapsed: Int64, late: Int64 = 0, paused: Int64 = 0, owner: String? = ClockFixtures.ann, lead: Int64 = 1
    ) throws -> ClockEpisode {
        ClockEpisode(
            leadID: lead, policy: policy, clock: clock, episode: number, state: state, startedAt: try t(start),
            dueAt: try t(due), warnAt: try t(warn), escalationsAt: try escalations.map(t), stoppedAt: try stop.map(t),
            stopReason: reason, elapsedSeconds: elapsed, lateSeconds: late, pausedSeconds: paused, owner: owner)
    }
}

/// Behaviour common to every clock. London hours unless said; 2026-11-23 is a Monday.
@Suite struct ClockEngineTests {
    typealias F = ClockFixtures

    /// How an episode started Monday 09:00 with a 4 h business target (due 13:00, warning 12:00) ends.
    struct Outcome: Sendable, CustomTestStringConvertible {
        var now: String
        var stop: String?
        var state: ClockState
        var elapsed: Int64
        var late: Int64
        var testDescription: String { state.rawValue }
    }

    static let outcomes = [
        Outcome(now: "2026-11-23T12:00:00Z", stop: "2026-11-23T11:00:00Z", state: .met, elapsed: 7200, late: 0),
        Outcome(now: "2026-11-23T15:00:00Z", stop: "2026-11-23T14:00:00Z", state: .metLate, elapsed: 18000, late: 3600),
        Outcome(now: "2026-11-23T14:30:00Z", stop: nil, state: .breached, elapsed: 19800, late: 5400),
        Outcome(now: "2026-11-23T12:30:00Z", stop: nil, state: .warning, elapsed: 12600, late: 0),
        Outcome(now: "2026-11-23T10:00:00Z", stop: nil, state: .running, elapsed: 3600, late: 0),
    ]

    @Test(
        "every clock is met, met late, breached, in warning or running by the due and warning times",
        arguments: Config.Policy.Clock.allCases, outcomes)
    func states(clock: Config.Policy.Clock, outcome: Outcome) throws {
        let policy = """
            {"name": "p", "clock": "\(clock.rawValue)", "target": "4h", "time": "business", "stages": ["mql"],
             "escalate": [{"after": "8h", "to": "manager_of_manager"}]}
            """
        // Each clock starts Monday 09:00 and is stopped at `outcome.stop` by what stops it.
        var lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, stages: [try F.stage("2026-11-23T09:00:00Z", .mql)])
        switch clock {
        case .firstResponse: lead.assignedAt = try F.t("2026-11-23T09:00:00Z")
        case .reply: lead.touches = [try F.touch(.inboundEmail, "2026-11-23T09:00:00Z")]
        case .meetingFollowUp:
            lead.touches = [try F.touch(.meeting, "2026-11-23T08:00:00Z", end: "2026-11-23T09:00:00Z")]
        case .acceptance: lead.mqlAt = try F.t("2026-11-23T09:00:00Z")
        case .noTouch: lead.createdAt = try F.t("2026-11-23T09:00:00Z")
        }
        if let stop = outcome.stop {
            if clock == .acceptance {
                lead.stages.append(try F.stage(stop, .accepted))
            } else {
                lead.touches.append(try F.touch(.outboundEmail, stop))
            }
        }
        let episodes = try F.run(policy, lead, now: outcome.now)
        // A no-touch clock starts again at the touch that stops it.
        #expect(episodes.count == (clock == .noTouch && outcome.stop != nil ? 2 : 1))
        #expect(
            episodes.first
                == (try F.episode(
                    "p", clock, 1, outcome.state, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"], stop: outcome.stop,
                    reason: outcome.stop == nil ? nil : clock == .acceptance ? "stage" : "touch",
                    elapsed: outcome.elapsed, late: outcome.late)))
    }

    @Test("escalation rungs fall due their `after` past the due time, in business or calendar time")
    func escalations() throws {
        let ladder = """
            "escalate": [{"after": "4h", "to": "manager_of_manager"}, {"after": "1d", "to": "boss@example.com"}]
            """
        let policies = """
            {"name": "business", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"], \(ladder)},
            {"name": "calendar", "clock": "first_response", "target": "4h", "time": "calendar", "stages": ["mql"], \(ladder)}
            """
        // Assigned Friday 15:00; nothing sent by 16:00.
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, assignedAt: try F.t("2026-11-20T15:00:00Z"),
            stages: [try F.stage("2026-11-20T14:00:00Z", .mql)])
        #expect(
            try F.run(policies, lead, now: "2026-11-20T16:00:00Z") == [
                // Friday 15:00-17:30 then Monday 09:00-10:30; 4 h later is Monday 14:30, a working day later Tuesday.
                try F.episode(
                    "business", .firstResponse, 1, .running, start: "2026-11-20T15:00:00Z", due: "2026-11-23T10:30:00Z",
                    warn: "2026-11-23T09:30:00Z", escalations: ["2026-11-23T14:30:00Z", "2026-11-24T10:30:00Z"],
                    elapsed: 3600),
                try F.episode(
                    "calendar", .firstResponse, 1, .running, start: "2026-11-20T15:00:00Z", due: "2026-11-20T19:00:00Z",
                    warn: "2026-11-20T18:00:00Z", escalations: ["2026-11-20T23:00:00Z", "2026-11-21T19:00:00Z"],
                    elapsed: 3600),
            ])
    }

    @Test("an earlier now ignores every later touch, stage change and owner change")
    func replay() throws {
        let policy =
            #"{"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}"#
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.bob,
            stages: [try F.stage("2026-11-23T08:00:00Z", .mql), try F.stage("2026-11-23T15:00:00Z", .lost)],
            owners: [try F.owner("2026-11-23T09:00:00Z", F.ann), try F.owner("2026-11-23T11:00:00Z", F.bob)],
            touches: [try F.touch(.outboundEmail, "2026-11-23T14:00:00Z")])
        // At 10:30 Ann still owns the lead, nobody has written, and it has not been lost.
        #expect(
            try F.run(policy, lead, now: "2026-11-23T10:30:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .running, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", elapsed: 5400)
            ])
        // Before the assignment there is no clock at all.
        #expect(try F.run(policy, lead, now: "2026-11-23T08:30:00Z") == [])
    }

    @Test("source filters compare case-insensitively, team filters exactly; episodes follow policy order")
    func filters() throws {
        let policies = """
            {"name": "webinar", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"],
             "sources": ["Webinar", "Referral"]},
            {"name": "us-only", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"],
             "teams": ["us"]},
            {"name": "all", "clock": "first_response", "target": "2h", "time": "business", "stages": ["mql"]}
            """
        var lead = LeadHistory(
            leadID: 7, source: "webinar", team: "emea", owner: F.ann, assignedAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T09:00:00Z", .mql)])
        #expect(
            try F.run(policies, lead, now: "2026-11-23T10:00:00Z") == [
                try F.episode(
                    "webinar", .firstResponse, 1, .running, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", elapsed: 3600, lead: 7),
                try F.episode(
                    "all", .firstResponse, 1, .running, start: "2026-11-23T09:00:00Z", due: "2026-11-23T11:00:00Z",
                    warn: "2026-11-23T10:30:00Z", elapsed: 3600, lead: 7),
            ])
        lead.source = nil
        lead.team = "us"
        // The UTC team works 09:00-17:00; in November that is the same instants for this lead.
        #expect(
            try F.run(policies, lead, now: "2026-11-23T10:00:00Z", calendar: F.utc()).map(\.policy) == [
                "us-only", "all",
            ])
    }

    @Test("a lead with no stage covered by the policy has no clock")
    func uncovered() throws {
        let policy =
            #"{"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}"#
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, assignedAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T08:00:00Z", .sql)])
        #expect(try F.run(policy, lead, now: "2026-11-23T12:00:00Z") == [])
    }
}
