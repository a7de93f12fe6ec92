import BatonCore

/// One stretch of working time, `[start, end)` in seconds since the epoch, with the zone's offset in force
/// throughout it and the local date (days since 1970-01-01) whose hours it belongs to.
struct WorkingInterval: Equatable {
    var start: Int64
    var end: Int64
    var offset: Int64
    var day: Int64
}

/// The working intervals at or after an instant, in order, computed one local day at a time (or the part of a
/// day between two offset changes), so a search costs a few calls per day, never one per minute.
///
/// An open-ended walk ends after `BusinessCalendar.searchLimitDays` days without working time; a bounded one
/// (`until`) ends at its bound.
struct WorkingIntervals: IteratorProtocol {
    let calendar: BusinessCalendar
    /// Everything before it has been split into intervals.
    private var cursor: Int64
    private let bound: Int64?
    /// The end of the last working time seen (or the start), for the give-up rule.
    private var lastWork: Int64
    private var pending: [WorkingInterval] = []
    private var index = 0
    /// The offset last looked up and the instants over which it holds (`BusinessCalendar.offsetSpan`): most days
    /// need no search of the zone's table.
    private var known: (offset: Int64, from: Int64, until: Int64) = (0, 0, 0)

    init(_ calendar: BusinessCalendar, from start: Int64, until bound: Int64? = nil) {
        self.calendar = calendar
        cursor = start
        lastWork = start
        self.bound = bound
    }

    mutating func next() -> WorkingInterval? {
        while index == pending.count {
            if let bound {
                guard cursor < bound else { return nil }
            } else {
                guard cursor - lastWork <= BusinessCalendar.searchLimitDays * 86_400 else { return nil }
            }
            nextSegment()
            index = 0
        }
        let interval = pending[index]
        index += 1
        lastWork = interval.end
        return interval
    }

    /// The zone's offset at `t`, from the span last looked up when `t` is in it.
    private mutating func offset(at t: Int64) -> Int64 {
        if t < known.from || t >= known.until { known = calendar.offsetSpan(at: t) }
        return known.offset
    }

    /// Splits `[cursor, the next local midnight or offset change)` into its working intervals, in `pending`.
    private mutating func nextSegment() {
        let offset = offset(at: cursor)
        let local = cursor + offset
        let day = BusinessCalendar.floorDiv(local, 86_400)
        let midnight = day * 86_400
        var end = midnight + 86_400 - offset
        if self.offset(at: end - 1) != offset {
            // An offset change before the local day ends: find its first second (the offset at `low` is still
            // `offset`, at `high` it is not).
            var (low, high) = (cursor, end - 1)
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if self.offset(at: middle) == offset { low = middle } else { high = middle }
            }
            end = high
        }
        pending.removeAll(keepingCapacity: true)
        for span in calendar.spans(onDay: day) {
            let from = max(midnight + Int64(span.start) * 60, local)
            let to = min(midnight + Int64(span.end) * 60, end + offset)
            if from < to {
                pending.append(WorkingInterval(start: from - offset, end: to - offset, offset: offset, day: day))
            }
        }
        cursor = end
    }
}
