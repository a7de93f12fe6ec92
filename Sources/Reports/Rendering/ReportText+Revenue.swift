import BatonCore

/// The text of the pipeline and cost sections. Amounts print as `12000.00 GBP` (`Money.description`: the
/// currency's minor digits, no thousands separator, the code after), one line per currency: a key with figures in
/// two currencies that cannot be converted has two lines (in the cost table, its counts on the first only).
extension ReportText {
    /// Both sections: pipeline and revenue (counts, then amounts) per dimension, then cost and return.
    static func revenue(_ out: inout String, _ r: Report) {
        for dimension in pipelineDimensions(r.pipeline) {
            pipeline(&out, dimension, r.pipeline.filter { $0.dimension == dimension })
        }
        cost(&out, r.cost)
    }

    /// The counts table and the amounts table of one dimension (only the first, `(none)`, without rows).
    static func pipeline(_ out: inout String, _ dimension: ReportGrouping, _ rows: [PipelineRow]) {
        let by = dimension.rawValue
        section(&out, "Pipeline and revenue by \(by) (leads that became MQL in the period)", rows.isEmpty) {
            var t = ReportTable([
                .text(by.uppercased()), .number("MQL"), .number("OPEN"), .number("WON"), .number("LOST"),
                .number("WIN RATE"), .number("MQL>WON TIME"), .number("WON NO AMOUNT"),
            ])
            for row in rows {
                t.add(
                    [row.key] + [row.mqls, row.openOpportunities, row.won, row.lost].map { String($0) } + [
                        share(row.winRate), duration(row.medianMQLToWonSeconds, calendar: true),
                        String(row.wonWithoutAmount),
                    ])
            }
            return t
        }
        guard !rows.isEmpty else { return }
        section(&out, "Pipeline and revenue by \(by): amounts at now, one line per currency", false) {
            var t = ReportTable([
                .text(by.uppercased()), .number("OPEN PIPELINE"), .number("WON REVENUE"), .number("AVERAGE WON"),
                .number("MEDIAN WON"),
            ])
            for row in rows {
                let lists = [row.openPipeline, row.wonRevenue, row.averageWonDeal, row.medianWonDeal]
                for currency in currencies(lists) {
                    t.add([row.key] + lists.map { amount($0, currency) })
                }
            }
            return t
        }
    }

    /// Spend, cohort and costs per source and month; then won revenue and return (only the first, `(none)`,
    /// without rows).
    static func cost(_ out: inout String, _ rows: [CostRow]) {
        let heading = "Cost per channel by source and month (whole months; spend as stored now)"
        section(&out, heading, rows.isEmpty) {
            var t = ReportTable([
                .text("SOURCE"), .fixed("MONTH"), .number("SPEND"), .number("MQL"), .number("SQL"), .number("WON"),
                .number("PER MQL"), .number("PER SQL"), .number("PER WON"),
            ])
            for row in rows {
                let month = row.month?.description ?? ReportBuilder.allKey
                for (index, currency) in currencies([row.spend]).enumerated() {
                    let counts = index == 0 ? [row.mqls, row.sqls, row.won].map { String($0) } : ["", "", ""]
                    t.add(
                        [row.source, month, row.spend.isEmpty ? "none" : amount(row.spend, currency)] + counts + [
                            costPer(row.costPerMQL, currency, row.mqls, "no MQLs", row.spend),
                            costPer(row.costPerSQL, currency, row.sqls, "no SQLs", row.spend),
                            costPer(row.costPerWon, currency, row.won, "no wins", row.spend),
                        ])
                }
            }
            return t
        }
        guard !rows.isEmpty else { return }
        section(&out, "Return by source and month (won revenue ÷ spend)", false) {
            var t = ReportTable([.text("SOURCE"), .fixed("MONTH"), .number("WON REVENUE"), .fixed("RETURN")])
            for row in rows {
                let month = row.month?.description ?? ReportBuilder.allKey
                // Revenue in two currencies has no return: its note is repeated on each line (no empty last cell).
                let ratio = row.returnOnSpend.map { self.ratio($0) } ?? row.returnNote ?? "-"
                for currency in currencies([row.wonRevenue]) {
                    t.add([row.source, month, amount(row.wonRevenue, currency), ratio])
                }
            }
            return t
        }
    }

    /// `source`, then the other dimensions of `rows` in order of appearance.
    static func pipelineDimensions(_ rows: [PipelineRow]) -> [ReportGrouping] {
        var dimensions: [ReportGrouping] = [.source]
        for row in rows where !dimensions.contains(row.dimension) { dimensions.append(row.dimension) }
        return dimensions
    }

    /// The currencies of `lists`, in order; one nil (a single line of `-`) when they are all empty.
    static func currencies(_ lists: [[Money]]) -> [String?] {
        let codes = Set(lists.flatMap { $0.map(\.currency) }).sorted()
        return codes.isEmpty ? [nil] : codes
    }

    /// The entry of `list` in `currency` as `12000.00 GBP`, or `-`.
    static func amount(_ list: [Money], _ currency: String?) -> String {
        list.first { $0.currency == currency }?.description ?? "-"
    }

    /// A cost per item in `currency`, or why there is none: `none` (`no MQLs`, …) when `count` is 0, else
    /// `no spend`.
    static func costPer(_ list: [Money], _ currency: String?, _ count: Int, _ none: String, _ spend: [Money]) -> String
    {
        if count == 0 { return none }
        if spend.isEmpty { return "no spend" }
        return amount(list, currency)
    }
}
