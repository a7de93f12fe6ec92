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
