/// When an occurrence starts or ends: an all-day date, or an instant.
public enum OccurrenceTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// An all-day date (floating, read as UTC midnight for ordering and windows).
    case date(CivilDate)
    /// Seconds since the epoch (floating times are read as UTC).
    case instant(Int64)

    /// Seconds since the epoch used to order and window occurrences.
    @inline(__always)
    public var sortKey: Int64 {
        switch self {
        case .date(let date): date.days * 86_400
        case .instant(let seconds): seconds
        }
    }

    /// `YYYY-MM-DD` for a date, `YYYY-MM-DDTHH:MM:SSZ` for an instant.
    public var description: String {
        switch self {
        case .date(let date): date.description
        case .instant(let seconds): CalendarFormat.utc(seconds)
        }
    }

    public static func < (lhs: OccurrenceTime, rhs: OccurrenceTime) -> Bool { lhs.sortKey < rhs.sortKey }
}

/// One occurrence of an event: its identity (`UID`, `RECURRENCE-ID`), its span, and the component that
/// describes it (the master, or the override that replaced this instance).
public struct EventOccurrence: Sendable {
    /// `UID`.
    public var uid: String?
    /// The instance's original start; nil for a non-recurring event.
    public var recurrenceID: OccurrenceTime?
    /// The start.
    public var start: OccurrenceTime
    /// The end (exclusive; for an all-day event, the day after the last day).
    public var end: OccurrenceTime
    /// The component whose properties apply (summary, status, attendees…).
    public var event: CalendarEvent
    /// The calendar's `METHOD`.
    public var method: String?
}
