import BatonCore
import Foundation
import Testing

@testable import SLA

/// Pause stages (`nurture`, `on_hold` by default). London, Monday to Friday 09:00-17:30 (GMT); 2026-11-23 is a
/// Monday. Every lead is assigned Monday 09:00: a 4 h business target is due 13:00, its warning at 12:00.
@Suite struct ClockEnginePauseTests {
    typealias F = ClockFixtures

    static let policy = """
        {"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql", "nurture"],
         "escalate": [{"after": "8h", "to": "manager_of_manager"}]}
        """

    static func lead(_ stages: [LeadHistory.StageChange], touches: [LeadHistory.Touch] = []) throws -> LeadHistory {
        LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, assignedAt: try F.t("2026-11-23T09:00:00Z"), stages: stages,
            touches: touches)
    }

    @Test("a pause pushes the due and warning times back by its working time")
    func businessPause() throws {
        let lead = try Self.lead(
            [
                F.stage("2026-11-23T08:00:00Z", .mql), F.stage("2026-11-23T10:00:00Z", .onHold),
                F.stage("2026-11-24T10:00:00Z", .mql),
            ], touches: [F.touch(.outboundEmail, "2026-11-24T12:00:00Z")])
        // On hold Monday 10:00-17:30 and Tuesday 09:00-10:00: 8 h 30 of working time.
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-24T13:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .met, start: "2026-11-23T09:00:00Z", due: "2026-11-24T13:00:00Z",
                    warn: "2026-11-24T12:00:00Z", escalations: ["2026-11-25T12:30:00Z"], stop: "2026-11-24T12:00:00Z",
                    reason: "touch", elapsed: 10800, paused: 30600)
            ])
    }

    @Test("while a pause lasts the episode is paused and its due time counts the pause up to now")
    func stillPaused() throws {
        let lead = try Self.lead([F.stage("2026-11-23T08:00:00Z", .mql), F.stage("2026-11-23T10:00:00Z", .onHold)])
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T15:00:00Z") == [
                // Paused 10:00-15:00: due 13:00 + 5 h is Tuesday 09:30, the warning 12:00 + 5 h Monday 17:00.
                try F.episode(
                    "fr", .firstResponse, 1, .paused, start: "2026-11-23T09:00:00Z", due: "2026-11-24T09:30:00Z",
                    warn: "2026-11-23T17:00:00Z", escalations: ["2026-11-24T17:30:00Z"], elapsed: 3600,
                    paused: 18000)
            ])
    }

    @Test("in calendar time a pause pushes the due time back by its length")
    func calendarPause() throws {
        let policy =
            #"{"name": "fr", "clock": "first_response", "target": "4h", "time": "calendar", "stages": ["mql"]}"#
        let lead = try Self.lead(
            [
                F.stage("2026-11-23T08:00:00Z", .mql), F.stage("2026-11-23T10:00:00Z", .nurture),
                F.stage("2026-11-23T12:00:00Z", .mql),
            ], touches: [F.touch(.outboundEmail, "2026-11-23T14:30:00Z")])
        // Nurture is a pause stage, not one of the policy's: it pauses, it does not cancel.
        #expect(
            try F.run(policy, lead, now: "2026-11-23T16:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .met, start: "2026-11-23T09:00:00Z", due: "2026-11-23T15:00:00Z",
                    warn: "2026-11-23T14:00:00Z", stop: "2026-11-23T14:30:00Z", reason: "touch", elapsed: 12600,
                    paused: 7200)
            ])
    }

    @Test("a pause that begins after the due time does not move it")
    func pauseAfterDue() throws {
        let stages = [try F.stage("2026-11-23T08:00:00Z", .mql), try F.stage("2026-11-23T14:00:00Z", .onHold)]
        #expect(
            try F.run(Self.policy, try Self.lead(stages), now: "2026-11-23T16:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .paused, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"], elapsed: 18000,
                    paused: 7200)
            ])
        // Back at 16:00, answered at 17:00: late by the whole four hours since 13:00, pause included.
        let resumed = try Self.lead(
            stages + [F.stage("2026-11-23T16:00:00Z", .mql)], touches: [F.touch(.outboundEmail, "2026-11-23T17:00:00Z")]
        )
        #expect(
            try F.run(Self.policy, resumed, now: "2026-11-23T17:15:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .metLate, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", escalations: ["2026-11-24T12:30:00Z"], stop: "2026-11-23T17:00:00Z",
                    reason: "touch", elapsed: 21600, late: 14400, paused: 7200)
            ])
    }

    @Test("a lead in a covered pause stage starts its clock paused")
    func startsPaused() throws {
        let lead = try Self.lead([F.stage("2026-11-23T08:00:00Z", .nurture)])
        #expect(
            try F.run(Self.policy, lead, now: "2026-11-23T11:00:00Z") == [
                try F.episode(
                    "fr", .firstResponse, 1, .paused, start: "2026-11-23T09:00:00Z", due: "2026-11-23T15:00:00Z",
                    warn: "2026-11-23T14:00:00Z", escalations: ["2026-11-24T14:30:00Z"], elapsed: 0, paused: 7200)
            ])
    }

    @Test("a pause stage outside the policy's stages never starts a clock")
    func pauseOnlyDoesNotStart() throws {
        let policy =
            #"{"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}"#
        let lead = try Self.lead([F.stage("2026-11-23T08:00:00Z", .onHold)])
        #expect(try F.run(policy, lead, now: "2026-11-23T11:00:00Z") == [])
    }
}
