import Foundation

/// UTC offsets of one time zone as a table of transitions, for fast conversion in both directions.
public struct ZoneRules: Sendable {
    /// The identifier it was built for (an Olson name, or a calendar's own `TZID`).
    public let identifier: String
    private let transitions: [Int64]
    private let offsets: [Int32]
    private let initialOffset: Int32
    private let system: TimeZone?
    private let tableStart: Int64
    private let tableEnd: Int64
    private let tail: ZoneTail?

    /// A zone with a fixed offset (seconds east of UTC).
    public static func fixed(_ offset: Int, identifier: String = "UTC") -> ZoneRules {
        ZoneRules(identifier: identifier, initialOffset: offset, transitions: [])
    }

    /// A zone from transitions: the offset in force before the first, then each transition's new offset.
    public init(identifier: String, initialOffset: Int, transitions: [(utc: Int64, offset: Int)]) {
        self.init(identifier: identifier, initialOffset: initialOffset, transitions: transitions, tail: nil)
    }

    /// A zone from transitions up to `tail.from`, and after it the offsets `tail` computes year by year.
    init(identifier: String, initialOffset: Int, transitions: [(utc: Int64, offset: Int)], tail: ZoneTail?) {
        self.identifier = identifier
        let sorted = transitions.sorted { $0.utc < $1.utc }
        self.transitions = sorted.map(\.utc)
        self.offsets = sorted.map { Int32($0.offset) }
        self.initialOffset = Int32(initialOffset)
        self.system = nil
        self.tableStart = Int64.min
        self.tableEnd = tail?.from ?? Int64.max
        self.tail = tail
    }

    /// A system zone, with its transitions from 1970 to 2100 tabled; earlier instants ask Foundation, later
    /// ones follow the yearly rule in the footer of the zone's TZif file (the last tabled offset without one).
    public init(timeZone: TimeZone) {
        identifier = timeZone.identifier
        system = timeZone
        let start: Int64 = 0
        let end = ZoneRules.tableHorizon
        tableStart = start
        tableEnd = end
        tail = PosixZoneRule.system(identifier: timeZone.identifier).map { .posix($0, from: end) }
        initialOffset = Int32(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(start))))
        var times: [Int64] = []
        var values: [Int32] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(start))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < TimeInterval(end)
        {
            times.append(Int64(next.timeIntervalSince1970))
            values.append(Int32(timeZone.secondsFromGMT(for: next)))
            cursor = next
            if times.count > 1000 { break }
        }
        transitions = times
        offsets = values
    }

    /// The offset east of UTC at an instant.
    @inline(__always)
    public func offset(atUTC t: Int64) -> Int {
        if t < tableStart, let system {
            return system.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
        }
        if t >= tableEnd, let tail { return tail.offset(atUTC: t, before: tabledOffset(atUTC: t)) }
        return tabledOffset(atUTC: t)
    }

    /// The offset at `t` and a span of instants around it, `[from, until)`, over which it holds: the tabled
    /// transitions on either side of `t`, or `t` alone outside the table. Whoever asks about nearby instants
    /// (day after day of working time) checks the span instead of searching the table again.
    public func offsetSpan(atUTC t: Int64) -> (offset: Int, from: Int64, until: Int64) {
        guard t >= tableStart, t < tableEnd else { return (offset(atUTC: t), t, t &+ 1) }
        let index = transitionIndex(atUTC: t)
        let from = index == 0 ? tableStart : max(tableStart, transitions[index - 1])
        let until = index == transitions.count ? tableEnd : min(tableEnd, transitions[index])
        return (Int(index == 0 ? initialOffset : offsets[index - 1]), from, until)
    }

    /// The zone's rules as text: the identifier, the offset in force at the table's start, each tabled transition
    /// (`instant:offset`), and how the offsets go on after the table. Two zones with the same text give the same
    /// offset at every instant from the table's start (1970 for a system zone). The clocks' fingerprint hashes the
    /// text of each zone they read, so that a new time-zone database, or a Baton built with one, evaluates the
    /// leads again.
    public var rulesText: String {
        var text = "\(identifier) \(initialOffset)"
        for (instant, offset) in zip(transitions, offsets) { text += " \(instant):\(offset)" }
        text += " then " + (tail.map { String(reflecting: $0) } ?? "unchanged")
        return text
    }

    /// Where the table of every zone ends: 2100-01-01T00:00:00Z.
    static let tableHorizon: Int64 = 4_102_444_800

    @inline(__always)
    private func tabledOffset(atUTC t: Int64) -> Int {
        let index = transitionIndex(atUTC: t)
        return Int(index == 0 ? initialOffset : offsets[index - 1])
    }

    /// How many tabled transitions are at or before `t`.
    @inline(__always)
    private func transitionIndex(atUTC t: Int64) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The instant of a wall-clock time: in a spring-forward gap the time moves forward by the gap; in a
    /// fall-back overlap the first occurrence wins (RFC 5545, 3.3.5).
    public func instant(localSeconds l: Int64) -> Int64 {
        // Usually no transition lies within a day either side: one search of the table then gives the answer.
        let low = l &- 86_400, high = l &+ 86_400
        if low >= tableStart, high < tableEnd, low < l, high > l {
            let index = transitionIndex(atUTC: low)
            if index == transitions.count || transitions[index] > high {
                let offset = Int64(index == 0 ? initialOffset : offsets[index - 1])
                if offset >= -86_400, offset <= 86_400 { return l - offset }
            }
        }
        let before = offset(atUTC: l - 86_400)
        let after = offset(atUTC: l + 86_400)
        if before == after, offset(atUTC: l - Int64(before)) == before { return l - Int64(before) }
        var best: Int64?
        for candidate in [before, after] {
            let utc = l - Int64(candidate)
            if offset(atUTC: utc) == candidate, best.map({ utc < $0 }) ?? true { best = utc }
        }
        if let best { return best }
        let middle = offset(atUTC: l)
        if offset(atUTC: l - Int64(middle)) == middle { return l - Int64(middle) }
        return l - Int64(before)
    }

    /// Wall-clock seconds of an instant.
    @inline(__always)
    public func localSeconds(ofUTC t: Int64) -> Int64 { t + Int64(offset(atUTC: t)) }
}

/// How a zone's offsets go on after its table: a POSIX rule (system zones) or a `VTIMEZONE`'s open-ended
/// yearly observances, evaluated for the years around each instant asked about.
enum ZoneTail: Sendable {
    /// A TZif footer, from the instant `from`.
    case posix(PosixZoneRule, from: Int64)
    /// Observances whose `RRULE` runs past `from`.
    case observances([RecurringObservance], from: Int64)

    /// One `STANDARD` or `DAYLIGHT` sub-component with an `RRULE`.
    struct RecurringObservance: Sendable {
        var rule: RecurrenceRule
        /// `DTSTART`, wall-clock seconds in the offset before the onset.
        var startLocal: Int64
        var untilLocal: Int64?
        var offsetFrom: Int
        var offsetTo: Int
    }

    /// Where the table stops and this takes over.
    var from: Int64 {
        switch self {
        case .posix(_, let from), .observances(_, let from): from
        }
    }

    /// The offset at `t`: that of the latest change at or before `t` in `t`'s year or the year before, else
    /// `fallback` (the table's last offset, or standard time for a zone with no daylight time).
    func offset(atUTC t: Int64, before fallback: Int) -> Int {
        let year = CivilDate(days: CivilDate.floorDiv(t, 86_400)).year
        var best: (utc: Int64, offset: Int)?
        for y in (year - 1)...year {
            for change in transitions(inYear: y) where change.utc <= t && change.utc > (best?.utc ?? Int64.min) {
                best = change
            }
        }
        if let best { return best.offset }
        if case .posix(let rule, _) = self, rule.daylight == nil { return rule.standardOffset }
        return fallback
    }

    private func transitions(inYear year: Int) -> [(utc: Int64, offset: Int)] {
        switch self {
        case .posix(let rule, _): return rule.transitions(inYear: year)
        case .observances(let list, _):
            let first = CivilDate.days(year: year, month: 1, day: 1) * 86_400
            let last = CivilDate.days(year: year + 1, month: 1, day: 1) * 86_400
            var result: [(utc: Int64, offset: Int)] = []
            for observance in list {
                var iterator = RecurrenceIterator(
                    rule: observance.rule, start: observance.startLocal, untilLocal: observance.untilLocal,
                    through: last, skipBefore: first, maxPeriods: 100_000)
                while let onset = iterator.next(), onset < last {
                    if onset >= first { result.append((onset - Int64(observance.offsetFrom), observance.offsetTo)) }
                }
            }
            return result
        }
    }
}
