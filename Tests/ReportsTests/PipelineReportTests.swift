import BatonCore
import Foundation
import Testing

@testable import Reports

/// The pipeline-and-revenue section over `RevenueFixture`, every figure worked out by hand from its table.
///
/// The cohort is the funnel's: leads that became MQL in October–November and not after now, so 1–9 (10 became MQL
/// on 09-28). At now (11-27 17:00) each is won (reached `won`), else open (stage `opportunity`), else lost (stage
/// `lost`), else none of them:
///
/// | lead | source      | owner | MQL week | at now          | amount at now | MQL → won                        |
/// |------|-------------|-------|----------|-----------------|---------------|----------------------------------|
/// | 1    | webinar     | ann   | W41      | won 11-18 10:00 | 12000.00 GBP  | 10-05 09:00 → 11-18 10:00 = 44d 1h = 3805200 s |
/// | 2    | webinar     | bob   | W41      | open            | 5000.00 EUR   |                                  |
/// | 3    | paid search | ann   | W45      | won 11-25 15:00 | 3000.00 EUR   | 11-02 09:00 → 11-25 15:00 = 23d 6h = 2008800 s |
/// | 4, 5 | paid search | bob, ann | W45   | rejected        |               |                                  |
/// | 6    | webinar     | bob   | W46      | nurture         |               |                                  |
/// | 7    | referral    | ann   | W46      | open            | 20000.00 GBP  |                                  |
/// | 8    | webinar     | ann   | W47      | lost            | 4000.00 GBP (in no sum) |                        |
/// | 9    | paid search | bob   | W47      | rejected        |               |                                  |
///
/// By source, without `reports` (each currency on its own):
/// - paid search (3 4 5 9): 4 MQLs, 0 open, 1 won, 0 lost, win rate 1 ÷ 1 = 100%, median 2008800 s (23d 06h);
///   open pipeline none; won revenue, average and median 3000.00 EUR.
/// - referral (7): 1 MQL, 1 open, no win or loss: win rate and median none; open pipeline 20000.00 GBP.
/// - webinar (1 2 6 8): 4 MQLs, 1 open, 1 won, 1 lost, win rate 1 ÷ 2 = 50%, median 3805200 s (44d 01h); open
///   pipeline 5000.00 EUR; won revenue, average and median 12000.00 GBP (lead 1's amount at now, not 10000.00).
/// - all: 9 MQLs, 2 open, 2 won, 1 lost, 2 ÷ 3 = 67%, median of {2008800, 3805200} at rank ⌈1⌉ = 2008800;
///   open pipeline 5000.00 EUR and 20000.00 GBP; won revenue, average and median 3000.00 EUR and 12000.00 GBP
///   (one won lead per currency).
/// No won lead lacks an amount: every "won without amount" is 0.
///
/// With `converting: true` (GBP, EUR at 0.85): 5000.00 EUR = 4250.00 GBP, 3000.00 EUR = 2550.00 GBP. paid search
/// won revenue, average and median 2550.00 GBP; webinar open pipeline 4250.00 GBP; all: open pipeline 4250 +
/// 20000 = 24250.00 GBP, won revenue 2550 + 12000 = 14550.00 GBP, average 14550 ÷ 2 = 7275.00 GBP, median of
/// {2550, 12000} at rank 1 = 2550.00 GBP. Counts unchanged.
///
/// By rep (`--by rep`, the owner at now): ann (1 3 5 7 8): 5 MQLs, 1 open (7), 2 won (1 3), 1 lost (8), 2 ÷ 3,
/// median 2008800; open pipeline 20000.00 GBP; won revenue, average and median 3000.00 EUR and 12000.00 GBP.
/// bob (2 4 6 9): 4 MQLs, 1 open, no win or loss; open pipeline 5000.00 EUR. By team: emea = all. By week: W41
/// (1 2) 2 MQLs, 1 open, 1 won, 100%, 3805200; W45 (3 4 5) 3, 1 won, 100%, 2008800; W46 (6 7) 2, 1 open; W47
/// (8 9) 2, 1 lost, win rate 0%.
///
/// Replay at 11-17 12:00: the cohort is 1–8 (9 became MQL on 11-20); lead 1 is an open opportunity (won on
/// 11-18) worth 10000.00 GBP (its amount before the change of 11-18 12:00), lead 3 is open (won on 11-25), lead 8
/// is at `sql`. webinar: 4 MQLs, 2 open (1 2), pipeline 5000.00 EUR and 10000.00 GBP, nothing won; paid search: 3
/// MQLs, 1 open, 3000.00 EUR; all: 8 MQLs, 4 open, 8000.00 EUR and 30000.00 GBP.
@Suite struct PipelineReportTests {
    static func gbp(_ minor: Int64) -> Money { Money(minor: minor, currency: "GBP") }
    static func eur(_ minor: Int64) -> Money { Money(minor: minor, currency: "EUR") }

    static let paidSearch = PipelineRow(
        dimension: .source, key: "paid search", mqls: 4, openOpportunities: 0, won: 1, lost: 0, winRate: 1,
        medianMQLToWonSeconds: 2_008_800, wonRevenue: [eur(300_000)], averageWonDeal: [eur(300_000)],
        medianWonDeal: [eur(300_000)])
    static let referral = PipelineRow(
        dimension: .source, key: "referral", mqls: 1, openOpportunities: 1, won: 0, lost: 0, winRate: nil,
        medianMQLToWonSeconds: nil, openPipeline: [gbp(2_000_000)])
    static let webinar = PipelineRow(
        dimension: .source, key: "webinar", mqls: 4, openOpportunities: 1, won: 1, lost: 1, winRate: 0.5,
        medianMQLToWonSeconds: 3_805_200, openPipeline: [eur(500_000)], wonRevenue: [gbp(1_200_000)],
        averageWonDeal: [gbp(1_200_000)], medianWonDeal: [gbp(1_200_000)])
    static let all = PipelineRow(
        dimension: .source, key: "all", mqls: 9, openOpportunities: 2, won: 2, lost: 1, winRate: 2.0 / 3,
        medianMQLToWonSeconds: 2_008_800, openPipeline: [eur(500_000), gbp(2_000_000)],
        wonRevenue: [eur(300_000), gbp(1_200_000)], averageWonDeal: [eur(300_000), gbp(1_200_000)],
        medianWonDeal: [eur(300_000), gbp(1_200_000)])

    /// The source rows with `reports.currency` GBP and EUR at 0.85.
    static var converted: [PipelineRow] {
        var paid = paidSearch
        paid.wonRevenue = [gbp(255_000)]
        paid.averageWonDeal = [gbp(255_000)]
        paid.medianWonDeal = [gbp(255_000)]
        var web = webinar
        web.openPipeline = [gbp(425_000)]
        var total = all
        total.openPipeline = [gbp(2_425_000)]
        total.wonRevenue = [gbp(1_455_000)]
        total.averageWonDeal = [gbp(727_500)]
        total.medianWonDeal = [gbp(255_000)]
        return [paid, referral, web, total]
    }

    @Test("by source, each currency on its own: counts, win rate, median days, pipeline and won revenue")
    func bySource() throws {
        let report = try RevenueFixture().report(.source)
        #expect(report.pipeline == [Self.paidSearch, Self.referral, Self.webinar, Self.all])
    }

    @Test("by source, converted into GBP: one line per figure")
    func bySourceConverted() throws {
        let report = try RevenueFixture(converting: true).report(.source)
        #expect(report.pipeline == Self.converted)
    }

    @Test("--by rep adds rows by the lead's owner at now after the source rows")
    func byRep() throws {
        let report = try RevenueFixture().report(.rep)
        var all = Self.all
        all.dimension = .rep
        let ann = PipelineRow(
            dimension: .rep, key: "ann@example.com", mqls: 5, openOpportunities: 1, won: 2, lost: 1,
            winRate: 2.0 / 3, medianMQLToWonSeconds: 2_008_800, openPipeline: [Self.gbp(2_000_000)],
            wonRevenue: [Self.eur(300_000), Self.gbp(1_200_000)],
            averageWonDeal: [Self.eur(300_000), Self.gbp(1_200_000)],
            medianWonDeal: [Self.eur(300_000), Self.gbp(1_200_000)])
        let bob = PipelineRow(
            dimension: .rep, key: "bob@example.com", mqls: 4, openOpportunities: 1, won: 0, lost: 0, winRate: nil,
            medianMQLToWonSeconds: nil, openPipeline: [Self.eur(500_000)])
        #expect(report.pipeline == [Self.paidSearch, Self.referral, Self.webinar, Self.all, ann, bob, all])
    }

    @Test("--by team and --by week group the same cohort by the owner's team and the MQL's ISO week")
    func byTeamAndWeek() throws {
        let fixture = try RevenueFixture()
        let team = try fixture.report(.team).pipeline.filter { $0.dimension == .team }
        var emea = Self.all
        emea.dimension = .team
        emea.key = "emea"
        var teamAll = Self.all
        teamAll.dimension = .team
        #expect(team == [emea, teamAll])
        let weeks = try fixture.report(.week).pipeline.filter { $0.dimension == .week }
        #expect(
            weeks.map { "\($0.key) \($0.mqls) \($0.openOpportunities) \($0.won) \($0.lost)" } == [
                "2026-W41 2 1 1 0", "2026-W45 3 0 1 0", "2026-W46 2 1 0 0", "2026-W47 2 0 0 1", "all 9 2 2 1",
            ])
        #expect(weeks.map(\.winRate) == [1, 1, nil, 0, 2.0 / 3])
        #expect(weeks.map(\.medianMQLToWonSeconds) == [3_805_200, 2_008_800, nil, nil, 2_008_800])
        #expect(weeks[0].wonRevenue == [Self.gbp(1_200_000)])
        #expect(weeks[1].wonRevenue == [Self.eur(300_000)])
    }

    @Test("replayed at 11-17 12:00, lead 1 is open pipeline at 10000.00 GBP, its amount before it changed")
    func replay() throws {
        let report = try RevenueFixture().report(.source, now: RevenueFixture.at("2026-11-17T12:00:00Z"))
        #expect(
            report.pipeline.map { "\($0.key) \($0.mqls) \($0.openOpportunities) \($0.won) \($0.lost)" } == [
                "paid search 3 1 0 0", "referral 1 1 0 0", "webinar 4 2 0 0", "all 8 4 0 0",
            ])
        #expect(
            report.pipeline.map(\.openPipeline) == [
                [Self.eur(300_000)], [Self.gbp(2_000_000)], [Self.eur(500_000), Self.gbp(1_000_000)],
                [Self.eur(800_000), Self.gbp(3_000_000)],
            ])
        #expect(report.pipeline.allSatisfy { $0.wonRevenue.isEmpty && $0.winRate == nil })
        let text = ReportText.render(report)
        #expect(text.contains(Self.replayText + "\n\n"))
    }

    /// A second small world, made of the section's own inputs: a won lead without an amount, won deals in two
    /// currencies with no rate, and a lead won then marked lost (counted once, as won).
    ///
    /// Leads (MQL at 0): a won at 1h with 10.00 USD; b won at 3h with 20.00 USD; c won at 2h with no amount;
    /// d won at 30m with 5.00 CHF, now at `lost`; e open with no amount; f open with 1.00 USD; g lost with 7.00 USD.
    /// Won: a b c d = 4, lost: g = 1 (d is won), open: e f = 2; win rate 4 ÷ 5; median of {30m, 1h, 2h, 3h} at
    /// rank 2 = 1h; won without amount: c = 1; open pipeline 1.00 USD; won revenue 5.00 CHF and 30.00 USD;
    /// average 5.00 CHF and 30.00 ÷ 2 = 15.00 USD; median 5.00 CHF and {10.00, 20.00} at rank 1 = 10.00 USD.
    @Test("a won lead without an amount counts but sums nothing; two currencies stay apart; no lead counts twice")
    func secondWorld() {
        func usd(_ minor: Int64) -> Money { Money(minor: minor, currency: "USD") }
        let deals = [
            PipelineDeal(mqlAt: 0, wonAt: 3_600, stage: .won, amount: usd(1_000)),
            PipelineDeal(mqlAt: 0, wonAt: 10_800, stage: .won, amount: usd(2_000)),
            PipelineDeal(mqlAt: 0, wonAt: 7_200, stage: .won, amount: nil),
            PipelineDeal(mqlAt: 0, wonAt: 1_800, stage: .lost, amount: Money(minor: 500, currency: "CHF")),
            PipelineDeal(mqlAt: 0, wonAt: nil, stage: .opportunity, amount: nil),
            PipelineDeal(mqlAt: 0, wonAt: nil, stage: .opportunity, amount: usd(100)),
            PipelineDeal(mqlAt: 0, wonAt: nil, stage: .lost, amount: usd(700)),
        ]
        let chf = Money(minor: 500, currency: "CHF")
        #expect(
            ReportBuilder.pipelineRow(.source, "x", deals)
                == PipelineRow(
                    dimension: .source, key: "x", mqls: 7, openOpportunities: 2, won: 4, lost: 1, winRate: 0.8,
                    medianMQLToWonSeconds: 3_600, wonWithoutAmount: 1, openPipeline: [usd(100)],
                    wonRevenue: [chf, usd(3_000)], averageWonDeal: [chf, usd(1_500)], medianWonDeal: [chf, usd(1_000)]))
        let text = ReportText.render(
            Report(
                period: ReportPeriod(since: 0, until: 1, now: 1, timezone: "UTC"), grouping: .source,
                pipeline: [ReportBuilder.pipelineRow(.source, "x", deals)]))
        #expect(
            text.contains(
                """
                SOURCE  MQL  OPEN  WON  LOST  WIN RATE  MQL>WON TIME  WON NO AMOUNT
                x         7     2    4     1       80%        1h 00m              1
                """))
    }

    @Test("text: counts, then amounts one line per currency, by source and then by rep; converted: one line each")
    func text() throws {
        let text = ReportText.render(try RevenueFixture().report(.rep))
        #expect(text.contains(Self.pipelineText + "\n\n"))
        let converted = ReportText.render(try RevenueFixture(converting: true).report(.source))
        #expect(converted.contains(Self.pipelineConvertedText + "\n\n"))
        #expect(!converted.contains("Pipeline and revenue by rep"))
        for line in (text + converted).split(separator: "\n") { #expect(line.count <= ReportText.width) }
    }

    @Test("JSON: one object per row, amounts as decimal strings beside their currency, null for no figure")
    func json() throws {
        for (converting, expected) in [(false, Self.pipelineJSON), (true, Self.pipelineConvertedJSON)] {
            let report = try RevenueFixture(converting: converting).report(.source)
            guard case .array(let rows) = ReportJSON.pipeline(report.pipeline),
                case .object(let pairs) = ReportJSON.render(report)
            else {
                Issue.record("not an array")
                return
            }
            #expect(rows.map(\.serialized).joined(separator: "\n") == expected)
            #expect(pairs.first { $0.0 == "pipeline" }?.1 == ReportJSON.pipeline(report.pipeline))
        }
    }

    @Test("CSV: one line per figure and per currency, the currency last in the metric")
    func csv() throws {
        let lines = ReportCSV.render(try RevenueFixture().report(.source)).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("pipeline,") }.joined(separator: "\n") == Self.pipelineCSV)
        let converted = ReportCSV.render(try RevenueFixture(converting: true).report(.week)).split(separator: "\n")
        for line in [
            "pipeline,source,paid search,,won_revenue.GBP,2550.00",
            "pipeline,source,paid search,,average_won_deal.GBP,2550.00",
            "pipeline,source,paid search,,median_won_deal.GBP,2550.00",
            "pipeline,source,webinar,,open_pipeline.GBP,4250.00", "pipeline,source,all,,open_pipeline.GBP,24250.00",
            "pipeline,source,all,,won_revenue.GBP,14550.00", "pipeline,source,all,,average_won_deal.GBP,7275.00",
            "pipeline,source,all,,median_won_deal.GBP,2550.00", "pipeline,week,2026-W41,2026-W41,mqls,2",
            "pipeline,week,2026-W41,2026-W41,median_mql_to_won_seconds,3805200",
            "pipeline,week,2026-W47,2026-W47,win_rate,0", "pipeline,week,all,,won_revenue.GBP,14550.00",
        ] {
            #expect(converted.contains(Substring(line)), "\(line)")
        }
        #expect(!converted.contains { $0.hasPrefix("pipeline,") && $0.contains(".EUR,") })
    }

    @Test("HTML: a bar per series and currency of each source, and the tables with one line per currency")
    func html() throws {
        let html = ReportHTML.render(try RevenueFixture().report(.rep))
        let chart = ReportHTMLTests.chart("chart-pipeline", in: html)
        // paid search: EUR; referral: GBP; webinar: EUR and GBP; two series each.
        #expect(ReportHTMLTests.count("<rect class=\"bar ", in: chart) == 8)
        #expect(ReportHTMLTests.count("<rect class=\"bar stage-won\"", in: chart) == 4)
        #expect(chart.contains("<title>webinar: won revenue 12000.00 GBP</title>"))
        #expect(chart.contains("<title>webinar: open pipeline 5000.00 EUR</title>"))
        #expect(html.contains(Self.pipelineCountsHTML))
        #expect(html.contains(Self.pipelineAmountsHTML))
        #expect(html.contains("<h3>By source</h3>"))
        #expect(html.contains("<tr class=\"total\"><td>all</td><td class=\"num\">9</td>"))
        #expect(html.contains("<tr><td>ann@example.com</td><td class=\"num\">20000.00 GBP</td>"))
        let converted = ReportHTML.render(try RevenueFixture(converting: true).report(.source))
        #expect(
            ReportHTMLTests.count("<rect class=\"bar ", in: ReportHTMLTests.chart("chart-pipeline", in: converted)) == 6
        )
        #expect(converted.contains(Self.pipelineConvertedAmountsHTML))
        #expect(!converted.contains("<h3>By rep</h3>"))
    }

    @Test("HTML: keys from the data are escaped in tables and charts")
    func hostileKeys() {
        let source = "<script>alert(1)</script>"
        let report = Report(
            period: ReportPeriod(since: 0, until: 1, now: 1, timezone: "UTC"), grouping: .source,
            pipeline: [
                PipelineRow(
                    dimension: .source, key: source, mqls: 1, openOpportunities: 1, won: 0, lost: 0, winRate: nil,
                    medianMQLToWonSeconds: nil, openPipeline: [Self.gbp(100)])
            ])
        let html = ReportHTML.render(report)
        #expect(!html.contains(source))
        // The chart's heading (text and tooltip), its two bars' tooltips, and the two tables.
        #expect(ReportHTMLTests.count("&lt;script&gt;alert(1)&lt;/script&gt;", in: html) == 6)
    }
}

/// The expected renderings, checked line by line against the derivation above.
extension PipelineReportTests {
    static let pipelineText =
        #"""
        Pipeline and revenue by source (leads that became MQL in the period)
        SOURCE       MQL  OPEN  WON  LOST  WIN RATE  MQL>WON TIME  WON NO AMOUNT
        paid search    4     0    1     0      100%       23d 06h              0
        referral       1     1    0     0         -             -              0
        webinar        4     1    1     1       50%       44d 01h              0
        all            9     2    2     1       67%       23d 06h              0

        Pipeline and revenue by source: amounts at now, one line per currency
        SOURCE       OPEN PIPELINE   WON REVENUE   AVERAGE WON    MEDIAN WON
        paid search              -   3000.00 EUR   3000.00 EUR   3000.00 EUR
        referral      20000.00 GBP             -             -             -
        webinar        5000.00 EUR             -             -             -
        webinar                  -  12000.00 GBP  12000.00 GBP  12000.00 GBP
        all            5000.00 EUR   3000.00 EUR   3000.00 EUR   3000.00 EUR
        all           20000.00 GBP  12000.00 GBP  12000.00 GBP  12000.00 GBP

        Pipeline and revenue by rep (leads that became MQL in the period)
        REP              MQL  OPEN  WON  LOST  WIN RATE  MQL>WON TIME  WON NO AMOUNT
        ann@example.com    5     1    2     1       67%       23d 06h              0
        bob@example.com    4     1    0     0         -             -              0
        all                9     2    2     1       67%       23d 06h              0

        Pipeline and revenue by rep: amounts at now, one line per currency
        REP              OPEN PIPELINE   WON REVENUE   AVERAGE WON    MEDIAN WON
        ann@example.com              -   3000.00 EUR   3000.00 EUR   3000.00 EUR
        ann@example.com   20000.00 GBP  12000.00 GBP  12000.00 GBP  12000.00 GBP
        bob@example.com    5000.00 EUR             -             -             -
        all                5000.00 EUR   3000.00 EUR   3000.00 EUR   3000.00 EUR
        all               20000.00 GBP  12000.00 GBP  12000.00 GBP  12000.00 GBP
        """#
    static let pipelineConvertedText =
        #"""
        Pipeline and revenue by source: amounts at now, one line per currency
        SOURCE       OPEN PIPELINE   WON REVENUE   AVERAGE WON    MEDIAN WON
        paid search              -   2550.00 GBP   2550.00 GBP   2550.00 GBP
        referral      20000.00 GBP             -             -             -
        webinar        4250.00 GBP  12000.00 GBP  12000.00 GBP  12000.00 GBP
        all           24250.00 GBP  14550.00 GBP   7275.00 GBP   2550.00 GBP
        """#
    static let replayText =
        #"""
        Pipeline and revenue by source: amounts at now, one line per currency
        SOURCE       OPEN PIPELINE  WON REVENUE  AVERAGE WON  MEDIAN WON
        paid search    3000.00 EUR            -            -           -
        referral      20000.00 GBP            -            -           -
        webinar        5000.00 EUR            -            -           -
        webinar       10000.00 GBP            -            -           -
        all            8000.00 EUR            -            -           -
        all           30000.00 GBP            -            -           -
        """#
    static let pipelineCSV =
        #"""
        pipeline,source,paid search,,mqls,4
        pipeline,source,paid search,,open_opportunities,0
        pipeline,source,paid search,,won,1
        pipeline,source,paid search,,lost,0
        pipeline,source,paid search,,win_rate,1
        pipeline,source,paid search,,median_mql_to_won_seconds,2008800
        pipeline,source,paid search,,won_without_amount,0
        pipeline,source,paid search,,won_revenue.EUR,3000.00
        pipeline,source,paid search,,average_won_deal.EUR,3000.00
        pipeline,source,paid search,,median_won_deal.EUR,3000.00
        pipeline,source,referral,,mqls,1
        pipeline,source,referral,,open_opportunities,1
        pipeline,source,referral,,won,0
        pipeline,source,referral,,lost,0
        pipeline,source,referral,,win_rate,
        pipeline,source,referral,,median_mql_to_won_seconds,
        pipeline,source,referral,,won_without_amount,0
        pipeline,source,referral,,open_pipeline.GBP,20000.00
        pipeline,source,webinar,,mqls,4
        pipeline,source,webinar,,open_opportunities,1
        pipeline,source,webinar,,won,1
        pipeline,source,webinar,,lost,1
        pipeline,source,webinar,,win_rate,0.5
        pipeline,source,webinar,,median_mql_to_won_seconds,3805200
        pipeline,source,webinar,,won_without_amount,0
        pipeline,source,webinar,,open_pipeline.EUR,5000.00
        pipeline,source,webinar,,won_revenue.GBP,12000.00
        pipeline,source,webinar,,average_won_deal.GBP,12000.00
        pipeline,source,webinar,,median_won_deal.GBP,12000.00
        pipeline,source,all,,mqls,9
        pipeline,source,all,,open_opportunities,2
        pipeline,source,all,,won,2
        pipeline,source,all,,lost,1
        pipeline,source,all,,win_rate,0.6666666666666666
        pipeline,source,all,,median_mql_to_won_seconds,2008800
        pipeline,source,all,,won_without_amount,0
        pipeline,source,all,,open_pipeline.EUR,5000.00
        pipeline,source,all,,open_pipeline.GBP,20000.00
        pipeline,source,all,,won_revenue.EUR,3000.00
        pipeline,source,all,,won_revenue.GBP,12000.00
        pipeline,source,all,,average_won_deal.EUR,3000.00
        pipeline,source,all,,average_won_deal.GBP,12000.00
        pipeline,source,all,,median_won_deal.EUR,3000.00
        pipeline,source,all,,median_won_deal.GBP,12000.00
        """#
    static let pipelineJSON =
        #"""
        {"dimension":"source","key":"paid search","mqls":4,"open_opportunities":0,"won":1,"lost":0,"win_rate":1,"median_mql_to_won_seconds":2008800,"won_without_amount":0,"open_pipeline":[],"won_revenue":[{"amount":"3000.00","currency":"EUR"}],"average_won_deal":[{"amount":"3000.00","currency":"EUR"}],"median_won_deal":[{"amount":"3000.00","currency":"EUR"}]}
        {"dimension":"source","key":"referral","mqls":1,"open_opportunities":1,"won":0,"lost":0,"win_rate":null,"median_mql_to_won_seconds":null,"won_without_amount":0,"open_pipeline":[{"amount":"20000.00","currency":"GBP"}],"won_revenue":[],"average_won_deal":[],"median_won_deal":[]}
        {"dimension":"source","key":"webinar","mqls":4,"open_opportunities":1,"won":1,"lost":1,"win_rate":0.5,"median_mql_to_won_seconds":3805200,"won_without_amount":0,"open_pipeline":[{"amount":"5000.00","currency":"EUR"}],"won_revenue":[{"amount":"12000.00","currency":"GBP"}],"average_won_deal":[{"amount":"12000.00","currency":"GBP"}],"median_won_deal":[{"amount":"12000.00","currency":"GBP"}]}
        {"dimension":"source","key":"all","mqls":9,"open_opportunities":2,"won":2,"lost":1,"win_rate":0.6666666666666666,"median_mql_to_won_seconds":2008800,"won_without_amount":0,"open_pipeline":[{"amount":"5000.00","currency":"EUR"},{"amount":"20000.00","currency":"GBP"}],"won_revenue":[{"amount":"3000.00","currency":"EUR"},{"amount":"12000.00","currency":"GBP"}],"average_won_deal":[{"amount":"3000.00","currency":"EUR"},{"amount":"12000.00","currency":"GBP"}],"median_won_deal":[{"amount":"3000.00","currency":"EUR"},{"amount":"12000.00","currency":"GBP"}]}
        """#
    static let pipelineConvertedJSON =
        #"""
        {"dimension":"source","key":"paid search","mqls":4,"open_opportunities":0,"won":1,"lost":0,"win_rate":1,"median_mql_to_won_seconds":2008800,"won_without_amount":0,"open_pipeline":[],"won_revenue":[{"amount":"2550.00","currency":"GBP"}],"average_won_deal":[{"amount":"2550.00","currency":"GBP"}],"median_won_deal":[{"amount":"2550.00","currency":"GBP"}]}
        {"dimension":"source","key":"referral","mqls":1,"open_opportunities":1,"won":0,"lost":0,"win_rate":null,"median_mql_to_won_seconds":null,"won_without_amount":0,"open_pipeline":[{"amount":"20000.00","currency":"GBP"}],"won_revenue":[],"average_won_deal":[],"median_won_deal":[]}
        {"dimension":"source","key":"webinar","mqls":4,"open_opportunities":1,"won":1,"lost":1,"win_rate":0.5,"median_mql_to_won_seconds":3805200,"won_without_amount":0,"open_pipeline":[{"amount":"4250.00","currency":"GBP"}],"won_revenue":[{"amount":"12000.00","currency":"GBP"}],"average_won_deal":[{"amount":"12000.00","currency":"GBP"}],"median_won_deal":[{"amount":"12000.00","currency":"GBP"}]}
        {"dimension":"source","key":"all","mqls":9,"open_opportunities":2,"won":2,"lost":1,"win_rate":0.6666666666666666,"median_mql_to_won_seconds":2008800,"won_without_amount":0,"open_pipeline":[{"amount":"24250.00","currency":"GBP"}],"won_revenue":[{"amount":"14550.00","currency":"GBP"}],"average_won_deal":[{"amount":"7275.00","currency":"GBP"}],"median_won_deal":[{"amount":"2550.00","currency":"GBP"}]}
        """#
    static let pipelineCountsHTML =
        #"""
        <tr><td>paid search</td><td class="num">4</td><td class="num">0</td><td class="num">1</td><td class="num">0</td><td class="num">100%</td><td class="num">23d 06h</td><td class="num">0</td></tr>
        <tr><td>referral</td><td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">0</td><td class="num">-</td><td class="num">-</td><td class="num">0</td></tr>
        <tr><td>webinar</td><td class="num">4</td><td class="num">1</td><td class="num">1</td><td class="num">1</td><td class="num">50%</td><td class="num">44d 01h</td><td class="num">0</td></tr>
        <tr class="total"><td>all</td><td class="num">9</td><td class="num">2</td><td class="num">2</td><td class="num">1</td><td class="num">67%</td><td class="num">23d 06h</td><td class="num">0</td></tr>
        """#
    static let pipelineAmountsHTML =
        #"""
        <tr><td>paid search</td><td class="num">-</td><td class="num">3000.00 EUR</td><td class="num">3000.00 EUR</td><td class="num">3000.00 EUR</td></tr>
        <tr><td>referral</td><td class="num">20000.00 GBP</td><td class="num">-</td><td class="num">-</td><td class="num">-</td></tr>
        <tr><td>webinar</td><td class="num">5000.00 EUR</td><td class="num">12000.00 GBP</td><td class="num">12000.00 GBP</td><td class="num">12000.00 GBP</td></tr>
        <tr class="total"><td>all</td><td class="num">5000.00 EUR<br>20000.00 GBP</td><td class="num">3000.00 EUR<br>12000.00 GBP</td><td class="num">3000.00 EUR<br>12000.00 GBP</td><td class="num">3000.00 EUR<br>12000.00 GBP</td></tr>
        """#
    static let pipelineConvertedAmountsHTML =
        #"""
        <tr><td>paid search</td><td class="num">-</td><td class="num">2550.00 GBP</td><td class="num">2550.00 GBP</td><td class="num">2550.00 GBP</td></tr>
        <tr><td>referral</td><td class="num">20000.00 GBP</td><td class="num">-</td><td class="num">-</td><td class="num">-</td></tr>
        <tr><td>webinar</td><td class="num">4250.00 GBP</td><td class="num">12000.00 GBP</td><td class="num">12000.00 GBP</td><td class="num">12000.00 GBP</td></tr>
        <tr class="total"><td>all</td><td class="num">24250.00 GBP</td><td class="num">14550.00 GBP</td><td class="num">7275.00 GBP</td><td class="num">2550.00 GBP</td></tr>
        """#
}
