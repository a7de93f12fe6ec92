import BatonCore
import Foundation
import Testing

@testable import SLA

/// Calendars built the way Baton builds them: a team object read by `ConfigLoader`, then `BusinessCalendar`.
enum BusinessTimeFixtures {
    /// A calendar from one team's JSON (`{"timezone": …, "hours": {…}, "holidays": […]}`).
    static func calendar(_ teamJSON: String, repTimeZone: TimeZone? = nil) throws -> BusinessCalendar {
        let json = """
            {
              "store": "baton.sqlite",
              "internal_domains": ["example.com"],
              "sources": [],
              "teams": {"t": \(teamJSON)},
              "policies": [{"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}],
              "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "outbox"}}
            }
            """
        let config = try ConfigLoader.parse(Array(json.utf8), path: "/tmp/baton-sla-tests/baton.json")
        return try BusinessCalendar(team: config.teams[0], repTimeZone: repTimeZone)
    }

    /// A calendar working `hours` every day of the week in `zone`.
    static func everyDay(_ zone: String, _ hours: String) throws -> BusinessCalendar {
        try calendar(#"{"timezone": "\#(zone)", "hours": {"mon-sun": "\#(hours)"}}"#)
    }

    /// London, Monday to Friday 09:00-17:30 (GMT in November, so local time reads as UTC there).
    static func london() throws -> BusinessCalendar {
        try calendar(#"{"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}"#)
    }

    /// An instant written `YYYY-MM-DDTHH:MM:SSZ`.
    static func at(_ text: String) throws -> Int64 { try #require(Timestamp.parseInstant(text)) }

    /// A duration written as in the configuration (`4h`, `1d`).
    static func duration(_ text: String) throws -> DurationSpec { try #require(DurationSpec(text)) }

    /// `calendar.add` with everything written as text, the result formatted as Baton prints it.
    static func add(
        _ duration: String, to start: String, in calendar: BusinessCalendar,
        basis: Config.Policy.TimeBasis = .business
    ) throws -> String {
        Timestamp.format(epochSeconds: try calendar.add(Self.duration(duration), to: at(start), basis: basis))
    }
}
