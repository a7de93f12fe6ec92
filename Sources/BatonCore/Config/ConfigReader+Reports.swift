import Foundation

/// `reports`: the currency figures are converted into, the rates that convert, and the team's targets.
extension ConfigReader {
    mutating func reports(_ v: JSONValue?) -> Config.Reports? {
        var reports = Config.Reports()
        guard let v else { return reports }
        guard let m = object(v, "reports", allowed: ["currency", "rates", "targets"]) else { return nil }
        let before = problems.count
        if let c = m["currency"], let text = string(c, "reports.currency") {
            do throws(Money.ParseError) {
                reports.currency = try Money.currencyCode(text)
            } catch {
                problem("reports.currency", error.description)
            }
        }
        if let rates = m["rates"] {
            reports.rates = self.rates(rates, currency: reports.currency, currencyGiven: m["currency"] != nil)
        }
        if let t = m["targets"],
            let members = object(
                t, "reports.targets", allowed: ["mql_per_month", "sql_per_month", "revenue_per_quarter"])
        {
            reports.targets.mqlPerMonth = integer(members["mql_per_month"], "reports.targets.mql_per_month")
            reports.targets.sqlPerMonth = integer(members["sql_per_month"], "reports.targets.sql_per_month")
            if let r = members["revenue_per_quarter"] {
                reports.targets.revenuePerQuarter = revenue(
                    r, currency: reports.currency, currencyGiven: m["currency"] != nil)
            }
        }
        return problems.count == before ? reports : nil
    }

    /// `reports.rates`: ISO 4217 code → a positive decimal, kept exactly.
    private mutating func rates(_ v: JSONValue, currency: String?, currencyGiven: Bool) -> [String: ExchangeRate] {
        guard case .object(let pairs) = v else {
            problem("reports.rates", "expected an object of currency codes and rates, got \(Self.typeName(v))")
            return [:]
        }
        if !currencyGiven {
            problem("reports.rates", "rates need reports.currency, the currency they convert into")
        }
        var rates: [String: ExchangeRate] = [:]
        for (key, value) in pairs {
            let path = "reports.rates." + key
            var code: String?
            do throws(Money.ParseError) {
                code = try Money.currencyCode(key)
            } catch {
                problem(path, error.description)
            }
            guard let text = decimalText(value, path) else { continue }
            guard let rate = positiveRate(text, path) else { continue }
            guard let code else { continue }
            if code == currency && rate != ExchangeRate(millionths: 1_000_000) {
                problem(path, "the rate of reports.currency itself must be 1, got \(text)")
                continue
            }
            rates[code] = rate
        }
        return rates
    }

    /// `reports.targets.revenue_per_quarter`: a positive amount in `reports.currency`.
    private mutating func revenue(_ v: JSONValue, currency: String?, currencyGiven: Bool) -> Money? {
        let path = "reports.targets.revenue_per_quarter"
        guard let text = decimalText(v, path) else { return nil }
        guard let currency else {
            if !currencyGiven { problem(path, "an amount needs reports.currency, the currency it is in") }
            return nil
        }
        do throws(Money.ParseError) {
            let amount = try Money.parse(text, currency: currency)
            guard amount.minor > 0 else {
                problem(path, "expected an amount above 0, got \(text)")
                return nil
            }
            return amount
        } catch {
            problem(path, error.description)
            return nil
        }
    }

    /// The decimal a JSON number or string writes. A JSON number arrives as an integer or a `Double` from the
    /// parser; Swift prints a `Double` as the shortest text that reads back as the same value, which for a rate
    /// or an amount of up to 15 significant digits is the text written in the file, so nothing is rounded.
    private mutating func decimalText(_ v: JSONValue, _ path: String) -> String? {
        switch v {
        case .int(let i): return String(i)
        case .double(let d): return "\(d)"
        case .string(let s): return s.trimmingCharacters(in: .whitespaces)
        default:
            problem(path, "expected a number or a decimal in a string, got \(Self.typeName(v))")
            return nil
        }
    }

    private mutating func positiveRate(_ text: String, _ path: String) -> ExchangeRate? {
        if let rate = ExchangeRate(decimal: text) { return rate }
        let unsigned = text.hasPrefix("-") ? String(text.dropFirst()) : text
        if text.hasPrefix("-") || (!unsigned.isEmpty && unsigned.allSatisfy { $0 == "0" || $0 == "." }) {
            problem(path, "expected a rate above 0, got \(text)")
        } else {
            problem(path, "'\(text)' is not a decimal with at most \(ExchangeRate.decimals) decimals")
        }
        return nil
    }
}
