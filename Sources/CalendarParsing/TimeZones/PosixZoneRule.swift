import Foundation

/// A POSIX `TZ` rule such as `EST5EDT,M3.2.0,M11.1.0`: the footer of a version 2+ TZif file (RFC 8536, 3.3),
/// which says how the zone's offsets go on after the file's last explicit transition.
public struct PosixZoneRule: Sendable, Equatable {
    /// Standard time's offset east of UTC, in seconds.
    public var standardOffset: Int
    /// Daylight time's offset and its yearly start and end, when the zone has daylight time.
    public var daylight: Daylight?

    /// When daylight time runs: each bound is a day of the year and a wall-clock time (of the time in force
    /// before the change), which may be negative or past 24 hours (RFC 8536, 3.3.1).
    public struct Daylight: Sendable, Equatable {
        /// Daylight time's offset east of UTC, in seconds.
        public var offset: Int
        /// The day daylight time starts.
        public var start: Day
        /// Seconds after that day's midnight, standard time.
        public var startTime: Int
        /// The day daylight time ends.
        public var end: Day
        /// Seconds after that day's midnight, daylight time.
        public var endTime: Int
    }

    /// A day of the year as POSIX writes it.
    public enum Day: Sendable, Equatable {
        /// `Jn`: day 1…365, February 29 never counted.
        case julianNoLeap(Int)
        /// `n`: day 0…365, February 29 counted.
        case zeroBased(Int)
        /// `Mm.w.d`: weekday `d` (0 Sunday) of week `w` (5: the last) of month `m`.
        case monthWeekDay(month: Int, week: Int, weekday: Int)

        /// Days since 1970-01-01 of this day in `year`.
        func days(in year: Int) -> Int64 {
            let january1 = CivilDate.days(year: year, month: 1, day: 1)
            switch self {
            case .julianNoLeap(let n):
                let leapShift = CivilDate.isLeap(year) && n >= 60 ? 1 : 0
                return january1 + Int64(n - 1 + leapShift)
            case .zeroBased(let n): return january1 + Int64(n)
            case .monthWeekDay(let month, let week, let weekday):
                let first = CivilDate.days(year: year, month: month, day: 1)
                // CivilDate counts Monday as 0; POSIX counts Sunday as 0.
                let firstWeekday = (CivilDate.weekday(days: first) + 1) % 7
                var day = first + Int64((weekday - firstWeekday + 7) % 7 + (week - 1) * 7)
                let next = first + Int64(CivilDate.monthLength(year: year, month: month))
                while day >= next { day -= 7 }
                return day
            }
        }
    }

    /// The offset changes of `year`, as (instant, new offset), in no particular order.
    public func transitions(inYear year: Int) -> [(utc: Int64, offset: Int)] {
        guard let daylight else { return [] }
        let start = daylight.start.days(in: year) * 86_400 + Int64(daylight.startTime) - Int64(standardOffset)
        let end = daylight.end.days(in: year) * 86_400 + Int64(daylight.endTime) - Int64(daylight.offset)
        return [(start, daylight.offset), (end, standardOffset)]
    }

    /// Reads a POSIX `TZ` string; nil when it is not one.
    public static func parse(_ text: String) -> PosixZoneRule? {
        var cursor = RuleCursor(Array(text.utf8))
        guard cursor.name(), let std = cursor.time(signed: true) else { return nil }
        var rule = PosixZoneRule(standardOffset: -std, daylight: nil)
        if cursor.atEnd { return rule }
        guard cursor.name() else { return nil }
        var dstOffset = -std + 3600
        if let written = cursor.time(signed: true) { dstOffset = -written }
        // A daylight name without a rule: POSIX leaves the dates to the implementation; tzcode uses the US rule.
        guard cursor.take(UInt8(ascii: ",")) else {
            guard cursor.atEnd else { return nil }
            rule.daylight = Daylight(
                offset: dstOffset, start: .monthWeekDay(month: 3, week: 2, weekday: 0), startTime: 7200,
                end: .monthWeekDay(month: 11, week: 1, weekday: 0), endTime: 7200)
            return rule
        }
        guard let start = cursor.day() else { return nil }
        var startTime = 7200
        if cursor.take(UInt8(ascii: "/")) {
            guard let time = cursor.time(signed: true) else { return nil }
            startTime = time
        }
        guard cursor.take(UInt8(ascii: ",")), let end = cursor.day() else { return nil }
        var endTime = 7200
        if cursor.take(UInt8(ascii: "/")) {
            guard let time = cursor.time(signed: true) else { return nil }
            endTime = time
        }
        guard cursor.atEnd else { return nil }
        rule.daylight = Daylight(offset: dstOffset, start: start, startTime: startTime, end: end, endTime: endTime)
        return rule
    }

    /// The footer of a TZif file (version 2 or later): the text between its last two newlines.
    public static func footer(ofTZif bytes: [UInt8]) -> String? {
        guard bytes.count > 44, bytes[0] == 0x54, bytes[1] == 0x5A, bytes[2] == 0x69, bytes[3] == 0x66,
            bytes[4] >= UInt8(ascii: "2"), bytes.last == 0x0A
        else { return nil }
        var index = bytes.count - 2
        while index >= 0, bytes[index] != 0x0A {
            if bytes.count - index > 256 { return nil }
            index -= 1
        }
        guard index >= 0 else { return nil }
        return String(decoding: bytes[(index + 1)..<(bytes.count - 1)], as: UTF8.self)
    }

    /// The rule in the footer of the system's TZif file for an Olson name (`TZDIR`, else `/usr/share/zoneinfo`).
    public static func system(identifier: String) -> PosixZoneRule? {
        guard !identifier.isEmpty, !identifier.hasPrefix("/"), !identifier.contains("..") else { return nil }
        let folder = ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"
        guard let data = FileManager.default.contents(atPath: folder + "/" + identifier),
            let footer = footer(ofTZif: [UInt8](data))
        else { return nil }
        return parse(footer)
    }

    /// A cursor over a `TZ` string.
    private struct RuleCursor {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A zone abbreviation: three or more letters, or `<…>` with letters, digits, `+` and `-`.
        mutating func name() -> Bool {
            let begin = index
            if take(UInt8(ascii: "<")) {
                while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                guard take(UInt8(ascii: ">")) else { return false }
                return index - begin >= 5
            }
            while index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"),
                (bytes[index] | 0x20) <= UInt8(ascii: "z")
            {
                index += 1
            }
            return index - begin >= 3
        }

        mutating func number(maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < maxDigits {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                digits += 1
            }
            return digits == 0 ? nil : value
        }

        /// `[+-]hh[:mm[:ss]]` in seconds; hours up to 167 (RFC 8536's extension).
        mutating func time(signed: Bool) -> Int? {
            var sign = 1
            if signed, take(UInt8(ascii: "-")) { sign = -1 } else if signed { _ = take(UInt8(ascii: "+")) }
            guard let hours = number(maxDigits: 3), hours <= 167 else { return nil }
            var seconds = hours * 3600
            if take(UInt8(ascii: ":")) {
                guard let minutes = number(maxDigits: 2), minutes < 60 else { return nil }
                seconds += minutes * 60
                if take(UInt8(ascii: ":")) {
                    guard let secs = number(maxDigits: 2), secs < 60 else { return nil }
                    seconds += secs
                }
            }
            return sign * seconds
        }

        mutating func day() -> Day? {
            if take(UInt8(ascii: "J")) {
                guard let n = number(maxDigits: 3), (1...365).contains(n) else { return nil }
                return .julianNoLeap(n)
            }
            if take(UInt8(ascii: "M")) {
                guard let month = number(maxDigits: 2), (1...12).contains(month), take(UInt8(ascii: ".")),
                    let week = number(maxDigits: 1), (1...5).contains(week), take(UInt8(ascii: ".")),
                    let weekday = number(maxDigits: 1), weekday <= 6
                else { return nil }
                return .monthWeekDay(month: month, week: week, weekday: weekday)
            }
            guard let n = number(maxDigits: 3), n <= 365 else { return nil }
            return .zeroBased(n)
        }
    }
}
