import BatonCore

/// The four charts. Each draws data rectangles with the class `bar` (one per figure, zero-width when the figure is
/// 0, so a chart's `bar` count is a function of its rows), and returns a "no data" note instead of an empty drawing.
extension ReportHTML {
    /// The drawing's width in viewBox units; it scales to the page.
    static let chartWidth = 760.0
    /// Approximate advance of one character of the charts' 12-unit font, to lay out legends and labels.
    static let characterWidth = 7.0

    /// Horizontal stacked bars, one per attainment row whose key is not `all`, grouped by policy: met, met late,
    /// breached and running, on one scale, with the total and the share within target at the end.
    static func attainmentChart(_ report: Report) -> String {
        let caption = "Attainment by \(report.grouping.rawValue)"
        let rows = report.attainment.filter { $0.key != "all" }
        let maxTotal = rows.map { $0.met + $0.metLate + $0.breached + $0.running }.max() ?? 0
        guard maxTotal > 0 else { return noData(caption, reason: "no episodes by \(report.grouping.rawValue)") }

        let labelWidth = 200.0
        let plotWidth = chartWidth - labelWidth - 110
        var chart = SVGChart(width: chartWidth, height: 0)
        chart.legend(
            [
                ("met", "seg-met", false), ("met late", "seg-late", false), ("breached", "seg-breached", false),
                ("running", "seg-running", false),
            ], x: labelWidth, y: 4)
        var y = 36.0
        for (policy, policyRows) in grouped(rows, by: \.policy) {
            chart.text(
                "Policy " + HTMLFigureFormat.truncate(policy, to: 90), x: 0, y: y + 12, className: "label heading",
                title: policy)
            y += 22
            for row in policyRows {
                chart.text(
                    HTMLFigureFormat.truncate(row.key, to: 25), x: labelWidth - 8, y: y + 11, anchor: .end,
                    title: row.key)
                var x = labelWidth
                let segments = [
                    ("met", "seg-met", row.met), ("met late", "seg-late", row.metLate),
                    ("breached", "seg-breached", row.breached), ("running", "seg-running", row.running),
                ]
                for (name, className, count) in segments {
                    let width = plotWidth * Double(count) / Double(maxTotal)
                    chart.rect(
                        x: x, y: y, width: width, height: 14, className: "bar \(className)",
                        title: "\(row.key), \(policy): \(name) \(count)")
                    x += width
                }
                let total = row.met + row.metLate + row.breached + row.running
                let share = row.withinTarget.map { " · \(HTMLFigureFormat.percent($0)) in target" } ?? ""
                chart.text(HTMLFigureFormat.count(total) + share, x: x + 6, y: y + 11, className: "label value")
                y += 22
            }
            y += 8
        }
        chart.height = y
        return figure(
            caption: caption,
            note: "Episodes started in the period, by state now; the figure after each bar is the total and the share "
                + "met within target.",
            chart: chart.render(id: "chart-attainment", label: "\(caption): stacked bars per policy"))
    }

    /// Per funnel row, five bars MQL → accepted → SQL → opportunity → won, scaled to the row's largest stage so
    /// each source shows where its leads drop out; the labels give the counts and the share of MQLs.
    static func funnelChart(_ report: Report) -> String {
        let caption = "Funnel by source"
        guard report.funnel.contains(where: { max($0.mql, $0.accepted, $0.sql, $0.opportunity, $0.won) > 0 }) else {
            return noData(caption, reason: "no MQLs in the period")
        }
        let stageLabelWidth = 100.0
        let plotWidth = chartWidth - stageLabelWidth - 10 - 120
        var chart = SVGChart(width: chartWidth, height: 0)
        var y = 0.0
        for row in report.funnel {
            chart.text(
                HTMLFigureFormat.truncate(row.source, to: 100), x: 0, y: y + 14, className: "label heading",
                title: row.source)
            y += 22
            let stages = [
                ("MQL", "stage-mql", row.mql), ("accepted", "stage-accepted", row.accepted),
                ("SQL", "stage-sql", row.sql), ("opportunity", "stage-opportunity", row.opportunity),
                ("won", "stage-won", row.won),
            ]
            let rowMax = max(1, stages.map(\.2).max() ?? 0)
            for (name, className, count) in stages {
                let width = plotWidth * Double(count) / Double(rowMax)
                chart.text(name, x: stageLabelWidth, y: y + 10, anchor: .end, className: "label muted")
                chart.rect(
                    x: stageLabelWidth + 8, y: y, width: width, height: 12, className: "bar \(className)",
                    title: "\(row.source): \(name) \(count)")
                let share = row.mql > 0 ? " · \(HTMLFigureFormat.percent(Double(count) / Double(row.mql)))" : ""
                chart.text(
                    HTMLFigureFormat.count(count) + (name == "MQL" ? "" : share), x: stageLabelWidth + 14 + width,
                    y: y + 10, className: "label value")
                y += 16
            }
            y += 14
        }
        chart.height = y - 6
        return figure(
            caption: caption,
            note: "Leads that became MQL in the period and the stages they reached by now; each source is scaled to "
                + "its own largest stage, the labels give the count and the share of MQLs.",
            chart: chart.render(
                id: "chart-funnel", label: "\(caption): MQL, accepted, SQL, opportunity, won per source"))
    }

    /// Vertical bars, one per first-response bucket.
    static func histogramChart(_ report: Report) -> String {
        let caption = "First-response time"
        let buckets = report.responseHistogram
        let maximum = buckets.map(\.count).max() ?? 0
        guard maximum > 0 else { return noData(caption, reason: "no first responses in the period") }

        let left = 48.0
        let top = 16.0
        let plotWidth = chartWidth - left - 16
        let plotHeight = 180.0
        let baseline = top + plotHeight
        var chart = SVGChart(width: chartWidth, height: baseline + 30)
        let ticks = SVGChart.ticks(upTo: maximum)
        let scale = plotHeight / Double(ticks.last ?? 1)
        chart.axis(ticks: ticks, left: left, right: left + plotWidth, baseline: baseline, scale: scale)
        let slot = plotWidth / Double(buckets.count)
        let barWidth = min(90, slot * 0.6)
        for (index, bucket) in buckets.enumerated() {
            let center = left + slot * (Double(index) + 0.5)
            let height = Double(bucket.count) * scale
            chart.rect(
                x: center - barWidth / 2, y: baseline - height, width: barWidth, height: height,
                className: "bar series-histogram", title: "\(bucket.label): \(bucket.count)")
            chart.text(
                HTMLFigureFormat.count(bucket.count), x: center, y: baseline - height - 5, anchor: .middle,
                className: "label value")
            chart.text(
                HTMLFigureFormat.truncate(bucket.label, to: Int(slot / characterWidth)), x: center, y: baseline + 18,
                anchor: .middle, title: bucket.label)
        }
        return figure(
            caption: caption,
            note: "First responses of the period by how long they took (business time).",
            chart: chart.render(id: "chart-histogram", label: "\(caption): first responses per time bucket"))
    }

    /// Two panels on one week axis: the share of first responses within target as a line (0–100 %), and leads
    /// handed off and SQLs per week as paired bars.
    static func weeklyChart(_ report: Report) -> String {
        let caption = "Weekly trend"
        let weeks = report.weekly
        guard weeks.contains(where: { $0.handedOff > 0 || $0.sql > 0 || $0.withinTarget != nil }) else {
            return noData(caption, reason: "no weeks with leads in the period")
        }
        let left = 48.0
        let plotWidth = chartWidth - left - 16
        let slot = plotWidth / Double(weeks.count)
        var chart = SVGChart(width: chartWidth, height: 0)
        chart.legend(
            [("handed off", "series-handoff", false), ("SQL", "series-sql", false), ("within target", "trend", true)],
            x: left, y: 4)

        // The share panel.
        let shareTop = 40.0
        let shareHeight = 90.0
        let shareBottom = shareTop + shareHeight
        for percent in [0, 50, 100] {
            let y = shareBottom - shareHeight * Double(percent) / 100
            chart.line(x1: left, y1: y, x2: left + plotWidth, y2: y, className: percent == 0 ? "axis" : "grid")
            chart.text("\(percent)%", x: left - 6, y: y + 4, anchor: .end, className: "label muted")
        }
        let points: [(x: Double, y: Double)?] = weeks.enumerated().map { index, week in
            week.withinTarget.map {
                (left + slot * (Double(index) + 0.5), shareBottom - shareHeight * min(1, max(0, $0)))
            }
        }
        chart.polyline(points, className: "trend")
        for (week, point) in zip(weeks, points) {
            guard let point else { continue }
            chart.circle(
                cx: point.x, cy: point.y, r: 3.5, className: "trend-dot",
                title:
                    "\(week.week): \(HTMLFigureFormat.percent(week.withinTarget)) of \(week.firstResponses) within target"
            )
            if slot >= 36 {
                chart.text(
                    HTMLFigureFormat.percent(week.withinTarget), x: point.x, y: point.y - 8, anchor: .middle,
                    className: "label value")
            }
        }

        // The count panel.
        let countTop = shareBottom + 34
        let countHeight = 150.0
        let baseline = countTop + countHeight
        let ticks = SVGChart.ticks(upTo: weeks.map { max($0.handedOff, $0.sql) }.max() ?? 0)
        let scale = countHeight / Double(ticks.last ?? 1)
        chart.axis(ticks: ticks, left: left, right: left + plotWidth, baseline: baseline, scale: scale)
        let barWidth = min(26, slot * 0.32)
        let labelCharacters = weeks.map(\.week.count).max() ?? 0
        let shortLabels = Double(labelCharacters) * characterWidth + 8 > slot
        let stride = max(1, Int((Double(shortLabels ? 4 : labelCharacters) * characterWidth + 8) / slot) + 1)
        for (index, week) in weeks.enumerated() {
            let center = left + slot * (Double(index) + 0.5)
            for (offset, className, name, count) in [
                (-1.0, "series-handoff", "handed off", week.handedOff), (0.0, "series-sql", "SQL", week.sql),
            ] {
                let height = Double(count) * scale
                let x = center + offset * barWidth + (offset < 0 ? -1 : 1)
                chart.rect(
                    x: x, y: baseline - height, width: barWidth, height: height, className: "bar \(className)",
                    title: "\(week.week): \(name) \(count)")
                if barWidth >= 16 {
                    chart.text(
                        HTMLFigureFormat.count(count), x: x + barWidth / 2, y: baseline - height - 4, anchor: .middle,
                        className: "label value small")
                }
            }
            if index % stride == 0 {
                let label =
                    shortLabels ? String(week.week.split(separator: "-").last ?? Substring(week.week)) : week.week
                chart.text(label, x: center, y: baseline + 18, anchor: .middle, title: week.week)
            }
        }
        chart.height = baseline + 28
        return figure(
            caption: caption,
            note: "Top: share of the week's first responses met within target. Bottom: leads handed off and leads "
                + "that reached SQL, per ISO week.",
            chart: chart.render(id: "chart-weekly", label: "\(caption): within target, handed off and SQL per week"))
    }

    /// A chart in its `<figure>` with a caption and a one-line reading note.
    static func figure(caption: String, note: String, chart: String) -> String {
        "<figure class=\"chart-box\">\n<figcaption>\(HTMLEscaping.escape(caption))</figcaption>\n\(chart)\n"
            + "<p class=\"chart-note\">\(HTMLEscaping.escape(note))</p>\n</figure>\n"
    }

    /// What stands in for a chart without data.
    static func noData(_ caption: String, reason: String) -> String {
        "<p class=\"nodata\"><strong>\(HTMLEscaping.escape(caption)):</strong> no data (\(HTMLEscaping.escape(reason))).</p>\n"
    }

    /// `rows` split by `key`, groups in order of first appearance.
    static func grouped<Row>(_ rows: [Row], by key: (Row) -> String) -> [(String, [Row])] {
        var order: [String] = []
        var groups: [String: [Row]] = [:]
        for row in rows {
            let k = key(row)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(row)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }
}

extension SVGChart {
    /// A row of legend entries from `x`: a swatch (or a short stroke for a line series) and its name. Swatches
    /// have the class `key`, not `bar`.
    mutating func legend(_ items: [(label: String, className: String, line: Bool)], x: Double, y: Double) {
        var x = x
        for item in items {
            if item.line {
                line(x1: x, y1: y + 6, x2: x + 14, y2: y + 6, className: item.className)
            } else {
                rect(x: x, y: y, width: 12, height: 12, className: "key \(item.className)")
            }
            text(item.label, x: x + 18, y: y + 10)
            x += 18 + Double(item.label.count) * ReportHTML.characterWidth + 22
        }
    }

    /// Horizontal grid lines and their labels at `ticks`, and the baseline.
    mutating func axis(ticks: [Int], left: Double, right: Double, baseline: Double, scale: Double) {
        for tick in ticks {
            let y = baseline - Double(tick) * scale
            line(x1: left, y1: y, x2: right, y2: y, className: tick == 0 ? "axis" : "grid")
            text(HTMLFigureFormat.count(tick), x: left - 6, y: y + 4, anchor: .end, className: "label muted")
        }
    }
}
