import Foundation

/// The one place Foundation's `Date` and Baton's time meet. Inside Baton an instant is an `Int64`: whole seconds
/// since 1970-01-01T00:00:00Z, what the store holds and the clock engine computes with (ARCHITECTURE.md, "Rules").
/// A `Date` exists only at the edges, where Foundation gives or takes one: the wall clock, a time zone's offset,
/// `Calendar` arithmetic and formatting.
public enum UnixTime {
    /// The wall clock, in whole seconds (rounded down).
    public static func now() -> Int64 { seconds(Date()) }

    /// The whole seconds of a `Date`, rounded down (towards the past).
    public static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// The `Date` of whole seconds, for a Foundation API that takes one.
    public static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}
