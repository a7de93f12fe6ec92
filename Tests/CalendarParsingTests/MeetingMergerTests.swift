import Foundation
import Testing

@testable import CalendarParsing

/// iTIP (RFC 5546): merging requests, replies, counters and cancellations into meeting state.
@Suite struct MeetingMergerTests {
    private static let files = [
        "itip-1-request.ics", "itip-2-reply-accepted.ics", "itip-3-update.ics", "itip-4-reply-declined.ics",
        "itip-5-counter.ics",
        "itip-6-cancel.ics",
    ]

    private func merged(_ names: [String]) -> MeetingMerger {
        var merger = MeetingMerger()
        for name in names { merger.apply(bytes: Array(TestSupport.fixture(name).utf8)) }
        return merger
    }

    @Test("a request then an accepting reply: scheduled, attendee accepted")
    func accepted() throws {
        let state = try #require(merged(Array(Self.files.prefix(2))).meeting(uid: "demo-42@example.com"))
        #expect(state.status == .scheduled)
        #expect(state.attendees.map(\.participationStatus) == ["ACCEPTED", "NEEDS-ACTION"])
        #expect(!state.rescheduled)
        #expect(state.event.organizer == "ann@example.com")
    }

    @Test("an update with a higher SEQUENCE reschedules and resets replies to the older sequence")
    func rescheduled() throws {
        let state = try #require(merged(Array(Self.files.prefix(3))).meeting(uid: "demo-42@example.com"))
        #expect(state.rescheduled)
        #expect(state.sequence == 1)
        #expect(state.event.start == .dateTime(localSeconds: TestSupport.utc("2026-12-02T15:00:00Z"), form: .utc))
        #expect(state.attendees.map(\.participationStatus) == ["NEEDS-ACTION", "NEEDS-ACTION", "NEEDS-ACTION"])
        #expect(state.attendees[1].delegatedTo == ["kim@acme-robotics.com"])
        #expect(state.attendees[2].delegatedFrom == ["lee@acme-robotics.com"])
    }

    @Test("a decline and a counter-proposal are recorded")
    func declinedAndCounter() throws {
        let state = try #require(merged(Array(Self.files.prefix(5))).meeting(uid: "demo-42@example.com"))
        #expect(state.declined == ["dana@acme-robotics.com"])
        #expect(state.counterProposals.count == 1)
        #expect(state.status == .scheduled)
    }

    @Test("a cancel with a higher SEQUENCE cancels; the order messages arrive in does not matter")
    func cancelledInAnyOrder() throws {
        for order in [Self.files, Self.files.reversed(), [Self.files[5], Self.files[0], Self.files[2], Self.files[1]]] {
            let state = try #require(merged(order).meeting(uid: "demo-42@example.com"))
            #expect(state.status == .cancelled)
            #expect(state.sequence == 2)
        }
    }

    @Test("an older request arriving after an update does not undo it")
    func staleRequest() throws {
        let state = try #require(
            merged(["itip-3-update.ics", "itip-1-request.ics"]).meeting(uid: "demo-42@example.com"))
        #expect(state.sequence == 1)
        #expect(state.event.summary == "Acme Robotics intro call (new time)")
    }

    @Test("equal SEQUENCE is ordered by DTSTAMP; STATUS:CANCELLED in a request cancels")
    func dtstampOrdering() throws {
        var merger = MeetingMerger()
        let later = TestSupport.calendar(
            ["SEQUENCE:3", "DTSTART:20261201T100000Z", "SUMMARY:later", "STATUS:CANCELLED"], method: "REQUEST"
        )
        .replacingOccurrences(of: "DTSTAMP:20260101T000000Z", with: "DTSTAMP:20260105T000000Z")
        let earlier = TestSupport.calendar(
            ["SEQUENCE:3", "DTSTART:20261201T100000Z", "SUMMARY:earlier"], method: "REQUEST")
        merger.apply(bytes: Array(later.utf8))
        merger.apply(bytes: Array(earlier.utf8))
        let state = try #require(merger.meeting(uid: "test@example.com"))
        #expect(state.event.summary == "later")
        #expect(state.isCancelled)
    }

    @Test("cancelling one instance by RECURRENCE-ID leaves the series scheduled")
    func instanceCancel() throws {
        var merger = MeetingMerger()
        merger.apply(
            bytes: Array(
                TestSupport.calendar(["DTSTART:20261201T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4"], method: "REQUEST").utf8)
        )
        merger.apply(
            bytes: Array(
                TestSupport.calendar(
                    ["RECURRENCE-ID:20261208T100000Z", "DTSTART:20261208T100000Z", "SEQUENCE:1"], method: "CANCEL"
                ).utf8))
        #expect(merger.meeting(uid: "test@example.com")?.status == .scheduled)
        #expect(
            merger.meeting(uid: "test@example.com", recurrenceID: .instant(TestSupport.utc("2026-12-08T10:00:00Z")))?
                .status == .cancelled)
        #expect(merger.meetings.count == 2)
    }

    @Test("a text/calendar part without METHOD takes the method of its Content-Type")
    func methodFromContentType() throws {
        var merger = MeetingMerger()
        merger.apply(bytes: Array(TestSupport.calendar(["DTSTART:20261201T100000Z"], method: "REQUEST").utf8))
        merger.apply(
            bytes: Array(TestSupport.calendar(["DTSTART:20261201T100000Z", "SEQUENCE:1"]).utf8), method: "cancel")
        #expect(try #require(merger.meeting(uid: "test@example.com")).status == .cancelled)
    }
}
