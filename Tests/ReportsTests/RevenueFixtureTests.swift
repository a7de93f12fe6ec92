import BatonCore
import Foundation
import Reports
import SLA
import Store
import Testing

/// The premises of `RevenueFixture` (so that the sections' hand-worked figures rest on checked facts), the deal
/// history's replay, and the exact money conversion the revenue sections share.
@Suite struct RevenueFixtureTests {
    @Test("each lead's first first-response episode is as the fixture's table says")
    func firstResponses() throws {
        let fixture = try RevenueFixture()
        let leads = try SLAEvaluator(config: fixture.config, store: fixture.store).evaluate(now: RevenueFixture.now)
        var found: [Int64: String] = [:]
        for lead in leads {
            guard
                let first = lead.episodes.filter({ $0.clock == .firstResponse }).min(by: { $0.startedAt < $1.startedAt }
                )
            else { continue }
            found[lead.facts.leadID] = "\(first.state.rawValue) \(first.elapsedSeconds)"
        }
        #expect(
            found == [
                1: "met 3600", 2: "met 7200", 3: "met 1800", 4: "cancelled 57600", 5: "met_late 21600",
                6: "paused 28800", 7: "met 1200", 8: "met 3600", 9: "met 14400", 10: "cancelled 86400",
            ])
    }

    @Test("a deal's amount and reason replay any moment from their history")
    func dealReplay() throws {
        let fixture = try RevenueFixture()
        let deals = try fixture.store.people.dealHistories()
        let lead1 = try #require(deals[1])
        #expect(lead1.amount(at: RevenueFixture.t("10-20T11:59")) == nil)
        #expect(lead1.amount(at: RevenueFixture.t("10-20T12:00")) == Money(minor: 1_000_000, currency: "GBP"))
        #expect(lead1.amount(at: RevenueFixture.t("11-18T11:00")) == Money(minor: 1_000_000, currency: "GBP"))
        #expect(lead1.amount(at: RevenueFixture.now) == Money(minor: 1_200_000, currency: "GBP"))
        #expect(lead1.closedAt == RevenueFixture.t("11-18T10:00"))
        let lead4 = try #require(deals[4])
        #expect(lead4.reason(at: RevenueFixture.t("11-05T08:59")) == nil)
        #expect(lead4.reason(at: RevenueFixture.now) == "No budget")
        #expect(deals[5]?.reason(at: RevenueFixture.now) == nil)
        #expect(deals.count == 10)
        // A store written before amounts had history: today's value stands for every moment.
        let bare = LeadDealHistory(leadID: 9, amount: Money(minor: 5, currency: "EUR"), reason: "x", closedAt: nil)
        #expect(bare.amount(at: 0) == Money(minor: 5, currency: "EUR"))
        #expect(bare.reason(at: 0) == "x")
    }

    @Test("conversion multiplies minor units by the rate exactly and rounds once, half away from zero")
    func conversion() {
        let converter = MoneyConverter(
            currency: "GBP",
            rates: [
                "EUR": ExchangeRate(millionths: 850_000), "JPY": ExchangeRate(millionths: 5_300),
                "KWD": ExchangeRate(millionths: 2_580_000),
            ])
        #expect(converter.convert(Money(minor: 500_000, currency: "EUR")) == Money(minor: 425_000, currency: "GBP"))
        // 0.01 EUR = 0.0085 GBP → 0.01; 0.03 EUR = 0.0255 → 0.03; 0.05 EUR = 0.0425 → 0.04.
        #expect(converter.convert(Money(minor: 1, currency: "EUR"))?.minor == 1)
        #expect(converter.convert(Money(minor: 3, currency: "EUR"))?.minor == 3)
        #expect(converter.convert(Money(minor: 5, currency: "EUR"))?.minor == 4)
        // JPY has no minor unit: 1000 JPY × 0.0053 = 5.30 GBP.
        #expect(converter.convert(Money(minor: 1_000, currency: "JPY")) == Money(minor: 530, currency: "GBP"))
        // KWD has three: 1.005 KWD × 2.58 = 2.5929 → 2.59 GBP.
        #expect(converter.convert(Money(minor: 1_005, currency: "KWD")) == Money(minor: 259, currency: "GBP"))
        #expect(converter.convert(Money(minor: 7, currency: "GBP")) == Money(minor: 7, currency: "GBP"))
        #expect(converter.convert(Money(minor: 7, currency: "USD")) == nil)
        #expect(converter.reported(Money(minor: 7, currency: "USD")) == Money(minor: 7, currency: "USD"))
        #expect(MoneyConverter(currency: nil).convert(Money(minor: 7, currency: "GBP")) == nil)
        #expect(
            MoneyConverter(currency: "JPY", rates: ["GBP": ExchangeRate(millionths: 190_000_000)]).convert(
                Money(minor: 99, currency: "GBP")) == Money(minor: 188, currency: "JPY"))
    }

    @Test("totals keep currencies apart; averages and costs round half away from zero; no division by zero")
    func totals() {
        var totals = MoneyTotals()
        totals.add(Money(minor: 250, currency: "GBP"))
        totals.add(Money(minor: 100, currency: "EUR"))
        totals.add(Money(minor: 251, currency: "GBP"))
        #expect(totals.amounts == [Money(minor: 100, currency: "EUR"), Money(minor: 501, currency: "GBP")])
        #expect(totals.amount(in: "USD") == Money(minor: 0, currency: "USD"))
        #expect(ReportStatistics.average(Money(minor: 501, currency: "GBP"), count: 2)?.minor == 251)
        #expect(ReportStatistics.average(Money(minor: 500, currency: "GBP"), count: 3)?.minor == 167)
        #expect(ReportStatistics.costPer(Money(minor: 500, currency: "GBP"), 0) == nil)
        #expect(
            ReportStatistics.median(
                [Money(minor: 3, currency: "GBP"), Money(minor: 9, currency: "EUR"), Money(minor: 1, currency: "GBP")],
                currency: "GBP") == Money(minor: 1, currency: "GBP"))
        #expect(ReportStatistics.ratio(Money(minor: 300, currency: "GBP"), Money(minor: 200, currency: "GBP")) == 1.5)
        #expect(ReportStatistics.ratio(Money(minor: 300, currency: "GBP"), Money(minor: 200, currency: "EUR")) == nil)
    }
}
