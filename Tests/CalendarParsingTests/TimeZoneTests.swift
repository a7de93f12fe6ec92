import Foundation
import Testing

@testable import CalendarParsing

@Suite struct TimeZoneTests {
    @Test(
        "TZIDs map to Olson names",
        arguments: [
            ("Europe/Berlin", "Europe/Berlin"), ("W. Europe Standard Time", "Europe/Berlin"),
            ("Eastern Standard Time", "America/New_York"), ("GMT Standard Time", "Europe/London"),
            ("Pacific Standard Time", "America/Los_Angeles"), ("Tokyo Standard Time", "Asia/Tokyo"),
            ("/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin"),
            ("/softwarestudio.org/Olson_20011030_5/America/New_York", "America/New_York"),
            ("/citadel.org/20190914_1/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
            ("\"Europe/Paris\"", "Europe/Paris"),
        ])
    func olsonNames(tzid: String, olson: String) {
        #expect(TimeZoneResolver.olsonName(for: tzid) == olson)
    }

    @Test("a made-up TZID has no Olson name")
    func unknown() {
        #expect(TimeZoneResolver.olsonName(for: "Customized Time Zone") == nil)
        #expect(TimeZoneResolver.olsonName(for: "Mars/Olympus_Mons") == nil)
    }

    @Test("every Olson zone in the Windows table exists in the system database")
    func windowsTableResolves() {
        let missing = WindowsZones.table.values.filter { TimeZone(identifier: $0) == nil }
        #expect(missing.isEmpty, "\(missing)")
        #expect(WindowsZones.table.count >= 139)
    }

    @Test("a local time in the spring-forward gap moves forward by the gap; in the overlap the first instant wins")
    func gapAndOverlap() {
        #expect(
            ExportSpans.of("mozilla-prefixed.ics") == [
                "- 2026-03-29T01:30:00Z 2026-03-29T02:00:00Z",
                "- 2026-10-25T00:30:00Z 2026-10-25T01:30:00Z",
            ])
    }

    @Test(
        "system zone rules agree with Foundation on both sides of a change",
        arguments: ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo"])
    func systemRules(zone: String) {
        let rules = ZoneRules(timeZone: TimeZone(identifier: zone)!)
        let foundation = TimeZone(identifier: zone)!
        var t: Int64 = TestSupport.utc("2000-01-01T00:00:00Z")
        while t < TestSupport.utc("2030-01-01T00:00:00Z") {
            #expect(
                rules.offset(atUTC: t) == foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
            t += 86_400 * 13 + 3_600 * 7
        }
    }

    @Test(
        "an offset's span holds that offset from its first to its last instant, and the next span starts where it ends",
        arguments: ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Europe/Moscow"])
    func offsetSpans(zone: String) {
        let rules = ZoneRules(timeZone: TimeZone(identifier: zone)!)
        var problems: [String] = []
        var t: Int64 = TestSupport.utc("1965-01-01T00:00:00Z")
        while t < TestSupport.utc("2105-01-01T00:00:00Z") {
            let span = rules.offsetSpan(atUTC: t)
            let offsets = [span.from, t, span.until - 1].map { rules.offset(atUTC: $0) }
            if span.from > t || span.until <= t || offsets != [span.offset, span.offset, span.offset] {
                problems.append("\(t): \(span) \(offsets)")
            }
            if span.until < ZoneRules.tableHorizon, rules.offsetSpan(atUTC: span.until).from != span.until {
                problems.append("\(t): the span after \(span.until) starts elsewhere")
            }
            t += 86_400 * 11 + 3_600 * 5
        }
        #expect(problems.prefix(3) == [])
        // Inside the table a span runs from one transition to the next: New York's 2026 summer time.
        #expect(
            ZoneRules(timeZone: TimeZone(identifier: "America/New_York")!).offsetSpan(
                atUTC: TestSupport.utc("2026-07-01T00:00:00Z")) == (
                    -14_400, TestSupport.utc("2026-03-08T07:00:00Z"), TestSupport.utc("2026-11-01T06:00:00Z")
                ))
    }

    @Test("a VTIMEZONE with RDATE observances and a floating DTSTART is honoured")
    func vtimezoneWithRDates() {
        let ics = TestSupport.calendar(
            ["DTSTART;TZID=Custom RDATE zone:20260601T120000", "RRULE:FREQ=MONTHLY;COUNT=2"],
            extra: [
                "BEGIN:VTIMEZONE", "TZID:Custom RDATE zone", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0300",
                "TZOFFSETTO:+0300", "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:20260615T000000",
                "RDATE:20260615T000000",
                "TZOFFSETFROM:+0300", "TZOFFSETTO:+0400", "END:DAYLIGHT", "END:VTIMEZONE",
            ])
        let (found, diagnostics) = TestSupport.occurrences(ics)
        #expect(diagnostics.isEmpty)
        #expect(found.map(\.start.description) == ["2026-06-01T09:00:00Z", "2026-07-01T08:00:00Z"])
    }

    @Test("gap and overlap rules also hold for a zone known only from its VTIMEZONE (an Outlook display name)")
    func gapAndOverlapInCalendarZone() {
        let zone = [
            "BEGIN:VTIMEZONE", "TZID:(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "BEGIN:STANDARD",
            "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
            "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
        ]
        let tzid = #"TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna""#
        for (local, expected) in [
            ("20260329T023000", "2026-03-29T01:30:00Z"), ("20261025T023000", "2026-10-25T00:30:00Z"),
            ("20261025T033000", "2026-10-25T02:30:00Z"), ("20260329T013000", "2026-03-29T00:30:00Z"),
        ] {
            let (found, diagnostics) = TestSupport.occurrences(
                TestSupport.calendar(["DTSTART;\(tzid):\(local)"], extra: zone))
            #expect(diagnostics.isEmpty)
            #expect(found.map(\.start.description) == [expected])
        }
    }

    @Test("an unknown TZID without a VTIMEZONE is read as UTC with a diagnostic")
    func unknownZoneDiagnostic() {
        let (found, diagnostics) = TestSupport.occurrences(
            TestSupport.calendar(["DTSTART;TZID=Nowhere Standard:20261201T100000"]))
        #expect(found.map(\.start.description) == ["2026-12-01T10:00:00Z"])
        #expect(diagnostics.map(\.kind) == [.unknownTimeZone])
    }

    @Test("a zone's rules as text: its first offset, each transition, and the rule after the table")
    func rulesText() throws {
        let london = ZoneRules(timeZone: try #require(TimeZone(identifier: "Europe/London"))).rulesText
        // Britain kept summer time all year until 1971-10-31T02:00Z, so 1970 starts at +1.
        #expect(london.hasPrefix("Europe/London 3600 57722400:0 "))
        // 2026: summer time from 2026-03-29T01:00Z to 2026-10-25T01:00Z.
        #expect(london.contains(" 1774746000:3600 1792890000:0 "))
        let parts = london.components(separatedBy: " then ")
        #expect(parts.count == 2)
        // One change in 1971, then two a year from 1972 to 2099.
        #expect(parts[0].components(separatedBy: " ").count == 2 + 1 + 2 * 128)
        let tail = parts[1]
        #expect(tail.hasSuffix("from: 4102444800)"))
        #expect(tail.contains("standardOffset: 0"))
        #expect(tail.contains("monthWeekDay(month: 3, week: 5, weekday: 0)"))
        let fixed = ZoneRules.fixed(3_600, identifier: "Fixed").rulesText
        #expect(fixed == "Fixed 3600 then unchanged")
    }
}

/// Compact spans of a fixture's occurrences.
enum ExportSpans {
    static func of(_ fixture: String) -> [String] {
        let (found, _) = TestSupport.occurrences(TestSupport.fixture(fixture))
        return found.map { "\($0.recurrenceID?.description ?? "-") \($0.start) \($0.end)" }
    }
}
