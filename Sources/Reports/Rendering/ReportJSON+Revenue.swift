import BatonCore

/// The JSON of the pipeline and cost sections. Money is a list with one object per currency,
/// `{"amount": "12000.00", "currency": "GBP"}`: the amount a decimal string with the currency's minor digits
/// (never a float), an empty list for none.
///
/// ```
/// "pipeline": [{"dimension", "key", "mqls", "open_opportunities", "won", "lost", "win_rate",
///               "median_mql_to_won_seconds", "won_without_amount", "open_pipeline", "won_revenue",
///               "average_won_deal", "median_won_deal"}],
/// "cost": [{"source", "month" (`2026-11`, null for the source's total), "spend", "mqls", "sqls", "won",
///           "won_revenue", "cost_per_mql", "cost_per_sql", "cost_per_won", "return", "return_note"}]
/// ```
extension ReportJSON {
    /// `report.pipeline`.
    static func pipeline(_ rows: [PipelineRow]) -> JSONValue {
        .array(
            rows.map {
                .object([
                    ("dimension", .string($0.dimension.rawValue)), ("key", .string($0.key)), ("mqls", .int($0.mqls)),
                    ("open_opportunities", .int($0.openOpportunities)), ("won", .int($0.won)),
                    ("lost", .int($0.lost)), ("win_rate", number($0.winRate)),
                    ("median_mql_to_won_seconds", .int($0.medianMQLToWonSeconds)),
                    ("won_without_amount", .int($0.wonWithoutAmount)), ("open_pipeline", money($0.openPipeline)),
                    ("won_revenue", money($0.wonRevenue)), ("average_won_deal", money($0.averageWonDeal)),
                    ("median_won_deal", money($0.medianWonDeal)),
                ])
            })
    }

    /// `report.cost`.
    static func cost(_ rows: [CostRow]) -> JSONValue {
        .array(
            rows.map {
                .object([
                    ("source", .string($0.source)), ("month", .string($0.month?.description)),
                    ("spend", money($0.spend)), ("mqls", .int($0.mqls)), ("sqls", .int($0.sqls)),
                    ("won", .int($0.won)), ("won_revenue", money($0.wonRevenue)),
                    ("cost_per_mql", money($0.costPerMQL)), ("cost_per_sql", money($0.costPerSQL)),
                    ("cost_per_won", money($0.costPerWon)), ("return", number($0.returnOnSpend)),
                    ("return_note", .string($0.returnNote)),
                ])
            })
    }

    /// One `{"amount", "currency"}` per entry.
    static func money(_ list: [Money]) -> JSONValue {
        .array(list.map { .object([("amount", .string($0.decimalText)), ("currency", .string($0.currency))]) })
    }
}
