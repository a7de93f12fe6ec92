import Foundation
import TestSupport
import Testing

@testable import CalendarParsing

/// The shared sizes and memory probe (`TestSupport`).
typealias Bomb = ResourceBomb

/// Hostile calendars at the sizes an attacker would pick: each ends, bounded, with a diagnostic naming the limit.
@Suite(.serialized) struct ResourceBombTests {
    /// Each test gets a new instance: the peak starts from here.
    init() { Bomb.resetPeak() }

    /// `limits.max_occurrences` (100,000 by default), scaled with the bomb.
    static let maxOccurrences = Bomb.size(100_000)

    @Test("an RRULE with a billion FREQ=SECONDLY occurrences is cut at max_occurrences with a diagnostic")
    func billionOccurrences() {
        let count = Bomb.size(1_000_000_000)
        let ics = TestSupport.calendar(["DTSTART:20261201T000000Z", "RRULE:FREQ=SECONDLY;COUNT=\(count)"])
        let (occurrences, diagnostics) = TestSupport.occurrences(
            ics, from: "2026-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z", maxOccurrences: Self.maxOccurrences)
        #expect(occurrences.count == Self.maxOccurrences)
        #expect(
            occurrences.last?.start
                == .instant(TestSupport.utc("2026-12-01T00:00:00Z") + Int64(Self.maxOccurrences - 1)))
        #expect(
            diagnostics.map(\.description) == [
                "line 4: occurrence-limit: recurrence of 'test@example.com' cut at \(Self.maxOccurrences) occurrences"
            ])
        #expect(Bomb.peakResidentBytes < Bomb.memoryBound)
    }

    @Test("a billion occurrences counted from 1970 are cut at max_occurrences before reaching the window")
    func billionOccurrencesFromTheEpoch() {
        let count = Bomb.size(1_000_000_000)
        let ics = TestSupport.calendar(["DTSTART:19700101T000000Z", "RRULE:FREQ=SECONDLY;COUNT=\(count)"])
        let (occurrences, diagnostics) = TestSupport.occurrences(
            ics, from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", maxOccurrences: Self.maxOccurrences)
        #expect(occurrences.isEmpty)
        #expect(diagnostics.map(\.kind) == [.occurrenceLimit])
    }

    @Test("a million ATTENDEE lines are capped per event with a diagnostic; the event and its iTIP state stay usable")
    func millionAttendees() {
        let attendees = Bomb.size(1_000_000)
        var ics = Array(
            ([
                "BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT", "UID:bomb@example.com",
                "DTSTAMP:20260101T000000Z", "DTSTART:20261201T100000Z", "DTEND:20261201T110000Z",
                "ORGANIZER:mailto:ann@example.com",
            ].joined(separator: "\r\n") + "\r\n").utf8)
        ics.reserveCapacity(attendees * 72)
        for n in 0..<attendees {
            ics += Array(
                "ATTENDEE;CN=Guest \(n);PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:g\(n)@example.com\r\n".utf8)
        }
        ics += Array("SUMMARY:after the guests\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let document = CalendarDocument.parse(ics)
        let event = document.calendars.first?.events.first
        #expect(event?.attendees.count == CalendarDocument.maxAttendees)
        #expect(event?.attendees.last?.address == "g\(CalendarDocument.maxAttendees - 1)@example.com")
        #expect(event?.summary == "after the guests")
        let limit = CalendarDocument.maxAttendees
        #expect(
            document.diagnostics.map(\.description) == [
                "line \(10 + limit): attendee-limit: VEVENT at line 4 has more than \(limit) ATTENDEE lines; "
                    + "the rest are ignored"
            ])
        var expander = CalendarExpander(maxOccurrences: Self.maxOccurrences)
        let occurrences = expander.occurrences(
            in: document, from: TestSupport.utc("2026-01-01T00:00:00Z"), to: TestSupport.utc("2027-01-01T00:00:00Z"))
        #expect(occurrences.count == 1)
        var merger = MeetingMerger()
        merger.apply(document)
        #expect(merger.meeting(uid: "bomb@example.com")?.attendees.count == limit)
        #expect(Bomb.peakResidentBytes < Bomb.memoryBound)
    }
}
