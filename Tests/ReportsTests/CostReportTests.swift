import BatonCore
import Foundation
import Testing

@testable import Reports

/// The cost-per-channel section over `RevenueFixture`, every figure worked out by hand from its table.
///
/// The period (October and November) overlaps the months 2026-10 and 2026-11, both not after now's (11-27):
/// those are the months shown, each whole. Spend read from the table for them (September's 999.00 GBP is not):
/// webinar 1500.00 GBP and 1800.00 GBP, paid search 900.00 GBP and 2000.00 GBP, trade show (November)
/// 3000.00 EUR. A month's cohort is the source's leads whose MQL time falls in it; SQL and won by now:
///
/// | source      | month   | cohort        | SQL      | won     | won revenue at now |
/// |-------------|---------|---------------|----------|---------|--------------------|
/// | paid search | 2026-10 | none          |          |         |                    |
/// | paid search | 2026-11 | 3 4 5 9       | 3        | 3       | 3000.00 EUR        |
/// | referral    | 2026-11 | 7 (no spend)  | 7        |         |                    |
/// | trade show  | 2026-11 | none          |          |         |                    |
/// | webinar     | 2026-10 | 1 2           | 1 2      | 1       | 12000.00 GBP       |
/// | webinar     | 2026-11 | 6 8           | 8        |         |                    |
///
/// Lead 10 (no source) became MQL in September: in no month shown.
///
/// Without `reports` (each currency on its own), costs rounded half away from zero to the penny:
/// - paid search 2026-10: 900.00 GBP, 0 MQLs: every cost "no MQLs"/"no SQLs"/"no wins"; return 0 ÷ 900 = 0.
/// - paid search 2026-11: 2000.00 GBP, 4 MQLs, 1 SQL, 1 won: 500.00, 2000.00, 2000.00 GBP; return n/a (EUR
///   revenue, GBP spend). Total: 2900.00 GBP, 4 1 1: 725.00, 2900.00, 2900.00 GBP; return n/a likewise.
/// - referral 2026-11 and total: no spend, 1 MQL, 1 SQL: costs "no spend", return "n/a: no spend".
/// - trade show 2026-11 and total: 3000.00 EUR, no MQL; return 0 ÷ 3000 = 0.
/// - webinar 2026-10: 1500.00 GBP, 2 2 1: 750.00, 750.00, 1500.00 GBP; return 12000 ÷ 1500 = 8.
/// - webinar 2026-11: 1800.00 GBP, 2 1 0: 900.00, 1800.00 GBP, "no wins"; return 0.
/// - webinar total: 3300.00 GBP, 4 3 1: 825.00, 1100.00, 3300.00 GBP; return 12000 ÷ 3300 = 3.64.
/// - all 2026-10 (all GBP): 900 + 1500 = 2400.00 GBP, 2 2 1: 1200.00, 1200.00, 2400.00 GBP; return 12000 ÷
///   2400 = 5. November has GBP and EUR spend: no `all` row.
///
/// With `converting: true` (GBP, EUR at 0.85): trade show's spend is 2550.00 GBP (return 0); paid search's
/// revenue 2550.00 GBP, so its return is 2550 ÷ 2000 = 1.275 in November and 2550 ÷ 2900 = 0.879 in total; and
/// November now has an `all` row: 1800 + 2000 + 2550 = 6350.00 GBP, 2 + 4 + 1 = 7 MQLs, 1 + 1 + 1 = 3 SQLs, 1
/// won, 2550.00 GBP revenue; 635000 ÷ 7 = 90714.29 → 907.14 GBP per MQL, 635000 ÷ 3 = 211666.67 → 2116.67 GBP
/// per SQL, 6350.00 GBP per won deal; return 2550 ÷ 6350 = 0.40.
@Suite struct CostReportTests {
    static func gbp(_ minor: Int64) -> Money { Money(minor: minor, currency: "GBP") }
    static func eur(_ minor: Int64) -> Money { Money(minor: minor, currency: "EUR") }
    static let october = YearMonth(year: 2026, month: 10)
    static let november = YearMonth(year: 2026, month: 11)

    static func row(
        _ source: String, _ month: YearMonth?, spend: [Money], _ mqls: Int, _ sqls: Int, _ won: Int,
        revenue: [Money] = [], perMQL: [Money] = [], perSQL: [Money] = [], perWon: [Money] = [],
        returns: Double?, note: String? = nil
    ) -> CostRow {
        CostRow(
            source: source, month: month, spend: spend, mqls: mqls, sqls: sqls, won: won, wonRevenue: revenue,
            costPerMQL: perMQL, costPerSQL: perSQL, costPerWon: perWon, returnOnSpend: returns, returnNote: note)
    }

    /// The rows without `reports`.
    static let rows: [CostRow] = [
        row("paid search", october, spend: [gbp(90_000)], 0, 0, 0, returns: 0),
        row(
            "paid search", november, spend: [gbp(200_000)], 4, 1, 1, revenue: [eur(300_000)], perMQL: [gbp(50_000)],
            perSQL: [gbp(200_000)], perWon: [gbp(200_000)], returns: nil, note: "n/a: EUR revenue, GBP spend"),
        row(
            "paid search", nil, spend: [gbp(290_000)], 4, 1, 1, revenue: [eur(300_000)], perMQL: [gbp(72_500)],
            perSQL: [gbp(290_000)], perWon: [gbp(290_000)], returns: nil, note: "n/a: EUR revenue, GBP spend"),
        row("referral", november, spend: [], 1, 1, 0, returns: nil, note: "n/a: no spend"),
        row("referral", nil, spend: [], 1, 1, 0, returns: nil, note: "n/a: no spend"),
        row("trade show", november, spend: [eur(300_000)], 0, 0, 0, returns: 0),
        row("trade show", nil, spend: [eur(300_000)], 0, 0, 0, returns: 0),
        row(
            "webinar", october, spend: [gbp(150_000)], 2, 2, 1, revenue: [gbp(1_200_000)], perMQL: [gbp(75_000)],
            perSQL: [gbp(75_000)], perWon: [gbp(150_000)], returns: 8),
        row(
            "webinar", november, spend: [gbp(180_000)], 2, 1, 0, perMQL: [gbp(90_000)], perSQL: [gbp(180_000)],
            returns: 0),
        row(
            "webinar", nil, spend: [gbp(330_000)], 4, 3, 1, revenue: [gbp(1_200_000)], perMQL: [gbp(82_500)],
            perSQL: [gbp(110_000)], perWon: [gbp(330_000)], returns: 12_000.0 / 3_300),
        row(
            "all", october, spend: [gbp(240_000)], 2, 2, 1, revenue: [gbp(1_200_000)], perMQL: [gbp(120_000)],
            perSQL: [gbp(120_000)], perWon: [gbp(240_000)], returns: 5),
    ]

    /// The rows with `reports.currency` GBP and EUR at 0.85.
    static let converted: [CostRow] = [
        rows[0],
        row(
            "paid search", november, spend: [gbp(200_000)], 4, 1, 1, revenue: [gbp(255_000)], perMQL: [gbp(50_000)],
            perSQL: [gbp(200_000)], perWon: [gbp(200_000)], returns: 2_550.0 / 2_000),
        row(
            "paid search", nil, spend: [gbp(290_000)], 4, 1, 1, revenue: [gbp(255_000)], perMQL: [gbp(72_500)],
            perSQL: [gbp(290_000)], perWon: [gbp(290_000)], returns: 2_550.0 / 2_900),
        rows[3], rows[4],
        row("trade show", november, spend: [gbp(255_000)], 0, 0, 0, returns: 0),
        row("trade show", nil, spend: [gbp(255_000)], 0, 0, 0, returns: 0),
        rows[7], rows[8], rows[9], rows[10],
        row(
            "all", november, spend: [gbp(635_000)], 7, 3, 1, revenue: [gbp(255_000)], perMQL: [gbp(90_714)],
            perSQL: [gbp(211_667)], perWon: [gbp(635_000)], returns: 2_550.0 / 6_350),
    ]

    @Test("per source and whole month: spend, cohort, costs and return; no all row for a month in two currencies")
    func unconverted() throws {
        let report = try RevenueFixture().report()
        #expect(report.cost == Self.rows)
    }

    @Test("converted into GBP: every return is a number and November has its all row")
    func converting() throws {
        let report = try RevenueFixture(converting: true).report()
        #expect(report.cost == Self.converted)
    }

    @Test("months: those overlapping the period, whole, and none after now's month")
    func months() throws {
        let fixture = try RevenueFixture()
        // Only 10-20 to 11-05 of the period: still both whole months, the same rows.
        let part = try fixture.report(since: RevenueFixture.t("10-20T00:00"), until: RevenueFixture.t("11-05T00:00"))
        #expect(part.cost == Self.rows)
        // Now in October: November is not shown, nor are leads that became MQL after now.
        let early = try fixture.report(now: RevenueFixture.t("10-06T08:00"))
        #expect(
            early.cost == [
                Self.row("paid search", Self.october, spend: [Self.gbp(90_000)], 0, 0, 0, returns: 0),
                Self.row("paid search", nil, spend: [Self.gbp(90_000)], 0, 0, 0, returns: 0),
                Self.row(
                    "webinar", Self.october, spend: [Self.gbp(150_000)], 1, 0, 0, perMQL: [Self.gbp(150_000)],
                    returns: 0),
                Self.row(
                    "webinar", nil, spend: [Self.gbp(150_000)], 1, 0, 0, perMQL: [Self.gbp(150_000)], returns: 0),
                Self.row(
                    "all", Self.october, spend: [Self.gbp(240_000)], 1, 0, 0, perMQL: [Self.gbp(240_000)],
                    returns: 0),
            ])
        let empty = try fixture.report(since: RevenueFixture.until, until: RevenueFixture.since)
        #expect(empty.cost.isEmpty)
    }

    /// Spend in two currencies that cannot be converted: one line each, each divided by the counts; no return.
    /// 100.00 GBP and 30.00 EUR over 3 MQLs: 33.33 GBP and 10.00 EUR per MQL.
    @Test("spend in two unconvertible currencies has two lines, and no return")
    func twoCurrencies() {
        var cell = CostCell()
        cell.spend.add(Self.gbp(10_000))
        cell.spend.add(Self.eur(3_000))
        for _ in 0..<3 { cell.add(sql: false, won: false, amount: nil) }
        #expect(
            cell.row(source: "x", month: nil)
                == Self.row(
                    "x", nil, spend: [Self.eur(3_000), Self.gbp(10_000)], 3, 0, 0,
                    perMQL: [Self.eur(1_000), Self.gbp(3_333)], returns: nil, note: "n/a: spend in EUR and GBP"))
        var zero = CostCell()
        zero.spend.add(Self.gbp(0))
        #expect(zero.returnOnSpend() == (nil, "n/a: zero spend"))
    }

    @Test("text: spend, counts and costs, then revenue and return, one line per currency")
    func text() throws {
        let text = ReportText.render(try RevenueFixture().report())
        #expect(text.contains(Self.costText + "\n\nSLA and outcome"))
        let converted = ReportText.render(try RevenueFixture(converting: true).report())
        #expect(converted.contains(Self.costConvertedText + "\n\nSLA and outcome"))
        var report = Report(period: ReportPeriod(since: 0, until: 1, now: 1, timezone: "UTC"), grouping: .source)
        report.cost = [
            Self.row(
                "x", nil, spend: [Self.eur(3_000), Self.gbp(10_000)], 3, 0, 0,
                revenue: [Self.eur(100), Self.gbp(200)], perMQL: [Self.eur(1_000), Self.gbp(3_333)], returns: nil,
                note: "n/a: spend in EUR and GBP")
        ]
        #expect(
            ReportText.render(report).contains(
                """
                SOURCE  MONTH       SPEND  MQL  SQL  WON    PER MQL  PER SQL  PER WON
                x       all     30.00 EUR    3    0    0  10.00 EUR  no SQLs  no wins
                x       all    100.00 GBP                 33.33 GBP  no SQLs  no wins

                Return by source and month (won revenue ÷ spend)
                SOURCE  MONTH  WON REVENUE  RETURN
                x       all       1.00 EUR  n/a: spend in EUR and GBP
                x       all       2.00 GBP  n/a: spend in EUR and GBP

                """))
    }

    @Test("JSON: one object per source and month, month null for a source's total, return null with its reason")
    func json() throws {
        for (converting, expected) in [(false, Self.costJSON), (true, Self.costConvertedJSON)] {
            let report = try RevenueFixture(converting: converting).report()
            guard case .array(let rows) = ReportJSON.cost(report.cost),
                case .object(let pairs) = ReportJSON.render(report)
            else {
                Issue.record("not an array")
                return
            }
            #expect(rows.map(\.serialized).joined(separator: "\n") == expected)
            #expect(pairs.first { $0.0 == "cost" }?.1 == ReportJSON.cost(report.cost))
        }
    }

    @Test("CSV: the metric qualified by the month (all for a source's total), the currency last")
    func csv() throws {
        let lines = ReportCSV.render(try RevenueFixture().report()).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("cost,") }.joined(separator: "\n") == Self.costCSV)
        let converted = ReportCSV.render(try RevenueFixture(converting: true).report()).split(separator: "\n")
        let changed = [
            "cost,source,paid search,,2026-11.won_revenue.GBP,2550.00", "cost,source,paid search,,2026-11.return,1.275",
            "cost,source,paid search,,2026-11.return_note,", "cost,source,paid search,,all.won_revenue.GBP,2550.00",
            "cost,source,paid search,,all.return,0.8793103448275862", "cost,source,paid search,,all.return_note,",
            "cost,source,trade show,,2026-11.spend.GBP,2550.00", "cost,source,trade show,,all.spend.GBP,2550.00",
            "cost,source,all,,2026-11.spend.GBP,6350.00", "cost,source,all,,2026-11.mqls,7",
            "cost,source,all,,2026-11.sqls,3", "cost,source,all,,2026-11.won,1",
            "cost,source,all,,2026-11.won_revenue.GBP,2550.00", "cost,source,all,,2026-11.cost_per_mql.GBP,907.14",
            "cost,source,all,,2026-11.cost_per_sql.GBP,2116.67", "cost,source,all,,2026-11.cost_per_won.GBP,6350.00",
            "cost,source,all,,2026-11.return,0.4015748031496063", "cost,source,all,,2026-11.return_note,",
        ]
        for line in changed { #expect(converted.contains(Substring(line)), "\(line)") }
        #expect(converted.filter { $0.hasPrefix("cost,") }.count == 96)
        #expect(!converted.contains { $0.hasPrefix("cost,") && $0.contains(".EUR,") })
    }

    @Test("HTML: spend and revenue bars per source and currency (none for a source with neither), and both tables")
    func html() throws {
        let html = ReportHTML.render(try RevenueFixture().report())
        // Histogram, attainment, funnel, weekly trend, pipeline, cost, lead quality and speed.
        #expect(ReportHTMLTests.count("<svg", in: html) == 8)
        let chart = ReportHTMLTests.chart("chart-cost", in: html)
        // paid search: EUR and GBP; trade show: EUR; webinar: GBP; referral has neither and no heading.
        #expect(ReportHTMLTests.count("<rect class=\"bar ", in: chart) == 8)
        #expect(ReportHTMLTests.count("<rect class=\"bar series-spend\"", in: chart) == 4)
        #expect(!chart.contains(">referral</text>"))
        #expect(chart.contains("<title>trade show: spend 3000.00 EUR</title>"))
        #expect(html.contains(Self.costHTML))
        #expect(html.contains(Self.returnHTML))
        let converted = ReportHTML.render(try RevenueFixture(converting: true).report())
        #expect(
            ReportHTMLTests.count("<rect class=\"bar ", in: ReportHTMLTests.chart("chart-cost", in: converted)) == 6)
        #expect(converted.contains(Self.costConvertedHTML))
        #expect(converted.contains(Self.returnConvertedHTML))
    }

    @Test("HTML and CSV: sources from the data are escaped in tables and charts, and defused in CSV")
    func hostileSources() {
        let source = "=cmd<b>"
        let report = Report(
            period: ReportPeriod(since: 0, until: 1, now: 1, timezone: "UTC"), grouping: .source,
            cost: [Self.row(source, nil, spend: [Self.gbp(100)], 0, 0, 0, returns: 0)])
        let html = ReportHTML.render(report)
        #expect(!html.contains(source))
        // The chart's heading (text and tooltip), its two bars' tooltips, and the two tables.
        #expect(ReportHTMLTests.count("=cmd&lt;b&gt;", in: html) == 6)
        #expect(ReportCSV.render(report).contains("\ncost,source,'=cmd<b>,,all.spend.GBP,1.00\n"))
    }
}

/// The expected renderings, checked line by line against the derivation above.
extension CostReportTests {
    static let costText =
        #"""
        Cost per channel by source and month (whole months; spend as stored now)
        SOURCE       MONTH          SPEND  MQL  SQL  WON      PER MQL      PER SQL      PER WON
        paid search  2026-10   900.00 GBP    0    0    0      no MQLs      no SQLs      no wins
        paid search  2026-11  2000.00 GBP    4    1    1   500.00 GBP  2000.00 GBP  2000.00 GBP
        paid search  all      2900.00 GBP    4    1    1   725.00 GBP  2900.00 GBP  2900.00 GBP
        referral     2026-11         none    1    1    0     no spend     no spend      no wins
        referral     all             none    1    1    0     no spend     no spend      no wins
        trade show   2026-11  3000.00 EUR    0    0    0      no MQLs      no SQLs      no wins
        trade show   all      3000.00 EUR    0    0    0      no MQLs      no SQLs      no wins
        webinar      2026-10  1500.00 GBP    2    2    1   750.00 GBP   750.00 GBP  1500.00 GBP
        webinar      2026-11  1800.00 GBP    2    1    0   900.00 GBP  1800.00 GBP      no wins
        webinar      all      3300.00 GBP    4    3    1   825.00 GBP  1100.00 GBP  3300.00 GBP
        all          2026-10  2400.00 GBP    2    2    1  1200.00 GBP  1200.00 GBP  2400.00 GBP

        Return by source and month (won revenue ÷ spend)
        SOURCE       MONTH     WON REVENUE  RETURN
        paid search  2026-10             -  0.0
        paid search  2026-11   3000.00 EUR  n/a: EUR revenue, GBP spend
        paid search  all       3000.00 EUR  n/a: EUR revenue, GBP spend
        referral     2026-11             -  n/a: no spend
        referral     all                 -  n/a: no spend
        trade show   2026-11             -  0.0
        trade show   all                 -  0.0
        webinar      2026-10  12000.00 GBP  8.0
        webinar      2026-11             -  0.0
        webinar      all      12000.00 GBP  3.6
        all          2026-10  12000.00 GBP  5.0
        """#
    static let costConvertedText =
        #"""
        Cost per channel by source and month (whole months; spend as stored now)
        SOURCE       MONTH          SPEND  MQL  SQL  WON      PER MQL      PER SQL      PER WON
        paid search  2026-10   900.00 GBP    0    0    0      no MQLs      no SQLs      no wins
        paid search  2026-11  2000.00 GBP    4    1    1   500.00 GBP  2000.00 GBP  2000.00 GBP
        paid search  all      2900.00 GBP    4    1    1   725.00 GBP  2900.00 GBP  2900.00 GBP
        referral     2026-11         none    1    1    0     no spend     no spend      no wins
        referral     all             none    1    1    0     no spend     no spend      no wins
        trade show   2026-11  2550.00 GBP    0    0    0      no MQLs      no SQLs      no wins
        trade show   all      2550.00 GBP    0    0    0      no MQLs      no SQLs      no wins
        webinar      2026-10  1500.00 GBP    2    2    1   750.00 GBP   750.00 GBP  1500.00 GBP
        webinar      2026-11  1800.00 GBP    2    1    0   900.00 GBP  1800.00 GBP      no wins
        webinar      all      3300.00 GBP    4    3    1   825.00 GBP  1100.00 GBP  3300.00 GBP
        all          2026-10  2400.00 GBP    2    2    1  1200.00 GBP  1200.00 GBP  2400.00 GBP
        all          2026-11  6350.00 GBP    7    3    1   907.14 GBP  2116.67 GBP  6350.00 GBP

        Return by source and month (won revenue ÷ spend)
        SOURCE       MONTH     WON REVENUE  RETURN
        paid search  2026-10             -  0.0
        paid search  2026-11   2550.00 GBP  1.3
        paid search  all       2550.00 GBP  0.9
        referral     2026-11             -  n/a: no spend
        referral     all                 -  n/a: no spend
        trade show   2026-11             -  0.0
        trade show   all                 -  0.0
        webinar      2026-10  12000.00 GBP  8.0
        webinar      2026-11             -  0.0
        webinar      all      12000.00 GBP  3.6
        all          2026-10  12000.00 GBP  5.0
        all          2026-11   2550.00 GBP  0.4
        """#
    static let costCSV =
        #"""
        cost,source,paid search,,2026-10.spend.GBP,900.00
        cost,source,paid search,,2026-10.mqls,0
        cost,source,paid search,,2026-10.sqls,0
        cost,source,paid search,,2026-10.won,0
        cost,source,paid search,,2026-10.return,0
        cost,source,paid search,,2026-10.return_note,
        cost,source,paid search,,2026-11.spend.GBP,2000.00
        cost,source,paid search,,2026-11.mqls,4
        cost,source,paid search,,2026-11.sqls,1
        cost,source,paid search,,2026-11.won,1
        cost,source,paid search,,2026-11.won_revenue.EUR,3000.00
        cost,source,paid search,,2026-11.cost_per_mql.GBP,500.00
        cost,source,paid search,,2026-11.cost_per_sql.GBP,2000.00
        cost,source,paid search,,2026-11.cost_per_won.GBP,2000.00
        cost,source,paid search,,2026-11.return,
        cost,source,paid search,,2026-11.return_note,"n/a: EUR revenue, GBP spend"
        cost,source,paid search,,all.spend.GBP,2900.00
        cost,source,paid search,,all.mqls,4
        cost,source,paid search,,all.sqls,1
        cost,source,paid search,,all.won,1
        cost,source,paid search,,all.won_revenue.EUR,3000.00
        cost,source,paid search,,all.cost_per_mql.GBP,725.00
        cost,source,paid search,,all.cost_per_sql.GBP,2900.00
        cost,source,paid search,,all.cost_per_won.GBP,2900.00
        cost,source,paid search,,all.return,
        cost,source,paid search,,all.return_note,"n/a: EUR revenue, GBP spend"
        cost,source,referral,,2026-11.mqls,1
        cost,source,referral,,2026-11.sqls,1
        cost,source,referral,,2026-11.won,0
        cost,source,referral,,2026-11.return,
        cost,source,referral,,2026-11.return_note,n/a: no spend
        cost,source,referral,,all.mqls,1
        cost,source,referral,,all.sqls,1
        cost,source,referral,,all.won,0
        cost,source,referral,,all.return,
        cost,source,referral,,all.return_note,n/a: no spend
        cost,source,trade show,,2026-11.spend.EUR,3000.00
        cost,source,trade show,,2026-11.mqls,0
        cost,source,trade show,,2026-11.sqls,0
        cost,source,trade show,,2026-11.won,0
        cost,source,trade show,,2026-11.return,0
        cost,source,trade show,,2026-11.return_note,
        cost,source,trade show,,all.spend.EUR,3000.00
        cost,source,trade show,,all.mqls,0
        cost,source,trade show,,all.sqls,0
        cost,source,trade show,,all.won,0
        cost,source,trade show,,all.return,0
        cost,source,trade show,,all.return_note,
        cost,source,webinar,,2026-10.spend.GBP,1500.00
        cost,source,webinar,,2026-10.mqls,2
        cost,source,webinar,,2026-10.sqls,2
        cost,source,webinar,,2026-10.won,1
        cost,source,webinar,,2026-10.won_revenue.GBP,12000.00
        cost,source,webinar,,2026-10.cost_per_mql.GBP,750.00
        cost,source,webinar,,2026-10.cost_per_sql.GBP,750.00
        cost,source,webinar,,2026-10.cost_per_won.GBP,1500.00
        cost,source,webinar,,2026-10.return,8
        cost,source,webinar,,2026-10.return_note,
        cost,source,webinar,,2026-11.spend.GBP,1800.00
        cost,source,webinar,,2026-11.mqls,2
        cost,source,webinar,,2026-11.sqls,1
        cost,source,webinar,,2026-11.won,0
        cost,source,webinar,,2026-11.cost_per_mql.GBP,900.00
        cost,source,webinar,,2026-11.cost_per_sql.GBP,1800.00
        cost,source,webinar,,2026-11.return,0
        cost,source,webinar,,2026-11.return_note,
        cost,source,webinar,,all.spend.GBP,3300.00
        cost,source,webinar,,all.mqls,4
        cost,source,webinar,,all.sqls,3
        cost,source,webinar,,all.won,1
        cost,source,webinar,,all.won_revenue.GBP,12000.00
        cost,source,webinar,,all.cost_per_mql.GBP,825.00
        cost,source,webinar,,all.cost_per_sql.GBP,1100.00
        cost,source,webinar,,all.cost_per_won.GBP,3300.00
        cost,source,webinar,,all.return,3.6363636363636362
        cost,source,webinar,,all.return_note,
        cost,source,all,,2026-10.spend.GBP,2400.00
        cost,source,all,,2026-10.mqls,2
        cost,source,all,,2026-10.sqls,2
        cost,source,all,,2026-10.won,1
        cost,source,all,,2026-10.won_revenue.GBP,12000.00
        cost,source,all,,2026-10.cost_per_mql.GBP,1200.00
        cost,source,all,,2026-10.cost_per_sql.GBP,1200.00
        cost,source,all,,2026-10.cost_per_won.GBP,2400.00
        cost,source,all,,2026-10.return,5
        cost,source,all,,2026-10.return_note,
        """#
    static let costJSON =
        #"""
        {"source":"paid search","month":"2026-10","spend":[{"amount":"900.00","currency":"GBP"}],"mqls":0,"sqls":0,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":0,"return_note":null}
        {"source":"paid search","month":"2026-11","spend":[{"amount":"2000.00","currency":"GBP"}],"mqls":4,"sqls":1,"won":1,"won_revenue":[{"amount":"3000.00","currency":"EUR"}],"cost_per_mql":[{"amount":"500.00","currency":"GBP"}],"cost_per_sql":[{"amount":"2000.00","currency":"GBP"}],"cost_per_won":[{"amount":"2000.00","currency":"GBP"}],"return":null,"return_note":"n/a: EUR revenue, GBP spend"}
        {"source":"paid search","month":null,"spend":[{"amount":"2900.00","currency":"GBP"}],"mqls":4,"sqls":1,"won":1,"won_revenue":[{"amount":"3000.00","currency":"EUR"}],"cost_per_mql":[{"amount":"725.00","currency":"GBP"}],"cost_per_sql":[{"amount":"2900.00","currency":"GBP"}],"cost_per_won":[{"amount":"2900.00","currency":"GBP"}],"return":null,"return_note":"n/a: EUR revenue, GBP spend"}
        {"source":"referral","month":"2026-11","spend":[],"mqls":1,"sqls":1,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":null,"return_note":"n/a: no spend"}
        {"source":"referral","month":null,"spend":[],"mqls":1,"sqls":1,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":null,"return_note":"n/a: no spend"}
        {"source":"trade show","month":"2026-11","spend":[{"amount":"3000.00","currency":"EUR"}],"mqls":0,"sqls":0,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":0,"return_note":null}
        {"source":"trade show","month":null,"spend":[{"amount":"3000.00","currency":"EUR"}],"mqls":0,"sqls":0,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":0,"return_note":null}
        {"source":"webinar","month":"2026-10","spend":[{"amount":"1500.00","currency":"GBP"}],"mqls":2,"sqls":2,"won":1,"won_revenue":[{"amount":"12000.00","currency":"GBP"}],"cost_per_mql":[{"amount":"750.00","currency":"GBP"}],"cost_per_sql":[{"amount":"750.00","currency":"GBP"}],"cost_per_won":[{"amount":"1500.00","currency":"GBP"}],"return":8,"return_note":null}
        {"source":"webinar","month":"2026-11","spend":[{"amount":"1800.00","currency":"GBP"}],"mqls":2,"sqls":1,"won":0,"won_revenue":[],"cost_per_mql":[{"amount":"900.00","currency":"GBP"}],"cost_per_sql":[{"amount":"1800.00","currency":"GBP"}],"cost_per_won":[],"return":0,"return_note":null}
        {"source":"webinar","month":null,"spend":[{"amount":"3300.00","currency":"GBP"}],"mqls":4,"sqls":3,"won":1,"won_revenue":[{"amount":"12000.00","currency":"GBP"}],"cost_per_mql":[{"amount":"825.00","currency":"GBP"}],"cost_per_sql":[{"amount":"1100.00","currency":"GBP"}],"cost_per_won":[{"amount":"3300.00","currency":"GBP"}],"return":3.6363636363636362,"return_note":null}
        {"source":"all","month":"2026-10","spend":[{"amount":"2400.00","currency":"GBP"}],"mqls":2,"sqls":2,"won":1,"won_revenue":[{"amount":"12000.00","currency":"GBP"}],"cost_per_mql":[{"amount":"1200.00","currency":"GBP"}],"cost_per_sql":[{"amount":"1200.00","currency":"GBP"}],"cost_per_won":[{"amount":"2400.00","currency":"GBP"}],"return":5,"return_note":null}
        """#
    static let costConvertedJSON =
        #"""
        {"source":"paid search","month":"2026-10","spend":[{"amount":"900.00","currency":"GBP"}],"mqls":0,"sqls":0,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":0,"return_note":null}
        {"source":"paid search","month":"2026-11","spend":[{"amount":"2000.00","currency":"GBP"}],"mqls":4,"sqls":1,"won":1,"won_revenue":[{"amount":"2550.00","currency":"GBP"}],"cost_per_mql":[{"amount":"500.00","currency":"GBP"}],"cost_per_sql":[{"amount":"2000.00","currency":"GBP"}],"cost_per_won":[{"amount":"2000.00","currency":"GBP"}],"return":1.275,"return_note":null}
        {"source":"paid search","month":null,"spend":[{"amount":"2900.00","currency":"GBP"}],"mqls":4,"sqls":1,"won":1,"won_revenue":[{"amount":"2550.00","currency":"GBP"}],"cost_per_mql":[{"amount":"725.00","currency":"GBP"}],"cost_per_sql":[{"amount":"2900.00","currency":"GBP"}],"cost_per_won":[{"amount":"2900.00","currency":"GBP"}],"return":0.8793103448275862,"return_note":null}
        {"source":"referral","month":"2026-11","spend":[],"mqls":1,"sqls":1,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":null,"return_note":"n/a: no spend"}
        {"source":"referral","month":null,"spend":[],"mqls":1,"sqls":1,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":null,"return_note":"n/a: no spend"}
        {"source":"trade show","month":"2026-11","spend":[{"amount":"2550.00","currency":"GBP"}],"mqls":0,"sqls":0,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":0,"return_note":null}
        {"source":"trade show","month":null,"spend":[{"amount":"2550.00","currency":"GBP"}],"mqls":0,"sqls":0,"won":0,"won_revenue":[],"cost_per_mql":[],"cost_per_sql":[],"cost_per_won":[],"return":0,"return_note":null}
        {"source":"webinar","month":"2026-10","spend":[{"amount":"1500.00","currency":"GBP"}],"mqls":2,"sqls":2,"won":1,"won_revenue":[{"amount":"12000.00","currency":"GBP"}],"cost_per_mql":[{"amount":"750.00","currency":"GBP"}],"cost_per_sql":[{"amount":"750.00","currency":"GBP"}],"cost_per_won":[{"amount":"1500.00","currency":"GBP"}],"return":8,"return_note":null}
        {"source":"webinar","month":"2026-11","spend":[{"amount":"1800.00","currency":"GBP"}],"mqls":2,"sqls":1,"won":0,"won_revenue":[],"cost_per_mql":[{"amount":"900.00","currency":"GBP"}],"cost_per_sql":[{"amount":"1800.00","currency":"GBP"}],"cost_per_won":[],"return":0,"return_note":null}
        {"source":"webinar","month":null,"spend":[{"amount":"3300.00","currency":"GBP"}],"mqls":4,"sqls":3,"won":1,"won_revenue":[{"amount":"12000.00","currency":"GBP"}],"cost_per_mql":[{"amount":"825.00","currency":"GBP"}],"cost_per_sql":[{"amount":"1100.00","currency":"GBP"}],"cost_per_won":[{"amount":"3300.00","currency":"GBP"}],"return":3.6363636363636362,"return_note":null}
        {"source":"all","month":"2026-10","spend":[{"amount":"2400.00","currency":"GBP"}],"mqls":2,"sqls":2,"won":1,"won_revenue":[{"amount":"12000.00","currency":"GBP"}],"cost_per_mql":[{"amount":"1200.00","currency":"GBP"}],"cost_per_sql":[{"amount":"1200.00","currency":"GBP"}],"cost_per_won":[{"amount":"2400.00","currency":"GBP"}],"return":5,"return_note":null}
        {"source":"all","month":"2026-11","spend":[{"amount":"6350.00","currency":"GBP"}],"mqls":7,"sqls":3,"won":1,"won_revenue":[{"amount":"2550.00","currency":"GBP"}],"cost_per_mql":[{"amount":"907.14","currency":"GBP"}],"cost_per_sql":[{"amount":"2116.67","currency":"GBP"}],"cost_per_won":[{"amount":"6350.00","currency":"GBP"}],"return":0.4015748031496063,"return_note":null}
        """#
    static let costHTML =
        #"""
        <tr><td>paid search</td><td>2026-10</td><td class="num">900.00 GBP</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">no MQLs</td><td class="num">no SQLs</td><td class="num">no wins</td></tr>
        <tr><td>paid search</td><td>2026-11</td><td class="num">2000.00 GBP</td><td class="num">4</td><td class="num">1</td><td class="num">1</td><td class="num">500.00 GBP</td><td class="num">2000.00 GBP</td><td class="num">2000.00 GBP</td></tr>
        <tr class="total"><td>paid search</td><td>all</td><td class="num">2900.00 GBP</td><td class="num">4</td><td class="num">1</td><td class="num">1</td><td class="num">725.00 GBP</td><td class="num">2900.00 GBP</td><td class="num">2900.00 GBP</td></tr>
        <tr><td>referral</td><td>2026-11</td><td class="num">none</td><td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">no spend</td><td class="num">no spend</td><td class="num">no wins</td></tr>
        <tr class="total"><td>referral</td><td>all</td><td class="num">none</td><td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">no spend</td><td class="num">no spend</td><td class="num">no wins</td></tr>
        <tr><td>trade show</td><td>2026-11</td><td class="num">3000.00 EUR</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">no MQLs</td><td class="num">no SQLs</td><td class="num">no wins</td></tr>
        <tr class="total"><td>trade show</td><td>all</td><td class="num">3000.00 EUR</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">no MQLs</td><td class="num">no SQLs</td><td class="num">no wins</td></tr>
        <tr><td>webinar</td><td>2026-10</td><td class="num">1500.00 GBP</td><td class="num">2</td><td class="num">2</td><td class="num">1</td><td class="num">750.00 GBP</td><td class="num">750.00 GBP</td><td class="num">1500.00 GBP</td></tr>
        <tr><td>webinar</td><td>2026-11</td><td class="num">1800.00 GBP</td><td class="num">2</td><td class="num">1</td><td class="num">0</td><td class="num">900.00 GBP</td><td class="num">1800.00 GBP</td><td class="num">no wins</td></tr>
        <tr class="total"><td>webinar</td><td>all</td><td class="num">3300.00 GBP</td><td class="num">4</td><td class="num">3</td><td class="num">1</td><td class="num">825.00 GBP</td><td class="num">1100.00 GBP</td><td class="num">3300.00 GBP</td></tr>
        <tr class="total"><td>all</td><td>2026-10</td><td class="num">2400.00 GBP</td><td class="num">2</td><td class="num">2</td><td class="num">1</td><td class="num">1200.00 GBP</td><td class="num">1200.00 GBP</td><td class="num">2400.00 GBP</td></tr>
        """#
    static let returnHTML =
        #"""
        <tr><td>paid search</td><td>2026-10</td><td class="num">900.00 GBP</td><td class="num">-</td><td class="num">0.0</td></tr>
        <tr><td>paid search</td><td>2026-11</td><td class="num">2000.00 GBP</td><td class="num">3000.00 EUR</td><td class="num">n/a: EUR revenue, GBP spend</td></tr>
        <tr class="total"><td>paid search</td><td>all</td><td class="num">2900.00 GBP</td><td class="num">3000.00 EUR</td><td class="num">n/a: EUR revenue, GBP spend</td></tr>
        <tr><td>referral</td><td>2026-11</td><td class="num">none</td><td class="num">-</td><td class="num">n/a: no spend</td></tr>
        <tr class="total"><td>referral</td><td>all</td><td class="num">none</td><td class="num">-</td><td class="num">n/a: no spend</td></tr>
        <tr><td>trade show</td><td>2026-11</td><td class="num">3000.00 EUR</td><td class="num">-</td><td class="num">0.0</td></tr>
        <tr class="total"><td>trade show</td><td>all</td><td class="num">3000.00 EUR</td><td class="num">-</td><td class="num">0.0</td></tr>
        <tr><td>webinar</td><td>2026-10</td><td class="num">1500.00 GBP</td><td class="num">12000.00 GBP</td><td class="num">8.0</td></tr>
        <tr><td>webinar</td><td>2026-11</td><td class="num">1800.00 GBP</td><td class="num">-</td><td class="num">0.0</td></tr>
        <tr class="total"><td>webinar</td><td>all</td><td class="num">3300.00 GBP</td><td class="num">12000.00 GBP</td><td class="num">3.6</td></tr>
        <tr class="total"><td>all</td><td>2026-10</td><td class="num">2400.00 GBP</td><td class="num">12000.00 GBP</td><td class="num">5.0</td></tr>
        """#
    static let costConvertedHTML =
        #"""
        <tr><td>paid search</td><td>2026-10</td><td class="num">900.00 GBP</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">no MQLs</td><td class="num">no SQLs</td><td class="num">no wins</td></tr>
        <tr><td>paid search</td><td>2026-11</td><td class="num">2000.00 GBP</td><td class="num">4</td><td class="num">1</td><td class="num">1</td><td class="num">500.00 GBP</td><td class="num">2000.00 GBP</td><td class="num">2000.00 GBP</td></tr>
        <tr class="total"><td>paid search</td><td>all</td><td class="num">2900.00 GBP</td><td class="num">4</td><td class="num">1</td><td class="num">1</td><td class="num">725.00 GBP</td><td class="num">2900.00 GBP</td><td class="num">2900.00 GBP</td></tr>
        <tr><td>referral</td><td>2026-11</td><td class="num">none</td><td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">no spend</td><td class="num">no spend</td><td class="num">no wins</td></tr>
        <tr class="total"><td>referral</td><td>all</td><td class="num">none</td><td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">no spend</td><td class="num">no spend</td><td class="num">no wins</td></tr>
        <tr><td>trade show</td><td>2026-11</td><td class="num">2550.00 GBP</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">no MQLs</td><td class="num">no SQLs</td><td class="num">no wins</td></tr>
        <tr class="total"><td>trade show</td><td>all</td><td class="num">2550.00 GBP</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">no MQLs</td><td class="num">no SQLs</td><td class="num">no wins</td></tr>
        <tr><td>webinar</td><td>2026-10</td><td class="num">1500.00 GBP</td><td class="num">2</td><td class="num">2</td><td class="num">1</td><td class="num">750.00 GBP</td><td class="num">750.00 GBP</td><td class="num">1500.00 GBP</td></tr>
        <tr><td>webinar</td><td>2026-11</td><td class="num">1800.00 GBP</td><td class="num">2</td><td class="num">1</td><td class="num">0</td><td class="num">900.00 GBP</td><td class="num">1800.00 GBP</td><td class="num">no wins</td></tr>
        <tr class="total"><td>webinar</td><td>all</td><td class="num">3300.00 GBP</td><td class="num">4</td><td class="num">3</td><td class="num">1</td><td class="num">825.00 GBP</td><td class="num">1100.00 GBP</td><td class="num">3300.00 GBP</td></tr>
        <tr class="total"><td>all</td><td>2026-10</td><td class="num">2400.00 GBP</td><td class="num">2</td><td class="num">2</td><td class="num">1</td><td class="num">1200.00 GBP</td><td class="num">1200.00 GBP</td><td class="num">2400.00 GBP</td></tr>
        <tr class="total"><td>all</td><td>2026-11</td><td class="num">6350.00 GBP</td><td class="num">7</td><td class="num">3</td><td class="num">1</td><td class="num">907.14 GBP</td><td class="num">2116.67 GBP</td><td class="num">6350.00 GBP</td></tr>
        """#
    static let returnConvertedHTML =
        #"""
        <tr><td>paid search</td><td>2026-10</td><td class="num">900.00 GBP</td><td class="num">-</td><td class="num">0.0</td></tr>
        <tr><td>paid search</td><td>2026-11</td><td class="num">2000.00 GBP</td><td class="num">2550.00 GBP</td><td class="num">1.3</td></tr>
        <tr class="total"><td>paid search</td><td>all</td><td class="num">2900.00 GBP</td><td class="num">2550.00 GBP</td><td class="num">0.9</td></tr>
        <tr><td>referral</td><td>2026-11</td><td class="num">none</td><td class="num">-</td><td class="num">n/a: no spend</td></tr>
        <tr class="total"><td>referral</td><td>all</td><td class="num">none</td><td class="num">-</td><td class="num">n/a: no spend</td></tr>
        <tr><td>trade show</td><td>2026-11</td><td class="num">2550.00 GBP</td><td class="num">-</td><td class="num">0.0</td></tr>
        <tr class="total"><td>trade show</td><td>all</td><td class="num">2550.00 GBP</td><td class="num">-</td><td class="num">0.0</td></tr>
        <tr><td>webinar</td><td>2026-10</td><td class="num">1500.00 GBP</td><td class="num">12000.00 GBP</td><td class="num">8.0</td></tr>
        <tr><td>webinar</td><td>2026-11</td><td class="num">1800.00 GBP</td><td class="num">-</td><td class="num">0.0</td></tr>
        <tr class="total"><td>webinar</td><td>all</td><td class="num">3300.00 GBP</td><td class="num">12000.00 GBP</td><td class="num">3.6</td></tr>
        <tr class="total"><td>all</td><td>2026-10</td><td class="num">2400.00 GBP</td><td class="num">12000.00 GBP</td><td class="num">5.0</td></tr>
        <tr class="total"><td>all</td><td>2026-11</td><td class="num">6350.00 GBP</td><td class="num">2550.00 GBP</td><td class="num">0.4</td></tr>
        """#
}
