/// A PERIOD value (RFC 5545, 3.3.9): a start and either an end or a duration.
public struct CalendarPeriod: Sendable, Hashable {
    /// The start.
    public var start: CalendarTime
    /// The explicit end, if written as `start/end`.
    public var end: CalendarTime?
    /// The duration, if written as `start/duration`.
    public var duration: CalendarDuration?

    /// Reads `start/end` or `start/duration`; `tzid` applies to local times.
    public static func parse(_ text: String, tzid: String?) -> CalendarPeriod? {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        guard let start = CalendarTime.parse(String(text[..<slash]), tzid: tzid), !start.isDate else { return nil }
        let rest = String(text[text.index(after: slash)...])
        if let duration = CalendarDuration.parse(rest) {
            return CalendarPeriod(start: start, end: nil, duration: duration)
        }
        guard let end = CalendarTime.parse(rest, tzid: tzid), !end.isDate else { return nil }
        return CalendarPeriod(start: start, end: end, duration: nil)
    }
}
