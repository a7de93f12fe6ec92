import Foundation
import Testing

@testable import CalendarParsing

/// RDATE, EXDATE, RECURRENCE-ID overrides, limits and windows (RFC 5545, 3.8.4.4 and 3.8.5).
@Suite struct RecurrenceSetTests {
    private func starts(
        _ lines: [String], extra events: [[String]] = [], from: String = "2026-01-01T00:00:00Z",
        to: String = "2028-01-01T00:00:00Z"
    )
        -> [String]
    {
        var ics = TestSupport.calendar(lines)
        for event in events {
            ics = ics.replacingOccurrences(
                of: "END:VCALENDAR",
                with: (["BEGIN:VEVENT", "UID:test@example.com"] + event + ["END:VEVENT", "END:VCALENDAR"]).joined(
                    separator: "\r\n"))
        }
        let (found, _) = TestSupport.occurrences(ics, from: from, to: to)
        return found.map { "\($0.recurrenceID?.description ?? "-") \($0.start) \($0.end) \($0.event.summary ?? "")" }
    }

    @Test("RDATE adds dates, date-times and periods; EXDATE removes instances")
    func rdatesAndExdates() {
        let found = starts([
            "DTSTART:20261201T100000Z", "DURATION:PT1H", "SUMMARY:s", "RRULE:FREQ=DAILY;COUNT=3",
            "RDATE:20261210T100000Z,20261211T100000Z",
            "RDATE;VALUE=PERIOD:20261215T090000Z/PT2H,20261216T090000Z/20261216T093000Z",
            "EXDATE:20261202T100000Z", "EXDATE:20261211T100000Z",
        ])
        #expect(
            found == [
                "2026-12-01T10:00:00Z 2026-12-01T10:00:00Z 2026-12-01T11:00:00Z s",
                "2026-12-03T10:00:00Z 2026-12-03T10:00:00Z 2026-12-03T11:00:00Z s",
                "2026-12-10T10:00:00Z 2026-12-10T10:00:00Z 2026-12-10T11:00:00Z s",
                "2026-12-15T09:00:00Z 2026-12-15T09:00:00Z 2026-12-15T11:00:00Z s",
                "2026-12-16T09:00:00Z 2026-12-16T09:00:00Z 2026-12-16T09:30:00Z s",
            ])
    }

    @Test("all-day RDATE and EXDATE with VALUE=DATE")
    func allDaySet() {
        let found = starts([
            "DTSTART;VALUE=DATE:20261201", "SUMMARY:d", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;VALUE=DATE:20261208",
            "RDATE;VALUE=DATE:20261225",
        ])
        #expect(
            found == [
                "2026-12-01 2026-12-01 2026-12-02 d", "2026-12-15 2026-12-15 2026-12-16 d",
                "2026-12-25 2026-12-25 2026-12-26 d",
            ])
    }

    @Test("a RECURRENCE-ID override replaces one instance; the recurrence id keeps the original start")
    func override() {
        let found = starts(
            ["DTSTART:20261201T100000Z", "DURATION:PT30M", "SUMMARY:weekly", "RRULE:FREQ=WEEKLY;COUNT=3"],
            extra: [
                [
                    "RECURRENCE-ID:20261208T100000Z", "DTSTART:20261209T160000Z", "DTEND:20261209T170000Z",
                    "SUMMARY:moved", "SEQUENCE:1",
                ]
            ])
        #expect(
            found == [
                "2026-12-01T10:00:00Z 2026-12-01T10:00:00Z 2026-12-01T10:30:00Z weekly",
                "2026-12-08T10:00:00Z 2026-12-09T16:00:00Z 2026-12-09T17:00:00Z moved",
                "2026-12-15T10:00:00Z 2026-12-15T10:00:00Z 2026-12-15T10:30:00Z weekly",
            ])
    }

    @Test("an override moved into the window from an instance outside it is still found")
    func overrideFromOutsideWindow() {
        let found = starts(
            ["DTSTART:20261201T100000Z", "DURATION:PT30M", "SUMMARY:weekly", "RRULE:FREQ=WEEKLY;COUNT=10"],
            extra: [
                ["RECURRENCE-ID:20270202T100000Z", "DTSTART:20261203T100000Z", "DURATION:PT30M", "SUMMARY:pulled in"]
            ],
            from: "2026-12-01T00:00:00Z", to: "2026-12-05T00:00:00Z")
        #expect(
            found == [
                "2026-12-01T10:00:00Z 2026-12-01T10:00:00Z 2026-12-01T10:30:00Z weekly",
                "2027-02-02T10:00:00Z 2026-12-03T10:00:00Z 2026-12-03T10:30:00Z pulled in",
            ])
    }

    @Test("RANGE=THISANDFUTURE shifts that instance and every later one")
    func thisAndFuture() {
        let found = starts(
            ["DTSTART:20261201T100000Z", "DURATION:PT30M", "SUMMARY:old", "RRULE:FREQ=WEEKLY;COUNT=4"],
            extra: [
                [
                    "RECURRENCE-ID;RANGE=THISANDFUTURE:20261215T100000Z", "DTSTART:20261215T140000Z", "DURATION:PT1H",
                    "SUMMARY:new",
                ]
            ])
        #expect(
            found == [
                "2026-12-01T10:00:00Z 2026-12-01T10:00:00Z 2026-12-01T10:30:00Z old",
                "2026-12-08T10:00:00Z 2026-12-08T10:00:00Z 2026-12-08T10:30:00Z old",
                "2026-12-15T10:00:00Z 2026-12-15T14:00:00Z 2026-12-15T15:00:00Z new",
                "2026-12-22T10:00:00Z 2026-12-22T14:00:00Z 2026-12-22T15:00:00Z new",
            ])
    }

    @Test("expansion runs in local time: 09:00 stays 09:00 across a DST change, so the UTC instant moves")
    func localExpansion() {
        let found = starts(["DTSTART;TZID=Europe/London:20261020T090000", "SUMMARY:x", "RRULE:FREQ=WEEKLY;COUNT=2"])
        #expect(found.map { $0.split(separator: " ")[1] } == ["2026-10-20T08:00:00Z", "2026-10-27T09:00:00Z"])
    }

    @Test("UNTIL as a DATE includes that whole day")
    func untilDate() {
        let found = starts(["DTSTART:20261201T100000Z", "SUMMARY:x", "RRULE:FREQ=DAILY;UNTIL=20261203"])
        #expect(found.count == 3)
    }

    @Test("an unbounded FREQ=SECONDLY rule is cut at the occurrence limit with a diagnostic, not a hang")
    func secondlyLimit() {
        let ics = TestSupport.calendar(["DTSTART:20261201T000000Z", "RRULE:FREQ=SECONDLY"])
        let clock = ContinuousClock()
        var result: (occurrences: [EventOccurrence], diagnostics: [CalendarDiagnostic])?
        let elapsed = clock.measure {
            result = TestSupport.occurrences(
                ics, from: "2026-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z", maxOccurrences: 1000)
        }
        #expect(result?.occurrences.count == 1000)
        #expect(result?.diagnostics.map(\.kind) == [.occurrenceLimit])
        #expect(elapsed < .seconds(5))
    }

    @Test("a rule whose parts never match ends at the window, not in a loop")
    func neverMatches() {
        let found = starts(["DTSTART:20260101T100000Z", "SUMMARY:x", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"])
        #expect(found == ["2026-01-01T10:00:00Z 2026-01-01T10:00:00Z 2026-01-01T10:00:00Z x"])
    }

    @Test("an event far in the past with no end is expanded only around the window")
    func fastForward() {
        let found = starts(
            ["DTSTART:19000101T100000Z", "SUMMARY:x", "RRULE:FREQ=MINUTELY;INTERVAL=7"], from: "2026-06-01T00:00:00Z",
            to: "2026-06-01T01:00:00Z")
        #expect(found.count == 8)
        #expect(found.first?.hasPrefix("2026-06-01T00:05:00Z") == true)
    }

    @Test("the window keeps occurrences whose span overlaps [from, to)")
    func windowOverlap() {
        let lines = ["DTSTART:20261201T230000Z", "DURATION:PT2H", "SUMMARY:x"]
        #expect(starts(lines, from: "2026-12-02T00:00:00Z", to: "2026-12-03T00:00:00Z").count == 1)
        #expect(starts(lines, from: "2026-12-02T01:00:00Z", to: "2026-12-03T00:00:00Z").isEmpty)
        #expect(starts(lines, from: "2026-12-01T00:00:00Z", to: "2026-12-01T23:00:00Z").isEmpty)
    }

    @Test("BYSETPOS, BYYEARDAY with negatives, BYWEEKNO with negatives and BYHOUR/BYMINUTE/BYSECOND")
    func moreParts() {
        #expect(
            starts(["DTSTART:20260101T090000Z", "SUMMARY:x", "RRULE:FREQ=YEARLY;BYYEARDAY=-1,-365;COUNT=3"]).map {
                String($0.split(separator: " ")[1])
            }
                == ["2026-01-01T09:00:00Z", "2026-12-31T09:00:00Z", "2027-01-01T09:00:00Z"])
        #expect(
            starts(["DTSTART:20261228T090000Z", "SUMMARY:x", "RRULE:FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO;COUNT=2"]).map {
                String($0.split(separator: " ")[1])
            }
                == ["2026-12-28T09:00:00Z", "2027-12-27T09:00:00Z"])
        #expect(
            starts([
                "DTSTART:20261201T090000Z", "SUMMARY:x",
                "RRULE:FREQ=DAILY;COUNT=4;BYHOUR=9,17;BYMINUTE=30;BYSECOND=0,30",
            ])
            .map { String($0.split(separator: " ")[1]) }
                == ["2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z", "2026-12-01T09:30:30Z", "2026-12-01T17:30:00Z"])
        #expect(
            starts([
                "DTSTART:20261130T090000Z", "SUMMARY:x", "RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            ])
            .map { String($0.split(separator: " ")[1]) }
                == ["2026-11-30T09:00:00Z", "2026-12-31T09:00:00Z", "2027-01-29T09:00:00Z"])
    }

    @Test(
        "RRULE parts parse in any case and bad parts are rejected",
        arguments: [
            "FREQ=FORTNIGHTLY", "FREQ=DAILY;BYHOUR=24", "FREQ=DAILY;BYDAY=XX", "COUNT=3", "FREQ=DAILY;FOO=1",
            "FREQ=DAILY;INTERVAL=0",
        ])
    func badRules(text: String) {
        #expect(throws: RecurrenceRule.ParseError.self) { try RecurrenceRule.parse(text) }
    }

    @Test("a lower-case rule reads like an upper-case one")
    func lowerCaseRule() throws {
        let rule = try RecurrenceRule.parse("freq=monthly;byday=-1fr;wkst=su;x-name=1")
        #expect(rule.frequency == .monthly)
        #expect(rule.byDay == [RecurrenceRule.WeekdayNum(ordinal: -1, weekday: 4)])
        #expect(rule.weekStart == 6)
    }

    @Test("RDATE and EXDATE in zones other than DTSTART's are compared as instants")
    func crossZoneSet() {
        let found = starts([
            "DTSTART;TZID=Europe/London:20261201T090000", "DURATION:PT1H", "SUMMARY:z", "RRULE:FREQ=DAILY;COUNT=3",
            "EXDATE;TZID=Europe/Paris:20261202T100000", "EXDATE:20261203T090000Z",
            "RDATE;TZID=America/New_York:20261210T090000",
        ])
        #expect(
            found == [
                "2026-12-01T09:00:00Z 2026-12-01T09:00:00Z 2026-12-01T10:00:00Z z",
                "2026-12-10T14:00:00Z 2026-12-10T14:00:00Z 2026-12-10T15:00:00Z z",
            ])
    }
}
