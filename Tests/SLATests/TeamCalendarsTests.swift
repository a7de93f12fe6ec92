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

    static func at(_ s: String) -> Date { Timestamp.parseInstant(s)! }

    @Test("every all-day event of a team's .ics holidays file is a day off, multi-day events on each day")
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
            SUMMARY:A timed event is not a holiday\r
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
        #expect(emea.isWorking(at: Self.at("2026-12-30T10:30:00Z")))
        #expect(calendars.problems == [])
        // 4 business hours from Thursday 15:00: 2 h 30 that day, then 1 h 30 on Tuesday.
        let due = try emea.add(
            DurationSpec(amount: 4, unit: .hours), to: Self.at("2026-12-24T15:00:00Z"), basis: .business)
        #expect(Timestamp.format(due) == "2026-12-29T10:30:00Z")
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
