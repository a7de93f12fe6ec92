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
