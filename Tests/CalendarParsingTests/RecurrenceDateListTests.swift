import Testing

@testable import CalendarParsing

/// `RDATE` lists (RFC 5545, 3.8.5.2): dates, periods with their own ends, with and without `TZID`, and together
/// with `RRULE`, `EXDATE` and overrides. Each `RDATE` occurrence has its own start as its recurrence id.
@Suite struct RecurrenceDateListTests {
    @Test("a VALUE=DATE list is one all-day occurrence per date, over several RDATE lines, DTSTART first")
    func dateLists() {
        let (rows, diagnostics) = TestSupport.fixtureRows(
            "rdate-lists.ics", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z")
        #expect(diagnostics == [])
        #expect(
            rows.filter { $0.hasSuffix("Public holiday") } == [
                "2026-01-01 2026-01-01 2026-01-02 Public holiday", "2026-04-06 2026-04-06 2026-04-07 Public holiday",
                "2026-05-25 2026-05-25 2026-05-26 Public holiday", "2026-12-25 2026-12-25 2026-12-26 Public holiday",
                "2026-12-26 2026-12-26 2026-12-27 Public holiday",
            ])
    }

    @Test("VALUE=PERIOD: each period keeps its own end or duration, in its TZID (CET, then CEST) or in UTC")
    func periods() {
        let (rows, _) = TestSupport.fixtureRows(
            "rdate-lists.ics", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z")
        #expect(
            rows.filter { $0.hasSuffix("Workshop sessions") } == [
                "2026-03-02T08:00:00Z 2026-03-02T08:00:00Z 2026-03-02T09:00:00Z Workshop sessions",
                "2026-03-10T13:00:00Z 2026-03-10T13:00:00Z 2026-03-10T14:30:00Z Workshop sessions",
                "2026-04-02T06:00:00Z 2026-04-02T06:00:00Z 2026-04-02T08:00:00Z Workshop sessions",
            ])
        #expect(
            rows.filter { $0.hasSuffix("Office hours") } == [
                "2026-03-14T12:00:00Z 2026-03-14T12:00:00Z 2026-03-14T12:30:00Z Office hours",
                "2026-03-15T12:00:00Z 2026-03-15T12:00:00Z 2026-03-15T12:45:00Z Office hours",
                "2026-03-16T12:00:00Z 2026-03-16T12:00:00Z 2026-03-16T12:15:00Z Office hours",
            ])
    }

    @Test("RDATE with RRULE and EXDATE: a date the rule also makes counts once, EXDATE removes rule and RDATE dates")
    func withRuleAndExceptions() {
        let (rows, _) = TestSupport.fixtureRows(
            "rdate-lists.ics", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z")
        // Weekly from Monday 5 January 10:00 New York (15:00Z), four times; the 19th is excluded, the RDATE of the
        // 12th repeats a rule date, the RDATE of the 30th is excluded, and the one of the 28th is moved an hour.
        #expect(
            rows.filter { $0.contains("Review") } == [
                "2026-01-05T15:00:00Z 2026-01-05T15:00:00Z 2026-01-05T16:00:00Z Review",
                "2026-01-12T15:00:00Z 2026-01-12T15:00:00Z 2026-01-12T16:00:00Z Review",
                "2026-01-26T15:00:00Z 2026-01-26T15:00:00Z 2026-01-26T16:00:00Z Review",
                "2026-01-28T20:00:00Z 2026-01-28T21:00:00Z 2026-01-28T22:00:00Z Review (moved)",
            ])
    }

    @Test("a floating RDATE period in a zoned event is read in the event's zone, its duration on that wall clock")
    func floatingPeriodInZonedEvent() {
        let ics = TestSupport.calendar([
            "DTSTART;TZID=America/New_York:20260301T090000", "DURATION:PT1H", "SUMMARY:s",
            "RDATE;VALUE=PERIOD:20260307T090000/P1D,20260310T090000/20260310T093000",
        ])
        // 7 March 09:00 EST is 14:00Z; one nominal day later is 8 March 09:00 EDT, 13:00Z (a 23-hour day).
        #expect(
            TestSupport.rows(TestSupport.occurrences(ics).occurrences) == [
                "2026-03-01T14:00:00Z 2026-03-01T14:00:00Z 2026-03-01T15:00:00Z s",
                "2026-03-07T14:00:00Z 2026-03-07T14:00:00Z 2026-03-08T13:00:00Z s",
                "2026-03-10T13:00:00Z 2026-03-10T13:00:00Z 2026-03-10T13:30:00Z s",
            ])
    }
}
