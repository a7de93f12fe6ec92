import BatonCore

/// The pipeline and cost sections of the HTML page: a chart and tables each. Amounts print as `12000.00 GBP`, one
/// line per currency inside a cell; a chart draws each currency on its own scale, since two currencies are never
/// compared or added.
extension ReportHTML {
    /// The chart of open pipeline and won revenue by source, then a counts-and-amounts table per dimension.
    static func pipelineSection(_ report: Report) -> String {
        let bySource = report.pipeline.filter { $0.dimension == .source && $0.key != ReportBuilder.allKey }
        var out = moneyChart(
            id: "chart-pipeline", caption: "Open pipeline and won revenue by source",
            note: "Amounts at now of the period's MQLs: open opportunities and won deals, each currency on its own "
                + "scale.",
            series: [("open pipeline", "stage-opportunity"), ("won revenue", "stage-won")],
            rows: bySource.map { ($0.key, [$0.openPipeline, $0.wonRevenue]) }, empty: "no MQLs in the period")
        for dimension in ReportText.pipelineDimensions(report.pipeline) {
            let rows = report.pipeline.filter { $0.dimension == dimension }
            guard !rows.isEmpty else { continue }
            let title = dimension.rawValue.prefix(1).uppercased() + dimension.rawValue.dropFirst()
            out += "<h3>By \(HTMLEscaping.escape(dimension.rawValue))</h3>\n"
            var counts = HTMLTable(headers: [
                (title, false), ("MQL", true), ("Open", true), ("Won", true), ("Lost", true), ("Win rate", true),
                ("Median MQL→won", true), ("Won without amount", true),
            ])
            var money = HTMLTable(headers: [
                (title, false), ("Open pipeline", true), ("Won revenue", true), ("Average won deal", true),
                ("Median won deal", true),
            ])
            for row in rows {
                let total = row.key == ReportBuilder.allKey ? "total" : nil
                counts.append(
                    [.text(row.key)]
                        + [row.mqls, row.openOpportunities, row.won, row.lost].map {
                            .number(HTMLFigureFormat.count($0))
                        }
                        + [
                            .number(HTMLFigureFormat.percent(row.winRate)),
                            .number(HTMLFigureFormat.duration(row.medianMQLToWonSeconds, calendar: true)),
                            .number(HTMLFigureFormat.count(row.wonWithoutAmount)),
                        ], className: total)
                money.append(
                    [
                        .text(row.key), amounts(row.openPipeline), amounts(row.wonRevenue), amounts(row.averageWonDeal),
                        amounts(row.medianWonDeal),
                    ], className: total)
            }
            out += counts.render() + money.render()
        }
        return out
    }

    /// The chart of spend and won revenue per source over the months shown, then the table per source and month.
    static func costSection(_ report: Report) -> String {
        let totals = report.cost.filter { $0.month == nil }
        let out = moneyChart(
            id: "chart-cost", caption: "Spend and won revenue by source",
            note: "Over the months shown: spend as stored now, and the won revenue of the leads that became MQL in "
                + "those months; each currency on its own scale.",
            series: [("spend", "series-spend"), ("won revenue", "series-revenue")],
            rows: totals.map { ($0.source, [$0.spend, $0.wonRevenue]) }, empty: "no spend and no MQLs")
        guard !report.cost.isEmpty else { return out }
        var costs = HTMLTable(headers: [
            ("Source", false), ("Month", false), ("Spend", true), ("MQL", true), ("SQL", true), ("Won", true),
            ("Cost per MQL", true), ("Cost per SQL", true), ("Cost per won deal", true),
        ])
        var returns = HTMLTable(headers: [
            ("Source", false), ("Month", false), ("Spend", true), ("Won revenue", true), ("Return", true),
        ])
        for row in report.cost {
            func cost(_ list: [Money], _ count: Int, _ none: String) -> HTMLTable.Cell {
                count == 0 ? .number(none) : row.spend.isEmpty ? .number("no spend") : amounts(list)
            }
            let key: [HTMLTable.Cell] = [.text(row.source), .text(row.month?.description ?? ReportBuilder.allKey)]
            let spend = row.spend.isEmpty ? .number("none") : amounts(row.spend)
            let total = row.month == nil || row.source == ReportBuilder.allKey ? "total" : nil
            costs.append(
                key + [
                    spend, .number(HTMLFigureFormat.count(row.mqls)), .number(HTMLFigureFormat.count(row.sqls)),
                    .number(HTMLFigureFormat.count(row.won)), cost(row.costPerMQL, row.mqls, "no MQLs"),
                    cost(row.costPerSQL, row.sqls, "no SQLs"), cost(row.costPerWon, row.won, "no wins"),
                ], className: total)
            returns.append(
                key + [
                    spend, amounts(row.wonRevenue),
                    .number(row.returnOnSpend.map { HTMLFigureFormat.decimal($0) } ?? row.returnNote ?? "-"),
                ], className: total)
        }
        return out + costs.render() + returns.render()
    }

    /// One line per amount (`12000.00 GBP`), `-` for none.
    static func amounts(_ list: [Money]) -> HTMLTable.Cell {
        .numbers(list.isEmpty ? [HTMLFigureFormat.missing] : list.map(\.description))
    }

    /// Horizontal bars of amounts: per row that has an amount (a heading), per currency the row has, one bar per
    /// series. Each currency is scaled to its own largest amount in the chart. Every bar has the class `bar`
    /// (zero-width for none), so the number of bars is the rows' currencies times the series.
    static func moneyChart(
        id: String, caption: String, note: String, series: [(name: String, className: String)],
        rows: [(label: String, lists: [[Money]])], empty: String
    ) -> String {
        var largest: [String: Int64] = [:]
        for amount in rows.flatMap({ $0.lists.flatMap { $0 } }) {
            largest[amount.currency] = max(largest[amount.currency] ?? 0, amount.minor)
        }
        guard !largest.isEmpty else { return noData(caption, reason: empty) }
        let labelWidth = 150.0
        let plotWidth = chartWidth - labelWidth - 8 - 120
        var chart = SVGChart(width: chartWidth, height: 0)
        chart.legend(series.map { ($0.name, $0.className, false) }, x: labelWidth + 8, y: 4)
        var y = 30.0
        for (label, lists) in rows where lists.contains(where: { !$0.isEmpty }) {
            chart.text(
                HTMLFigureFormat.truncate(label, to: 100), x: 0, y: y + 14, className: "label heading", title: label)
            y += 22
            for currency in Set(lists.flatMap { $0.map(\.currency) }).sorted() {
                let scale = Double(max(1, largest[currency] ?? 1))
                for (index, item) in series.enumerated() {
                    let amount = lists[index].first { $0.currency == currency }
                    let width = plotWidth * Double(max(0, amount?.minor ?? 0)) / scale
                    chart.text(
                        "\(item.name), \(currency)", x: labelWidth, y: y + 10, anchor: .end, className: "label muted")
                    chart.rect(
                        x: labelWidth + 8, y: y, width: width, height: 12, className: "bar \(item.className)",
                        title: "\(label): \(item.name) \(amount?.description ?? "none")")
                    chart.text(
                        amount?.description ?? HTMLFigureFormat.missing, x: labelWidth + 14 + width, y: y + 10,
                        className: "label value")
                    y += 16
                }
            }
            y += 14
        }
        chart.height = y - 6
        return figure(caption: caption, note: note, chart: chart.render(id: id, label: caption))
    }
}
