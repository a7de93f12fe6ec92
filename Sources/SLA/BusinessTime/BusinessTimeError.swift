import BatonCore
import Foundation

/// Why a business-time computation has no answer.
public enum BusinessTimeError: Error, Equatable, CustomStringConvertible {
    /// The calendar has no working time within `BusinessCalendar.searchLimitDays` days after the instant.
    case noWorkingTime(after: Int64)
    /// A team's `timezone` that Foundation does not know.
    case unknownTimeZone(String)
    /// A duration or an amount of working time below zero.
    case negativeDuration(seconds: Int64)

    public var description: String {
        switch self {
        case .noWorkingTime(let instant):
            "no working time within \(BusinessCalendar.searchLimitDays) days after \(Timestamp.format(epochSeconds: instant))"
        case .unknownTimeZone(let id): "unknown time zone '\(id)'"
        case .negativeDuration(let seconds): "a duration cannot be negative (\(seconds) s)"
        }
    }
}
