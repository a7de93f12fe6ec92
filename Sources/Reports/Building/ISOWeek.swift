import BatonCore
import Foundation

/// One ISO 8601 week in a time zone: its label and its bounds in epoch seconds (`baton digest --week`).
public struct ISOWeek: Sendable, Equatable {
    /// `2026-W47`.
    public var label: String
    /// Monday 00:00 local time.
    public var start: Int64
    /// The next Monday 00:00 local time (exclusive); a week with a daylight-saving change is an hour off 7 days.
    public var end: Int64

    /// The week holding `instant`, read in `zone`.
    public init(containing instant: Int64, in zone: TimeZone) {
        let day = ISOWeekCalendar(zone: zone).localDay(instant)
        self.init(monday: day - ISOWeekCalendar.weekday(day), zone: zone)
    }

    /// The week whose Monday is local day `monday` (days since 1970-01-01).
    init(monday: Int64, zone: TimeZone) {
        label = ISOWeekCalendar.label(day: monday)
        start = ZonedTime.instant(localSeconds: monday * 86_400, in: zone)
        end = ZonedTime.instant(localSeconds: (monday + 7) * 86_400, in: zone)
    }

    /// `2026-W47`, or a date (`2026-11-18`: the week holding it), read in `zone`; nil when neither, or when the
    /// year has no such week.
    public static func parse(_ text: String, in zone: TimeZone) -> ISOWeek? {
        let parts = text.split(separator: "-")
        if parts.count == 2, parts[1].hasPrefix("W") || parts[1].hasPrefix("w"), let year = Int(parts[0]),
            let number = Int(parts[1].dropFirst()), (1...53).contains(number)
        {
            // Week 1 is the week holding 4 January.
            let january4 = Timestamp.days(year: year, month: 1, day: 4)
            let week = ISOWeek(
                monday: january4 - ISOWeekCalendar.weekday(january4) + Int64(number - 1) * 7, zone: zone)
            return week.label == String(format: "%04d-W%02d", year, number) ? week : nil
        }
        guard let instant = Timestamp.parse(text, in: zone) else { return nil }
        return ISOWeek(containing: instant, in: zone)
    }

    /// The week before this one.
    public func previous(in zone: TimeZone) -> ISOWeek { ISOWeek(containing: start - 1, in: zone) }
}
