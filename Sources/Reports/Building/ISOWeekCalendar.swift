import BatonCore
import Foundation

/// ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday) of instants read in one zone.
public struct ISOWeekCalendar: Sendable {
    /// The zone instants are read in.
    public let zone: TimeZone

    /// Weeks in `zone`.
    public init(zone: TimeZone) { self.zone = zone }

    /// The week of `epochSeconds` in `zone`, as `2026-W47`.
    public func label(_ epochSeconds: Int64) -> String {
        Self.label(day: localDay(epochSeconds))
    }

    /// The labels of every week that `[since, until)` touches, in order.
    public func labels(since: Int64, until: Int64) -> [String] {
        guard since < until else { return [] }
        let first = localDay(since)
        let last = localDay(until - 1)
        let monday = first - Self.weekday(first)
        return stride(from: monday, through: last, by: 7).map { Self.label(day: $0) }
    }

    /// Days since 1970-01-01 of the local date of an instant.
    func localDay(_ epochSeconds: Int64) -> Int64 {
        let local = ZonedTime.localSeconds(of: epochSeconds, in: zone)
        return Self.floorDiv(local, 86_400)
    }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    static func weekday(_ day: Int64) -> Int64 {
        ((day + 3) % 7 + 7) % 7
    }

    /// The ISO week of a local day: the week-year is that of the week's Thursday.
    static func label(day: Int64) -> String {
        let thursday = day - weekday(day) + 3
        let year = Timestamp.civilDate(fromDays: thursday).year
        let week = (thursday - Timestamp.days(year: year, month: 1, day: 1)) / 7 + 1
        return String(format: "%04d-W%02d", year, Int(week))
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
