import BatonCore
import CalendarParsing
import Foundation

/// One team's working hours read in one time zone, and the arithmetic of business time over them
/// (Config/README.md, "Durations").
///
/// Working time is the set of instants whose wall-clock time in `zone` lies in one of the spans of their own
/// local date: the date's holiday entry when it has one (no spans: a day off; spans: the hours worked that day),
/// else its weekday's hours. Every count is therefore real elapsed time: a span 00:00-04:00 is 3 h on a
/// spring-forward night and 5 h on a fall-back night, and a span wholly inside a skipped hour is empty.
/// Instants are whole seconds since the epoch, as everywhere inside Baton.
public struct BusinessCalendar: Sendable, Equatable {
    /// How far ahead an open-ended search (the next opening, adding a duration) looks for working time before it
    /// gives up with `BusinessTimeError.noWorkingTime`.
    public static let searchLimitDays: Int64 = 3660

    /// The weekly hours, Monday first.
    public let hours: WeeklyHours
    /// The zone the hours are read in.
    public let zone: TimeZone
    /// `zone`'s offsets as a table of its transitions: the clocks ask for an offset a few times per working day
    /// they walk, and Foundation's answer (ICU, behind a lock) was half the time of evaluating them.
    private let rules: ZoneRules
    /// Local date (days since 1970-01-01) → the spans worked that day, replacing the weekday's hours.
    public private(set) var exceptions: [Int64: [WeeklyHours.Span]]

    /// A calendar of weekly hours and holidays (whole days off, or half days with the spans worked) in `zone`.
    public init(hours: WeeklyHours, holidays: [Config.Holiday] = [], zone: TimeZone) {
        self.hours = hours
        self.zone = zone
        rules = ZoneRules(timeZone: zone)
        exceptions = [:]
        for holiday in holidays {
            exceptions[Timestamp.days(year: holiday.year, month: holiday.month, day: holiday.day)] =
                holiday.workingSpans
        }
    }

    /// A team's calendar, read in the owner rep's own zone when the rep has one.
    ///
    /// The team's `holidaysFile` is not read here: pass its dates through `addingHoliday`.
    public init(team: Config.Team, repTimeZone: TimeZone? = nil) throws(BusinessTimeError) {
        guard let zone = repTimeZone ?? TimeZone(identifier: team.timezoneID) else {
            throw .unknownTimeZone(team.timezoneID)
        }
        self.init(hours: team.hours, holidays: team.holidays, zone: zone)
    }

    /// This calendar with one more holiday (from a team's `.ics` file, say): a whole day off, or, with
    /// `workingSpans`, the hours worked that day, which also opens a date that is normally a day off.
    public func addingHoliday(
        year: Int, month: Int, day: Int, workingSpans: [WeeklyHours.Span] = []
    ) -> BusinessCalendar {
        var copy = self
        copy.exceptions[Timestamp.days(year: year, month: month, day: day)] = workingSpans
        return copy
    }

    /// This calendar with many holidays at once, by local date (days since 1970-01-01): the spans worked that day,
    /// none for a day off. One copy, where `addingHoliday` in a loop would copy the table for each day.
    public func addingHolidays(_ days: [Int64: [WeeklyHours.Span]]) -> BusinessCalendar {
        var copy = self
        copy.exceptions.merge(days) { _, new in new }
        return copy
    }

    /// Whether `instant` is working time.
    public func isWorking(at instant: Int64) -> Bool {
        let local = instant + offset(at: instant)
        let day = Self.floorDiv(local, 86_400)
        let secondOfDay = local - day * 86_400
        return spans(onDay: day).contains { Int64($0.start) * 60 <= secondOfDay && secondOfDay < Int64($0.end) * 60 }
    }

    /// The first working instant at or after `instant`: `instant` itself during working time, else the next
    /// opening.
    public func nextWorkingInstant(atOrAfter instant: Int64) throws(BusinessTimeError) -> Int64 {
        var intervals = WorkingIntervals(self, from: instant)
        guard let first = intervals.next() else { throw .noWorkingTime(after: instant) }
        return first.start
    }

    /// The working time between two instants, in seconds; negative when `end` is before `start`.
    ///
    /// `workingSeconds(from: due, to: stoppedAt)` is how late a clock stopped, in business seconds.
    public func workingSeconds(from start: Int64, to end: Int64) -> Int64 {
        let (a, b) = (start, end)
        if b < a { return -workingSeconds(from: end, to: start) }
        var intervals = WorkingIntervals(self, from: a, until: b)
        var total: Int64 = 0
        while let interval = intervals.next(), interval.start < b {
            total += min(interval.end, b) - interval.start
        }
        return total
    }

    /// The spans worked on a local date (days since 1970-01-01).
    func spans(onDay day: Int64) -> [WeeklyHours.Span] {
        if let exception = exceptions[day] { return exception }
        // 1970-01-01 was a Thursday, index 3 with Monday = 0. `days` is a public var: a short array has no hours.
        let weekday = Int(((day + 3) % 7 + 7) % 7)
        return weekday < hours.days.count ? hours.days[weekday] : []
    }

    /// The zone's offset from UTC at an instant, in seconds.
    func offset(at seconds: Int64) -> Int64 {
        Int64(rules.offset(atUTC: seconds))
    }

    /// The zone's offset at an instant and the instants `[from, until)` around it over which it holds.
    func offsetSpan(at seconds: Int64) -> (offset: Int64, from: Int64, until: Int64) {
        let span = rules.offsetSpan(atUTC: seconds)
        return (Int64(span.offset), span.from, span.until)
    }

    /// Two calendars are equal when their hours, zone and exceptions are (the zone's table follows from the zone).
    public static func == (a: BusinessCalendar, b: BusinessCalendar) -> Bool {
        a.hours == b.hours && a.zone == b.zone && a.exceptions == b.exceptions
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return a % b < 0 ? q - 1 : q
    }
}
