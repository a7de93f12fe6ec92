import BatonCore
import Foundation
import Testing

@testable import SLA

/// Reply and meeting follow-up clocks. 2026-11-23 is a Monday.
@Suite struct ClockEngineReplyTests {
    typealias F = ClockFixtures

    @Test("a reply clock runs from the oldest unanswered email to the next answer, then waits for new mail")
    func replyChain() throws {
        let policy =
            #"{"name": "reply", "clock": "reply", "target": "2h", "time": "business", "stages": ["mql", "sql"]}"#
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, stages: [try F.stage("2026-11-23T08:00:00Z", .mql)],
            touches: [
                try F.touch(.inboundEmail, "2026-11-23T09:00:00Z"), try F.touch(.inboundEmail, "2026-11-23T10:00:00Z"),
                try F.touch(.outboundEmail, "2026-11-23T11:30:00Z"),
                try F.touch(.outboundEmail, "2026-11-23T12:00:00Z"),
                try F.touch(.inboundEmail, "2026-11-23T13:00:00Z"), try F.touch(.manual, "2026-11-23T14:00:00Z"),
                try F.touch(.inboundEmail, "2026-11-23T16:00:00Z"),
                try F.touch(.meeting, "2026-11-23T16:30:00Z", end: "2026-11-23T16:45:00Z"),
            ])
        // London hours; the meeting does not answer the 16:00 email.
        #expect(
            try F.run(policy, lead, now: "2026-11-24T09:45:00Z") == [
                try F.episode(
                    "reply", .reply, 1, .metLate, start: "2026-11-23T09:00:00Z", due: "2026-11-23T11:00:00Z",
                    warn: "2026-11-23T10:30:00Z", stop: "2026-11-23T11:30:00Z", reason: "touch", elapsed: 9000,
                    late: 1800),
                try F.episode(
                    "reply", .reply, 2, .met, start: "2026-11-23T13:00:00Z", due: "2026-11-23T15:00:00Z",
                    warn: "2026-11-23T14:30:00Z", stop: "2026-11-23T14:00:00Z", reason: "touch", elapsed: 3600),
                // 16:00-17:30 then Tuesday 09:00-09:30; the warning after 1 h 30 is Monday's closing.
                try F.episode(
                    "reply", .reply, 3, .breached, start: "2026-11-23T16:00:00Z", due: "2026-11-24T09:30:00Z",
                    warn: "2026-11-23T17:30:00Z", elapsed: 8100, late: 900),
            ])
    }

    @Test("mail from a lead outside the policy's stages, or paused, starts no reply clock; leaving cancels one")
    func replyCoverage() throws {
        let policy = #"{"name": "reply", "clock": "reply", "target": "2h", "time": "business", "stages": ["mql"]}"#
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann,
            stages: [
                try F.stage("2026-11-23T08:00:00Z", .new), try F.stage("2026-11-23T10:00:00Z", .onHold),
                try F.stage("2026-11-23T11:00:00Z", .mql), try F.stage("2026-11-23T13:00:00Z", .rejected),
            ],
            touches: [
                try F.touch(.inboundEmail, "2026-11-23T09:00:00Z"), try F.touch(.inboundEmail, "2026-11-23T10:30:00Z"),
                try F.touch(.inboundEmail, "2026-11-23T12:00:00Z"), try F.touch(.outboundEmail, "2026-11-23T14:00:00Z"),
            ])
        #expect(
            try F.run(policy, lead, now: "2026-11-23T15:00:00Z") == [
                try F.episode(
                    "reply", .reply, 1, .cancelled, start: "2026-11-23T12:00:00Z", due: "2026-11-23T14:00:00Z",
                    warn: "2026-11-23T13:30:00Z", stop: "2026-11-23T13:00:00Z", reason: "left_stages", elapsed: 3600)
            ])
    }

    @Test("a meeting follow-up runs from a held meeting's end to the next email or logged touch")
    func meetingFollowUp() throws {
        let policy = """
            {"name": "follow-up", "clock": "meeting_follow_up", "target": "1h", "time": "business",
             "stages": ["mql", "sql", "opportunity"]}
            """
        let lead = LeadHistory(
            leadID: 1, team: "us", owner: F.bob, stages: [try F.stage("2026-11-23T08:00:00Z", .sql)],
            touches: [
                try F.touch(.meeting, "2026-11-23T10:00:00Z", end: "2026-11-23T11:00:00Z"),
                try F.touch(.outboundEmail, "2026-11-23T10:30:00Z"), try F.touch(.inboundEmail, "2026-11-23T11:10:00Z"),
                try F.touch(.outboundEmail, "2026-11-23T11:40:00Z"),
                try F.touch(.meeting, "2026-11-23T14:00:00Z", end: "2026-11-23T15:00:00Z"),
                try F.touch(.meeting, "2026-11-24T09:00:00Z", end: "2026-11-24T10:00:00Z"),
                // Still ahead at now.
                try F.touch(.meeting, "2026-11-24T11:00:00Z", end: "2026-11-24T12:00:00Z"),
            ])
        // UTC hours 09:00-17:00. The mail sent during the first meeting is not a follow-up; the third meeting
        // ends while the second follow-up is still owed.
        #expect(
            try F.run(policy, lead, now: "2026-11-24T10:30:00Z", calendar: F.utc()) == [
                try F.episode(
                    "follow-up", .meetingFollowUp, 1, .met, start: "2026-11-23T11:00:00Z", due: "2026-11-23T12:00:00Z",
                    warn: "2026-11-23T11:45:00Z", stop: "2026-11-23T11:40:00Z", reason: "touch", elapsed: 2400,
                    owner: F.bob),
                try F.episode(
                    "follow-up", .meetingFollowUp, 2, .breached, start: "2026-11-23T15:00:00Z",
                    due: "2026-11-23T16:00:00Z", warn: "2026-11-23T15:45:00Z", elapsed: 12600, late: 9000, owner: F.bob
                ),
            ])
    }

    @Test("a meeting that has begun but not ended starts no follow-up yet")
    func meetingNotOver() throws {
        let policy = """
            {"name": "follow-up", "clock": "meeting_follow_up", "target": "1h", "time": "business", "stages": ["sql"]}
            """
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.bob, stages: [try F.stage("2026-11-23T08:00:00Z", .sql)],
            touches: [try F.touch(.meeting, "2026-11-23T10:00:00Z", end: "2026-11-23T11:00:00Z")])
        #expect(try F.run(policy, lead, now: "2026-11-23T10:30:00Z") == [])
    }
}
