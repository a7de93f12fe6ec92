import BatonCore
import Foundation

extension BusinessCalendar {
    /// `start` plus a policy target (Config/README.md, "Durations").
    ///
    /// In calendar time every unit is absolute: `1d` is 24 h, `1w` 7 d, whatever the wall clock does.
    ///
    /// In business time `s`, `m` and `h` count working time only, from `start` or, outside hours, from the next
    /// opening; the result is the earliest instant with that much working time behind it (so it may be the very
    /// end of a span, and a zero duration gives `start`).
    ///
    /// `nd` in business time: take the first working instant at or after `start` (a lead arriving on Saturday
    /// or at 20:00 starts at the next opening) and its wall-clock time T; move to the n-th next local date that
    /// has working time; the result is the first working instant of that date whose wall-clock time is T or
    /// later (T itself when that date works at T; the next opening that date when T falls in a break, before its
    /// hours or in a skipped hour; the first of two instants when T is repeated), or, when that date's hours are
    /// over by T (a half day), the end of its last span. `nw` is `(5n)d`.
    public func add(
        _ duration: DurationSpec, to start: Int64, basis: Config.Policy.TimeBasis
    ) throws(BusinessTimeError) -> Int64 {
        guard duration.amount >= 0 else { throw .negativeDuration(seconds: duration.calendarSeconds) }
        switch (basis, duration.unit) {
        case (.calendar, _):
            return start + duration.calendarSeconds
        case (.business, .seconds), (.business, .minutes), (.business, .hours):
            return try addingWorkingSeconds(duration.calendarSeconds, to: start)
        case (.business, .days):
            return try addingWorkingDays(Int64(duration.amount), to: start)
        case (.business, .weeks):
            return try addingWorkingDays(Int64(duration.amount) * 5, to: start)
        }
    }

    /// The earliest instant with `seconds` of working time between `start` and it (`start` itself for zero).
    public func addingWorkingSeconds(_ seconds: Int64, to start: Int64) throws(BusinessTimeError) -> Int64 {
        guard seconds >= 0 else { throw .negativeDuration(seconds: seconds) }
        if seconds == 0 { return start }
        var remaining = seconds
        var intervals = WorkingIntervals(self, from: start)
        while let interval = intervals.next() {
            let length = interval.end - interval.start
            if remaining <= length { return interval.start + remaining }
            remaining -= length
        }
        throw .noWorkingTime(after: start)
    }

    /// The same wall-clock time `count` working days later, as `add` documents for `d`.
    func addingWorkingDays(_ count: Int64, to start: Int64) throws(BusinessTimeError) -> Int64 {
        var intervals = WorkingIntervals(self, from: start)
        guard var current = intervals.next() else { throw .noWorkingTime(after: start) }
        // Wall-clock seconds after local midnight of the first working instant.
        let timeOfDay = current.start + current.offset - current.day * 86_400
        var day = current.day
        var moved: Int64 = 0
        while moved < count {
            guard let interval = intervals.next() else { throw .noWorkingTime(after: start) }
            if interval.day > day {
                moved += 1
                day = interval.day
            }
            current = interval
        }
        let wanted = day * 86_400 + timeOfDay
        var candidate: WorkingInterval? = current
        var lastEnd = current.end
        while let interval = candidate, interval.day == day {
            if interval.end + interval.offset > wanted {
                return max(interval.start, wanted - interval.offset)
            }
            lastEnd = interval.end
            candidate = intervals.next()
        }
        return lastEnd
    }

    /// Signed elapsed time from `start` to `end` in a policy's time: working seconds in business time, absolute
    /// seconds in calendar time. From a due time to a stop, it is how late the clock stopped.
    public func elapsedSeconds(from start: Int64, to end: Int64, basis: Config.Policy.TimeBasis) -> Int64 {
        switch basis {
        case .business: workingSeconds(from: start, to: end)
        case .calendar: end - start
        }
    }

    /// A due time pushed back by a pause `[pausedFrom, pausedUntil)` (a pause pushes its due time back by
    /// the paused time): by the pause's working time in business time, added after `due` as `add` adds
    /// `h`; by its length in calendar time. An empty or backwards pause leaves `due` as it is.
    public func pushingBack(
        _ due: Int64, pausedFrom: Int64, until pausedUntil: Int64, basis: Config.Policy.TimeBasis
    ) throws(BusinessTimeError) -> Int64 {
        let paused = max(0, elapsedSeconds(from: pausedFrom, to: pausedUntil, basis: basis))
        switch basis {
        case .business: return try addingWorkingSeconds(paused, to: due)
        case .calendar: return due + paused
        }
    }

    /// The instant at which `fraction` (a warning's `warn_at`, e.g. 0.75) of a target has elapsed from `start`.
    ///
    /// The target's time is its working time from `start` to its due time (`add`), which for `m` and `h` is the
    /// amount itself; the result is `addingWorkingSeconds` of that fraction of it, rounded to the nearest second.
    /// In calendar time it is the fraction of the absolute length. A fraction below 0 counts as 0.
    public func instant(
        atFraction fraction: Double, of target: DurationSpec, from start: Int64, basis: Config.Policy.TimeBasis
    ) throws(BusinessTimeError) -> Int64 {
        let share = max(0, fraction)
        switch basis {
        case .calendar:
            guard target.amount >= 0 else { throw .negativeDuration(seconds: target.calendarSeconds) }
            return start + Int64((Double(target.calendarSeconds) * share).rounded())
        case .business:
            let due = try add(target, to: start, basis: .business)
            let total = workingSeconds(from: start, to: due)
            return try addingWorkingSeconds(Int64((Double(total) * share).rounded()), to: start)
        }
    }
}
