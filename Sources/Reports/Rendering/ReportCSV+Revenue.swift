import BatonCore

/// The CSV lines of the pipeline and cost sections. Money: one line per currency, the currency code the last part
/// of the metric (`won_revenue.GBP`), the value the decimal with the currency's minor digits (`12000.00`); a
/// figure with no amount has no line.
///
/// - `pipeline`: `dimension` is `source`, `rep`, `team` or `week`, `key` the row's key (`week` filled for the
///   weeks of `--by week`); metrics `mqls`, `open_opportunities`, `won`, `lost`, `win_rate`,
///   `median_mql_to_won_seconds`, `won_without_amount`, `open_pipeline.CUR`, `won_revenue.CUR`,
///   `average_won_deal.CUR`, `median_won_deal.CUR`.
/// - `cost`: `dimension` `source`, `key` the source (`all` for a month's total); the metric is qualified by the
///   month, `all` for a source's total over the months shown: `2026-11.spend.CUR`, `2026-11.mqls`, `.sqls`,
///   `.won`, `.won_revenue.CUR`, `.cost_per_mql.CUR`, `.cost_per_sql.CUR`, `.cost_per_won.CUR`, `.return`
///   (empty when there is none) and `.return_note` (why, else empty).
extension ReportCSV {
    /// The fields of every line of both sections, in order.
    static func revenueLines(_ r: Report) -> [[String]] {
        var lines: [[String]] = []
        for row in r.pipeline {
            let week = row.dimension == .week && row.key != ReportBuilder.allKey ? row.key : ""
            func add(_ metric: String, _ value: Value) {
                lines.append(["pipeline", row.dimension.rawValue, row.key, week, metric, value.text])
            }
            add("mqls", .int(row.mqls))
            add("open_opportunities", .int(row.openOpportunities))
            add("won", .int(row.won))
            add("lost", .int(row.lost))
            add("win_rate", .fraction(row.winRate))
            add("median_mql_to_won_seconds", .seconds(row.medianMQLToWonSeconds))
            add("won_without_amount", .int(row.wonWithoutAmount))
            for (metric, list) in [
                ("open_pipeline", row.openPipeline), ("won_revenue", row.wonRevenue),
                ("average_won_deal", row.averageWonDeal), ("median_won_deal", row.medianWonDeal),
            ] {
                for amount in list { add(metric + "." + amount.currency, .text(amount.decimalText)) }
            }
        }
        for row in r.cost {
            let month = row.month?.description ?? ReportBuilder.allKey
            func add(_ metric: String, _ value: Value) {
                lines.append(["cost", "source", row.source, "", month + "." + metric, value.text])
            }
            for amount in row.spend { add("spend." + amount.currency, .text(amount.decimalText)) }
            add("mqls", .int(row.mqls))
            add("sqls", .int(row.sqls))
            add("won", .int(row.won))
            for (metric, list) in [
                ("won_revenue", row.wonRevenue), ("cost_per_mql", row.costPerMQL), ("cost_per_sql", row.costPerSQL),
                ("cost_per_won", row.costPerWon),
            ] {
                for amount in list { add(metric + "." + amount.currency, .text(amount.decimalText)) }
            }
            add("return", .fraction(row.returnOnSpend))
            add("return_note", .text(row.returnNote))
        }
        return lines
    }
}
