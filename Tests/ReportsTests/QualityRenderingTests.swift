import BatonCore
import Foundation
import Testing

@testable import Reports

/// The lead-quality and speed sections of a report built by hand: more reasons than the text shows, hostile
/// strings, missing figures, and the empty report.
@Suite struct QualityRenderingTests {
    static let hostileSource = "<script>alert(1)</script>"
    static let hostileReason = "=cmd|' /C calc'!A0 \"fit\""

    /// Source `web`: 20 MQLs, 11 rejected for seven reasons (3, 2, 2, 1, 1, 1, 1 leads), 1 nurtured; the hostile
    /// source: 2 MQLs, 1 rejected for the hostile reason; nobody answered there.
    static let report: Report = {
        var report = Report(period: ReportRenderingTests.report.period, grouping: .rep)
        let web = [
            ("Bad fit", 3), ("Competitor", 2), ("No budget", 2), ("Student", 1), ("Timing", 1), ("Wrong region", 1),
        ]
        report.quality = LeadQuality(
            sources: [
                QualitySourceRow(
                    source: hostileSource, mql: 2, rejected: 1, rejectedShare: 0.5, nurture: 0, nurtureShare: 0),
                QualitySourceRow(
                    source: "web", mql: 20, rejected: 11, rejectedShare: 0.55, nurture: 1, nurtureShare: 0.05),
                QualitySourceRow(
                    source: "all", mql: 22, rejected: 12, rejectedShare: 12.0 / 22, nurture: 1, nurtureShare: 1.0 / 22),
            ],
            reasons: [
                QualityReasonRow(source: hostileSource, verdict: .rejected, reason: hostileReason, leads: 1, share: 0.5)
            ]
                + (web + [("Zebra", 1)]).map {
                    QualityReasonRow(
                        source: "web", verdict: .rejected, reason: $0.0, leads: $0.1, share: Double($0.1) / 20)
                } + [QualityReasonRow(source: "web", verdict: .nurture, reason: "(no reason)", leads: 1, share: 0.05)],
            firstResponse: [
                QualityResponseRow(
                    verdict: .rejected, leads: 12, answered: 3, neverAnswered: 9, answeredShare: 0.25,
                    medianFirstResponseSeconds: 90_000),
                QualityResponseRow(
                    verdict: .nurture, leads: 1, answered: 1, neverAnswered: 0, answeredShare: 1,
                    medianFirstResponseSeconds: 600),
                QualityResponseRow(
                    verdict: .accepted, leads: 0, answered: 0, neverAnswered: 0, answeredShare: nil,
                    medianFirstResponseSeconds: nil),
            ])
        report.speed = [
            SpeedRow(
                source: hostileSource, mql: 2, answered: 0, medianFirstResponseSeconds: nil, withinTarget: nil, sql: 1,
                mqlToSQL: 0.5, medianMQLToSQLSeconds: 400_000),
            SpeedRow(
                source: "web", mql: 20, answered: 18, medianFirstResponseSeconds: 7_500, withinTarget: 0.8, sql: 0,
                mqlToSQL: 0, medianMQLToSQLSeconds: nil),
            SpeedRow(
                source: "all", mql: 22, answered: 18, medianFirstResponseSeconds: 7_500, withinTarget: 0.8, sql: 1,
                mqlToSQL: 1.0 / 22, medianMQLToSQLSeconds: 400_000),
        ]
        return report
    }()

    @Test("text: the top five reasons per source and verdict, the rest on one line; nil figures as a dash")
    func text() {
        let text = ReportText.render(Self.report)
        for line in text.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
        #expect(
            text.contains(
                """
                Lead quality: top reasons per source and verdict (reason now)
                SOURCE                     VERDICT   REASON                    LEADS  OF MQL
                <script>alert(1)</script>  rejected  =cmd|' /C calc'!A0 "fit"      1     50%
                web                        rejected  Bad fit                       3     15%
                web                        rejected  Competitor                    2     10%
                web                        rejected  No budget                     2     10%
                web                        rejected  Student                       1      5%
                web                        rejected  Timing                        1      5%
                web                        rejected  … 2 more                      2     10%
                web                        nurture   (no reason)                   1      5%

                """))
        #expect(text.contains("\nrejected     12         3      9         25%  25h 00m\n"))
        #expect(text.contains("\naccepted      0         0      0           -        -\n"))
        #expect(
            text.contains(
                "\n<script>alert(1)</script>    2         0               -          -    1      50%        4d 15h\n"))
        #expect(
            text.contains(
                "\nweb                         20        18          2h 05m        80%    0       0%             -\n"))
    }

    @Test("JSON and CSV list every reason; CSV defuses a formula-looking reason")
    func everyReason() {
        guard case .object(let pairs) = ReportJSON.render(Self.report),
            case .object(let quality)? = pairs.first(where: { $0.0 == "quality" })?.1,
            case .array(let reasons)? = quality.first(where: { $0.0 == "reasons" })?.1
        else {
            Issue.record("no quality.reasons")
            return
        }
        #expect(reasons.count == 9)
        let csv = ReportCSV.render(Self.report)
        #expect(
            csv.contains(
                "\nquality,rejected_reason,Zebra,,web.leads,1\nquality,rejected_reason,Zebra,,web.share,0.05\n"))
        #expect(
            csv.contains(
                "\nquality,rejected_reason,\"'=cmd|' /C calc'!A0 \"\"fit\"\"\",,<script>alert(1)</script>.leads,1\n"))
        #expect(csv.contains("\nspeed,source,web,,median_mql_to_sql_seconds,\n"))
        #expect(csv.contains("\nquality,verdict,accepted,,answered_share,\n"))
    }

    @Test("HTML: the rest of the reasons on one row, data escaped in tables and charts, a missing median drawn empty")
    func html() {
        let html = ReportHTML.render(Self.report)
        #expect(!html.contains(Self.hostileSource))
        #expect(
            html.contains(
                "<tr><td>web</td><td>rejected</td><td>… 2 more</td><td class=\"num\">2</td><td class=\"num\">10%</td></tr>"
            ))
        #expect(!html.contains("<td>Zebra</td>"))
        #expect(html.contains("<td>=cmd|&#39; /C calc&#39;!A0 &quot;fit&quot;</td>"))
        #expect(
            html.contains(
                "<tr><td>accepted</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td>"
                    + "<td class=\"num\">-</td><td class=\"num\">-</td></tr>"))
        let quality = ReportHTMLTests.chart("chart-quality", in: html)
        #expect(ReportHTMLTests.count("<rect class=\"bar ", in: quality) == 6)
        #expect(quality.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;: rejected 1 of 2</title>"))
        // Kept: 20 − 11 − 1 = 8 of the 20 that fill 330 units.
        #expect(quality.contains("width=\"132\" height=\"14\"><title>web: kept 8 of 20</title>"))
        let speed = ReportHTMLTests.chart("chart-speed", in: html)
        #expect(ReportHTMLTests.count("<rect class=\"bar ", in: speed) == 4)
        #expect(
            speed.contains(
                "<rect class=\"bar series-handoff\" x=\"160\" y=\"36\" width=\"0\" height=\"14\">"
                    + "<title>&lt;script&gt;alert(1)&lt;/script&gt;: median first response (business time) none "
                    + "answered</title>"))
        #expect(speed.contains(">none answered</text>"))
        #expect(speed.contains("<title>web: median MQL → SQL (calendar time) no SQL</title>"))
        #expect(speed.contains(">no SQL</text>"))
        #expect(speed.contains(">4d 15h · 50% SQL</text>"))
        #expect(speed.contains(">2h 05m · 80% in target</text>"))
    }

    @Test("an empty report: (none) in text, a no-data note in place of each chart and no table")
    func empty() {
        let report = Report(period: ReportRenderingTests.report.period, grouping: .rep)
        let text = ReportText.render(report)
        for heading in [
            "Lead quality: MQLs rejected or sent to nurture by source (stage now)",
            "Lead quality: top reasons per source and verdict (reason now)",
            "Lead quality: first response by verdict (did sales reject the leads it never answered?)",
            "Speed and outcome by source (MQLs of the period; first response in business time)",
        ] {
            #expect(text.contains("\n\(heading)\n(none)\n"), "\(heading)")
        }
        let html = ReportHTML.render(report)
        #expect(
            html.contains(
                "<section id=\"quality\">\n<h2>Lead quality</h2>\n<p class=\"nodata\"><strong>Lead quality by source:"
                    + "</strong> no data (no MQLs in the period).</p>\n</section>"))
        #expect(
            html.contains(
                "<section id=\"speed\">\n<h2>Speed and outcome by source</h2>\n<p class=\"nodata\"><strong>Speed by "
                    + "source:</strong> no data (no MQL of the period was answered or became SQL).</p>\n</section>"))
    }
}
