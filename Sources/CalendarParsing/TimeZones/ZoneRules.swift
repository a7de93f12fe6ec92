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

    /// A zone with a fixed offset (seconds east of UTC).
    public static func fixed(_ offset: Int, identifier: String = "UTC") -> ZoneRules {
        ZoneRules(identifier: identifier, initialOffset: offset, transitions: [])
    }

    /// A zone from transitions: the offset in force before the first, then each transition's new offset.
    public init(identifier: String, initialOffset: Int, transitions: [(utc: Int64, offset: Int)]) {
        self.identifier = identifier
        let sorted = transitions.sorted { $0.utc < $1.utc }
        self.transitions = sorted.map(\.utc)
        self.offsets = sorted.map { Int32($0.offset) }
        self.initialOffset = Int32(initialOffset)
        self.system = nil
        self.tableStart = Int64.min
    }

    /// A system zone, with its transitions from 1970 to 2100 tabled; other instants ask Foundation.
    public init(timeZone: TimeZone) {
        identifier = timeZone.identifier
        system = timeZone
        let start: Int64 = 0
        let end: Int64 = 4_102_444_800  // 2100-01-01
        tableStart = start
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
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return Int(low == 0 ? initialOffset : offsets[low - 1])
    }

    /// The instant of a wall-clock time: in a spring-forward gap the time moves forward by the gap; in a
    /// fall-back overlap the first occurrence wins (RFC 5545, 3.3.5).
    public func instant(localSeconds l: Int64) -> Int64 {
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
