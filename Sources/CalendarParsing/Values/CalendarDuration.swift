/// A DURATION value (RFC 5545, 3.3.6): weeks and days are nominal, hours, minutes and seconds exact.
public struct CalendarDuration: Sendable, Hashable {
    /// Nominal days (weeks count 7), signed.
    public var days: Int
    /// Exact seconds, signed.
    public var seconds: Int64

    /// A duration.
    public init(days: Int = 0, seconds: Int64 = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// Reads `[+-]P(nW | nD[TnH[nM[nS]]] | TnH…)`; lenient about the order of parts after `T`.
    public static func parse(_ text: String) -> CalendarDuration? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        var i = 0
        var sign: Int64 = 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            if bytes[i] == UInt8(ascii: "-") { sign = -1 }
            i += 1
        }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "P") || bytes[i] == UInt8(ascii: "p") else { return nil }
        i += 1
        var days: Int64 = 0
        var seconds: Int64 = 0
        var inTime = false
        var sawPart = false
        var sawTimePart = false
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: "t") {
                guard !inTime else { return nil }
                inTime = true
                i += 1
                continue
            }
            var number: Int64 = 0
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, i - start < 12 {
                number = number * 10 + Int64(bytes[i] - 0x30)
                i += 1
            }
            guard i > start, i < bytes.count else { return nil }
            switch (bytes[i] | 0x20, inTime) {
            case (UInt8(ascii: "w"), false): days += number * 7
            case (UInt8(ascii: "d"), false): days += number
            case (UInt8(ascii: "h"), true): seconds += number * 3600
            case (UInt8(ascii: "m"), true): seconds += number * 60
            case (UInt8(ascii: "s"), true): seconds += number
            default: return nil
            }
            sawPart = true
            if inTime { sawTimePart = true }
            i += 1
        }
        guard sawPart, !inTime || sawTimePart, days < 1_000_000 else { return nil }
        return CalendarDuration(days: Int(sign * days), seconds: sign * seconds)
    }
}

/// A UTC-OFFSET value (RFC 5545, 3.3.14): `(+|-)HHMM[SS]`, in seconds east of UTC.
public enum UTCOffset {
    /// Seconds east of UTC, or nil.
    public static func parse(_ text: String) -> Int? {
        let bytes = Array(text.utf8.filter { $0 != 0x20 && $0 != UInt8(ascii: ":") })
        guard bytes.count == 5 || bytes.count == 7, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-")
        else {
            return nil
        }
        var parts: [Int] = []
        var k = 1
        while k + 1 < bytes.count + 1, k < bytes.count {
            let a = bytes[k], b = bytes[k + 1]
            guard a >= 0x30, a <= 0x39, b >= 0x30, b <= 0x39 else { return nil }
            parts.append(Int(a - 0x30) * 10 + Int(b - 0x30))
            k += 2
        }
        guard parts.count >= 2, parts[0] < 24, parts[1] < 60 else { return nil }
        let total = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
        return bytes[0] == UInt8(ascii: "-") ? -total : total
    }
}

/// A PERIOD value (RFC 5545, 3.3.9): a start and either an end or a duration.
public struct CalendarPeriod: Sendable, Hashable {
    /// The start.
    public var start: CalendarTime
    /// The explicit end, if written as `start/end`.
    public var end: CalendarTime?
    /// The duration, if written as `start/duration`.
    public var duration: CalendarDuration?

    /// Reads `start/end` or `start/duration`; `tzid` applies to local times.
    public static func parse(_ text: String, tzid: String?) -> CalendarPeriod? {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        guard let start = CalendarTime.parse(String(text[..<slash]), tzid: tzid), !start.isDate else { return nil }
        let rest = String(text[text.index(after: slash)...])
        if let duration = CalendarDuration.parse(rest) {
            return CalendarPeriod(start: start, end: nil, duration: duration)
        }
        guard let end = CalendarTime.parse(rest, tzid: tzid), !end.isDate else { return nil }
        return CalendarPeriod(start: start, end: end, duration: nil)
    }
}
