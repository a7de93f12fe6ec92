import Foundation

/// A calendar month, as the spend file writes it (`2026-11`): the period marketing's spend is booked in.
public struct YearMonth: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// The year, four digits.
    public let year: Int
    /// The month, 1…12.
    public let month: Int

    /// The month `month` (1…12) of `year` (0…9999); nil outside those ranges.
    public init?(year: Int, month: Int) {
        guard (0...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Reads exactly `YYYY-MM` (four digits, a hyphen, two digits, a month 01…12); anything else is nil.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
        let digits = bytes[0..<4] + bytes[5..<7]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let value = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) } }
        self.init(year: value(0..<4), month: value(5..<7))
    }

    /// The month `instant` falls in, on the wall clock of `zone`.
    public init(containing instant: Int64, in zone: TimeZone) {
        let local = ZonedTime.localSeconds(of: instant, in: zone)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let date = Timestamp.civilDate(fromDays: days)
        year = date.year
        month = date.month
    }

    /// `2026-11`: how the spend file and the store write it (text order is month order).
    public var description: String {
        let y = String(year)
        let m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count < 2 ? "0" : "") + m
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
