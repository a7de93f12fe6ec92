import BatonCore

/// Shared wins in the CSV report:
/// - `wins,lead,ADDRESS,,METRIC,VALUE`, one row per figure of each won deal: `won_at`, `name`, `company`, `source`,
///   `owner`, `amount` (decimal text, `12000.00`), `currency` (its own row), `mql_at`, `first_response_at`,
///   `mql_to_first_response_seconds`, `first_response_to_won_seconds`, `mql_to_won_seconds`;
/// - `won_revenue,period,all,,won_revenue.CODE,DECIMAL`, one row per currency (a figure that may hold several
///   currencies carries the code at the end of its metric, as the pipeline and cost sections do; one deal's or
///   one target's amount has its currency on a row of its own, like its other fields);
/// - `targets,target,NAME,,METRIC,VALUE` with `side`, `span`, `span_start`, `span_end`, `as_of`, `actual`,
///   `target`, `currency` (revenue only), `progress`, `pace`, `ahead`, `unconverted` and, per currency left out,
///   `unconverted.CODE` (decimal text).
extension ReportCSV {
    static func sharedWinsLines(_ wins: SharedWins) -> [[String]] {
        var lines: [[String]] = []
        func add(_ section: String, _ dimension: String, _ key: String, _ metric: String, _ value: Value) {
            lines.append([section, dimension, key, "", metric, value.text])
        }
        for deal in wins.deals {
            let fields: [(String, Value)] = [
                ("won_at", .time(deal.wonAt)), ("name", .text(deal.name)), ("company", .text(deal.company)),
                ("source", .text(deal.source)), ("owner", .text(deal.owner)),
                ("amount", .text(deal.amount?.decimalText)), ("currency", .text(deal.amount?.currency)),
                ("mql_at", deal.mqlAt.map { .time($0) } ?? .none),
                ("first_response_at", deal.firstResponseAt.map { .time($0) } ?? .none),
                ("mql_to_first_response_seconds", .seconds(deal.mqlToFirstResponseSeconds)),
                ("first_response_to_won_seconds", .seconds(deal.firstResponseToWonSeconds)),
                ("mql_to_won_seconds", .seconds(deal.mqlToWonSeconds)),
            ]
            for (metric, value) in fields { add("wins", "lead", deal.lead, metric, value) }
        }
        for amount in wins.wonRevenue {
            add("won_revenue", "period", "all", "won_revenue." + amount.currency, .text(amount.decimalText))
        }
        for row in wins.targets {
            var fields: [(String, Value)] = [
                ("side", .text(row.side.rawValue)), ("span", .text(row.span)), ("span_start", .time(row.spanStart)),
                ("span_end", .time(row.spanEnd)), ("as_of", .time(row.asOf)),
            ]
            for (metric, value) in [("actual", row.actual), ("target", row.target)] {
                switch value {
                case .count(let n): fields.append((metric, .int(n)))
                case .money(let amount): fields.append((metric, .text(amount.decimalText)))
                }
            }
            if case .money(let amount) = row.target { fields.append(("currency", .text(amount.currency))) }
            fields += [
                ("progress", .fraction(row.progress)), ("pace", .fraction(row.pace)),
                ("ahead", .text(row.ahead.map { $0 ? "true" : "false" })), ("unconverted", .int(row.unconverted)),
            ]
            fields += row.unconvertedAmounts.map { ("unconverted." + $0.currency, .text($0.decimalText)) }
            for (metric, value) in fields { add("targets", "target", row.metric.rawValue, metric, value) }
        }
        return lines
    }
}
