import BatonCore

/// The speed section of the page: both speeds per source side by side, as a chart and a table.
extension ReportHTML {
    /// The section's content, chart first.
    static func speedSection(_ report: Report) -> String {
        var out = speedChart(report)
        guard !report.speed.isEmpty else { return out }
        var table = HTMLTable(headers: [
            ("Source", false), ("MQL", true), ("Answered", true), ("Median first response", true),
            ("Within target", true), ("SQL", true), ("MQL→SQL", true), ("Median MQL→SQL", true),
        ])
        for row in report.speed {
            table.append(
                [
                    .text(row.source), .number(HTMLFigureFormat.count(row.mql)),
                    .number(HTMLFigureFormat.count(row.answered)),
                    .number(HTMLFigureFormat.duration(row.medianFirstResponseSeconds)),
                    .number(HTMLFigureFormat.percent(row.withinTarget)), .number(HTMLFigureFormat.count(row.sql)),
                    .number(HTMLFigureFormat.percent(row.mqlToSQL)),
                    .number(HTMLFigureFormat.duration(row.medianMQLToSQLSeconds, calendar: true)),
                ], className: row.source == "all" ? "total" : nil)
        }
        out += table.render()
        return out
    }

    /// Paired horizontal bars, one pair per source (not `all`): on the left the median first response (business
    /// time), on the right the median MQL → SQL (calendar time), each panel on its own scale (its slowest source
    /// fills it), so a short bar on both sides is a channel answered and converted fast. A missing median is a
    /// zero-width bar labelled `none answered` or `no SQL`.
    static func speedChart(_ report: Report) -> String {
        let caption = "Speed by source"
        let rows = report.speed.filter { $0.source != "all" }
        let maxResponse = rows.compactMap(\.medianFirstResponseSeconds).max() ?? 0
        let maxSQL = rows.compactMap(\.medianMQLToSQLSeconds).max() ?? 0
        guard rows.contains(where: { $0.medianFirstResponseSeconds != nil || $0.medianMQLToSQLSeconds != nil }) else {
            return noData(caption, reason: "no MQL of the period was answered or became SQL")
        }

        let labelWidth = 160.0
        let panelWidth = (chartWidth - labelWidth) / 2
        let barWidth = panelWidth - 175
        var chart = SVGChart(width: chartWidth, height: 0)
        let panels: [(title: String, className: String, x: Double)] = [
            ("Median first response (business time)", "series-handoff", labelWidth),
            ("Median MQL → SQL (calendar time)", "series-sql", labelWidth + panelWidth),
        ]
        for panel in panels {
            chart.rect(x: panel.x, y: 4, width: 12, height: 12, className: "key \(panel.className)")
            chart.text(panel.title, x: panel.x + 18, y: 14)
        }
        var y = 36.0
        for row in rows {
            chart.text(
                HTMLFigureFormat.truncate(row.source, to: 20), x: labelWidth - 8, y: y + 11, anchor: .end,
                title: row.source)
            // A missing median says why: nobody answered, or nobody reached SQL (then the rate, 0%, says nothing).
            let figures: [(seconds: Int64?, maximum: Int64, text: String, detail: String)] = [
                (
                    row.medianFirstResponseSeconds, maxResponse,
                    row.medianFirstResponseSeconds.map { HTMLFigureFormat.duration($0) } ?? "none answered",
                    row.withinTarget.map { " · \(HTMLFigureFormat.percent($0)) in target" } ?? ""
                ),
                (
                    row.medianMQLToSQLSeconds, maxSQL,
                    row.medianMQLToSQLSeconds.map { HTMLFigureFormat.duration($0, calendar: true) } ?? "no SQL",
                    row.medianMQLToSQLSeconds == nil
                        ? "" : row.mqlToSQL.map { " · \(HTMLFigureFormat.percent($0)) SQL" } ?? ""
                ),
            ]
            for (panel, figure) in zip(panels, figures) {
                let seconds = figure.seconds ?? 0
                let width = figure.maximum > 0 ? barWidth * Double(seconds) / Double(figure.maximum) : 0
                let name = panel.title.prefix(1).lowercased() + panel.title.dropFirst()
                chart.rect(
                    x: panel.x, y: y, width: width, height: 14, className: "bar \(panel.className)",
                    title: "\(row.source): \(name) \(figure.text)")
                chart.text(figure.text + figure.detail, x: panel.x + width + 6, y: y + 11, className: "label value")
            }
            y += 22
        }
        chart.height = y
        return figure(
            caption: caption,
            note: "Per source, the median time to the first response (left) beside the median time from MQL to SQL "
                + "(right); each side is scaled to its slowest source, so shorter is faster on both.",
            chart: chart.render(
                id: "chart-speed", label: "\(caption): median first response and median MQL to SQL per source"))
    }
}
