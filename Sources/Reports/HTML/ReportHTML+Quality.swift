import BatonCore

/// The lead-quality section of the page: a chart of what sales made of each source's MQLs, the table by source, the
/// top reasons per source and verdict, and first response by verdict.
extension ReportHTML {
    /// The section's content, chart first; only the chart's no-data note when the section has no rows.
    static func qualitySection(_ report: Report) -> String {
        let quality = report.quality
        guard !quality.sources.isEmpty else { return qualityChart(report) }
        return qualityChart(report) + qualitySourcesTable(quality) + "<h3>Top reasons</h3>\n" + qualityReasons(quality)
            + "<h3>Did sales reject the leads it never answered?</h3>\n" + qualityResponseTable(quality)
    }

    /// Per source, then `all`: MQLs, rejected and nurture with their shares.
    static func qualitySourcesTable(_ quality: LeadQuality) -> String {
        var table = HTMLTable(headers: [
            ("Source", false), ("MQL", true), ("Rejected", true), ("Rejected share", true), ("Nurture", true),
            ("Nurture share", true),
        ])
        for row in quality.sources {
            table.append(
                [
                    .text(row.source), .number(HTMLFigureFormat.count(row.mql)),
                    .number(HTMLFigureFormat.count(row.rejected)), .number(HTMLFigureFormat.percent(row.rejectedShare)),
                    .number(HTMLFigureFormat.count(row.nurture)), .number(HTMLFigureFormat.percent(row.nurtureShare)),
                ], className: row.source == "all" ? "total" : nil)
        }
        return table.render()
    }

    /// The top reasons per source and verdict, the rest summed on a `… N more` row; a note when there is none.
    static func qualityReasons(_ quality: LeadQuality) -> String {
        guard !quality.reasons.isEmpty else {
            return "<p class=\"ok-note\">No MQL of the period was rejected or sent to nurture.</p>\n"
        }
        var table = HTMLTable(headers: [
            ("Source", false), ("Verdict", false), ("Reason", false), ("Leads", true), ("Share of MQLs", true),
        ])
        for (rows, hidden, hiddenShare) in ReportText.topReasons(quality) {
            for row in rows {
                table.append([
                    .text(row.source), .text(row.verdict.rawValue), .text(row.reason),
                    .number(HTMLFigureFormat.count(row.leads)), .number(HTMLFigureFormat.percent(row.share)),
                ])
            }
            if let first = rows.first, hidden.reasons > 0 {
                table.append([
                    .text(first.source), .text(first.verdict.rawValue), .text("… \(hidden.reasons) more"),
                    .number(HTMLFigureFormat.count(hidden.leads)), .number(HTMLFigureFormat.percent(hiddenShare)),
                ])
            }
        }
        return "<p class=\"chart-note\">The reason as of now, grouped regardless of case and spacing; the top "
            + "\(ReportText.topReasons) per source and verdict (JSON and CSV list every one).</p>\n" + table.render()
    }

    /// Per verdict: leads, answered, never answered, the share answered and the median first response.
    static func qualityResponseTable(_ quality: LeadQuality) -> String {
        var table = HTMLTable(headers: [
            ("Verdict", false), ("Leads", true), ("Answered", true), ("Never answered", true),
            ("Answered share", true), ("Median first response", true),
        ])
        for row in quality.firstResponse {
            table.append([
                .text(row.verdict.rawValue), .number(HTMLFigureFormat.count(row.leads)),
                .number(HTMLFigureFormat.count(row.answered)), .number(HTMLFigureFormat.count(row.neverAnswered)),
                .number(HTMLFigureFormat.percent(row.answeredShare)),
                .number(HTMLFigureFormat.duration(row.medianFirstResponseSeconds)),
            ])
        }
        return table.render()
    }

    /// Horizontal stacked bars, one per source (not `all`), on one scale: the source's MQLs rejected, sent to
    /// nurture and kept, with the count and both shares at the end.
    static func qualityChart(_ report: Report) -> String {
        let caption = "Lead quality by source"
        let rows = report.quality.sources.filter { $0.source != "all" }
        let maxMQL = rows.map(\.mql).max() ?? 0
        guard maxMQL > 0 else { return noData(caption, reason: "no MQLs in the period") }

        let labelWidth = 160.0
        let plotWidth = chartWidth - labelWidth - 270
        var chart = SVGChart(width: chartWidth, height: 0)
        chart.legend(
            [("rejected", "seg-breached", false), ("sent to nurture", "seg-late", false), ("kept", "seg-met", false)],
            x: labelWidth, y: 4)
        var y = 36.0
        for row in rows {
            chart.text(
                HTMLFigureFormat.truncate(row.source, to: 20), x: labelWidth - 8, y: y + 11, anchor: .end,
                title: row.source)
            var x = labelWidth
            let segments = [
                ("rejected", "seg-breached", row.rejected), ("sent to nurture", "seg-late", row.nurture),
                ("kept", "seg-met", max(0, row.mql - row.rejected - row.nurture)),
            ]
            for (name, className, count) in segments {
                let width = plotWidth * Double(count) / Double(maxMQL)
                chart.rect(
                    x: x, y: y, width: width, height: 14, className: "bar \(className)",
                    title: "\(row.source): \(name) \(count) of \(row.mql)")
                x += width
            }
            chart.text(
                "\(HTMLFigureFormat.count(row.mql)) MQL · \(HTMLFigureFormat.percent(row.rejectedShare)) rejected · "
                    + "\(HTMLFigureFormat.percent(row.nurtureShare)) nurture",
                x: x + 6, y: y + 11, className: "label value")
            y += 22
        }
        chart.height = y
        return figure(
            caption: caption,
            note: "The period's MQLs per source by their stage now: rejected, sent back to nurture, or kept by sales; "
                + "bars share one scale.",
            chart: chart.render(id: "chart-quality", label: "\(caption): rejected, nurture and kept MQLs per source"))
    }
}
