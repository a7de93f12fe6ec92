import BatonCore
import Foundation
import Testing

@testable import Reports

/// The lead-quality and speed sections over `RevenueFixture`, every figure worked out by hand from its table.
///
/// Cohort (became MQL in October–November, by now Fri 11-27 17:00Z): leads 1–9 (10 became MQL on 09-28).
/// webinar 1 2 6 8, paid search 3 4 5 9, referral 7. Stages now: 1 won, 2 opportunity, 3 won, 4 rejected,
/// 5 rejected, 6 nurture, 7 opportunity, 8 lost (after SQL and opportunity), 9 rejected.
///
/// Quality by source: paid search 4 MQL, rejected 3 (4 5 9) = 75%, nurture 0; referral 1, 0, 0; webinar 4,
/// rejected 0, nurture 1 (6) = 25%; all 9, rejected 3 = 1/3, nurture 1 = 1/9.
///
/// Reasons now: 4 `No budget`, 5 none, 9 `No budget`, 6 `Student`. Rows (source order, `all` last; rejected
/// before nurture; most leads first, then the reason's case-folded key): paid search rejected
/// `No budget` 2 = 2/4, `(no reason)` 1 = 1/4; webinar nurture `Student` 1 = 1/4; all rejected `No budget` 2 =
/// 2/9, `(no reason)` 1 = 1/9; all nurture `Student` 1 = 1/9.
///
/// First first-response episodes (`RevenueFixtureTests`): 1 met 1h, 2 met 2h, 3 met 30m, 4 cancelled, 5 met late
/// 6h, 6 paused, 7 met 20m, 8 met 1h, 9 met 4h. By verdict: rejected 4 5 9 → 3 leads, answered 5 and 9 (2),
/// never 1, 2/3, median of 4h, 6h = rank ⌈1.0⌉ = 1 → 4h; nurture 6 → 1, 0, 1, 0%, no median; accepted (reached
/// accepted or later, not rejected or nurture now) 1 2 3 7 8 → 5, all answered: 20m 30m 1h 1h 2h, median rank
/// ⌈2.5⌉ = 3 → 1h.
///
/// Speed (within target over each lead's first first-response episode: met ÷ (met + met late + breached +
/// cancelled after due); lead 4's was cancelled on 11-05, after its due time 11-03 13:00; lead 6's paused one
/// counts in neither):
/// - paid search: answered 3 5 9 → 30m 4h 6h, median rank 2 → 4h; in target 3 and 9 met, 4 and 5 late → 2/4;
///   SQL 3 (11-02 → 11-05 = 3d) → 1, 1/4, median 3d.
/// - referral: answered 7 → 20m; 1/1; SQL 7 (11-10 → 11-12 = 2d) → 1, 100%, 2d.
/// - webinar: answered 1 2 8 → 1h 1h 2h, median 1h; 1 2 8 met, 6 paused → 3/3; SQL 1 (10-05 → 10-12 = 7d),
///   2 (10-06 → 10-08 = 2d), 8 (11-16 → 11-17 = 1d) → 3, 3/4, median of 1d 2d 7d = 2d.
/// - all: answered 7 → 20m 30m 1h 1h 2h 4h 6h, median rank ⌈3.5⌉ = 4 → 1h; met 1 2 3 7 8 9, late 4 5 → 6/8;
///   SQL 1 2 3 7 8 → 5, 5/9, median of 1d 2d 2d 3d 7d = 2d.
///
/// None of these figures is money: `converting: true` gives the same sections.
///
/// Replay at 11-05 08:00, an hour before lead 4 was rejected: cohort 1 2 3 4 5 (6 onwards became MQL later);
/// stages then 1 opportunity, 2 opportunity, 3 accepted, 4 and 5 mql: nobody rejected, no reason (lead 4's was
/// written at 11-05 09:00). Quality: paid search 3 MQL (3 4 5), webinar 2, all 5, none rejected or nurtured;
/// rejected 0 leads, nurture 0, accepted 1 2 3 → 3 answered (1h 2h 30m), median 1h. Speed: lead 4's episode is
/// breached (open, past 11-03 13:00), lead 5's met late 6h (11-04 15:00), lead 3 not SQL yet (11-05 09:00):
/// paid search answered 3 5 → 30m 6h, median 30m, in target 1/3, SQL 0; webinar answered 1h 2h, median 1h,
/// 2/2, SQL 2, median of 2d 7d = 2d; all answered 30m 1h 2h 6h → median rank 2 = 1h, 3/5, SQL 2, 2/5, 2d.
/// At 11-05 09:00 lead 4 is rejected with `No budget`.
@Suite struct QualityReportTests {
    static let h: Int64 = 3_600
    static let day: Int64 = 86_400

    static let sources = [
        QualitySourceRow(
            source: "paid search", mql: 4, rejected: 3, rejectedShare: 0.75, nurture: 0, nurtureShare: 0),
        QualitySourceRow(source: "referral", mql: 1, rejected: 0, rejectedShare: 0, nurture: 0, nurtureShare: 0),
        QualitySourceRow(source: "webinar", mql: 4, rejected: 0, rejectedShare: 0, nurture: 1, nurtureShare: 0.25),
        QualitySourceRow(source: "all", mql: 9, rejected: 3, rejectedShare: 3.0 / 9, nurture: 1, nurtureShare: 1.0 / 9),
    ]

    static let reasons = [
        QualityReasonRow(source: "paid search", verdict: .rejected, reason: "No budget", leads: 2, share: 0.5),
        QualityReasonRow(source: "paid search", verdict: .rejected, reason: "(no reason)", leads: 1, share: 0.25),
        QualityReasonRow(source: "webinar", verdict: .nurture, reason: "Student", leads: 1, share: 0.25),
        QualityReasonRow(source: "all", verdict: .rejected, reason: "No budget", leads: 2, share: 2.0 / 9),
        QualityReasonRow(source: "all", verdict: .rejected, reason: "(no reason)", leads: 1, share: 1.0 / 9),
        QualityReasonRow(source: "all", verdict: .nurture, reason: "Student", leads: 1, share: 1.0 / 9),
    ]

    static let firstResponse = [
        QualityResponseRow(
            verdict: .rejected, leads: 3, answered: 2, neverAnswered: 1, answeredShare: 2.0 / 3,
            medianFirstResponseSeconds: 4 * h),
        QualityResponseRow(
            verdict: .nurture, leads: 1, answered: 0, neverAnswered: 1, answeredShare: 0,
            medianFirstResponseSeconds: nil),
        QualityResponseRow(
            verdict: .accepted, leads: 5, answered: 5, neverAnswered: 0, answeredShare: 1,
            medianFirstResponseSeconds: h),
    ]

    static let speed = [
        SpeedRow(
            source: "paid search", mql: 4, answered: 3, medianFirstResponseSeconds: 4 * h, withinTarget: 0.5, sql: 1,
            mqlToSQL: 0.25, medianMQLToSQLSeconds: 3 * day),
        SpeedRow(
            source: "referral", mql: 1, answered: 1, medianFirstResponseSeconds: 1_200, withinTarget: 1, sql: 1,
            mqlToSQL: 1, medianMQLToSQLSeconds: 2 * day),
        SpeedRow(
            source: "webinar", mql: 4, answered: 3, medianFirstResponseSeconds: h, withinTarget: 1, sql: 3,
            mqlToSQL: 0.75, medianMQLToSQLSeconds: 2 * day),
        SpeedRow(
            source: "all", mql: 9, answered: 7, medianFirstResponseSeconds: h, withinTarget: 0.75, sql: 5,
            mqlToSQL: 5.0 / 9, medianMQLToSQLSeconds: 2 * day),
    ]

    @Test("quality: rejected and nurtured MQLs by source, reasons as of now, first response by verdict")
    func quality() throws {
        for converting in [false, true] {
            let report = try RevenueFixture(converting: converting).report()
            #expect(report.quality.sources == Self.sources)
            #expect(report.quality.reasons == Self.reasons)
            #expect(report.quality.firstResponse == Self.firstResponse)
        }
    }

    @Test("speed: median first response beside median MQL to SQL per source")
    func speed() throws {
        for converting in [false, true] {
            #expect(try RevenueFixture(converting: converting).report().speed == Self.speed)
        }
    }

    @Test("the sections do not depend on --by")
    func grouping() throws {
        let fixture = try RevenueFixture()
        let byRep = try fixture.report(.rep)
        #expect(
            byRep.quality
                == LeadQuality(sources: Self.sources, reasons: Self.reasons, firstResponse: Self.firstResponse))
        #expect(byRep.speed == Self.speed)
    }

    @Test("a replay before lead 4 was rejected counts it in neither rejected nor its reason")
    func replay() throws {
        let fixture = try RevenueFixture()
        let h = Self.h
        let report = try fixture.report(now: RevenueFixture.t("11-05T08:00"))
        #expect(
            report.quality.sources == [
                QualitySourceRow(
                    source: "paid search", mql: 3, rejected: 0, rejectedShare: 0, nurture: 0, nurtureShare: 0),
                QualitySourceRow(source: "webinar", mql: 2, rejected: 0, rejectedShare: 0, nurture: 0, nurtureShare: 0),
                QualitySourceRow(source: "all", mql: 5, rejected: 0, rejectedShare: 0, nurture: 0, nurtureShare: 0),
            ])
        #expect(report.quality.reasons == [])
        #expect(
            report.quality.firstResponse == [
                QualityResponseRow(
                    verdict: .rejected, leads: 0, answered: 0, neverAnswered: 0, answeredShare: nil,
                    medianFirstResponseSeconds: nil),
                QualityResponseRow(
                    verdict: .nurture, leads: 0, answered: 0, neverAnswered: 0, answeredShare: nil,
                    medianFirstResponseSeconds: nil),
                QualityResponseRow(
                    verdict: .accepted, leads: 3, answered: 3, neverAnswered: 0, answeredShare: 1,
                    medianFirstResponseSeconds: h),
            ])
        #expect(
            report.speed == [
                SpeedRow(
                    source: "paid search", mql: 3, answered: 2, medianFirstResponseSeconds: 1_800,
                    withinTarget: 1.0 / 3, sql: 0, mqlToSQL: 0, medianMQLToSQLSeconds: nil),
                SpeedRow(
                    source: "webinar", mql: 2, answered: 2, medianFirstResponseSeconds: h, withinTarget: 1, sql: 2,
                    mqlToSQL: 1, medianMQLToSQLSeconds: 2 * Self.day),
                SpeedRow(
                    source: "all", mql: 5, answered: 4, medianFirstResponseSeconds: h, withinTarget: 3.0 / 5, sql: 2,
                    mqlToSQL: 0.4, medianMQLToSQLSeconds: 2 * Self.day),
            ])
        let rejected = try fixture.report(now: RevenueFixture.t("11-05T09:00"))
        #expect(
            rejected.quality.reasons == [
                QualityReasonRow(
                    source: "paid search", verdict: .rejected, reason: "No budget", leads: 1, share: 1.0 / 3),
                QualityReasonRow(source: "all", verdict: .rejected, reason: "No budget", leads: 1, share: 1.0 / 5),
            ])
    }

    /// The sections' lines of a rendered page or text: from `first` up to (not including) `end`.
    static func excerpt(_ text: String, from first: String, to end: String) -> Substring {
        guard let start = text.range(of: first), let stop = text[start.upperBound...].range(of: end) else { return "" }
        return text[start.lowerBound..<stop.lowerBound]
    }

    @Test("text: the sections' tables, every figure as worked out")
    func text() throws {
        let text = ReportText.render(try RevenueFixture().report())
        let expected = """
            Lead quality: MQLs rejected or sent to nurture by source (stage now)
            SOURCE       MQL  REJECTED  REJECTED %  NURTURE  NURTURE %
            paid search    4         3         75%        0         0%
            referral       1         0          0%        0         0%
            webinar        4         0          0%        1        25%
            all            9         3         33%        1        11%

            Lead quality: top reasons per source and verdict (reason now)
            SOURCE       VERDICT   REASON       LEADS  OF MQL
            paid search  rejected  No budget        2     50%
            paid search  rejected  (no reason)      1     25%
            webinar      nurture   Student          1     25%
            all          rejected  No budget        2     22%
            all          rejected  (no reason)      1     11%
            all          nurture   Student          1     11%

            Lead quality: first response by verdict (did sales reject the leads it never answered?)
            VERDICT   LEADS  ANSWERED  NEVER  ANSWERED %  MEDIAN
            rejected      3         2      1         67%  4h 00m
            nurture       1         0      1          0%       -
            accepted      5         5      0        100%  1h 00m

            Speed and outcome by source (MQLs of the period; first response in business time)
            SOURCE       MQL  ANSWERED  FIRST RESPONSE  IN TARGET  SQL  MQL>SQL  MQL>SQL TIME
            paid search    4         3          4h 00m        50%    1      25%        3d 00h
            referral       1         1             20m       100%    1     100%        2d 00h
            webinar        4         3          1h 00m       100%    3      75%        2d 00h
            all            9         7          1h 00m        75%    5      56%        2d 00h


            """
        // The four tables, in this order (each section is a heading and its table, between blank lines).
        let sections = text.components(separatedBy: "\n\n").filter {
            $0.hasPrefix("Lead quality:") || $0.hasPrefix("Speed and outcome by source")
        }
        #expect(sections.joined(separator: "\n\n") + "\n\n" == expected)
    }

    @Test("JSON: a quality object and a speed array, every figure as worked out, every reason listed")
    func json() throws {
        let value = ReportJSON.render(try RevenueFixture().report())
        guard case .object(let pairs) = value else {
            Issue.record("not an object")
            return
        }
        #expect(Array(pairs.map(\.0).drop { $0 != "quality" }.prefix(2)) == ["quality", "speed"])
        let quality = try JSONParser.parse(
            Array(
                #"""
                {"sources": [
                   {"source": "paid search", "mql": 4, "rejected": 3, "rejected_share": 0.75, "nurture": 0,
                    "nurture_share": 0},
                   {"source": "referral", "mql": 1, "rejected": 0, "rejected_share": 0, "nurture": 0, "nurture_share": 0},
                   {"source": "webinar", "mql": 4, "rejected": 0, "rejected_share": 0, "nurture": 1,
                    "nurture_share": 0.25},
                   {"source": "all", "mql": 9, "rejected": 3, "rejected_share": 0.3333333333333333, "nurture": 1,
                    "nurture_share": 0.1111111111111111}],
                 "reasons": [
                   {"source": "paid search", "verdict": "rejected", "reason": "No budget", "leads": 2, "share": 0.5},
                   {"source": "paid search", "verdict": "rejected", "reason": "(no reason)", "leads": 1, "share": 0.25},
                   {"source": "webinar", "verdict": "nurture", "reason": "Student", "leads": 1, "share": 0.25},
                   {"source": "all", "verdict": "rejected", "reason": "No budget", "leads": 2,
                    "share": 0.2222222222222222},
                   {"source": "all", "verdict": "rejected", "reason": "(no reason)", "leads": 1,
                    "share": 0.1111111111111111},
                   {"source": "all", "verdict": "nurture", "reason": "Student", "leads": 1, "share": 0.1111111111111111}],
                 "first_response": [
                   {"verdict": "rejected", "leads": 3, "answered": 2, "never_answered": 1,
                    "answered_share": 0.6666666666666666, "median_first_response_seconds": 14400},
                   {"verdict": "nurture", "leads": 1, "answered": 0, "never_answered": 1, "answered_share": 0,
                    "median_first_response_seconds": null},
                   {"verdict": "accepted", "leads": 5, "answered": 5, "never_answered": 0, "answered_share": 1,
                    "median_first_response_seconds": 3600}]}
                """#.utf8))
        let speed = try JSONParser.parse(
            Array(
                #"""
                [{"source": "paid search", "mql": 4, "answered": 3, "median_first_response_seconds": 14400,
                  "within_target": 0.5, "sql": 1, "mql_to_sql": 0.25, "median_mql_to_sql_seconds": 259200},
                 {"source": "referral", "mql": 1, "answered": 1, "median_first_response_seconds": 1200,
                  "within_target": 1, "sql": 1, "mql_to_sql": 1, "median_mql_to_sql_seconds": 172800},
                 {"source": "webinar", "mql": 4, "answered": 3, "median_first_response_seconds": 3600,
                  "within_target": 1, "sql": 3, "mql_to_sql": 0.75, "median_mql_to_sql_seconds": 172800},
                 {"source": "all", "mql": 9, "answered": 7, "median_first_response_seconds": 3600,
                  "within_target": 0.75, "sql": 5, "mql_to_sql": 0.5555555555555556,
                  "median_mql_to_sql_seconds": 172800}]
                """#.utf8))
        // Compared as printed: a fraction 0 or 1 prints as the integer it parses back to.
        #expect(pairs.first { $0.0 == "quality" }?.1.pretty == quality.pretty)
        #expect(pairs.first { $0.0 == "speed" }?.1.pretty == speed.pretty)
    }

    @Test("CSV: the sections' rows, in order, every figure as worked out")
    func csv() throws {
        let csv = ReportCSV.render(try RevenueFixture().report())
        let lines = csv.split(separator: "\n").filter { $0.hasPrefix("quality,") || $0.hasPrefix("speed,") }
        var expected: [String] = []
        for (source, mql, rejected, rejectedShare, nurture, nurtureShare) in [
            ("paid search", 4, 3, "0.75", 0, "0"), ("referral", 1, 0, "0", 0, "0"), ("webinar", 4, 0, "0", 1, "0.25"),
            ("all", 9, 3, "0.3333333333333333", 1, "0.1111111111111111"),
        ] {
            expected += [
                "quality,source,\(source),,mql,\(mql)", "quality,source,\(source),,rejected,\(rejected)",
                "quality,source,\(source),,rejected_share,\(rejectedShare)",
                "quality,source,\(source),,nurture,\(nurture)",
                "quality,source,\(source),,nurture_share,\(nurtureShare)",
            ]
        }
        expected += [
            "quality,rejected_reason,No budget,,paid search.leads,2",
            "quality,rejected_reason,No budget,,paid search.share,0.5",
            "quality,rejected_reason,(no reason),,paid search.leads,1",
            "quality,rejected_reason,(no reason),,paid search.share,0.25",
            "quality,nurture_reason,Student,,webinar.leads,1",
            "quality,nurture_reason,Student,,webinar.share,0.25",
            "quality,rejected_reason,No budget,,all.leads,2",
            "quality,rejected_reason,No budget,,all.share,0.2222222222222222",
            "quality,rejected_reason,(no reason),,all.leads,1",
            "quality,rejected_reason,(no reason),,all.share,0.1111111111111111",
            "quality,nurture_reason,Student,,all.leads,1",
            "quality,nurture_reason,Student,,all.share,0.1111111111111111",
        ]
        for (verdict, leads, answered, never, share, median) in [
            ("rejected", 3, 2, 1, "0.6666666666666666", "14400"), ("nurture", 1, 0, 1, "0", ""),
            ("accepted", 5, 5, 0, "1", "3600"),
        ] {
            expected += [
                "quality,verdict,\(verdict),,leads,\(leads)", "quality,verdict,\(verdict),,answered,\(answered)",
                "quality,verdict,\(verdict),,never_answered,\(never)",
                "quality,verdict,\(verdict),,answered_share,\(share)",
                "quality,verdict,\(verdict),,median_first_response_seconds,\(median)",
            ]
        }
        for (source, mql, answered, response, target, sql, rate, toSQL) in [
            ("paid search", 4, 3, "14400", "0.5", 1, "0.25", "259200"),
            ("referral", 1, 1, "1200", "1", 1, "1", "172800"),
            ("webinar", 4, 3, "3600", "1", 3, "0.75", "172800"),
            ("all", 9, 7, "3600", "0.75", 5, "0.5555555555555556", "172800"),
        ] {
            expected += [
                "speed,source,\(source),,mql,\(mql)", "speed,source,\(source),,answered,\(answered)",
                "speed,source,\(source),,median_first_response_seconds,\(response)",
                "speed,source,\(source),,within_target,\(target)", "speed,source,\(source),,sql,\(sql)",
                "speed,source,\(source),,mql_to_sql,\(rate)",
                "speed,source,\(source),,median_mql_to_sql_seconds,\(toSQL)",
            ]
        }
        #expect(lines.map(String.init) == expected)
        // In one block, quality then speed.
        #expect(csv.contains(expected.joined(separator: "\n") + "\n"))
    }

    @Test("HTML: the tables, and a chart each whose bars and labels carry the figures")
    func html() throws {
        let html = ReportHTML.render(try RevenueFixture().report())
        let quality = Self.excerpt(html, from: "<section id=\"quality\">", to: "</section>")
        let row = { (cells: [String]) in
            "<td>" + cells[0] + "</td>" + cells.dropFirst().map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"
        }
        for cells in [
            ["paid search", "4", "3", "75%", "0", "0%"], ["referral", "1", "0", "0%", "0", "0%"],
            ["webinar", "4", "0", "0%", "1", "25%"], ["all", "9", "3", "33%", "1", "11%"],
            ["rejected", "3", "2", "1", "67%", "4h 00m"], ["nurture", "1", "0", "1", "0%", "-"],
            ["accepted", "5", "5", "0", "100%", "1h 00m"],
        ] {
            #expect(quality.contains(row(cells)), "\(cells)")
        }
        #expect(quality.contains("<tr class=\"total\"><td>all</td><td class=\"num\">9</td>"))
        for (source, verdict, reason, leads, share) in [
            ("paid search", "rejected", "No budget", "2", "50%"),
            ("paid search", "rejected", "(no reason)", "1", "25%"),
            ("webinar", "nurture", "Student", "1", "25%"), ("all", "rejected", "No budget", "2", "22%"),
            ("all", "rejected", "(no reason)", "1", "11%"), ("all", "nurture", "Student", "1", "11%"),
        ] {
            let cells =
                "<tr><td>\(source)</td><td>\(verdict)</td><td>\(reason)</td>"
                + "<td class=\"num\">\(leads)</td><td class=\"num\">\(share)</td></tr>"
            #expect(quality.contains(cells), "\(cells)")
        }
        // Quality chart: 3 sources (not all), 3 segments each, on one scale (4 MQLs fill 330 units).
        let qualityChart = ReportHTMLTests.chart("chart-quality", in: html)
        #expect(ReportHTMLTests.count("<rect class=\"bar ", in: qualityChart) == 9)
        #expect(
            qualityChart.contains(
                "<rect class=\"bar seg-breached\" x=\"160\" y=\"36\" width=\"247.5\" height=\"14\">"
                    + "<title>paid search: rejected 3 of 4</title></rect>"))
        #expect(qualityChart.contains("<title>webinar: sent to nurture 1 of 4</title>"))
        #expect(qualityChart.contains("<title>referral: kept 1 of 1</title>"))
        #expect(qualityChart.contains(">4 MQL · 75% rejected · 0% nurture</text>"))
        #expect(qualityChart.contains(">4 MQL · 0% rejected · 25% nurture</text>"))

        let speed = Self.excerpt(html, from: "<section id=\"speed\">", to: "</section>")
        for cells in [
            ["paid search", "4", "3", "4h 00m", "50%", "1", "25%", "3d 00h"],
            ["referral", "1", "1", "20m", "100%", "1", "100%", "2d 00h"],
            ["webinar", "4", "3", "1h 00m", "100%", "3", "75%", "2d 00h"],
            ["all", "9", "7", "1h 00m", "75%", "5", "56%", "2d 00h"],
        ] {
            #expect(speed.contains(row(cells)), "\(cells)")
        }
        // Speed chart: a pair of bars per source, each side scaled to its slowest source (4h and 3d fill 125).
        let speedChart = ReportHTMLTests.chart("chart-speed", in: html)
        #expect(ReportHTMLTests.count("<rect class=\"bar ", in: speedChart) == 6)
        #expect(ReportHTMLTests.count("<rect class=\"bar series-handoff\"", in: speedChart) == 3)
        #expect(
            speedChart.contains(
                "<rect class=\"bar series-handoff\" x=\"160\" y=\"36\" width=\"125\" height=\"14\">"
                    + "<title>paid search: median first response (business time) 4h 00m</title></rect>"))
        #expect(
            speedChart.contains(
                "<rect class=\"bar series-sql\" x=\"460\" y=\"58\" width=\"83.3\" height=\"14\">"
                    + "<title>referral: median MQL → SQL (calendar time) 2d 00h</title></rect>"))
        #expect(speedChart.contains(">20m · 100% in target</text>"))
        #expect(speedChart.contains(">3d 00h · 25% SQL</text>"))
        #expect(speedChart.contains(">2d 00h · 75% SQL</text>"))
        #expect(ReportHTMLTests.count("id=\"chart-quality\"", in: html) == 1)
        #expect(ReportHTMLTests.count("id=\"chart-speed\"", in: html) == 1)
    }
}
