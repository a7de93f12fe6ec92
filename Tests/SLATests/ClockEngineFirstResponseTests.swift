import BatonCore
import Foundation
import Testing

@testable import SLA

/// First-response clocks. London, Monday to Friday 09:00-17:30 (GMT); 2026-11-20 is a Friday, 23rd a Monday.
@Suite struct ClockEngineFirstResponseTests {
    typealias F = ClockFixtures

    static let policy = """
        {"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"],
         "escalate": [{"after": "8h", "to": "manager_of_manager"}]}
        """

    @Test("start: mql counts from the lead's first MQL entry, start: assigned from its assignment")
    func startSettings() throws {
        let policies = """
            {"name": "from-mql", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"],
             "start": "mql", "escalate": [{"after": "8h", "to": "manager_of_manager"}]},
            {"name": "from-assignment", "clock": "first_response", "target": "4h", "time": "business",
             "stages": ["mql"], "escalate": [{"after": "8h", "to": "manager_of_manager"}]}
            """
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.bob, assignedAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-20T10:00:00Z", .new), try F.stage("2026-11-20T15:00:00Z", .mql)],
            touches: [try F.touch(.outboundEmail, "2026-11-23T10:00:00Z")])
        #expect(
            try F.run(policies, lead, now: "2026-11-23T12:00:00Z") == [
                // Friday 15:00-17:30 (2 h 30) and Monday 09:00-10:30; answered Monday 10:00 after 3 h 30.
                try F.episode(
                    "from-mql", .firstResponse, 1, .met, start: "2026-11-20T15:00:00Z", due: "2026-11-23T10:30:00Z",
                    warn: "2026-11-23T09:30:00Z", escalations: ["2026-11-24T10:00:00Z"], stop: "2026-11-23T10:00:00Z",
                    reason: "touch", elapsed: 12600, owner: F.bob),
                try F.episode(
                    "from-assignment", .firstResponse, 1, .met, start: "2026-11-23T09:00:00Z",
                    due: "2026-11-23T13:00:00Z", warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"],
                    stop: "2026-11-23T10:00:00Z", reason: "touch", elapsed: 3600, owner: F.bob),
            ])
    }

    @Test("mql_at, when known, is the start rather than the stage entry")
    func mqlAtFirst() throws {
        let policy = """
            {"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"],
             "start": "mql"}
            """
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, mqlAt: try F.t("2026-11-23T09:30:00Z"),
            stages: [try F.stage("2026-11-23T11:00:00Z", .mql)])
        #expect(
            try F.run(policy, lead, now: "2026-11-23T11:30:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .running, start: "2026-11-23T09:30:00Z", due: "2026-11-23T13:30:00Z",
                    warn: "2026-11-23T12:30:00Z", elapsed: 7200)
            ])
    }

    @Test("reassignment before the first touch cancels the episode and starts the new owner's")
    func reassignment() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.bob, stages: [try F.stage("2026-11-23T08:00:00Z", .mql)],
            owners: [try F.owner("2026-11-23T09:00:00Z", F.ann), try F.owner("2026-11-23T11:00:00Z", F.bob)],
            touches: [
                try F.touch(.inboundEmail, "2026-11-23T10:00:00Z"), try F.touch(.outboundEmail, "2026-11-23T14:00:00Z"),
            ])
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T16:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .cancelled, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"], stop: "2026-11-23T11:00:00Z",
                    reason: "reassigned", elapsed: 7200, owner: F.ann),
                try F.episode(
                    "fr", .firstResponse, 2, .met, start: "2026-11-23T11:00:00Z", due: "2026-11-23T15:00:00Z",
                    warn: "2026-11-23T14:00:00Z", escalations: ["2026-11-24T14:30:00Z"], stop: "2026-11-23T14:00:00Z",
                    reason: "touch", elapsed: 10800, owner: F.bob),
            ])
    }

    @Test("an assignment after an unassigned spell is not a reassignment")
    func firstAssignmentKeepsTheClock() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", createdAt: try F.t("2026-11-23T08:00:00Z"),
            stages: [try F.stage("2026-11-23T08:00:00Z", .mql)],
            owners: [try F.owner("2026-11-23T08:00:00Z", nil), try F.owner("2026-11-23T10:00:00Z", F.ann)])
        // The start is the first owner entry that names someone.
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T11:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .running, start: "2026-11-23T10:00:00Z", due: "2026-11-23T14:00:00Z",
                    warn: "2026-11-23T13:00:00Z", escalations: ["2026-11-24T13:30:00Z"], elapsed: 3600)
            ])
    }

    @Test("leaving the policy's stages cancels the episode; a later touch changes nothing")
    func leftStages() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, assignedAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T08:00:00Z", .mql), try F.stage("2026-11-23T11:00:00Z", .lost)],
            touches: [try F.touch(.outboundEmail, "2026-11-23T11:30:00Z")])
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T12:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .cancelled, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"], stop: "2026-11-23T11:00:00Z",
                    reason: "left_stages", elapsed: 7200)
            ])
    }

    @Test("a touch in the same second as the lead leaves the policy's stages still meets the clock")
    func touchBeforeStageChangeAtOneInstant() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, assignedAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T08:00:00Z", .mql), try F.stage("2026-11-23T11:00:00Z", .lost)],
            touches: [try F.touch(.outboundEmail, "2026-11-23T11:00:00Z")])
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T12:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .met, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"], stop: "2026-11-23T11:00:00Z",
                    reason: "touch", elapsed: 7200)
            ])
    }

    @Test("a lead assigned before it is covered gets its clock when it enters the policy's stages")
    func deferredStart() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, assignedAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T08:00:00Z", .new), try F.stage("2026-11-23T10:00:00Z", .mql)],
            touches: [try F.touch(.outboundEmail, "2026-11-23T15:00:00Z")])
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T16:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .metLate, start: "2026-11-23T10:00:00Z", due: "2026-11-23T14:00:00Z",
                    warn: "2026-11-23T13:00:00Z", escalations: ["2026-11-24T13:30:00Z"], stop: "2026-11-23T15:00:00Z",
                    reason: "touch", elapsed: 18000, late: 3600)
            ])
    }

    @Test("a meeting counts once it has begun, not while it is still ahead")
    func futureMeeting() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, assignedAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T08:00:00Z", .mql)],
            touches: [try F.touch(.meeting, "2026-11-23T15:00:00Z", end: "2026-11-23T16:00:00Z")])
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T14:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .breached, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"], elapsed: 18000, late: 3600)
            ])
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T15:30:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .metLate, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"], stop: "2026-11-23T15:00:00Z",
                    reason: "touch", elapsed: 21600, late: 7200)
            ])
    }

    @Test("inbound mail and touches before the start do not stop the clock")
    func onlyLaterOutboundCounts() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, assignedAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T08:00:00Z", .mql)],
            touches: [
                try F.touch(.outboundEmail, "2026-11-20T10:00:00Z"), try F.touch(.inboundEmail, "2026-11-23T09:30:00Z"),
                try F.touch(.manual, "2026-11-23T11:00:00Z"), try F.touch(.outboundEmail, "2026-11-23T12:00:00Z"),
            ])
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T16:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .met, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"], stop: "2026-11-23T11:00:00Z",
                    reason: "touch", elapsed: 7200)
            ])
    }

    @Test("a lead with no assignment and no owner has no first-response clock")
    func noOwner() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", createdAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T09:00:00Z", .mql)])
        #expect(try F.run(Self.policy, lead, now: "2026-11-23T12:00:00Z") == [])
    }
}
