/// An `RRULE` value (RFC 5545, 3.3.10).
public struct RecurrenceRule: Sendable, Hashable {
    /// `FREQ`, from the shortest period to the longest.
    public enum Frequency: Int, Sendable, Comparable {
        case secondly, minutely, hourly, daily, weekly, monthly, yearly

        public static func < (lhs: Frequency, rhs: Frequency) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One `BYDAY` item: an optional ordinal (0 = every) and a weekday (0 Monday … 6 Sunday).
    public struct WeekdayNum: Sendable, Hashable {
        /// `2` in `2MO`, `-1` in `-1FR`, 0 when absent.
        public var ordinal: Int
        /// 0 Monday … 6 Sunday.
        public var weekday: Int

        /// A `BYDAY` item.
        public init(ordinal: Int = 0, weekday: Int) {
            self.ordinal = ordinal
            self.weekday = weekday
        }
    }

    /// `FREQ`.
    public var frequency: Frequency
    /// `INTERVAL`, 1 when absent.
    public var interval = 1
    /// `COUNT`.
    public var count: Int?
    /// `UNTIL`, a DATE or a DATE-TIME (UTC, or floating with a floating start).
    public var until: CalendarTime?
    /// `BYSECOND`.
    public var bySecond: [Int] = []
    /// `BYMINUTE`.
    public var byMinute: [Int] = []
    /// `BYHOUR`.
    public var byHour: [Int] = []
    /// `BYDAY`.
    public var byDay: [WeekdayNum] = []
    /// `BYMONTHDAY`, negative from the month's end.
    public var byMonthDay: [Int] = []
    /// `BYYEARDAY`, negative from the year's end.
    public var byYearDay: [Int] = []
    /// `BYWEEKNO`, negative from the year's last week.
    public var byWeekNo: [Int] = []
    /// `BYMONTH`.
    public var byMonth: [Int] = []
    /// `BYSETPOS`, negative from the period's end.
    public var bySetPos: [Int] = []
    /// `WKST`: 0 Monday (the default) … 6 Sunday.
    public var weekStart = 0

    /// A rule with only a frequency.
    public init(frequency: Frequency) { self.frequency = frequency }

    /// Two-letter weekday names, Monday first.
    public static let weekdayNames = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Why a rule could not be read.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A sentence naming the rule part.
        public var description: String
    }

    /// Reads an `RRULE` value; rule part names are case-insensitive, and an unknown part is an error.
    public static func parse(_ text: String) throws(ParseError) -> RecurrenceRule {
        var frequency: Frequency?
        var rule = RecurrenceRule(frequency: .daily)
        func integers(_ value: Substring, _ name: String, _ range: ClosedRange<Int>, allowNegative: Bool)
            throws(ParseError) -> [Int]
        {
            var result: [Int] = []
            for item in value.split(ascii: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                guard let number = Int(item.hasPrefix("+") ? item.dropFirst() : item),
                    range.contains(abs(number)), allowNegative || number >= 0, number != 0 || range.lowerBound == 0
                else { throw ParseError(description: "bad \(name) value '\(item)'") }
                result.append(number)
            }
            return result
        }
        for part in Substring(text).split(ascii: UInt8(ascii: ";")) {
            guard let equals = part.firstIndex(of: "=") else {
                if part.allSatisfy({ $0 == " " }) { continue }
                throw ParseError(description: "rule part '\(part)' has no '='")
            }
            // `asciiUppercased` and `trimmedSpaces` return ASCII upper-case text without a copy, as `uppercased()`
            // and `trimmingSpaces` would return it.
            let name = String(part[..<equals]).asciiUppercased.trimmedSpaces
            let value = Substring(String(part[part.index(after: equals)...]).asciiUppercased.trimmedSpaces)
            switch name {
            case "FREQ":
                switch value {
                case "SECONDLY": frequency = .secondly
                case "MINUTELY": frequency = .minutely
                case "HOURLY": frequency = .hourly
                case "DAILY": frequency = .daily
                case "WEEKLY": frequency = .weekly
                case "MONTHLY": frequency = .monthly
                case "YEARLY": frequency = .yearly
                default: throw ParseError(description: "unknown FREQ '\(value)'")
                }
            case "INTERVAL":
                guard let n = Int(value), n >= 1 else { throw ParseError(description: "bad INTERVAL '\(value)'") }
                rule.interval = min(n, 1_000_000)
            case "COUNT":
                guard let n = Int(value), n >= 0 else { throw ParseError(description: "bad COUNT '\(value)'") }
                rule.count = n
            case "UNTIL":
                guard let until = CalendarTime.parse(String(value)) else {
                    throw ParseError(description: "bad UNTIL '\(value)'")
                }
                rule.until = until
            case "BYSECOND": rule.bySecond = try integers(value, name, 0...60, allowNegative: false)
            case "BYMINUTE": rule.byMinute = try integers(value, name, 0...59, allowNegative: false)
            case "BYHOUR": rule.byHour = try integers(value, name, 0...23, allowNegative: false)
            case "BYMONTHDAY": rule.byMonthDay = try integers(value, name, 1...31, allowNegative: true)
            case "BYYEARDAY": rule.byYearDay = try integers(value, name, 1...366, allowNegative: true)
            case "BYWEEKNO": rule.byWeekNo = try integers(value, name, 1...53, allowNegative: true)
            case "BYMONTH": rule.byMonth = try integers(value, name, 1...12, allowNegative: false)
            case "BYSETPOS": rule.bySetPos = try integers(value, name, 1...366, allowNegative: true)
            case "BYDAY":
                for item in value.split(ascii: UInt8(ascii: ",")) {
                    let trimmed = item.trimmingSpaces
                    guard trimmed.count >= 2, let weekday = weekdayNames.firstIndex(of: String(trimmed.suffix(2)))
                    else {
                        throw ParseError(description: "bad BYDAY '\(item)'")
                    }
                    let ordinalText = trimmed.dropLast(2)
                    var ordinal = 0
                    if !ordinalText.isEmpty {
                        guard
                            let n = Int(
                                ordinalText.hasPrefix("+") ? String(ordinalText.dropFirst()) : String(ordinalText)),
                            n != 0, abs(n) <= 53
                        else { throw ParseError(description: "bad BYDAY '\(item)'") }
                        ordinal = n
                    }
                    rule.byDay.append(WeekdayNum(ordinal: ordinal, weekday: weekday))
                }
            case "WKST":
                guard let weekday = weekdayNames.firstIndex(of: String(value)) else {
                    throw ParseError(description: "bad WKST '\(value)'")
                }
                rule.weekStart = weekday
            default:
                if name.hasPrefix("X-") { continue }
                throw ParseError(description: "unknown rule part '\(name)'")
            }
        }
        guard let frequency else { throw ParseError(description: "no FREQ") }
        rule.frequency = frequency
        return rule
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    /// Splits on an ASCII separator, as `split(separator:)` with that character would: on bytes when the text is
    /// ASCII, where every character but CR LF is one byte and no separator falls inside CR LF; on characters
    /// otherwise, since a combining mark after the separator makes one character of both.
    func split(ascii separator: UInt8, omittingEmptySubsequences: Bool = true) -> [Substring] {
        var text = self
        let offsets: [Int]? = text.withUTF8 { bytes -> [Int]? in
            var offsets: [Int] = []  // the separators' byte offsets
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                if byte == separator { offsets.append(offset) }
            }
            return offsets
        }
        guard let offsets else {
            return split(
                separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: omittingEmptySubsequences)
        }
        var items: [Substring] = []
        items.reserveCapacity(offsets.count + 1)
        var start = 0
        for end in offsets + [utf8.count] {
            if end > start || !omittingEmptySubsequences {
                items.append(self[utf8.index(startIndex, offsetBy: start)..<utf8.index(startIndex, offsetBy: end)])
            }
            start = end + 1
        }
        return items
    }
}
