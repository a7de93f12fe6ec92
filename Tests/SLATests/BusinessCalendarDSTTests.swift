import BatonCore
import Foundation
import Testing

@testable import SLA

/// Daylight-saving changes in 2026: London Sun 29 Mar 01:00 GMT → 02:00 BST and Sun 25 Oct 02:00 BST → 01:00
/// GMT; New York Sun 8 Mar 02:00 EST → 03:00 EDT and Sun 1 Nov 02:00 EDT → 01:00 EST; Sydney Sun 5 Apr 03:00
/// AEDT → 02:00 AEST and Sun 4 Oct 02:00 AEST → 03:00 AEDT; Kolkata stays at +05:30.
@Suite struct BusinessCalendarDSTTests {
    typealias F = BusinessTimeFixtures

    @Test(
        "a night span containing a skipped or repeated hour counts the real time it lasts",
        arguments: [
            // 00:00 GMT (00:00Z) to 04:00 BST (03:00Z): 3 h.
            ("Europe/London", "00:00-04:00", "2026-03-29T00:00:00Z", "2026-03-29T12:00:00Z", 10_800),
            // 00:00 BST (23:00Z the day before) to 04:00 GMT (04:00Z): 5 h.
            ("Europe/London", "00:00-04:00", "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z", 18_000),
            // 01:00-02:00 does not exist: only 02:00-03:00 BST (01:00Z-02:00Z) works.
            ("Europe/London", "01:00-03:00", "2026-03-29T00:00:00Z", "2026-03-29T12:00:00Z", 3600),
            // 01:00 BST (00:00Z), the repeated 01:00-02:00 GMT, then 02:00-03:00 GMT: 00:00Z-03:00Z.
            ("Europe/London", "01:00-03:00", "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z", 10_800),
            // 00:00 EST (05:00Z) to 04:00 EDT (08:00Z): 3 h.
            ("America/New_York", "00:00-04:00", "2026-03-08T00:00:00Z", "2026-03-08T12:00:00Z", 10_800),
            // 00:00 EDT (04:00Z) to 04:00 EST (09:00Z): 5 h.
            ("America/New_York", "00:00-04:00", "2026-11-01T00:00:00Z", "2026-11-01T12:00:00Z", 18_000),
            // 01:00-02:00 EST (06:00Z-07:00Z); 02:00-03:00 does not exist.
            ("America/New_York", "01:00-03:00", "2026-03-08T00:00:00Z", "2026-03-08T12:00:00Z", 3600),
            // 01:00 EDT (05:00Z) to 03:00 EST (08:00Z), 01:00-02:00 twice.
            ("America/New_York", "01:00-03:00", "2026-11-01T00:00:00Z", "2026-11-01T12:00:00Z", 10_800),
            // 00:00 AEDT (13:00Z on the 4th) to 04:00 AEST (18:00Z): 5 h.
            ("Australia/Sydney", "00:00-04:00", "2026-04-04T12:00:00Z", "2026-04-05T00:00:00Z", 18_000),
            // 01:00 AEDT (14:00Z) to 03:00 AEST (17:00Z), 02:00-03:00 twice.
            ("Australia/Sydney", "01:00-03:00", "2026-04-04T12:00:00Z", "2026-04-05T00:00:00Z", 10_800),
            // 00:00 AEST (14:00Z on the 3rd) to 04:00 AEDT (17:00Z): 3 h.
            ("Australia/Sydney", "00:00-04:00", "2026-10-03T12:00:00Z", "2026-10-04T00:00:00Z", 10_800),
            // 01:00-02:00 AEST (15:00Z-16:00Z); 02:00-03:00 does not exist.
            ("Australia/Sydney", "01:00-03:00", "2026-10-03T12:00:00Z", "2026-10-04T00:00:00Z", 3600),
            // No DST: one local day (29 Mar, 00:00-24:00 IST) holds exactly 4 h.
            ("Asia/Kolkata", "00:00-04:00", "2026-03-28T18:30:00Z", "2026-03-29T18:30:00Z", 14_400),
        ])
    func nightSpan(zone: String, hours: String, from: String, to: String, expected: Int64) throws {
        let c = try F.everyDay(zone, hours)
        #expect(c.workingSeconds(from: try F.at(from), to: try F.at(to)) == expected)
    }

    @Test(
        "adding working time runs through the changed night",
        arguments: [
            // 3 h on Sunday (00:00Z-03:00Z), 1 h from Monday 00:00 BST (23:00Z).
            ("Europe/London", "00:00-04:00", "4h", "2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z"),
            // From 00:00 BST (23:00Z) the five real hours end at 04:00Z; the sixth is Monday 00:00-01:00 GMT.
            ("Europe/London", "00:00-04:00", "4h", "2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z"),
            ("Europe/London", "00:00-04:00", "6h", "2026-10-24T23:00:00Z", "2026-10-26T01:00:00Z"),
            // 1 h on Sunday (06:00Z-07:00Z), 30 min from Monday 01:00 EDT (05:00Z).
            ("America/New_York", "01:00-03:00", "90m", "2026-03-08T06:00:00Z", "2026-03-09T05:30:00Z"),
            // From 01:00 EDT (05:00Z): 2 h 30 of real time later is 02:30 EST.
            ("America/New_York", "01:00-03:00", "150m", "2026-11-01T05:00:00Z", "2026-11-01T07:30:00Z"),
            // From 00:00 AEDT (13:00Z): 4 h 30 later is 03:30 AEST.
            ("Australia/Sydney", "00:00-04:00", "270m", "2026-04-04T13:00:00Z", "2026-04-04T17:30:00Z"),
        ])
    func addThroughNight(zone: String, hours: String, target: String, start: String, expected: String) throws {
        #expect(try F.add(target, to: start, in: F.everyDay(zone, hours)) == expected)
    }

    @Test(
        "office hours across a week-end with a DST change keep local opening times",
        arguments: [
            // New York 09:00-17:00. Fri 10:00 EST (15:00Z) + 1d: Monday 10:00 EDT, 14:00Z.
            ("America/New_York", "09:00-17:00", "1d", "2026-03-06T15:00:00Z", "2026-03-09T14:00:00Z"),
            // Fri 15:00 EDT (19:00Z): 2 h on Friday, 2 h from Monday 09:00 EST (14:00Z).
            ("America/New_York", "09:00-17:00", "4h", "2026-10-30T19:00:00Z", "2026-11-02T16:00:00Z"),
            // Sydney 09:00-17:30. Fri 15:00 AEDT (04:00Z): 2 h 30, then Monday 09:00 AEST (23:00Z) + 1 h 30.
            ("Australia/Sydney", "09:00-17:30", "4h", "2026-04-03T04:00:00Z", "2026-04-06T00:30:00Z"),
            // Fri 15:00 AEST (05:00Z): 2 h 30, then Monday 09:00 AEDT (22:00Z) + 1 h 30.
            ("Australia/Sydney", "09:00-17:30", "4h", "2026-10-02T05:00:00Z", "2026-10-04T23:30:00Z"),
            // London: Fri 16:00 BST (15:00Z) + 1d is Monday 16:00 GMT.
            ("Europe/London", "09:00-17:30", "1d", "2026-10-23T15:00:00Z", "2026-10-26T16:00:00Z"),
            // Kolkata 09:00-17:30 (+05:30). Fri 15:00 IST (09:30Z): Monday 10:30 IST, 05:00Z.
            ("Asia/Kolkata", "09:00-17:30", "4h", "2026-03-06T09:30:00Z", "2026-03-09T05:00:00Z"),
            // Fri 16:00 IST (10:30Z) + 1d: Monday 16:00 IST.
            ("Asia/Kolkata", "09:00-17:30", "1d", "2026-11-20T10:30:00Z", "2026-11-23T10:30:00Z"),
        ])
    func officeHours(zone: String, hours: String, target: String, start: String, expected: String) throws {
        let c = try F.calendar(#"{"timezone": "\#(zone)", "hours": {"mon-fri": "\#(hours)"}}"#)
        #expect(try F.add(target, to: start, in: c) == expected)
    }

    @Test(
        "a day target landing on a change day takes the first working instant at or after the same wall-clock time",
        arguments: [
            // Sat 02:30 EST (07:30Z) + 1d: Sunday 02:30 does not exist; 03:00 EDT is 07:00Z.
            ("America/New_York", "2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z"),
            // Sat 01:30 EDT (05:30Z) + 1d: Sunday 01:30 happens twice; the first is EDT, 05:30Z.
            ("America/New_York", "2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z"),
            // Sun 01:30 EST (the second 01:30, 06:30Z) + 1d: Monday 01:30 EST.
            ("America/New_York", "2026-11-01T06:30:00Z", "2026-11-02T06:30:00Z"),
            // Sat 02:30 AEST (16:30Z) + 1d: Sunday 02:30 does not exist; 03:00 AEDT is 16:00Z.
            ("Australia/Sydney", "2026-10-02T16:30:00Z", "2026-10-03T16:00:00Z"),
            // London, Sat 28 Mar 01:30 GMT (01:30Z) + 1d: Sunday 01:30 does not exist; 02:00 BST (01:00Z) is the
            // first working instant after it.
            ("Europe/London", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z"),
        ])
    func dayOnChangeDay(zone: String, start: String, expected: String) throws {
        #expect(try F.add("1d", to: start, in: F.everyDay(zone, "00:00-04:00")) == expected)
    }

    @Test(
        "around a change, working time agrees with isWorking and with adding working time",
        arguments: [
            ("Europe/London", "2026-03-29T00:00:00Z"), ("Europe/London", "2026-10-25T00:00:00Z"),
            ("America/New_York", "2026-03-08T06:00:00Z"), ("America/New_York", "2026-11-01T06:00:00Z"),
            ("Australia/Sydney", "2026-04-04T16:00:00Z"), ("Australia/Sydney", "2026-10-03T16:00:00Z"),
            ("Australia/Lord_Howe", "2026-04-04T15:00:00Z"), ("Asia/Kolkata", "2026-03-29T00:00:00Z"),
        ])
    func consistency(zone: String, around: String) throws {
        let c = try F.everyDay(zone, "00:30-02:15,02:45-03:30,23:00-24:00")
        let center = try F.at(around)
        // Every 5 min over 12 h either side: the working time counted from 12 h before (across the change) grows
        // by one second at exactly the instants isWorking accepts.
        let origin = center - 12 * 3600
        for step in stride(from: -12 * 3600, through: 12 * 3600, by: 300) {
            let t = center + Int64(step)
            let growth =
                c.workingSeconds(from: origin, to: t + 1) - c.workingSeconds(from: origin, to: t)
            #expect(c.isWorking(at: t) == (growth == 1), "at \(Timestamp.format(epochSeconds: t))")
        }
        // Adding n working seconds then measuring gives n back.
        for step in stride(from: -6 * 3600, through: 6 * 3600, by: 1300) {
            let start = center + Int64(step)
            for amount: Int64 in [1, 1800, 3600, 7777, 20_000] {
                let end = try c.addingWorkingSeconds(amount, to: start)
                #expect(c.workingSeconds(from: start, to: end) == amount)
            }
        }
    }

    @Test(
        "the calendar's offsets are Foundation's, from 1960 to 2110, in zones whose standard offset changed too",
        arguments: [
            "Europe/London", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "Europe/Moscow",
            "Pacific/Apia", "Asia/Pyongyang", "Africa/Casablanca",
        ])
    func offsetsAreFoundations(zone: String) throws {
        let c = try F.everyDay(zone, "09:00-17:00")
        let system = try #require(TimeZone(identifier: zone))
        var mismatches: [String] = []
        var t = try F.at("1960-01-01T00:00:00Z")
        while t < (try F.at("2110-01-01T00:00:00Z")) {
            let expected = Int64(system.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
            if c.offset(at: t) != expected {
                mismatches.append("\(Timestamp.format(epochSeconds: t)): \(c.offset(at: t))")
            }
            t += 86_400 + 7 * 3600 + 13 * 60
        }
        #expect(mismatches.prefix(3) == [])
    }
}
