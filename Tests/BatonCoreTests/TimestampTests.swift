import Foundation
import Testing

@testable import BatonCore

@Suite struct TimestampTests {
    static let london = TimeZone(identifier: "Europe/London")!

    @Test(
        "instants with Z or an offset parse to the exact second",
        arguments: [
            ("2026-11-27T09:00:00Z", "2026-11-27T09:00:00Z"),
            ("2026-11-27T09:00Z", "2026-11-27T09:00:00Z"),
            ("2026-11-27T10:30:15+01:00", "2026-11-27T09:30:15Z"),
            ("2026-11-27T04:00:00-0500", "2026-11-27T09:00:00Z"),
            ("2026-11-27 09:00:00.250Z", "2026-11-27T09:00:00Z"),
            ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ])
    func instants(input: String, expected: String) throws {
        let date = try #require(Timestamp.parseInstant(input))
        #expect(Timestamp.format(epochSeconds: date) == expected)
    }

    @Test(
        "an instant without an offset, or that is not a time, is refused",
        arguments: ["2026-11-27T09:00:00", "2026-11-27", "2026-02-30T09:00Z", "2026-11-27T25:00Z", "yesterday", ""])
    func refused(input: String) {
        #expect(Timestamp.parseInstant(input) == nil)
    }

    @Test(
        "a time without an offset is read in the given zone; a date alone is midnight there",
        arguments: [
            ("2026-11-27", "2026-11-27T00:00:00Z"),
            ("2026-07-01", "2026-06-30T23:00:00Z"),
            ("2026-07-01 09:30", "2026-07-01T08:30:00Z"),
            ("2026/07/01 09:30", "2026-07-01T08:30:00Z"),
            ("2026-07-01T09:30:00+02:00", "2026-07-01T07:30:00Z"),
        ])
    func local(input: String, expected: String) throws {
        let date = try #require(Timestamp.parse(input, in: Self.london))
        #expect(Timestamp.format(epochSeconds: date) == expected)
    }

    @Test("a local time in the spring-forward gap moves forward by the gap")
    func gap() throws {
        let date = try #require(Timestamp.parse("2026-03-29 01:30", in: Self.london))
        #expect(Timestamp.format(epochSeconds: date) == "2026-03-29T01:30:00Z")
    }

    @Test("a local time in the fall-back overlap takes the earlier instant")
    func overlap() throws {
        let date = try #require(Timestamp.parse("2026-10-25 01:30", in: Self.london))
        #expect(Timestamp.format(epochSeconds: date) == "2026-10-25T00:30:00Z")
        let newYork = TimeZone(identifier: "America/New_York")!
        let ny = try #require(Timestamp.parse("2026-11-01 01:30", in: newYork))
        #expect(Timestamp.format(epochSeconds: ny) == "2026-11-01T05:30:00Z")
    }

    @Test("a Date becomes whole seconds rounded towards the past, and back")
    func unixTime() {
        #expect(UnixTime.seconds(Date(timeIntervalSince1970: 1_764_000_000.75)) == 1_764_000_000)
        #expect(UnixTime.seconds(Date(timeIntervalSince1970: -0.5)) == -1)
        #expect(UnixTime.date(1_764_000_000) == Date(timeIntervalSince1970: 1_764_000_000))
    }

    @Test("day numbers round-trip through civil dates, leap days included")
    func civil() {
        #expect(Timestamp.days(year: 1970, month: 1, day: 1) == 0)
        #expect(Timestamp.days(year: 2000, month: 2, day: 29) == 11_016)
        for day in stride(from: Int64(-800_000), to: 800_000, by: 997) {
            let (y, m, d) = Timestamp.civilDate(fromDays: day)
            #expect(Timestamp.days(year: y, month: m, day: d) == day)
        }
        #expect(Timestamp.isValidDate(year: 2028, month: 2, day: 29))
        #expect(!Timestamp.isValidDate(year: 2100, month: 2, day: 29))
    }
}

@Suite struct DurationSpecTests {
    @Test(
        "durations are a whole number and a unit",
        arguments: [("4h", 4, "h", 14_400), ("90m", 90, "m", 5_400), ("1d", 1, "d", 86_400), ("2w", 2, "w", 1_209_600)])
    func valid(text: String, amount: Int, unit: String, seconds: Int64) throws {
        let d = try #require(DurationSpec(text))
        #expect(d.amount == amount)
        #expect(d.unit.rawValue == unit)
        #expect(d.calendarSeconds == seconds)
        #expect(d.description == text)
    }

    @Test("malformed durations are refused", arguments: ["4", "h", "4x", "-4h", "1.5h", "4 h", "30s", "", "9999999h"])
    func invalid(text: String) {
        #expect(DurationSpec(text) == nil)
    }

    @Test("seconds are allowed where asked for (transport timeouts)")
    func seconds() {
        #expect(DurationSpec("30s", allowSeconds: true) == DurationSpec(amount: 30, unit: .seconds))
    }
}
