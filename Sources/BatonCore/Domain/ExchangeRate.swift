/// What one unit of a currency is worth in the reports' currency (`reports.rates`), held exactly as an integer
/// number of millionths, never as a float: `1.08` is 1 080 000.
public struct ExchangeRate: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The rate times 10^6.
    public let millionths: Int64

    /// The digits kept after the decimal point.
    public static let decimals = 6

    /// A rate of `millionths` / 10^6.
    public init(millionths: Int64) { self.millionths = millionths }

    /// Reads a positive decimal written with `.` and at most six decimals (`1.08`, `0.000125`, `150`); nil for
    /// anything else (a sign, an exponent, a comma, more decimals, zero, too large).
    public init?(decimal text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= Self.decimals else { return nil }
        var value: Int64 = 0
        for character in whole + fraction + String(repeating: "0", count: Self.decimals - fraction.count) {
            guard let digit = character.wholeNumberValue else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        guard value > 0 else { return nil }
        millionths = value
    }

    /// The rate as a decimal without trailing zeros: `1.08`, `150`.
    public var description: String {
        let whole = String(millionths / 1_000_000)
        var fraction = String(millionths % 1_000_000)
        fraction = String(repeating: "0", count: Self.decimals - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }
}
