import Testing

@testable import CalendarParsing

/// Values whose type or zone differs from `DTSTART`'s, as clients write them although RFC 5545 asks for the same.
@Suite struct MixedValueTypeTests {
    static let rows = TestSupport.fixtureRows(
        "mixed-value-types.ics", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z")

    static func rows(_ summary: String) -> [String] { rows.rows.filter { $0.hasSuffix(" " + summary) } }

    @Test("the fixture reads without diagnostics")
    func clean() { #expect(Self.rows.diagnostics == []) }

    @Test("a DATE DTSTART with a date-time UNTIL: each day's midnight is compared with UNTIL, so the 4th counts")
    func dateStartDateTimeUntil() {
        #expect(
            Self.rows("a") == [
                "2026-03-02 2026-03-02 2026-03-03 a", "2026-03-03 2026-03-03 2026-03-04 a",
                "2026-03-04 2026-03-04 2026-03-05 a",
            ])
    }

    @Test("a date-time DTSTART with a DATE UNTIL includes the UNTIL day")
    func dateTimeStartDateUntil() {
        // python-dateutil turns UNTIL=20260304 into midnight and stops on the 3rd. UNTIL is inclusive (RFC 5545,
        // 3.3.10) and a DATE names the whole day, so Baton keeps 09:00 on the 4th.
        #expect(
            Self.rows("b") == [
                "2026-03-02T09:00:00Z 2026-03-02T09:00:00Z 2026-03-02T10:00:00Z b",
                "2026-03-03T09:00:00Z 2026-03-03T09:00:00Z 2026-03-03T10:00:00Z b",
                "2026-03-04T09:00:00Z 2026-03-04T09:00:00Z 2026-03-04T10:00:00Z b",
            ])
    }

    @Test("a UTC UNTIL with a zoned DTSTART is compared as an instant, across the change to summer time")
    func utcUntilZonedStart() {
        // 29 March 09:00 CEST is 07:00Z, exactly UNTIL: included.
        #expect(
            Self.rows("c") == [
                "2026-03-25T08:00:00Z 2026-03-25T08:00:00Z 2026-03-25T09:00:00Z c",
                "2026-03-26T08:00:00Z 2026-03-26T08:00:00Z 2026-03-26T09:00:00Z c",
                "2026-03-27T08:00:00Z 2026-03-27T08:00:00Z 2026-03-27T09:00:00Z c",
                "2026-03-28T08:00:00Z 2026-03-28T08:00:00Z 2026-03-28T09:00:00Z c",
                "2026-03-29T07:00:00Z 2026-03-29T07:00:00Z 2026-03-29T08:00:00Z c",
            ])
    }

    @Test("a UTC UNTIL with a floating DTSTART: floating times are read as UTC, so the 4th at 09:00 counts")
    func utcUntilFloatingStart() {
        #expect(
            Self.rows("d") == [
                "2026-03-02T09:00:00Z 2026-03-02T09:00:00Z 2026-03-02T10:00:00Z d",
                "2026-03-03T09:00:00Z 2026-03-03T09:00:00Z 2026-03-03T10:00:00Z d",
                "2026-03-04T09:00:00Z 2026-03-04T09:00:00Z 2026-03-04T10:00:00Z d",
            ])
    }

    @Test("UNTIL before DTSTART leaves DTSTART alone")
    func untilBeforeStart() {
        // DTSTART is always the first instance of the set (RFC 5545, 3.8.5.3); python-dateutil yields nothing.
        #expect(Self.rows("e") == ["2026-03-10T09:00:00Z 2026-03-10T09:00:00Z 2026-03-10T10:00:00Z e"])
    }

    @Test("date-time EXDATEs in an all-day event remove the day they are written on")
    func dateTimeExdateInDateEvent() {
        // The New York EXDATE is 23:00 on the 5th there (04:00Z on the 6th): the day written, the 5th, goes.
        #expect(
            Self.rows("f") == [
                "2026-03-02 2026-03-02 2026-03-03 f", "2026-03-04 2026-03-04 2026-03-05 f",
                "2026-03-06 2026-03-06 2026-03-07 f",
            ])
    }

    @Test("floating DTEND, EXDATE and RECURRENCE-ID in a zoned event are read in its zone; the override counts once")
    func floatingInZoned() {
        #expect(
            Self.rows("g") == ["2026-03-02T08:00:00Z 2026-03-02T08:00:00Z 2026-03-02T09:00:00Z g"])
        #expect(
            Self.rows("g moved") == ["2026-03-04T08:00:00Z 2026-03-04T10:00:00Z 2026-03-04T11:00:00Z g moved"])
    }

    @Test("a zoned EXDATE in a floating event removes the instance at the same wall-clock time")
    func zonedInFloating() {
        #expect(
            Self.rows("h") == [
                "2026-03-02T09:00:00Z 2026-03-02T09:00:00Z 2026-03-02T09:30:00Z h",
                "2026-03-04T09:00:00Z 2026-03-04T09:00:00Z 2026-03-04T09:30:00Z h",
            ])
    }
}
