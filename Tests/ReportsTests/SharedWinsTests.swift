import BatonCore
import Foundation
import Reports
import SLA
import Testing

@testable import Store

/// Shared wins (won deals, won revenue, targets) over `RevenueFixture`, against figures worked out by hand.
///
/// Period 2026-10-01 to 2026-12-01, now Fri 2026-11-27 17:00Z. Wins: the leads whose first `won` entry is in the
/// period and not after now, whatever their MQL date: 1 (11-18 10:00), 10 (11-20 11:00, MQL 09-28 before the
/// period), 3 (11-25 15:00); oldest first. All are ann's (one owner-history row each, at MQL).
///
/// | lead | source      | amount at now           | MQL         | first response (stop) | MQL→FR  | FR→won       | MQL→won      |
/// |------|-------------|-------------------------|-------------|-----------------------|---------|--------------|--------------|
/// | 1    | webinar     | 12000.00 GBP            | 10-05 09:00 | 10-05 10:00 (met)     | 1h      | 44d = 3801600| 44d 1h =     |
/// |      |             |                         |             |                       | = 3600  |              | 3805200      |
/// | 10   | (none)      | 1000.00 GBP             | 09-28 09:00 | none (cancelled)      | -       | -            | 53d 2h =     |
/// |      |             |                         |             |                       |         |              | 4586400      |
/// | 3    | paid search | 3000.00 EUR             | 11-02 09:00 | 11-02 09:30 (met)     | 30m     | 23d 5h30m =  | 23d 6h =     |
/// |      |             | (converting: 2550.00 GBP)|            |                       | = 1800  | 2007000      | 2008800      |
///
/// (09-28 → 11-20 is 2 + 31 + 20 = 53 days; 10-05 → 11-18 is 26 + 18 = 44 days; 11-02 → 11-25 is 23 days.) The
/// text rounds calendar durations to the hour: 2007000 s = 557.5 h → `23d 06h`.
/// Won revenue: without conversion 3000.00 EUR and 12000 + 1000 = 13000.00 GBP, each on its own line; converting
/// (EUR at 0.85: 3000.00 EUR = 2550.00 GBP) 12000 + 1000 + 2550 = 15550.00 GBP.
///
/// Targets (`converting: true`: 8 MQLs and 4 SQLs a month, 40000.00 GBP a quarter), as of min(until, now) =
/// 11-27 17:00, so the month is November (11-01 to 12-01, 30 days = 2592000 s) and the quarter Q4 (10-01 to
/// 2027-01-01, 92 days = 7948800 s):
/// - MQLs in November before 11-27 17:00: 3 4 5 6 7 8 9 → 7 of 8 = 0.875 (88%);
/// - SQLs first reached in November: 3 (11-05), 7 (11-12), 8 (11-17) → 3 of 4 = 0.75 (lead 1's SQL was 10-12);
/// - revenue of Q4's wins (1, 10, 3) at now in GBP: 15550.00 of 40000.00 = 0.38875 (39%), none unconverted;
/// - pace: month 26d 17h = 2307600 s of 2592000 = 0.8902777… (89%); quarter 57d 17h = 4986000 s of 7948800 =
///   0.6272644… (63%). All three are behind.
/// Without a EUR rate (`reports.currency` GBP, only `revenue_per_quarter`): lead 3's 3000.00 EUR is shown in EUR,
/// won revenue is 3000.00 EUR and 13000.00 GBP, and the revenue target counts 13000.00 GBP = 0.325, 1 deal
/// unconverted (3000.00 EUR).
///
/// Replay at now = 11-18 11:00 (until 12-01): only lead 1 is won, at its amount before the 12:00 change, 10000.00
/// GBP. Targets as of 11-18 11:00: MQLs 3 4 5 6 7 8 → 6/8 = 0.75 and SQLs 3 7 8 → 3/4 = 0.75, against a pace of
/// 17d 11h = 1508400 s of 2592000 = 0.58194… (58%): ahead; revenue 10000/40000 = 0.25 against 48d 11h = 4186800 s
/// of 7948800 = 0.52672… (53%): behind.
@Suite struct SharedWinsTests {
    static let t = RevenueFixture.t
    static let nowText = "2026-11-27T17:00:00Z"

    static func gbp(_ minor: Int64) -> Money { Money(minor: minor, currency: "GBP") }
    static func eur(_ minor: Int64) -> Money { Money(minor: minor, currency: "EUR") }

    /// The three wins; lead 3's amount as given.
    static func deals(lead3: Money) -> [WonDeal] {
        [
            WonDeal(
                lead: "lead1@customer1.example", name: nil, company: nil, source: "webinar", owner: "ann@example.com",
                amount: gbp(1_200_000), mqlAt: t("10-05T09:00"), firstResponseAt: t("10-05T10:00"),
                wonAt: t("11-18T10:00"), mqlToFirstResponseSeconds: 3_600, firstResponseToWonSeconds: 3_801_600,
                mqlToWonSeconds: 3_805_200),
            WonDeal(
                lead: "lead10@customer10.example", name: nil, company: nil, source: "(none)",
                owner: "ann@example.com", amount: gbp(100_000), mqlAt: t("09-28T09:00"), firstResponseAt: nil,
                wonAt: t("11-20T11:00"), mqlToFirstResponseSeconds: nil, firstResponseToWonSeconds: nil,
                mqlToWonSeconds: 4_586_400),
            WonDeal(
                lead: "lead3@customer3.example", name: nil, company: nil, source: "paid search",
                owner: "ann@example.com", amount: lead3, mqlAt: t("11-02T09:00"), firstResponseAt: t("11-02T09:30"),
                wonAt: t("11-25T15:00"), mqlToFirstResponseSeconds: 1_800, firstResponseToWonSeconds: 2_007_000,
                mqlToWonSeconds: 2_008_800),
        ]
    }

    static let monthStart = RevenueFixture.at("2026-11-01T00:00:00Z")
    static let monthEnd = RevenueFixture.at("2026-12-01T00:00:00Z")
    static let quarterStart = RevenueFixture.at("2026-10-01T00:00:00Z")
    static let quarterEnd = RevenueFixture.at("2027-01-01T00:00:00Z")
    static let monthPace = 2_307_600.0 / 2_592_000
    static let quarterPace = 4_986_000.0 / 7_948_800

    @Test("without conversion: three wins oldest first, amounts in their own currency, revenue per currency")
    func modelOwnCurrencies() throws {
        let wins = try RevenueFixture().report().sharedWins
        #expect(wins.deals == Self.deals(lead3: Self.eur(300_000)))
        #expect(wins.wonRevenue == [Self.eur(300_000), Self.gbp(1_300_000)])
        #expect(wins.targets.isEmpty)
    }

    @Test("converting: amounts in GBP, one revenue line, and the three targets against their pace")
    func modelConverted() throws {
        let wins = try RevenueFixture(converting: true).report().sharedWins
        #expect(wins.deals == Self.deals(lead3: Self.gbp(255_000)))
        #expect(wins.wonRevenue == [Self.gbp(1_555_000)])
        let now = RevenueFixture.now
        #expect(
            wins.targets == [
                TargetProgress(
                    metric: .mqlPerMonth, span: "2026-11", spanStart: Self.monthStart, spanEnd: Self.monthEnd,
                    asOf: now, actual: .count(7), target: .count(8), progress: 0.875, pace: Self.monthPace),
                TargetProgress(
                    metric: .sqlPerMonth, span: "2026-11", spanStart: Self.monthStart, spanEnd: Self.monthEnd,
                    asOf: now, actual: .count(3), target: .count(4), progress: 0.75, pace: Self.monthPace),
                TargetProgress(
                    metric: .revenuePerQuarter, span: "2026-Q4", spanStart: Self.quarterStart,
                    spanEnd: Self.quarterEnd, asOf: now, actual: .money(Self.gbp(1_555_000)),
                    target: .money(Self.gbp(4_000_000)), progress: 0.38875, pace: Self.quarterPace),
            ])
        #expect(wins.targets.map(\.side) == [.marketing, .sales, .sales])
        #expect(wins.targets.map(\.ahead) == [false, false, false])
    }

    @Test("a report at 11-18 11:00 replays lead 1's win at its amount before the 12:00 change")
    func replay() throws {
        let now = Self.t("11-18T11:00")
        let wins = try RevenueFixture(converting: true).report(now: now).sharedWins
        #expect(wins.deals == [Self.deals(lead3: Self.gbp(0))[0].with(amount: Self.gbp(1_000_000))])
        #expect(wins.wonRevenue == [Self.gbp(1_000_000)])
        #expect(wins.targets.map(\.actual) == [.count(6), .count(3), .money(Self.gbp(1_000_000))])
        #expect(wins.targets.map(\.progress) == [0.75, 0.75, 0.25])
        let monthPace: Double = 1_508_400.0 / 2_592_000
        let quarterPace: Double = 4_186_800.0 / 7_948_800
        #expect(wins.targets.map(\.pace) == [monthPace, monthPace, quarterPace])
        #expect(wins.targets.map(\.ahead) == [true, true, false])
        let text = ReportText.render(try RevenueFixture(converting: true).report(now: now))
        #expect(
            text.contains("\n2026-11-18T10:00:00Z  lead1@customer1.example  webinar  ann@example.com  10000.00 GBP\n"))
        #expect(
            text.contains(
                "\nrevenue_per_quarter  sales      2026-Q4  10000.00 GBP  40000.00 GBP       25%   53%  behind\n"))
    }

    /// The text from the first shared-wins heading to the capture-health heading.
    static func textSection(_ report: Report) -> String {
        let text = ReportText.render(report)
        guard let start = text.range(of: "\nShared wins: "), let end = text.range(of: "\nCapture health") else {
            return ""
        }
        return String(text[start.lowerBound..<end.lowerBound])
    }

    @Test("text: the deals, their steps and the revenue per currency, each in its own table")
    func textOwnCurrencies() throws {
        let expected = """

            Shared wins: deals won in the period
            WON                   LEAD                       SOURCE       OWNER                  AMOUNT
            2026-11-18T10:00:00Z  lead1@customer1.example    webinar      ann@example.com  12000.00 GBP
            2026-11-20T11:00:00Z  lead10@customer10.example  (none)       ann@example.com   1000.00 GBP
            2026-11-25T15:00:00Z  lead3@customer3.example    paid search  ann@example.com   3000.00 EUR

            Shared wins: MQL to first response to won
            LEAD                       FIRST RESPONSE        MQL>RESPONSE  RESPONSE>WON  MQL>WON  NAME
            lead1@customer1.example    2026-10-05T10:00:00Z        1h 00m       44d 00h  44d 01h  -
            lead10@customer10.example  -                                -             -  53d 02h  -
            lead3@customer3.example    2026-11-02T09:30:00Z           30m       23d 06h  23d 06h  -

            Shared wins: won revenue
             WON REVENUE
             3000.00 EUR
            13000.00 GBP

            """
        #expect(Self.textSection(try RevenueFixture().report()) == expected)
    }

    @Test("text, converting: GBP throughout, and the targets with their side, pace and status")
    func textConverted() throws {
        let expected = """

            Shared wins: deals won in the period
            WON                   LEAD                       SOURCE       OWNER                  AMOUNT
            2026-11-18T10:00:00Z  lead1@customer1.example    webinar      ann@example.com  12000.00 GBP
            2026-11-20T11:00:00Z  lead10@customer10.example  (none)       ann@example.com   1000.00 GBP
            2026-11-25T15:00:00Z  lead3@customer3.example    paid search  ann@example.com   2550.00 GBP

            Shared wins: MQL to first response to won
            LEAD                       FIRST RESPONSE        MQL>RESPONSE  RESPONSE>WON  MQL>WON  NAME
            lead1@customer1.example    2026-10-05T10:00:00Z        1h 00m       44d 00h  44d 01h  -
            lead10@customer10.example  -                                -             -  53d 02h  -
            lead3@customer3.example    2026-11-02T09:30:00Z           30m       23d 06h  23d 06h  -

            Shared wins: won revenue
             WON REVENUE
            15550.00 GBP

            Shared wins: targets, up to 2026-11-27T17:00:00Z (pace: share of the month or quarter gone)
            TARGET               SIDE       SPAN           ACTUAL        TARGET  PROGRESS  PACE  STATUS
            mql_per_month        marketing  2026-11             7             8       88%   89%  behind
            sql_per_month        sales      2026-11             3             4       75%   89%  behind
            revenue_per_quarter  sales      2026-Q4  15550.00 GBP  40000.00 GBP       39%   63%  behind

            """
        #expect(Self.textSection(try RevenueFixture(converting: true).report()) == expected)
    }

    /// The value of `key` in a JSON object, serialized.
    static func json(_ report: Report, _ key: String) -> String {
        guard case .object(let pairs) = ReportJSON.render(report) else { return "" }
        return pairs.first { $0.0 == key }?.1.serialized ?? "absent"
    }

    static let lead1JSON =
        #"{"lead":"lead1@customer1.example","name":null,"company":null,"source":"webinar","owner":"ann@example.com","#
        + #""amount":"12000.00","currency":"GBP","mql_at":"2026-10-05T09:00:00Z","first_response_at":"#
        + #""2026-10-05T10:00:00Z","won_at":"2026-11-18T10:00:00Z","mql_to_first_response_seconds":3600,"#
        + #""first_response_to_won_seconds":3801600,"mql_to_won_seconds":3805200}"#
    static let lead10JSON =
        #"{"lead":"lead10@customer10.example","name":null,"company":null,"source":"(none)","#
        + #""owner":"ann@example.com","amount":"1000.00","currency":"GBP","mql_at":"2026-09-28T09:00:00Z","#
        + #""first_response_at":null,"won_at":"2026-11-20T11:00:00Z","mql_to_first_response_seconds":null,"#
        + #""first_response_to_won_seconds":null,"mql_to_won_seconds":4586400}"#
    static func lead3JSON(_ amount: String, _ currency: String) -> String {
        #"{"lead":"lead3@customer3.example","name":null,"company":null,"source":"paid search","#
            + #""owner":"ann@example.com","amount":""# + amount + #"","currency":""# + currency + #"","#
            + #""mql_at":"2026-11-02T09:00:00Z","first_response_at":"2026-11-02T09:30:00Z","#
            + #""won_at":"2026-11-25T15:00:00Z","mql_to_first_response_seconds":1800,"#
            + #""first_response_to_won_seconds":2007000,"mql_to_won_seconds":2008800}"#
    }

    @Test("JSON: amounts as decimal strings beside their currency, targets with side, span, progress and pace")
    func json() throws {
        let own = try RevenueFixture().report()
        #expect(
            Self.json(own, "wins") == "["
                + [Self.lead1JSON, Self.lead10JSON, Self.lead3JSON("3000.00", "EUR")].joined(separator: ",") + "]")
        #expect(
            Self.json(own, "won_revenue")
                == #"[{"amount":"3000.00","currency":"EUR"},{"amount":"13000.00","currency":"GBP"}]"#)
        #expect(Self.json(own, "targets") == "[]")
        let converted = try RevenueFixture(converting: true).report()
        #expect(
            Self.json(converted, "wins") == "["
                + [Self.lead1JSON, Self.lead10JSON, Self.lead3JSON("2550.00", "GBP")].joined(separator: ",") + "]")
        #expect(Self.json(converted, "won_revenue") == #"[{"amount":"15550.00","currency":"GBP"}]"#)
        let month =
            #""span":"2026-11","span_start":"2026-11-01T00:00:00Z","span_end":"2026-12-01T00:00:00Z","#
            + #""as_of":"2026-11-27T17:00:00Z","#
        let expected =
            #"[{"target":"mql_per_month","side":"marketing","# + month
            + #""actual":7,"target_value":8,"currency":null,"progress":0.875,"pace":0.8902777777777777,"#
            + #""ahead":false,"unconverted":0,"unconverted_amounts":[]},"#
            + #"{"target":"sql_per_month","side":"sales","# + month
            + #""actual":3,"target_value":4,"currency":null,"progress":0.75,"pace":0.8902777777777777,"#
            + #""ahead":false,"unconverted":0,"unconverted_amounts":[]},"#
            + #"{"target":"revenue_per_quarter","side":"sales","span":"2026-Q4","span_start":"2026-10-01T00:00:00Z","#
            + #""span_end":"2027-01-01T00:00:00Z","as_of":"2026-11-27T17:00:00Z","actual":"15550.00","#
            + #""target_value":"40000.00","currency":"GBP","progress":0.38875,"pace":0.6272644927536232,"#
            + #""ahead":false,"unconverted":0,"unconverted_amounts":[]}]"#
        #expect(Self.json(converted, "targets") == expected)
    }

    /// The CSV lines of the shared-wins sections.
    static func csv(_ report: Report) -> String {
        ReportCSV.render(report).split(separator: "\n").filter {
            $0.hasPrefix("wins,") || $0.hasPrefix("won_revenue,") || $0.hasPrefix("targets,")
        }.joined(separator: "\n") + "\n"
    }

    static func dealCSV(_ lead: String, _ fields: [(String, String)]) -> String {
        fields.map { "wins,lead,\(lead),,\($0.0),\($0.1)\n" }.joined()
    }

    static func winsCSV(lead3Amount: String, lead3Currency: String) -> String {
        dealCSV(
            "lead1@customer1.example",
            [
                ("won_at", "2026-11-18T10:00:00Z"), ("name", ""), ("company", ""), ("source", "webinar"),
                ("owner", "ann@example.com"), ("amount", "12000.00"), ("currency", "GBP"),
                ("mql_at", "2026-10-05T09:00:00Z"), ("first_response_at", "2026-10-05T10:00:00Z"),
                ("mql_to_first_response_seconds", "3600"), ("first_response_to_won_seconds", "3801600"),
                ("mql_to_won_seconds", "3805200"),
            ])
            + dealCSV(
                "lead10@customer10.example",
                [
                    ("won_at", "2026-11-20T11:00:00Z"), ("name", ""), ("company", ""), ("source", "(none)"),
                    ("owner", "ann@example.com"), ("amount", "1000.00"), ("currency", "GBP"),
                    ("mql_at", "2026-09-28T09:00:00Z"), ("first_response_at", ""),
                    ("mql_to_first_response_seconds", ""), ("first_response_to_won_seconds", ""),
                    ("mql_to_won_seconds", "4586400"),
                ])
            + dealCSV(
                "lead3@customer3.example",
                [
                    ("won_at", "2026-11-25T15:00:00Z"), ("name", ""), ("company", ""), ("source", "paid search"),
                    ("owner", "ann@example.com"), ("amount", lead3Amount), ("currency", lead3Currency),
                    ("mql_at", "2026-11-02T09:00:00Z"), ("first_response_at", "2026-11-02T09:30:00Z"),
                    ("mql_to_first_response_seconds", "1800"), ("first_response_to_won_seconds", "2007000"),
                    ("mql_to_won_seconds", "2008800"),
                ])
    }

    @Test("CSV: one row per figure, amounts as decimal text with the currency in its own row")
    func csv() throws {
        #expect(
            Self.csv(try RevenueFixture().report())
                == Self.winsCSV(lead3Amount: "3000.00", lead3Currency: "EUR")
                + "won_revenue,period,all,,won_revenue.EUR,3000.00\nwon_revenue,period,all,,won_revenue.GBP,13000.00\n")
        func target(_ name: String, _ fields: [(String, String)]) -> String {
            fields.map { "targets,target,\(name),,\($0.0),\($0.1)\n" }.joined()
        }
        let month: [(String, String)] = [
            ("span", "2026-11"), ("span_start", "2026-11-01T00:00:00Z"), ("span_end", "2026-12-01T00:00:00Z"),
            ("as_of", Self.nowText),
        ]
        let expected =
            Self.winsCSV(lead3Amount: "2550.00", lead3Currency: "GBP")
            + "won_revenue,period,all,,won_revenue.GBP,15550.00\n"
            + target(
                "mql_per_month",
                [("side", "marketing")] + month + [
                    ("actual", "7"), ("target", "8"), ("progress", "0.875"), ("pace", "0.8902777777777777"),
                    ("ahead", "false"), ("unconverted", "0"),
                ])
            + target(
                "sql_per_month",
                [("side", "sales")] + month + [
                    ("actual", "3"), ("target", "4"), ("progress", "0.75"), ("pace", "0.8902777777777777"),
                    ("ahead", "false"), ("unconverted", "0"),
                ])
            + target(
                "revenue_per_quarter",
                [
                    ("side", "sales"), ("span", "2026-Q4"), ("span_start", "2026-10-01T00:00:00Z"),
                    ("span_end", "2027-01-01T00:00:00Z"), ("as_of", Self.nowText), ("actual", "15550.00"),
                    ("target", "40000.00"), ("currency", "GBP"), ("progress", "0.38875"),
                    ("pace", "0.6272644927536232"), ("ahead", "false"), ("unconverted", "0"),
                ])
        #expect(Self.csv(try RevenueFixture(converting: true).report()) == expected)
    }

    /// The page's `wins` section.
    static func htmlSection(_ report: Report) -> String {
        let html = ReportHTML.render(report)
        guard let start = html.range(of: "<section id=\"wins\">"),
            let end = html.range(of: "</section>\n", range: start.upperBound..<html.endIndex)
        else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test("HTML, converting: the deals, the revenue, and the targets as a progress chart with pace marks and a table")
    func htmlConverted() throws {
        // The chart: 440 units of plot, 100% at 440 ÷ 1.5 = 293.3; MQL 0.875 → 256.7, pace 0.8903 → 170 + 261.1;
        // SQL 0.75 → 220; revenue 0.38875 → 114, pace 0.6273 → 170 + 184.
        let expected = """
            <section id="wins">
            <h2>Shared wins</h2>
            <h3>Won deals</h3>
            <div class="table-box"><table>
            <thead><tr><th scope="col">Won</th><th scope="col">Lead</th><th scope="col">Name</th>\
            <th scope="col">Source</th><th scope="col">Owner</th><th class="num" scope="col">Amount</th>\
            <th scope="col">MQL</th><th scope="col">First response</th>\
            <th class="num" scope="col">MQL→first response</th>\
            <th class="num" scope="col">First response→won</th><th class="num" scope="col">MQL→won</th></tr>\
            </thead>
            <tbody>
            <tr><td>2026-11-18 10:00</td><td>lead1@customer1.example</td><td>-</td><td>webinar</td>\
            <td>ann@example.com</td><td class="num">12000.00 GBP</td><td>2026-10-05 09:00</td>\
            <td>2026-10-05 10:00</td><td class="num">1h 00m</td><td class="num">44d 00h</td>\
            <td class="num">44d 01h</td></tr>
            <tr><td>2026-11-20 11:00</td><td>lead10@customer10.example</td><td>-</td><td>(none)</td>\
            <td>ann@example.com</td><td class="num">1000.00 GBP</td><td>2026-09-28 09:00</td><td>-</td>\
            <td class="num">-</td><td class="num">-</td><td class="num">53d 02h</td></tr>
            <tr><td>2026-11-25 15:00</td><td>lead3@customer3.example</td><td>-</td><td>paid search</td>\
            <td>ann@example.com</td><td class="num">2550.00 GBP</td><td>2026-11-02 09:00</td>\
            <td>2026-11-02 09:30</td><td class="num">30m</td><td class="num">23d 06h</td>\
            <td class="num">23d 06h</td></tr>
            </tbody>
            </table></div>
            <h3>Won revenue</h3>
            <div class="table-box"><table>
            <thead><tr><th scope="col">Currency</th><th class="num" scope="col">Won revenue</th></tr>\
            </thead>
            <tbody>
            <tr><td>GBP</td><td class="num">15550.00 GBP</td></tr>
            </tbody>
            </table></div>
            <h3>Targets</h3>
            <figure class="chart-box">
            <figcaption>Progress against targets</figcaption>
            <svg class="chart" id="chart-targets" role="img" aria-label="Progress against targets: progress\
             and pace per target" viewBox="0 0 760 82" preserveAspectRatio="xMinYMin meet">
            <title>Progress against targets: progress and pace per target</title>
            <text class="label" x="162" y="15" text-anchor="end">\
            <title>mql per month (marketing)</title>mql per month</text>
            <rect class="bar seg-late" x="170" y="4" width="256.7" height="14">\
            <title>mql per month: 88% of the target, 89% of 2026-11 gone</title></rect>
            <line class="axis" x1="431.1" y1="1" x2="431.1" y2="21"/>
            <text class="label value" x="616" y="15" text-anchor="start">88% · pace 89%</text>
            <text class="label" x="162" y="41" text-anchor="end">\
            <title>sql per month (sales)</title>sql per month</text>
            <rect class="bar seg-late" x="170" y="30" width="220" height="14">\
            <title>sql per month: 75% of the target, 89% of 2026-11 gone</title></rect>
            <line class="axis" x1="431.1" y1="27" x2="431.1" y2="47"/>
            <text class="label value" x="616" y="41" text-anchor="start">75% · pace 89%</text>
            <text class="label" x="162" y="67" text-anchor="end">\
            <title>revenue per quarter (sales)</title>revenue per quarter</text>
            <rect class="bar seg-late" x="170" y="56" width="114" height="14">\
            <title>revenue per quarter: 39% of the target, 63% of 2026-Q4 gone</title></rect>
            <line class="axis" x1="354" y1="53" x2="354" y2="73"/>
            <text class="label value" x="616" y="67" text-anchor="start">39% · pace 63%</text>
            </svg>
            <p class="chart-note">Share of each target reached by 2026-11-27 17:00; the mark is the share\
             of the month or quarter gone by then: a bar past its mark is ahead.</p>
            </figure>
            <div class="table-box"><table>
            <thead><tr><th scope="col">Target</th><th scope="col">Side</th><th scope="col">Span</th>\
            <th class="num" scope="col">Actual</th><th class="num" scope="col">Target</th>\
            <th class="num" scope="col">Progress</th><th class="num" scope="col">Pace</th>\
            <th scope="col">Status</th></tr></thead>
            <tbody>
            <tr><td>mql per month</td><td>marketing</td><td>2026-11</td><td class="num">7</td>\
            <td class="num">8</td><td class="num">88%</td><td class="num">89%</td><td>\
            <span class="badge alert">behind</span></td></tr>
            <tr><td>sql per month</td><td>sales</td><td>2026-11</td><td class="num">3</td>\
            <td class="num">4</td><td class="num">75%</td><td class="num">89%</td><td>\
            <span class="badge alert">behind</span></td></tr>
            <tr><td>revenue per quarter</td><td>sales</td><td>2026-Q4</td><td class="num">15550.00 GBP</td>\
            <td class="num">40000.00 GBP</td><td class="num">39%</td><td class="num">63%</td><td>\
            <span class="badge alert">behind</span></td></tr>
            </tbody>
            </table></div>
            </section>

            """
        #expect(Self.htmlSection(try RevenueFixture(converting: true).report()) == expected)
    }

    @Test("HTML without conversion: lead 3 in EUR, one revenue row per currency, no targets")
    func htmlOwnCurrencies() throws {
        let html = Self.htmlSection(try RevenueFixture().report())
        #expect(
            html.contains(
                "<tr><td>2026-11-25 15:00</td><td>lead3@customer3.example</td><td>-</td><td>paid search</td>"
                    + "<td>ann@example.com</td><td class=\"num\">3000.00 EUR</td><td>2026-11-02 09:00</td>"
                    + "<td>2026-11-02 09:30</td><td class=\"num\">30m</td><td class=\"num\">23d 06h</td>"
                    + "<td class=\"num\">23d 06h</td></tr>\n"))
        #expect(
            html.hasSuffix(
                "<tbody>\n<tr><td>EUR</td><td class=\"num\">3000.00 EUR</td></tr>\n"
                    + "<tr><td>GBP</td><td class=\"num\">13000.00 GBP</td></tr>\n</tbody>\n</table></div>\n</section>\n"
            ))
        #expect(!html.contains("Targets"))
        #expect(!ReportHTML.render(try RevenueFixture().report()).contains("chart-targets"))
    }

    /// `RevenueFixture`'s store under `reports.currency` GBP with no rate and only a revenue target, lead 1 named
    /// `Ada` of `Analytical` and lead 10 of `Ten & Co` (no name).
    static func noRateReport() throws -> Report {
        let fixture = try RevenueFixture()
        try fixture.store.database.execute(
            "UPDATE leads SET name = 'Ada', company = 'Analytical' WHERE id = 1", [])
        try fixture.store.database.execute("UPDATE leads SET company = 'Ten & Co' WHERE id = 10", [])
        let json = """
            {"store": "\(fixture.folder)/baton.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "sources": [],
             "teams": {"emea": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}},
             "policies": [
               {"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}],
             "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "out"}},
             "reports": {"currency": "GBP", "targets": {"revenue_per_quarter": 40000}}}
            """
        let config = try ConfigLoader.parse(Array(json.utf8), path: fixture.folder + "/baton.json")
        let leads = try SLAEvaluator(config: config, store: fixture.store).evaluate(now: RevenueFixture.now)
        let period = ReportPeriod(
            since: RevenueFixture.since, until: RevenueFixture.until, now: RevenueFixture.now, timezone: "UTC")
        return try ReportBuilder(config: config, store: fixture.store, leads: leads, period: period, grouping: .source)
            .build()
    }

    @Test("an amount with no rate stays in its currency, is left out of the revenue target and counted unconverted")
    func unconverted() throws {
        let report = try Self.noRateReport()
        let wins = report.sharedWins
        var deals = Self.deals(lead3: Self.eur(300_000))
        deals[0].name = "Ada"
        deals[0].company = "Analytical"
        deals[1].company = "Ten & Co"
        #expect(wins.deals == deals)
        #expect(wins.wonRevenue == [Self.eur(300_000), Self.gbp(1_300_000)])
        #expect(
            wins.targets == [
                TargetProgress(
                    metric: .revenuePerQuarter, span: "2026-Q4", spanStart: Self.quarterStart,
                    spanEnd: Self.quarterEnd, asOf: RevenueFixture.now, actual: .money(Self.gbp(1_300_000)),
                    target: .money(Self.gbp(4_000_000)), progress: 0.325, pace: Self.quarterPace, unconverted: 1,
                    unconvertedAmounts: [Self.eur(300_000)])
            ])
        let text = ReportText.render(report)
        #expect(
            text.contains(
                "\nrevenue_per_quarter  sales  2026-Q4  13000.00 GBP  40000.00 GBP       33%   63%  behind\n"
                    + "revenue_per_quarter leaves out 1 deal it cannot convert (no rate): 3000.00 EUR\n"))
        // The name comes last and is cut first: lead 1's `Ada (Analytical)` loses its end.
        #expect(
            text.contains(
                "\nlead1@customer1.example    2026-10-05T10:00:00Z        1h 00m       44d 00h  44d 01h  Ada (Analytic…\n"
            ))
        #expect(
            text.contains(
                "\nlead10@customer10.example  -                                -             -  53d 02h  Ten & Co\n"))
        #expect(
            Self.json(report, "targets").hasSuffix(
                #""progress":0.325,"pace":0.6272644927536232,"ahead":false,"unconverted":1,"#
                    + #""unconverted_amounts":[{"amount":"3000.00","currency":"EUR"}]}]"#))
        #expect(
            Self.json(report, "wins").hasPrefix(
                #"[{"lead":"lead1@customer1.example","name":"Ada","company":"Analytical","#))
        let csv = Self.csv(report)
        #expect(
            csv.hasSuffix(
                "targets,target,revenue_per_quarter,,unconverted,1\n"
                    + "targets,target,revenue_per_quarter,,unconverted.EUR,3000.00\n"))
        #expect(csv.contains("wins,lead,lead10@customer10.example,,company,Ten & Co\n"))
        let html = Self.htmlSection(report)
        #expect(html.contains("<td>Ten &amp; Co</td>"))
        #expect(
            html.contains(
                "<p class=\"callout warn\">revenue per quarter leaves out 1 won deal it cannot convert (no rate): "
                    + "3000.00 EUR.</p>\n"))
    }
}

extension WonDeal {
    /// The same deal with another amount.
    func with(amount: Money?) -> WonDeal {
        var copy = self
        copy.amount = amount
        return copy
    }
}
