import BatonCore

/// Converts amounts into `reports.currency` with `reports.rates`, exactly: integer minor units times a rate kept in
/// millionths, rounded once, half away from zero, to the target currency's minor unit. An amount whose currency
/// has no rate (or when no `reports.currency` is set) is not converted: it is reported in its own currency, on its
/// own line, and never added to another currency.
public struct MoneyConverter: Sendable, Equatable {
    /// `reports.currency`; nil: nothing is converted.
    public let currency: String?
    /// `reports.rates`: one unit of the key's currency in `currency`.
    public let rates: [String: ExchangeRate]

    public init(_ reports: Config.Reports) {
        currency = reports.currency
        rates = reports.rates
    }

    public init(currency: String?, rates: [String: ExchangeRate] = [:]) {
        self.currency = currency
        self.rates = rates
    }

    /// `amount` in `reports.currency`; nil when there is no reporting currency, no rate for the amount's currency,
    /// or the result does not fit 64 bits.
    public func convert(_ amount: Money) -> Money? {
        guard let currency else { return nil }
        if amount.currency == currency { return amount }
        guard let rate = rates[amount.currency] else { return nil }
        let from = Money.minorDigits[amount.currency] ?? 2
        let to = Money.minorDigits[currency] ?? 2
        // minor × rate / 10^6, moved from the source's minor unit to the target's: × 10^to / 10^from.
        var numerator = Int128(amount.minor) * Int128(rate.millionths)
        var denominator = Int128(1_000_000)
        if to >= from {
            for _ in 0..<(to - from) { numerator *= 10 }
        } else {
            for _ in 0..<(from - to) { denominator *= 10 }
        }
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        let rounded = remainder.magnitude * 2 >= denominator.magnitude ? quotient + (numerator < 0 ? -1 : 1) : quotient
        guard let minor = Int64(exactly: rounded) else { return nil }
        return Money(minor: minor, currency: currency)
    }

    /// The amount as the reports show it: converted when it can be, else as it is.
    public func reported(_ amount: Money) -> Money { convert(amount) ?? amount }
}

/// Sums of amounts kept apart by currency: what every money figure of the report is, one line per currency.
public struct MoneyTotals: Sendable, Equatable {
    /// Minor units by currency code.
    private var sums: [String: Int64] = [:]

    public init() {}

    /// Adds `amount` to its currency's sum (saturating at the 64-bit limit rather than trapping).
    public mutating func add(_ amount: Money) {
        let (sum, overflow) = sums[amount.currency, default: 0].addingReportingOverflow(amount.minor)
        sums[amount.currency] = overflow ? (amount.minor < 0 ? .min : .max) : sum
    }

    /// The sums, one per currency, in currency-code order; empty when nothing was added.
    public var amounts: [Money] { sums.keys.sorted().map { Money(minor: sums[$0]!, currency: $0) } }

    /// The sum in `currency` (zero when nothing in it was added).
    public func amount(in currency: String) -> Money { Money(minor: sums[currency] ?? 0, currency: currency) }

    /// The currencies that have a sum.
    public var currencies: [String] { sums.keys.sorted() }
}

extension ReportStatistics {
    /// `total ÷ count` in the total's minor units, rounded half away from zero; nil when `count` is 0.
    public static func average(_ total: Money, count: Int) -> Money? {
        guard count > 0 else { return nil }
        let n = Int64(count)
        let quotient = total.minor / n
        let remainder = total.minor % n
        let rounded = remainder.magnitude * 2 >= n.magnitude ? quotient + (total.minor < 0 ? -1 : 1) : quotient
        return Money(minor: rounded, currency: total.currency)
    }

    /// The nearest-rank median of amounts of one currency; nil for none.
    public static func median(_ amounts: [Money], currency: String) -> Money? {
        nearestRank(amounts.filter { $0.currency == currency }.map(\.minor), percentile: 50).map {
            Money(minor: $0, currency: currency)
        }
    }

    /// `amount ÷ divisor` for a cost per item (cost per MQL, per SQL, per won deal), rounded like `average`; nil
    /// when there is nothing to divide by, so a channel with spend and no MQL shows as such.
    public static func costPer(_ amount: Money, _ divisor: Int) -> Money? { average(amount, count: divisor) }

    /// `part ÷ whole` of two amounts of one currency (return on spend); nil when the currencies differ or the
    /// whole is zero.
    public static func ratio(_ part: Money, _ whole: Money) -> Double? {
        guard part.currency == whole.currency, whole.minor != 0 else { return nil }
        return Double(part.minor) / Double(whole.minor)
    }
}
