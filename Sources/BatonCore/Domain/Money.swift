/// An amount of money as the CRM export and the spend file write it: whole minor units (cents) of one ISO 4217
/// currency, never a floating-point number, so that sums are exact. Two amounts in different currencies are never
/// added together (`adding` refuses); the reports convert only with the configuration's rates.
public struct Money: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The amount in the currency's minor unit (cents for EUR, yen for JPY, fils for KWD).
    public var minor: Int64
    /// The ISO 4217 code, upper case (`EUR`).
    public var currency: String

    /// An amount of `minor` minor units of `currency` (an upper-case ISO 4217 code).
    public init(minor: Int64, currency: String) {
        self.minor = minor
        self.currency = currency
    }

    /// Why a text is not an amount.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Empty, or not digits with at most one `.` (a thousands separator or a decimal comma included).
        case notANumber(String)
        /// More digits after the point than the currency has minor units.
        case tooManyDecimals(String, currency: String, digits: Int)
        /// Not an ISO 4217 code Baton knows.
        case unknownCurrency(String)
        /// Beyond what 64 bits of minor units hold.
        case tooLarge(String)

        public var description: String {
            switch self {
            case .notANumber(let text):
                "'\(text)' is not an amount (digits with '.' as the decimal separator, no thousands separators)"
            case .tooManyDecimals(let text, let currency, let digits):
                "'\(text)' has more decimals than \(currency)'s \(digits)"
            case .unknownCurrency(let code): "'\(code)' is not an ISO 4217 currency code"
            case .tooLarge(let text): "'\(text)' is too large an amount"
            }
        }
    }

    /// The currency code `text` names, upper-cased and checked against ISO 4217.
    public static func currencyCode(_ text: String) throws(ParseError) -> String {
        let code = text.trimmingASCIISpaces().uppercased()
        guard Self.minorDigits[code] != nil else { throw .unknownCurrency(text) }
        return code
    }

    /// Parses `text` — digits, at most one `.`, an optional leading `-` — as an amount of `currency`: `12500`,
    /// `12500.5`, `0.99`. A comma (`12,500` or `12,5`), a letter (`12,5O0`), a second point, or more decimals than
    /// the currency has are errors, never guessed at.
    public static func parse(_ text: String, currency: String) throws(ParseError) -> Money {
        let code = try currencyCode(currency)
        let digits = Self.minorDigits[code] ?? 2
        let trimmed = text.trimmingASCIISpaces()
        var body = Substring(trimmed)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, let whole = parts.first, !whole.isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { throw .notANumber(text) }
        let fraction = parts.count == 2 ? parts[1] : ""
        if parts.count == 2 && fraction.isEmpty { throw .notANumber(text) }
        guard fraction.count <= digits else { throw .tooManyDecimals(text, currency: code, digits: digits) }
        var minor: Int64 = 0
        for character in whole + fraction + String(repeating: "0", count: digits - fraction.count) {
            guard let digit = character.wholeNumberValue else { throw .notANumber(text) }
            let (times, overflow1) = minor.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(digit))
            if overflow1 || overflow2 { throw .tooLarge(text) }
            minor = sum
        }
        return Money(minor: negative ? -minor : minor, currency: code)
    }

    /// The sum, or nil when the currencies differ (never add two currencies) or it overflows.
    public func adding(_ other: Money) -> Money? {
        guard currency == other.currency else { return nil }
        let (sum, overflow) = minor.addingReportingOverflow(other.minor)
        return overflow ? nil : Money(minor: sum, currency: currency)
    }

    /// The amount as a decimal with the currency's minor digits (`12500.50`, `-3.00`, `1500` for JPY), without
    /// the code: what CSV and JSON carry beside a `currency` field.
    public var decimalText: String {
        let digits = Self.minorDigits[currency] ?? 2
        let sign = minor < 0 ? "-" : ""
        let magnitude = minor.magnitude
        guard digits > 0 else { return sign + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let fraction = String(magnitude % scale)
        return sign + String(magnitude / scale) + "." + String(repeating: "0", count: digits - fraction.count)
            + fraction
    }

    /// `12500.50 EUR`.
    public var description: String { decimalText + " " + currency }

    /// The ISO 4217 codes in circulation (funds codes included, precious metals and test codes not), each with
    /// the digits of its minor unit.
    public static let minorDigits: [String: Int] = {
        var table: [String: Int] = [:]
        let twoDigits = """
            AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF \
            CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ \
            GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK \
            MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB \
            SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD \
            USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL
            """
        for code in twoDigits.split(separator: " ") { table[String(code)] = 2 }
        for code in "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(separator: " ") {
            table[String(code)] = 0
        }
        for code in "BHD IQD JOD KWD LYD OMR TND".split(separator: " ") { table[String(code)] = 3 }
        for code in "CLF UYW".split(separator: " ") { table[String(code)] = 4 }
        return table
    }()
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
