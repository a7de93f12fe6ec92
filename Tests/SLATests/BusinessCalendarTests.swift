import BatonCore
import Foundation
import Testing

@testable import SLA

@Suite struct BusinessCalendarTests {
    typealias F = BusinessTimeFixtures

    // London, mon-fri 09:00-17:30, November (GMT: local time = UTC). 2026-11-20 is a Friday.
    @Test(
        "working seconds between two instants count only working hours",
        arguments: [
            // Fri 15:00-17:30 (2 h 30) + Mon 09:00-10:30 (1 h 30) = 4 h.
            ("2026-11-20T15:00:00Z", "2026-11-23T10:30:00Z", 14_400),
            // A whole week-end: nothing.
            ("2026-11-21T00:00:00Z", "2026-11-23T00:00:00Z", 0),
            // The same instant: nothing.
            ("2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z", 0),
            // Backwards: the negative of forwards.
            ("2026-11-23T10:30:00Z", "2026-11-20T15:00:00Z", -14_400),
            // Mon 00:00 to Sat 00:00: five days of 8 h 30.
            ("2026-11-23T00:00:00Z", "2026-11-28T00:00:00Z", 153_000),
            // Inside one span, with seconds.
            ("2026-11-23T09:00:01Z", "2026-11-23T09:00:59Z", 58),
        ])
    func workingSeconds(from: String, to: String, expected: Int64) throws {
        #expect(try F.london().workingSeconds(from: F.at(from), to: F.at(to)) == expected)
    }

    @Test(
        "working time is half-open: the opening minute works, the closing instant does not",
        arguments: [
            ("2026-11-23T08:59:59Z", false), ("2026-11-23T09:00:00Z", true), ("2026-11-23T17:29:59Z", true),
            ("2026-11-23T17:30:00Z", false), ("2026-11-21T12:00:00Z", false),
        ])
    func isWorking(at: String, expected: Bool) throws {
        #expect(try F.london().isWorking(at: F.at(at)) == expected)
    }

    @Test(
        "the next working instant is the instant itself in hours, else the next opening",
        arguments: [
            ("2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z"),
            ("2026-11-23T06:00:00Z", "2026-11-23T09:00:00Z"),
            // Friday's closing instant is not working time: Monday's opening.
            ("2026-11-20T17:30:00Z", "2026-11-23T09:00:00Z"),
            ("2026-11-21T10:00:00Z", "2026-11-23T09:00:00Z"),
        ])
    func nextWorkingInstant(at: String, expected: String) throws {
        #expect(Timestamp.format(epochSeconds: try F.london().nextWorkingInstant(atOrAfter: F.at(at))) == expected)
    }

    // 09:00-12:30,13:30-17:30 Monday to Friday; 2026-11-23 is a Monday.
    @Test("a lunch break is not working time")
    func lunchBreak() throws {
        let lunch = try F.calendar(
            #"{"timezone": "Europe/London", "hours": {"mon-fri": "09:00-12:30,13:30-17:30"}}"#)
        // 08:00-18:00: 3 h 30 + 4 h.
        #expect(
            lunch.workingSeconds(from: try F.at("2026-11-23T08:00:00Z"), to: try F.at("2026-11-23T18:00:00Z")) == 27_000
        )
        #expect(lunch.isWorking(at: try F.at("2026-11-23T12:45:00Z")) == false)
        // 10:00-12:30 is 2 h 30; the remaining 1 h 30 runs from 13:30 to 15:00.
        #expect(try F.add("4h", to: "2026-11-23T10:00:00Z", in: lunch) == "2026-11-23T15:00:00Z")
        // Exactly the morning's remainder ends at 12:30, not at the afternoon's opening.
        #expect(try F.add("150m", to: "2026-11-23T10:00:00Z", in: lunch) == "2026-11-23T12:30:00Z")
        // Started during lunch: counting begins at 13:30.
        #expect(try F.add("1h", to: "2026-11-23T12:45:00Z", in: lunch) == "2026-11-23T14:30:00Z")
        // 1d from lunch: the next working instant is 13:30, so Tuesday 13:30.
        #expect(try F.add("1d", to: "2026-11-23T12:45:00Z", in: lunch) == "2026-11-24T13:30:00Z")
    }

    // Thu 2026-12-24 works 09:00-13:00; Fri 25 and Sat 26 are off; Mon 28 is a normal day.
    static let christmas = #"""
        {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"},
         "holidays": ["2026-12-24 09:00-13:00", "2026-12-25", "2026-12-26"]}
        """#

    @Test("holidays and half days replace the weekday's hours")
    func holidays() throws {
        let c = try F.calendar(Self.christmas)
        // Wed 16:00-17:30 (1 h 30) + Thu 09:00-11:30 (2 h 30).
        #expect(try F.add("4h", to: "2026-12-23T16:00:00Z", in: c) == "2026-12-24T11:30:00Z")
        // Thu 11:00-13:00 (2 h), nothing until Monday, then 09:00-11:00.
        #expect(try F.add("4h", to: "2026-12-24T11:00:00Z", in: c) == "2026-12-28T11:00:00Z")
        #expect(c.isWorking(at: try F.at("2026-12-24T12:59:59Z")))
        #expect(!c.isWorking(at: try F.at("2026-12-24T13:00:00Z")))
        #expect(!c.isWorking(at: try F.at("2026-12-25T10:00:00Z")))
        // Wed 8 h 30 + Thu 4 h + Mon 8 h 30.
        #expect(
            c.workingSeconds(from: try F.at("2026-12-23T00:00:00Z"), to: try F.at("2026-12-29T00:00:00Z")) == 75_600)
    }

    @Test("holidays added through the API count like configured ones")
    func addedHoliday() throws {
        let c = try F.calendar(Self.christmas).addingHoliday(year: 2026, month: 12, day: 28)
        // Thu 11:00-13:00, then Tuesday the 29th 09:00-11:00.
        #expect(try F.add("4h", to: "2026-12-24T11:00:00Z", in: c) == "2026-12-29T11:00:00Z")
        let saturday = c.addingHoliday(
            year: 2026, month: 12, day: 26, workingSpans: [WeeklyHours.Span(start: 600, end: 720)])
        // A Saturday opened 10:00-12:00 as a special day.
        #expect(saturday.isWorking(at: try F.at("2026-12-26T11:00:00Z")))
    }

    @Test("a rep's own time zone overrides the team's")
    func repTimeZone() throws {
        let team = #"{"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}"#
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let rep = try F.calendar(team, repTimeZone: newYork)
        #expect(rep.zone.identifier == "America/New_York")
        // 15:00Z is 10:00 EST: four hours later is 14:00 EST, 19:00Z, the same day.
        #expect(try F.add("4h", to: "2026-11-20T15:00:00Z", in: rep) == "2026-11-20T19:00:00Z")
        // In the team's own zone it runs into Monday.
        #expect(try F.add("4h", to: "2026-11-20T15:00:00Z", in: F.calendar(team)) == "2026-11-23T10:30:00Z")
        // The team's holidays still hold, on the rep's local dates: 25 Dec 10:00 EST (15:00Z) is off.
        let christmas = try F.calendar(Self.christmas, repTimeZone: newYork)
        #expect(!christmas.isWorking(at: try F.at("2026-12-25T15:00:00Z")))
        #expect(christmas.isWorking(at: try F.at("2026-12-24T15:00:00Z")))
        // 24 Dec 13:00-14:00 EST (18:00Z-19:00Z) is after the half day's closing in New York.
        #expect(!christmas.isWorking(at: try F.at("2026-12-24T18:30:00Z")))
    }

    @Test("a team with an unknown zone is refused")
    func unknownZone() throws {
        var team = try #require(
            ConfigLoader.parse(
                Array(
                    #"""
                    {"store": "s", "internal_domains": ["example.com"], "sources": [],
                     "teams": {"t": {"timezone": "Europe/London", "hours": {"mon": "09:00-17:00"}}},
                     "policies": [{"name": "p", "clock": "reply", "target": "1d", "time": "business", "stages": ["mql"]}],
                     "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "o"}}}
                    """#.utf8), path: "/tmp/b.json"
            ).teams.first)
        team.timezoneID = "Mars/Olympus_Mons"
        #expect(throws: BusinessTimeError.unknownTimeZone("Mars/Olympus_Mons")) {
            try BusinessCalendar(team: team)
        }
    }

    @Test("a calendar with no working time at all gives up with an error instead of looping")
    func noWorkingTime() throws {
        let none = BusinessCalendar(hours: WeeklyHours(), zone: try #require(TimeZone(identifier: "Europe/London")))
        let start = try F.at("2026-11-20T15:00:00Z")
        #expect(throws: BusinessTimeError.noWorkingTime(after: start)) { try none.nextWorkingInstant(atOrAfter: start) }
        for target in ["4h", "1d", "2w"] {
            #expect(throws: BusinessTimeError.noWorkingTime(after: start)) {
                try none.add(F.duration(target), to: start, basis: .business)
            }
        }
        #expect(none.workingSeconds(from: start, to: try F.at("2036-11-20T15:00:00Z")) == 0)
        #expect(!none.isWorking(at: start))
        // Calendar time needs no hours.
        #expect(try F.add("1d", to: "2026-11-20T15:00:00Z", in: none, basis: .calendar) == "2026-11-21T15:00:00Z")
        // Only a special working day, far ahead but within the search limit, is found.
        let once = none.addingHoliday(
            year: 2030, month: 1, day: 2, workingSpans: [WeeklyHours.Span(start: 540, end: 600)])
        #expect(Timestamp.format(epochSeconds: try once.nextWorkingInstant(atOrAfter: start)) == "2030-01-02T09:00:00Z")
    }

    @Test("a team working only on Mondays waits a week between working days")
    func mondaysOnly() throws {
        let c = try F.calendar(#"{"timezone": "Europe/London", "hours": {"mon": "09:00-17:00"}}"#)
        // Mon 10:00 + 1d: the next working day is the next Monday.
        #expect(try F.add("1d", to: "2026-11-23T10:00:00Z", in: c) == "2026-11-30T10:00:00Z")
        // 8 h a week: 9 h from Monday 09:00 ends at 10:00 the Monday after.
        #expect(try F.add("9h", to: "2026-11-23T09:00:00Z", in: c) == "2026-11-30T10:00:00Z")
    }

    @Test("spans on both sides of midnight count across it")
    func midnight() throws {
        // Kolkata (+05:30, no DST): 22:00-24:00 and 00:00-02:00 every day. Mon 2026-03-09 23:00 IST is 17:30Z:
        // 1 h to midnight and 2 h after it ends at 02:00 IST, 20:30Z.
        let night = try F.everyDay("Asia/Kolkata", "00:00-02:00,22:00-24:00")
        #expect(try F.add("3h", to: "2026-03-09T17:30:00Z", in: night) == "2026-03-09T20:30:00Z")
        #expect(
            night.workingSeconds(from: try F.at("2026-03-09T16:30:00Z"), to: try F.at("2026-03-09T20:30:00Z")) == 14_400
        )
    }

    @Test("adding years of business time walks day by day, not minute by minute")
    func longDurations() throws {
        let c = try F.london()
        let start = try F.at("2026-11-23T09:00:00Z")
        // 52 working weeks of 5 days: Monday 2027-11-22 09:00 when no holidays are configured.
        #expect(try F.add("52w", to: "2026-11-23T09:00:00Z", in: c) == "2027-11-22T09:00:00Z")
        // 8 h 30 × 5 × 100 weeks = 4250 h: from a Monday opening to the Friday closing 99 weeks and 4 days later.
        let end = try c.add(F.duration("4250h"), to: start, basis: .business)
        #expect(Timestamp.format(epochSeconds: end) == "2028-10-20T16:30:00Z")
        #expect(c.workingSeconds(from: start, to: end) == 4250 * 3600)
    }
}
