import Foundation
import Testing

@testable import CalendarParsing

@Suite struct ValueTests {
    @Test(
        "DURATION values, weeks and negative ones included",
        arguments: [
            ("PT1H", 0, Int64(3600)), ("P1W", 7, Int64(0)), ("-P2W", -14, Int64(0)),
            ("P15DT5H0M20S", 15, Int64(18_020)),
            ("-PT15M", 0, Int64(-900)), ("+P1D", 1, Int64(0)), ("P0D", 0, Int64(0)),
        ])
    func durations(text: String, days: Int, seconds: Int64) {
        #expect(CalendarDuration.parse(text) == CalendarDuration(days: days, seconds: seconds))
    }

    @Test("malformed DURATION values are rejected", arguments: ["", "P", "PT", "1H", "PT1", "P1H", "PTXH", "P1DT"])
    func badDurations(text: String) {
        #expect(CalendarDuration.parse(text) == nil)
    }

    @Test(
        "UTC-OFFSET values",
        arguments: [("+0100", 3600), ("-0500", -18_000), ("+053000", 19_800), ("-0000", 0), ("+1345", 49_500)])
    func offsets(text: String, seconds: Int) {
        #expect(UTCOffset.parse(text) == seconds)
    }

    @Test("DATE and DATE-TIME forms")
    func dateTimes() {
        #expect(CalendarTime.parse("20261127") == .date(CivilDate(year: 2026, month: 11, day: 27)))
        #expect(
            CalendarTime.parse("20261127T093000Z")
                == .dateTime(localSeconds: TestSupport.utc("2026-11-27T09:30:00Z"), form: .utc))
        #expect(
            CalendarTime.parse("20261127T093000")
                == .dateTime(localSeconds: TestSupport.utc("2026-11-27T09:30:00Z"), form: .floating))
        #expect(
            CalendarTime.parse("20261127T093000", tzid: "Europe/Paris")
                == .dateTime(localSeconds: TestSupport.utc("2026-11-27T09:30:00Z"), form: .zoned("Europe/Paris")))
        #expect(CalendarTime.parse("20261127T093000Z", tzid: "Europe/Paris")?.tzid == nil)
        #expect(CalendarTime.parse("20260230") == nil)
        #expect(CalendarTime.parse("20261127T250000") == nil)
        #expect(CalendarTime.parse("2026-11-27") == nil)
    }

    @Test("PERIOD values with an end or a duration")
    func periods() {
        let explicit = CalendarPeriod.parse("19970101T180000Z/19970102T070000Z", tzid: nil)
        #expect(explicit?.end == .dateTime(localSeconds: TestSupport.utc("1997-01-02T07:00:00Z"), form: .utc))
        let relative = CalendarPeriod.parse("19970101T180000Z/PT5H30M", tzid: nil)
        #expect(relative?.duration == CalendarDuration(seconds: 19_800))
        #expect(CalendarPeriod.parse("19970101/P1D", tzid: nil) == nil)
    }

    @Test(
        "the end comes from DTEND, else DURATION, else the RFC default",
        arguments: [
            (["DTSTART:20261201T100000Z", "DTEND:20261201T113000Z"], "2026-12-01T10:00:00Z 2026-12-01T11:30:00Z"),
            (["DTSTART:20261201T100000Z", "DURATION:PT45M"], "2026-12-01T10:00:00Z 2026-12-01T10:45:00Z"),
            (["DTSTART:20261201T100000Z"], "2026-12-01T10:00:00Z 2026-12-01T10:00:00Z"),
            (["DTSTART;VALUE=DATE:20261201"], "2026-12-01 2026-12-02"),
            (["DTSTART;VALUE=DATE:20261201", "DURATION:P3D"], "2026-12-01 2026-12-04"),
            (["DTSTART;VALUE=DATE:20261230", "DTEND;VALUE=DATE:20270102"], "2026-12-30 2027-01-02"),
            (["DTSTART:20261201T100000", "DTEND:20261201T110000"], "2026-12-01T10:00:00Z 2026-12-01T11:00:00Z"),
            (
                ["DTSTART;TZID=Europe/London:20261024T120000", "DURATION:P1D"],
                "2026-10-24T11:00:00Z 2026-10-25T12:00:00Z"
            ),
        ])
    func ends(lines: [String], expected: String) {
        let (found, _) = TestSupport.occurrences(TestSupport.calendar(lines))
        #expect(found.map { "\($0.start) \($0.end)" } == [expected])
    }
}
