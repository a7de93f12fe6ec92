import Foundation

/// Parsing and printing of the times Baton reads and writes: it prints UTC as `YYYY-MM-DDTHH:MM:SSZ`.
///
/// Hand-written because `ISO8601DateFormatter` is not `Sendable` and accepts less than CRM exports contain.
public enum Timestamp {
    /// Formats whole seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func format(epochSeconds: Int64) -> String {
        let days = floorDiv(epochSeconds, 86_400)
        let secondOfDay = epochSeconds - days * 86_400
        let (y, m, d) = civilDate(fromDays: days)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, Int(secondOfDay / 3600), Int(secondOfDay % 3600 / 60),
            Int(secondOfDay % 60))
    }

    /// Formats a calendar date as `YYYY-MM-DD`.
    public static func formatDate(year: Int, month: Int, day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Parses a time that must carry `Z` or an offset (as `--now` must), to whole seconds since the epoch.
    public static func parseInstant(_ text: String) -> Int64? {
        guard let parts = LocalTimeParts(text), let offset = parts.offsetSeconds, parts.hasTime else { return nil }
        return parts.instant(offsetSeconds: offset)
    }

    /// Parses a date, a date and time, or either with an offset; a time without an offset is read in `zone`,
    /// a date alone means midnight there. The result is whole seconds since the epoch.
    public static func parse(_ text: String, in zone: TimeZone) -> Int64? {
        guard let parts = LocalTimeParts(text) else { return nil }
        if let offset = parts.offsetSeconds { return parts.instant(offsetSeconds: offset) }
        return parts.instant(in: zone)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day number since 1970-01-01.
    public static func civilDate(fromDays z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }

    /// Whether a year/month/day names a real date.
    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return day <= (month == 2 && leap ? 29 : lengths[month - 1])
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

/// The fields of `YYYY-MM-DD[( |T)HH:MM[:SS[.fff]]][Z|±HH[:]MM]`, also with `/` between date fields.
struct LocalTimeParts {
    var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
    var hasTime = false
    var offsetSeconds: Int?

    init?(_ raw: String) {
        let bytes = Array(raw.trimmedWhitespace(includingNewlines: false).utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= bytes.count else { return nil }
            var value = 0
            for k in i..<(i + count) {
                let b = bytes[k]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            i += count
            return value
        }
        func expect(_ chars: String) -> Bool {
            guard i < bytes.count, chars.utf8.contains(bytes[i]) else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect("-/"), let m = number(2), expect("-/"), let d = number(2) else { return nil }
        guard Timestamp.isValidDate(year: y, month: m, day: d) else { return nil }
        (year, month, day) = (y, m, d)
        if i < bytes.count {
            guard expect("T "), let h = number(2), expect(":"), let mi = number(2) else { return nil }
            guard h < 24, mi < 60 else { return nil }
            (hour, minute, hasTime) = (h, mi, true)
            if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = number(2), s < 61 else { return nil }
                second = min(s, 59)
                if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    let start = i
                    while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                    guard i > start else { return nil }
                }
            }
            if i < bytes.count {
                if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
                    i += 1
                    offsetSeconds = 0
                } else if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                    let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    if i < bytes.count, bytes[i] == UInt8(ascii: ":") { i += 1 }
                    guard let om = number(2), oh < 24, om < 60 else { return nil }
                    offsetSeconds = sign * (oh * 3600 + om * 60)
                }
            }
        }
        guard i == bytes.count else { return nil }
    }

    var localSeconds: Int64 {
        Timestamp.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    func instant(offsetSeconds: Int) -> Int64 {
        localSeconds - Int64(offsetSeconds)
    }

    /// Reads wall-clock time in a zone; a time in a spring-forward gap moves forward by the gap, a time in a
    /// fall-back overlap takes the first (earlier) instant.
    func instant(in zone: TimeZone) -> Int64 {
        ZonedTime.instant(localSeconds: localSeconds, in: zone)
    }
}

/// Converts between instants (whole seconds since the epoch) and wall-clock seconds in a zone.
public enum ZonedTime {
    /// The instant of a wall-clock time (seconds since 1970-01-01T00:00 local) in `zone`: in a gap, the time
    /// is shifted forward by the gap's length; in an overlap, the earlier instant wins (RFC 5545, 3.3.5).
    public static func instant(localSeconds: Int64, in zone: TimeZone) -> Int64 {
        let before = offset(at: localSeconds - 86_400, in: zone)
        let after = offset(at: localSeconds + 86_400, in: zone)
        // Candidates: interpret with each of the offsets around; keep those that round-trip.
        var earliest: Int64?
        for offset in Set([before, after, offset(at: localSeconds, in: zone)]) {
            let candidate = localSeconds - offset
            if Self.offset(at: candidate, in: zone) == offset { earliest = min(earliest ?? candidate, candidate) }
        }
        if let earliest { return earliest }
        // In a gap: use the offset in force before the transition, which lands after it.
        return localSeconds - before
    }

    /// Wall-clock seconds since 1970-01-01T00:00 local for an instant in `zone`.
    public static func localSeconds(of instant: Int64, in zone: TimeZone) -> Int64 {
        instant + offset(at: instant, in: zone)
    }

    /// `zone`'s offset from UTC at an instant, in seconds.
    public static func offset(at instant: Int64, in zone: TimeZone) -> Int64 {
        Int64(zone.secondsFromGMT(for: UnixTime.date(instant)))
    }
}
