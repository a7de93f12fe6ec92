import BatonCore
import Foundation
import Reports
import Testing

@testable import Scan

/// ISO weeks in a zone, and when the weekly digest falls due.
@Suite struct WeeklyDigestTests {
    static let london = TimeZone(identifier: "Europe/London")!
    static func at(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }
    static func iso(_ s: Int64) -> String { Timestamp.format(epochSeconds: s) }

    @Test(
        "the ISO week of an instant: label, Monday midnight and the next, in the zone",
        arguments: [
            ("2026-11-26T17:00:00Z", "2026-W48", "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"),
            ("2026-11-23T00:00:00Z", "2026-W48", "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"),
            ("2026-11-22T23:59:59Z", "2026-W47", "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z"),
            ("2026-01-01T12:00:00Z", "2026-W01", "2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z"),
            ("2027-01-01T12:00:00Z", "2026-W53", "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z"),
            ("2021-01-03T12:00:00Z", "2020-W53", "2020-12-28T00:00:00Z", "2021-01-04T00:00:00Z"),
            // British Summer Time: Monday midnight is 23:00 UTC the day before.
            ("2026-07-08T12:00:00Z", "2026-W28", "2026-07-05T23:00:00Z", "2026-07-12T23:00:00Z"),
            // The week of the autumn change is an hour longer.
            ("2026-10-25T12:00:00Z", "2026-W43", "2026-10-18T23:00:00Z", "2026-10-26T00:00:00Z"),
        ])
    func weeks(instant: String, label: String, start: String, end: String) {
        let week = ISOWeek(containing: Self.at(instant), in: Self.london)
        #expect(week.label == label)
        #expect(Self.iso(week.start) == start)
        #expect(Self.iso(week.end) == end)
    }

    @Test("a week is named by its label or by a date in it; impossible weeks are refused")
    func parse() {
        #expect(ISOWeek.parse("2026-W47", in: Self.london)?.start == Self.at("2026-11-16T00:00:00Z"))
        #expect(ISOWeek.parse("2026-W53", in: Self.london)?.label == "2026-W53")
        #expect(ISOWeek.parse("2025-W53", in: Self.london) == nil)
        #expect(ISOWeek.parse("2026-W54", in: Self.london) == nil)
        #expect(ISOWeek.parse("2026-11-18", in: Self.london)?.label == "2026-W47")
        #expect(ISOWeek.parse("next week", in: Self.london) == nil)
        #expect(
            ISOWeek(containing: Self.at("2026-11-26T17:00:00Z"), in: Self.london).previous(in: Self.london).label
                == "2026-W47")
    }

    static func config(weekly: String?) throws -> Config {
        let digest = weekly.map { #", "weekly_digest": \#($0)"# } ?? ""
        let json = """
            {"store": "s.sqlite", "timezone": "Europe/London", "internal_domains": ["example.com"], "sources": [],
             "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},
             "policies": [],
             "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "out"}\(digest)}}
            """
        return try ConfigLoader.parse(Array(json.utf8), path: "/tmp/baton.json")
    }

    @Test("the digest of last week falls due at the configured day and hour, never for a time before the first scan")
    func due() throws {
        let config = try Self.config(weekly: #"{"day": "mon", "at": "08:00", "to": ["marketing@example.com"]}"#)
        let since = Self.at("2026-11-01T00:00:00Z")
        #expect(WeeklyDigest.dueWeek(config, now: Self.at("2026-11-23T07:59:59Z"), since: since) == nil)
        #expect(WeeklyDigest.dueWeek(config, now: Self.at("2026-11-23T08:00:00Z"), since: since)?.label == "2026-W47")
        #expect(WeeklyDigest.dueWeek(config, now: Self.at("2026-11-26T17:00:00Z"), since: since)?.label == "2026-W47")
        // Installed on Wednesday: Monday's digest is not sent late.
        #expect(
            WeeklyDigest.dueWeek(config, now: Self.at("2026-11-25T10:00:00Z"), since: Self.at("2026-11-25T09:00:00Z"))
                == nil)
        let friday = try Self.config(weekly: #"{"day": "fri", "at": "16:30", "to": ["m@example.com"]}"#)
        #expect(WeeklyDigest.dueWeek(friday, now: Self.at("2026-11-26T17:00:00Z"), since: since) == nil)
        #expect(WeeklyDigest.dueWeek(friday, now: Self.at("2026-11-27T16:30:00Z"), since: since)?.label == "2026-W47")
        #expect(
            WeeklyDigest.dueWeek(try Self.config(weekly: nil), now: Self.at("2026-11-27T16:30:00Z"), since: since)
                == nil)
    }
}
