import BatonCore
import Foundation
import Testing

@testable import SLA

/// What started, paused, stopped or cancelled each episode, as the engine returns it beside the episode. London
/// hours; 2026-11-23 is a Monday.
@Suite struct ClockEvidenceTests {
    typealias F = ClockFixtures

    static func evidence(_ policies: String, _ lead: LeadHistory, now: String) throws -> [ClockEvidence] {
        let engine = try ClockEngine(policies: F.policies(policies))
        let explained = try engine.explainedEpisodes(for: lead, calendar: F.london(), now: F.t(now))
        #expect(try explained.map(\.episode) == engine.episodes(for: lead, calendar: F.london(), now: F.t(now)))
        return explained.map(\.evidence)
    }

    static func event(_ at: String, _ cause: ClockCause) throws -> ClockEvent {
        ClockEvent(at: try F.t(at), cause: cause)
    }

    @Test("a reply clock: the first inbound email starts it, the second waits, the answer stops it")
    func reply() throws {
        let first = try F.touch(.inboundEmail, "2026-11-23T09:00:00Z")
        let second = try F.touch(.inboundEmail, "2026-11-23T10:00:00Z")
        let answer = try F.touch(.outboundEmail, "2026-11-23T11:00:00Z")
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, stages: [try F.stage("2026-11-01T00:00:00Z", .sql)],
            touches: [first, second, answer])
        let policy = #"{"name": "reply", "clock": "reply", "target": "4h", "time": "business", "stages": ["sql"]}"#
        #expect(
            try Self.evidence(policy, lead, now: "2026-11-24T00:00:00Z") == [
                ClockEvidence(
                    started: try Self.event("2026-11-23T09:00:00Z", .touch(first)),
                    stopped: try Self.event("2026-11-23T11:00:00Z", .touch(answer)),
                    waiting: [try Self.event("2026-11-23T10:00:00Z", .touch(second))])
            ])
    }

    @Test("two inbound emails in the same second are told apart by their interaction rows")
    func sameSecondTouches() throws {
        var first = try F.touch(.inboundEmail, "2026-11-23T09:00:00Z")
        first.interactionID = 7
        var second = first
        second.interactionID = 8
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, stages: [try F.stage("2026-11-01T00:00:00Z", .sql)],
            touches: [first, second])
        let policy = #"{"name": "reply", "clock": "reply", "target": "4h", "time": "business", "stages": ["sql"]}"#
        let evidence = try Self.evidence(policy, lead, now: "2026-11-23T10:00:00Z")
        #expect(
            evidence == [
                ClockEvidence(
                    started: try Self.event("2026-11-23T09:00:00Z", .touch(first)),
                    waiting: [try Self.event("2026-11-23T09:00:00Z", .touch(second))])
            ])
        #expect(evidence[0].started.cause != .touch(second))
        let facts = ClockFacts.Interaction(
            id: 8, messageID: 3, type: .email, direction: .inbound, kind: .message, time: 0, rep: nil, meetingEnd: nil,
            meetingOff: false)
        #expect(SLAEvaluator.touch(facts)?.interactionID == 8)
    }

    @Test("a first-response clock starts at the assignment, pauses on hold, and a new owner cancels it")
    func firstResponse() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.bob, assignedAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [
                try F.stage("2026-11-23T08:00:00Z", .mql), try F.stage("2026-11-23T10:00:00Z", .onHold),
                try F.stage("2026-11-23T11:00:00Z", .mql),
            ],
            owners: [try F.owner("2026-11-23T09:00:00Z", F.ann), try F.owner("2026-11-23T12:00:00Z", F.bob)])
        let policy =
            #"{"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}"#
        #expect(
            try Self.evidence(policy, lead, now: "2026-11-23T13:00:00Z") == [
                ClockEvidence(
                    started: try Self.event("2026-11-23T09:00:00Z", .assigned),
                    stopped: try Self.event("2026-11-23T12:00:00Z", .owner(previous: F.ann, owner: F.bob)),
                    pauses: [
                        ClockPause(
                            from: try F.t("2026-11-23T10:00:00Z"), until: try F.t("2026-11-23T11:00:00Z"),
                            stage: .onHold)
                    ]),
                ClockEvidence(
                    started: try Self.event("2026-11-23T12:00:00Z", .owner(previous: F.ann, owner: F.bob))),
            ])
    }

    @Test("leaving the policy's stages cancels a no-touch clock; a pause still going on has no end")
    func leftStagesAndOngoingPause() throws {
        let lead = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, createdAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T09:00:00Z", .sql), try F.stage("2026-11-24T09:00:00Z", .lost)])
        let policy = #"{"name": "nt", "clock": "no_touch", "target": "5d", "time": "calendar", "stages": ["sql"]}"#
        #expect(
            try Self.evidence(policy, lead, now: "2026-11-25T09:00:00Z") == [
                ClockEvidence(
                    started: try Self.event("2026-11-23T09:00:00Z", .created),
                    stopped: try Self.event("2026-11-24T09:00:00Z", .stage(.lost)))
            ])
        let paused = LeadHistory(
            leadID: 1, team: "emea", owner: F.ann, createdAt: try F.t("2026-11-23T09:00:00Z"),
            stages: [try F.stage("2026-11-23T09:00:00Z", .sql), try F.stage("2026-11-24T09:00:00Z", .nurture)])
        let pausing = #"{"name": "nt", "clock": "no_touch", "target": "5d", "time": "calendar", "stages": ["sql"]}"#
        #expect(
            try Self.evidence(pausing, paused, now: "2026-11-25T09:00:00Z").first?.pauses == [
                ClockPause(from: try F.t("2026-11-24T09:00:00Z"), until: nil, stage: .nurture)
            ])
    }
}
