import BatonCore

/// Shared wins in the HTML report: the won deals with their steps, the won revenue per currency, and the targets
/// as a table and a progress chart. Amounts print as `12000.00 GBP` (as in the text report); times in the
/// report's zone; MQL → first response in the policy's time, the other steps in calendar time.
extension ReportHTML {
    static func sharedWinsSection(_ report: Report, dates: HTMLDateFormat) -> String {
        let wins = report.sharedWins
        var out = "<h3>Won deals</h3>\n"
        if wins.deals.isEmpty {
            out += noData("Won deals", reason: "no lead reached won in the period")
        } else {
            var table = HTMLTable(headers: [
                ("Won", false), ("Lead", false), ("Name", false), ("Source", false), ("Owner", false),
                ("Amount", true), ("MQL", false), ("First response", false), ("MQL→first response", true),
                ("First response→won", true), ("MQL→won", true),
            ])
            for deal in wins.deals {
                table.append([
                    .text(dates.dateTime(deal.wonAt)), .text(deal.lead), .text(ReportText.name(deal)),
                    .text(deal.source), .text(deal.owner ?? HTMLFigureFormat.missing),
                    .number(ReportText.money(deal.amount)),
                    .text(deal.mqlAt.map(dates.dateTime) ?? HTMLFigureFormat.missing),
                    .text(deal.firstResponseAt.map(dates.dateTime) ?? HTMLFigureFormat.missing),
                    .number(HTMLFigureFormat.duration(deal.mqlToFirstResponseSeconds)),
                    .number(HTMLFigureFormat.duration(deal.firstResponseToWonSeconds, calendar: true)),
                    .number(HTMLFigureFormat.duration(deal.mqlToWonSeconds, calendar: true)),
                ])
            }
            out += table.render()
        }
        out += "<h3>Won revenue</h3>\n"
        if wins.wonRevenue.isEmpty {
            out += noData("Won revenue", reason: "no won deal has an amount")
        } else {
            var table = HTMLTable(headers: [("Currency", false), ("Won revenue", true)])
            for amount in wins.wonRevenue { table.append([.text(amount.currency), .number(amount.description)]) }
            out += table.render()
        }
        guard !wins.targets.isEmpty else { return out }
        out += "<h3>Targets</h3>\n"
        out += targetsChart(wins.targets, dates: dates)
        var table = HTMLTable(headers: [
            ("Target", false), ("Side", false), ("Span", false), ("Actual", true), ("Target", true),
            ("Progress", true), ("Pace", true), ("Status", false),
        ])
        for row in wins.targets {
            let status =
                row.ahead.map {
                    $0 ? "<span class=\"badge ok\">ahead</span>" : "<span class=\"badge alert\">behind</span>"
                } ?? HTMLFigureFormat.missing
            table.append([
                .text(words(row.metric.rawValue)), .text(row.side.rawValue), .text(row.span),
                .number(ReportText.value(row.actual)), .number(ReportText.value(row.target)),
                .number(HTMLFigureFormat.percent(row.progress)), .number(HTMLFigureFormat.percent(row.pace)),
                .markup(status),
            ])
        }
        out += table.render()
        for row in wins.targets where row.unconverted > 0 {
            let amounts = row.unconvertedAmounts.map(\.description).joined(separator: ", ")
            out +=
                "<p class=\"callout warn\">\(HTMLEscaping.escape(words(row.metric.rawValue))) leaves out "
                + "\(HTMLFigureFormat.count(row.unconverted)) won deal\(row.unconverted == 1 ? "" : "s") it cannot "
                + "convert (no rate): \(HTMLEscaping.escape(amounts)).</p>\n"
        }
        return out
    }

    /// One bar per target: progress (met colour when ahead of pace, late colour when behind, capped at the scale's
    /// 150%), with a mark at the pace and the figures at the end.
    static func targetsChart(_ targets: [TargetProgress], dates: HTMLDateFormat) -> String {
        let caption = "Progress against targets"
        let labelWidth = 170.0
        let plotWidth = chartWidth - labelWidth - 150
        let full = plotWidth / 1.5
        var chart = SVGChart(width: chartWidth, height: 0)
        var y = 4.0
        for row in targets {
            let name = words(row.metric.rawValue)
            chart.text(name, x: labelWidth - 8, y: y + 11, anchor: .end, title: "\(name) (\(row.side.rawValue))")
            let progress = row.progress ?? 0
            let className = row.ahead == true ? "bar seg-met" : "bar seg-late"
            chart.rect(
                x: labelWidth, y: y, width: full * min(progress, 1.5), height: 14, className: className,
                title: "\(name): \(HTMLFigureFormat.percent(row.progress)) of the target, "
                    + "\(HTMLFigureFormat.percent(row.pace)) of \(row.span) gone")
            let pace = labelWidth + full * row.pace
            chart.line(x1: pace, y1: y - 3, x2: pace, y2: y + 17, className: "axis")
            chart.text(
                "\(HTMLFigureFormat.percent(row.progress)) · pace \(HTMLFigureFormat.percent(row.pace))",
                x: labelWidth + plotWidth + 6, y: y + 11, className: "label value")
            y += 26
        }
        chart.height = y
        let asOf = dates.dateTime(targets[0].asOf)
        return figure(
            caption: caption,
            note: "Share of each target reached by \(asOf); the mark is the share of the month or quarter gone by "
                + "then: a bar past its mark is ahead.",
            chart: chart.render(id: "chart-targets", label: "\(caption): progress and pace per target"))
    }
}
