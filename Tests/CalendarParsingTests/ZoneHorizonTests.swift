import Foundation
import Testing

@testable import CalendarParsing

/// Offsets after the end of the transition table (2100): system zones follow their TZif footer, a `VTIMEZONE`
/// keeps applying its `RRULE`s. Expected instants were worked out by hand from the US and Australian rules.
@Suite struct ZoneHorizonTests {
    @Test(
        "a POSIX TZ footer gives each year's changes",
        arguments: [
            // 2101: second Sunday of March is the 13th, first Sunday of November the 6th.
            ("EST5EDT,M3.2.0,M11.1.0", "2101-03-13T06:59:59Z", -18_000),
            ("EST5EDT,M3.2.0,M11.1.0", "2101-03-13T07:00:00Z", -14_400),
            ("EST5EDT,M3.2.0,M11.1.0", "2101-11-06T05:59:59Z", -14_400),
            ("EST5EDT,M3.2.0,M11.1.0", "2101-11-06T06:00:00Z", -18_000),
            // Southern hemisphere: daylight time spans the new year; it ends on 3 April 2101 at 03:00 local.
            ("AEST-10AEDT,M10.1.0,M4.1.0/3", "2101-01-10T00:00:00Z", 39_600),
            ("AEST-10AEDT,M10.1.0,M4.1.0/3", "2101-04-02T15:59:59Z", 39_600),
            ("AEST-10AEDT,M10.1.0,M4.1.0/3", "2101-04-02T16:00:00Z", 36_000),
            // Quoted names, minutes, and times past 24 h and below zero (RFC 8536, 3.3.1).
            ("<+0330>-3:30", "2150-06-01T00:00:00Z", 12_600),
            ("IST-2IDT,M3.4.4/26,M10.5.0", "2101-03-24T23:59:59Z", 7_200),
            ("IST-2IDT,M3.4.4/26,M10.5.0", "2101-03-25T00:00:00Z", 10_800),
            ("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2101-03-27T00:59:59Z", -7_200),
            ("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2101-03-27T01:00:00Z", -3_600),
        ])
    func posixRule(rule: String, at instant: String, offset: Int) throws {
        let parsed = try #require(PosixZoneRule.parse(rule))
        let zone = ZoneRules(
            identifier: "test", initialOffset: 0, transitions: [], tail: .posix(parsed, from: Int64.min))
        #expect(zone.offset(atUTC: TestSupport.utc(instant)) == offset)
    }

    @Test("strings that are not POSIX TZ rules are refused", arguments: ["", "E5", "EST", "EST5EDT,M13.1.0,M11.1.0"])
    func badRules(rule: String) {
        #expect(PosixZoneRule.parse(rule) == nil)
    }

    @Test("America/New_York after 2100 is on daylight time in summer, from the system's TZif footer")
    func systemZone() throws {
        let zone = ZoneRules(timeZone: try #require(TimeZone(identifier: "America/New_York")))
        #expect(zone.offset(atUTC: TestSupport.utc("2101-07-04T12:00:00Z")) == -14_400)
        #expect(zone.offset(atUTC: TestSupport.utc("2101-12-04T12:00:00Z")) == -18_000)
        #expect(zone.offset(atUTC: TestSupport.utc("2399-07-04T12:00:00Z")) == -14_400)
        #expect(
            zone.instant(localSeconds: TestSupport.utc("2101-07-04T09:00:00Z"))
                == TestSupport.utc("2101-07-04T13:00:00Z"))
    }

    @Test(
        "after 2100, offsets from the TZif footer agree with Foundation's, every 5 hours for ten years",
        arguments: [
            "America/New_York", "Europe/London", "Australia/Sydney", "America/Santiago", "Pacific/Chatham",
            "Asia/Jerusalem", "America/Godthab", "Asia/Kolkata",
        ])
    func agreesWithFoundation(identifier: String) throws {
        let system = try #require(TimeZone(identifier: identifier))
        let zone = ZoneRules(timeZone: system)
        var mismatches: [String] = []
        var t = TestSupport.utc("2100-01-01T00:00:00Z")
        while t < TestSupport.utc("2110-01-01T00:00:00Z") {
            let expected = system.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
            if zone.offset(atUTC: t) != expected { mismatches.append("\(t): \(zone.offset(atUTC: t)) \(expected)") }
            t += 5 * 3600
        }
        #expect(mismatches.prefix(3) == [])
    }

    @Test("weekly and monthly meetings after 2100 in system zones and in a VTIMEZONE keep their wall-clock time")
    func meetingsAfter2100() {
        let (found, diagnostics) = TestSupport.occurrences(
            TestSupport.fixture("zone-after-2100.ics"), from: "2101-01-01T00:00:00Z", to: "2102-01-01T00:00:00Z")
        #expect(diagnostics.isEmpty)
        func starts(_ uid: String, on days: [String]) -> [String] {
            found.filter { $0.uid == uid && days.contains(String($0.start.description.prefix(10))) }
                .map { "\($0.start) \($0.end)" }
        }
        #expect(
            starts("ny-weekly@example.com", on: ["2101-03-07", "2101-03-14", "2101-07-04", "2101-10-31", "2101-11-07"])
                == [
                    "2101-03-07T14:00:00Z 2101-03-07T14:30:00Z", "2101-03-14T13:00:00Z 2101-03-14T13:30:00Z",
                    "2101-07-04T13:00:00Z 2101-07-04T13:30:00Z", "2101-10-31T13:00:00Z 2101-10-31T13:30:00Z",
                    "2101-11-07T14:00:00Z 2101-11-07T14:30:00Z",
                ])
        #expect(
            starts(
                "custom-weekly@example.com", on: ["2101-03-08", "2101-03-15", "2101-07-05", "2101-11-01", "2101-11-08"])
                == [
                    "2101-03-08T15:00:00Z 2101-03-08T16:00:00Z", "2101-03-15T14:00:00Z 2101-03-15T15:00:00Z",
                    "2101-07-05T14:00:00Z 2101-07-05T15:00:00Z", "2101-11-01T14:00:00Z 2101-11-01T15:00:00Z",
                    "2101-11-08T15:00:00Z 2101-11-08T16:00:00Z",
                ])
        #expect(
            found.filter { $0.uid == "sydney@example.com" }.map(\.start.description) == [
                "2101-01-09T22:00:00Z", "2101-02-09T22:00:00Z", "2101-03-09T22:00:00Z", "2101-04-09T23:00:00Z",
                "2101-05-09T23:00:00Z", "2101-06-09T23:00:00Z", "2101-07-09T23:00:00Z",
            ])
        #expect(found.filter { $0.uid == "ny-weekly@example.com" }.count == 52)
    }
}
