import BatonCore
import Foundation
import Testing

@testable import SLA

/// Acceptance and no-touch clocks. London, Monday to Friday 09:00-17:30 (GMT); 2026-11-23 is a Monday.
@Suite struct ClockEngineStageClockTests {
    typealias F = ClockFixtures

    @Test("acceptance runs from MQL to the next real stage, pauses in nurture, and starts again on a new MQL")
    func acceptance() throws {
        let policy =
            #"{"name": "accept", "clock": "acceptance", "target": "1d", "time": "business", "stages": ["mql"]}"#
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, mqlAt: try F.t("2026-11-23T10:00:00Z"),
            stages: [
                try F.stage("2026-11-23T10:00:00Z", .mql), try F.stage("2026-11-24T09:30:00Z", .nurture),
                try F.stage("2026-11-25T10:00:00Z", .mql), try F.stage("2026-11-25T15:00:00Z", .accepted),
                try F.stage("2026-11-26T09:00:00Z", .mql),
            ],
            // Touches do not matter to acceptance.
            touches: [try F.touch(.outboundEmail, "2026-11-23T11:00:00Z")])
        #expect(
            try F.run(policy, lead, now: "2026-11-26T12:00:00Z") == [
                // Due Tuesday 10:00, pushed back by the 9 h of nurture (Tue 09:30 to Wed 10:00): Wednesday 10:30.
                // The warning, 75 % of the day's 8 h 30, fell on Monday before the pause began.
                try F.episode(
                    "accept", .acceptance, 1, .metLate, start: "2026-11-23T10:00:00Z", due: "2026-11-25T10:30:00Z",
                    warn: "2026-11-23T16:22:30Z", stop: "2026-11-25T15:00:00Z", reason: "stage", elapsed: 46800,
                    late: 16200, paused: 32400),
                try F.episode(
                    "accept", .acceptance, 2, .running, start: "2026-11-26T09:00:00Z", due: "2026-11-27T09:00:00Z",
                    warn: "2026-11-26T15:22:30Z", elapsed: 10800),
            ])
    }

    @Test("acceptance starts at the first MQL entry when mql_at is unknown and is met by a stage change in time")
    func acceptanceMet() throws {
        let policy =
            #"{"name": "accept", "clock": "acceptance", "target": "4h", "time": "business", "stages": ["mql"]}"#
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann,
            stages: [
                try F.stage("2026-11-23T08:00:00Z", .new), try F.stage("2026-11-23T09:30:00Z", .mql),
                try F.stage("2026-11-23T11:00:00Z", .rejected),
            ])
        #expect(
            try F.run(policy, lead, now: "2026-11-23T12:00:00Z") == [
                try F.episode(
                    "accept", .acceptance, 1, .met, start: "2026-11-23T09:30:00Z", due: "2026-11-23T13:30:00Z",
                    warn: "2026-11-23T12:30:00Z", stop: "2026-11-23T11:00:00Z", reason: "stage", elapsed: 5400)
            ])
    }

    @Test("no-touch episodes run from coverage to a touch and from touch to touch until the lead leaves")
    func noTouchChain() throws {
        let policy = """
            {"name": "quiet", "clock": "no_touch", "target": "1d", "time": "business", "stages": ["mql", "sql"],
             "warn_at": 0.5}
            """
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, createdAt: try F.t("2026-11-23T09:30:00Z"),
            stages: [try F.stage("2026-11-23T09:00:00Z", .mql), try F.stage("2026-11-26T12:00:00Z", .lost)],
            touches: [
                try F.touch(.inboundEmail, "2026-11-23T10:00:00Z"), try F.touch(.outboundEmail, "2026-11-23T11:00:00Z"),
                try F.touch(.manual, "2026-11-24T15:00:00Z"),
                try F.touch(.meeting, "2026-11-25T16:00:00Z", end: "2026-11-25T17:00:00Z"),
                try F.touch(.outboundEmail, "2026-11-26T13:00:00Z"),
            ])
        // Coverage begins at creation (09:30); the first stage entry applies before its date. Warnings fall after
        // half of the day's 8 h 30.
        #expect(
            try F.run(policy, lead, now: "2026-11-26T14:00:00Z") == [
                try F.episode(
                    "quiet", .noTouch, 1, .met, start: "2026-11-23T09:30:00Z", due: "2026-11-24T09:30:00Z",
                    warn: "2026-11-23T13:45:00Z", stop: "2026-11-23T11:00:00Z", reason: "touch", elapsed: 5400),
                try F.episode(
                    "quiet", .noTouch, 2, .metLate, start: "2026-11-23T11:00:00Z", due: "2026-11-24T11:00:00Z",
                    warn: "2026-11-23T15:15:00Z", stop: "2026-11-24T15:00:00Z", reason: "touch", elapsed: 45000,
                    late: 14400),
                try F.episode(
                    "quiet", .noTouch, 3, .metLate, start: "2026-11-24T15:00:00Z", due: "2026-11-25T15:00:00Z",
                    warn: "2026-11-25T10:45:00Z", stop: "2026-11-25T16:00:00Z", reason: "touch", elapsed: 34200,
                    late: 3600),
                try F.episode(
                    "quiet", .noTouch, 4, .cancelled, start: "2026-11-25T16:00:00Z", due: "2026-11-26T16:00:00Z",
                    warn: "2026-11-26T11:45:00Z", stop: "2026-11-26T12:00:00Z", reason: "left_stages", elapsed: 16200),
            ])
    }

    @Test("a no-touch clock counts from the lead's creation when the stage was only recorded at a later import")
    func noTouchFromCreation() throws {
        let policy = #"{"name": "stale", "clock": "no_touch", "target": "14d", "time": "calendar", "stages": ["sql"]}"#
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, createdAt: try F.t("2026-11-02T09:00:00Z"),
            stages: [try F.stage("2026-11-26T17:00:00Z", .sql)],
            touches: [
                try F.touch(.inboundEmail, "2026-11-20T12:00:00Z"), try F.touch(.outboundEmail, "2026-11-20T13:00:00Z"),
            ])
        #expect(
            try F.run(policy, lead, now: "2026-11-26T17:00:00Z") == [
                try F.episode(
                    "stale", .noTouch, 1, .metLate, start: "2026-11-02T09:00:00Z", due: "2026-11-16T09:00:00Z",
                    warn: "2026-11-12T21:00:00Z", stop: "2026-11-20T13:00:00Z", reason: "touch", elapsed: 1_569_600,
                    late: 360_000),
                try F.episode(
                    "stale", .noTouch, 2, .running, start: "2026-11-20T13:00:00Z", due: "2026-12-04T13:00:00Z",
                    warn: "2026-12-01T01:00:00Z", elapsed: 532_800),
            ])
    }

    @Test("a no-touch clock starts again when the lead comes back into the policy's stages")
    func noTouchComesBack() throws {
        let policy = #"{"name": "quiet", "clock": "no_touch", "target": "4h", "time": "business", "stages": ["sql"]}"#
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann,
            stages: [
                try F.stage("2026-11-23T09:00:00Z", .sql), try F.stage("2026-11-23T10:00:00Z", .won),
                try F.stage("2026-11-23T11:00:00Z", .sql),
            ])
        #expect(
            try F.run(policy, lead, now: "2026-11-23T12:00:00Z") == [
                try F.episode(
                    "quiet", .noTouch, 1, .cancelled, start: "2026-11-23T09:00:00Z", due: "2026-11-23T13:00:00Z",
                    warn: "2026-11-23T12:00:00Z", stop: "2026-11-23T10:00:00Z", reason: "left_stages", elapsed: 3600),
                try F.episode(
                    "quiet", .noTouch, 2, .running, start: "2026-11-23T11:00:00Z", due: "2026-11-23T15:00:00Z",
                    warn: "2026-11-23T14:00:00Z", elapsed: 3600),
            ])
    }
}
