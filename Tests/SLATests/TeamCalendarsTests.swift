import BatonCore
import Foundation
import Testing

@testable import SLA

/// Team calendars as the scan builds them: a team's `.ics` holidays, the owner's own zone, the default team.
@Suite struct TeamCalendarsTests {
    static func config(folder: String, holidays: String) throws -> Config {
        let json = """
            {
              "store": "baton.sqlite",
              "internal_domains": ["example.com"],
              "sources": [],
              "teams": {
                "emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}, "holidays": \(holidays)},
                "amer": {"timezone": "America/New_York", "hours": {"mon-fri": "09:00-17:00"}}
              },
              "policies": [],
              "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "outbox"}}
            }
            """
        return try ConfigLoader.parse(Array(json.utf8), path: folder + "/baton.json")
    }

    static func at(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }

    @Test("all-day events of a team's .ics file are days off, multi-day events on each day; a timed one is a half day")
    func icsHolidays() throws {
        let folder = NSTemporaryDirectory() + "baton-holidays-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ics = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//test//EN\r
            BEGIN:VEVENT\r
            UID:xmas@example.com\r
            DTSTAMP:20260101T000000Z\r
            DTSTART;VALUE=DATE:20261225\r
            DTEND;VALUE=DATE:20261229\r
            SUMMARY:Christmas break\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:offsite@example.com\r
            DTSTAMP:20260101T000000Z\r
            DTSTART:20261230T100000Z\r
            DTEND:20261230T120000Z\r
            SUMMARY:A timed event takes its hours\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        try Data(ics.utf8).write(to: URL(fileURLWithPath: folder + "/holidays.ics"))
        let config = try Self.config(folder: folder, holidays: #""holidays.ics""#)
        let calendars = TeamCalendars(config: config)
        let emea = try calendars.calendar(team: "emea")
        // Thursday 24 works; Friday 25 to Monday 28 (DTEND exclusive) are off; Tuesday 29 and Wednesday 30 work.
        #expect(emea.isWorking(at: Self.at("2026-12-24T10:00:00Z")))
        #expect(!emea.isWorking(at: Self.at("2026-12-25T10:00:00Z")))
        #expect(!emea.isWorking(at: Self.at("2026-12-28T10:00:00Z")))
        #expect(emea.isWorking(at: Self.at("2026-12-29T10:00:00Z")))
        #expect(!emea.isWorking(at: Self.at("2026-12-30T10:30:00Z")))
        #expect(emea.isWorking(at: Self.at("2026-12-30T12:00:00Z")))
        #expect(calendars.problems == [])
        // 4 business hours from Thursday 15:00: 2 h 30 that day, then 1 h 30 on Tuesday.
        let due = try emea.add(
            DurationSpec(amount: 4, unit: .hours), to: Self.at("2026-12-24T15:00:00Z"), basis: .business)
        #expect(Timestamp.format(epochSeconds: due) == "2026-12-29T10:30:00Z")
    }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            .appendingPathComponent(name).path
    }

    /// The emea calendar with a fixture as its holidays file, read in `repZone` when given.
    static func calendar(_ fixture: String, repZone: String? = nil) throws -> (BusinessCalendar, [String]) {
        let config = try Self.config(folder: "/tmp", holidays: "\"\(Self.fixture(fixture))\"")
        let calendars = TeamCalendars(config: config)
        let calendar = try calendars.calendar(team: "emea", repZone: repZone)
        return (calendar, calendars.problems)
    }

    /// The spans worked on a local date, as `09:00-13:00` strings.
    static func worked(_ calendar: BusinessCalendar, _ year: Int, _ month: Int, _ day: Int) -> [String] {
        calendar.spans(onDay: Timestamp.days(year: year, month: month, day: day)).map(\.description)
    }

    @Test("a Google feed: public holidays, a yearly RRULE, an early closing, and a cancelled day that still works")
    func googleFeed() throws {
        let (emea, problems) = try Self.calendar("google-holidays.ics")
        #expect(problems == [])
        #expect(Self.worked(emea, 2026, 12, 25) == [])
        #expect(Self.worked(emea, 2026, 12, 28) == [])
        #expect(Self.worked(emea, 2026, 12, 24) == ["09:00-13:00"])
        // "Company day": the first Monday of June every year since 2024, in 2031 as in 2026.
        #expect(Self.worked(emea, 2026, 6, 1) == [])
        #expect(Self.worked(emea, 2031, 6, 2) == [])
        #expect(Self.worked(emea, 2031, 6, 3) == ["09:00-17:30"])
        #expect(Self.worked(emea, 2026, 11, 30) == ["09:00-17:30"])
        // 4 business hours from Thursday 24 December 11:00: two that morning, then two from Tuesday 29 at 09:00.
        let due = try emea.add(
            DurationSpec(amount: 4, unit: .hours), to: Self.at("2026-12-24T11:00:00Z"), basis: .business)
        #expect(Timestamp.format(epochSeconds: due) == "2026-12-29T11:00:00Z")
    }

    @Test("an Outlook feed: a yearly all-day RRULE, a midnight-to-midnight day in a Windows zone, a timed afternoon")
    func outlookFeed() throws {
        let (emea, problems) = try Self.calendar("outlook-holidays.ics")
        #expect(problems == [])
        #expect(Self.worked(emea, 2027, 1, 1) == [])
        #expect(Self.worked(emea, 2030, 1, 1) == [])
        // Outlook writes some all-day events as 00:00 to 00:00 in the zone (BST here): the whole day goes.
        #expect(Self.worked(emea, 2026, 8, 31) == [])
        #expect(Self.worked(emea, 2026, 9, 1) == ["09:00-17:30"])
        #expect(Self.worked(emea, 2026, 7, 15) == ["09:00-14:00"])
        #expect(emea.isWorking(at: Self.at("2026-07-15T12:59:00Z")))
        #expect(!emea.isWorking(at: Self.at("2026-07-15T13:00:00Z")))
    }

    @Test("a Thunderbird feed: an RDATE list, a DURATION of two days, a timed DURATION, and an event over two days")
    func thunderbirdFeed() throws {
        let (emea, problems) = try Self.calendar("thunderbird-holidays.ics")
        #expect(problems == [])
        for (month, day) in [(4, 3), (4, 6), (5, 4), (5, 25), (6, 10), (6, 11)] {
            #expect(Self.worked(emea, 2026, month, day) == [], "2026-\(month)-\(day)")
        }
        #expect(Self.worked(emea, 2026, 6, 12) == ["09:00-17:30"])
        #expect(Self.worked(emea, 2026, 9, 16) == ["12:00-17:30"])
        #expect(Self.worked(emea, 2026, 10, 20) == ["09:00-15:00"])
        #expect(Self.worked(emea, 2026, 10, 21) == ["11:00-17:30"])
        // Read in a rep's own zone, the same instants cover other local hours: Paris is an hour ahead of London.
        let (paris, _) = try Self.calendar("thunderbird-holidays.ics", repZone: "Europe/Paris")
        #expect(Self.worked(paris, 2026, 9, 16) == ["09:00-10:00", "13:00-17:30"])
        #expect(Self.worked(paris, 2026, 4, 3) == [])
    }

    @Test(
        "removing covered minutes splits, trims or drops working spans",
        arguments: [
            (540..<600, ["08:00-09:00", "10:00-12:00", "13:00-17:00"]),
            (0..<1440, []),
            (700..<790, ["08:00-11:40", "13:10-17:00"]),
            (1020..<1080, ["08:00-12:00", "13:00-17:00"]),
        ])
    func removing(covered: Range<Int>, expected: [String]) {
        let spans = [WeeklyHours.Span(start: 480, end: 720), WeeklyHours.Span(start: 780, end: 1020)]
        #expect(TeamCalendars.removing(minutes: covered, from: spans).map(\.description) == expected)
    }

    @Test("a rep's own zone moves the team's hours; an unknown team falls back to the default team")
    func zones() throws {
        let config = try Self.config(folder: "/tmp", holidays: #"["2026-12-25"]"#)
        let calendars = TeamCalendars(config: config)
        let paris = try calendars.calendar(team: "emea", repZone: "Europe/Paris")
        #expect(paris.isWorking(at: Self.at("2026-11-26T08:30:00Z")))
        #expect(!paris.isWorking(at: Self.at("2026-11-26T16:45:00Z")))
        let unknown = try calendars.calendar(team: "apac")
        #expect(unknown.zone.identifier == "Europe/London")
        let amer = try calendars.calendar(team: "amer")
        #expect(amer.isWorking(at: Self.at("2026-11-26T21:30:00Z")))
        #expect(!amer.isWorking(at: Self.at("2026-11-26T09:30:00Z")))
    }
}
