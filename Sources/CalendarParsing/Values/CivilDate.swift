/// A proleptic Gregorian calendar date.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Narrow storage keeps occurrences small; the API speaks Int.
    private var storedYear: Int32
    private var storedMonth: Int8
    private var storedDay: Int8

    /// The year.
    public var year: Int {
        get { Int(storedYear) }
        set { storedYear = Int32(truncatingIfNeeded: newValue) }
    }
    /// The month, 1–12.
    public var month: Int {
        get { Int(storedMonth) }
        set { storedMonth = Int8(truncatingIfNeeded: newValue) }
    }
    /// The day of the month, 1–31.
    public var day: Int {
        get { Int(storedDay) }
        set { storedDay = Int8(truncatingIfNeeded: newValue) }
    }

    /// A date; no validation (see `isValid`).
    public init(year: Int, month: Int, day: Int) {
        storedYear = Int32(truncatingIfNeeded: year)
        storedMonth = Int8(truncatingIfNeeded: month)
        storedDay = Int8(truncatingIfNeeded: day)
    }

    /// The date of a day number since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    public init(days z0: Int64) {
        let z = z0 + 719_468
        let era = CivilDate.floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    public var days: Int64 { CivilDate.days(year: year, month: month, day: day) }

    /// Days since 1970-01-01 of a year/month/day.
    @inline(__always)
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Whether the date exists (no February 30).
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= CivilDate.monthLength(year: year, month: month)
    }

    /// Whether `year` is a leap year.
    @inline(__always)
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The number of days in a month.
    @inline(__always)
    public static func monthLength(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The day of the week of a day number: 0 Monday … 6 Sunday.
    @inline(__always)
    public static func weekday(days: Int64) -> Int { Int(floorMod(days + 3, 7)) }

    /// `YYYY-MM-DD`.
    public var description: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    @inline(__always)
    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}

/// Zero-padded decimal.
@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    return value < 0 ? "-" + padded : padded
}

/// Formatting of instants and wall-clock seconds.
public enum CalendarFormat {
    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the epoch.
    public static func utc(_ epochSeconds: Int64) -> String { local(epochSeconds) + "Z" }

    /// `YYYY-MM-DDTHH:MM:SS` for wall-clock seconds since 1970-01-01T00:00.
    public static func local(_ seconds: Int64) -> String {
        let days = CivilDate.floorDiv(seconds, 86_400)
        let second = Int(seconds - days * 86_400)
        return CivilDate(days: days).description + "T" + pad(second / 3600, 2) + ":" + pad(second / 60 % 60, 2) + ":"
            + pad(second % 60, 2)
    }
}
