import Foundation
import TestSupport
import Testing

@testable import BatonCore

@Suite struct ReportsConfigTests {
    /// The minimal configuration with `reports` set to `json` (an object's text).
    static func with(reports json: String) -> String {
        ConfigLoaderTests.minimal.replacingOccurrences(
            of: #""sources": [],"#, with: #""sources": [], "reports": \#(json),"#)
    }

    @Test("without reports: no currency, no rates, no targets")
    func absent() throws {
        #expect(try ConfigLoaderTests.config(ConfigLoaderTests.minimal).reports == Config.Reports())
    }

    @Test("currency, rates and targets are typed: codes upper-cased, rates in exact millionths, revenue as Money")
    func full() throws {
        let c = try ConfigLoaderTests.config(
            Self.with(
                reports: """
                    {"currency": "gbp", "rates": {"EUR": 0.86, "usd": "0.790001", "JPY": 0.005123, "GBP": 1,
                     "CHF": 1.1}, "targets": {"mql_per_month": 40, "sql_per_month": 12,
                     "revenue_per_quarter": 250000.5}}
                    """))
        #expect(c.reports.currency == "GBP")
        #expect(
            c.reports.rates == [
                "EUR": ExchangeRate(millionths: 860_000), "USD": ExchangeRate(millionths: 790_001),
                "JPY": ExchangeRate(millionths: 5_123), "GBP": ExchangeRate(millionths: 1_000_000),
                "CHF": ExchangeRate(millionths: 1_100_000),
            ])
        #expect(
            c.reports.targets
                == Config.Reports.Targets(
                    mqlPerMonth: 40, sqlPerMonth: 12, revenuePerQuarter: Money(minor: 25_000_050, currency: "GBP")))
        #expect(c.reports.rates["JPY"]?.description == "0.005123")
        #expect(c.reports.rates["CHF"]?.description == "1.1")
    }

    @Test("targets alone need no currency unless they give revenue")
    func targetsWithoutCurrency() throws {
        let c = try ConfigLoaderTests.config(Self.with(reports: #"{"targets": {"sql_per_month": 5}}"#))
        #expect(c.reports == Config.Reports(targets: .init(sqlPerMonth: 5)))
    }

    @Test(
        "each mistake in reports is a configuration error naming its key path",
        arguments: [
            (#"{"currency": "XYZ"}"#, ["reports.currency: 'XYZ' is not an ISO 4217 currency code"]),
            (#"{"currency": 978}"#, ["reports.currency: expected a string, got a number"]),
            (
                #"{"rates": {"EUR": 1.08}}"#,
                ["reports.rates: rates need reports.currency, the currency they convert into"]
            ),
            (#"{"currency": "GBP", "rates": {"EUR": 0}}"#, ["reports.rates.EUR: expected a rate above 0, got 0"]),
            (#"{"currency": "GBP", "rates": {"EUR": -1.5}}"#, ["reports.rates.EUR: expected a rate above 0, got -1.5"]),
            (
                #"{"currency": "GBP", "rates": {"EUR": "0.00"}}"#,
                ["reports.rates.EUR: expected a rate above 0, got 0.00"]
            ),
            (
                #"{"currency": "GBP", "rates": {"XEU": 1.2}}"#,
                ["reports.rates.XEU: 'XEU' is not an ISO 4217 currency code"]
            ),
            (
                #"{"currency": "GBP", "rates": {"EUR": 0.8612345}}"#,
                ["reports.rates.EUR: '0.8612345' is not a decimal with at most 6 decimals"]
            ),
            (
                #"{"currency": "GBP", "rates": {"EUR": "1,08"}}"#,
                ["reports.rates.EUR: '1,08' is not a decimal with at most 6 decimals"]
            ),
            (
                #"{"currency": "GBP", "rates": {"EUR": true}}"#,
                ["reports.rates.EUR: expected a number or a decimal in a string, got a boolean"]
            ),
            (
                #"{"currency": "GBP", "rates": {"GBP": 1.1}}"#,
                ["reports.rates.GBP: the rate of reports.currency itself must be 1, got 1.1"]
            ),
            (
                #"{"currency": "GBP", "rates": [1.08]}"#,
                ["reports.rates: expected an object of currency codes and rates, got a list"]
            ),
            (
                #"{"targets": {"revenue_per_quarter": 1000}}"#,
                ["reports.targets.revenue_per_quarter: an amount needs reports.currency, the currency it is in"]
            ),
            (
                #"{"currency": "GBP", "targets": {"revenue_per_quarter": "12,5O0"}}"#,
                [
                    "reports.targets.revenue_per_quarter: '12,5O0' is not an amount (digits with '.' as the decimal "
                        + "separator, no thousands separators)"
                ]
            ),
            (
                #"{"currency": "JPY", "targets": {"revenue_per_quarter": 10.5}}"#,
                ["reports.targets.revenue_per_quarter: '10.5' has more decimals than JPY's 0"]
            ),
            (
                #"{"currency": "GBP", "targets": {"revenue_per_quarter": 0}}"#,
                ["reports.targets.revenue_per_quarter: expected an amount above 0, got 0"]
            ),
            (
                #"{"targets": {"mql_per_month": 0, "sql_per_month": 2.5}}"#,
                [
                    "reports.targets.mql_per_month: expected a whole number of at least 1, got 0",
                    "reports.targets.sql_per_month: expected a whole number of at least 1, got 2.5",
                ]
            ),
            (#"{"targets": {"wins_per_week": 3}}"#, ["reports.targets.wins_per_week: unknown key"]),
            (#"{"currncy": "GBP"}"#, ["reports.currncy: unknown key (did you mean 'currency'?)"]),
        ])
    func mistakes(reports: String, expected: [String]) {
        #expect(ConfigLoaderTests.problems(Self.with(reports: reports)) == expected)
    }

    @Test("the sample configuration imports Config/spend.csv with every scan")
    func sampleSpendFile() throws {
        let root = URL(fileURLWithPath: Repository.root)
        let c = try ConfigLoader.load(path: root.appendingPathComponent("Config/baton.json").path)
        #expect(c.crm.spendFile == root.appendingPathComponent("Config/spend.csv").path)
    }
}
