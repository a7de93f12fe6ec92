import BatonCore

/// The text of the pipeline section. Amounts print as `12000.00 GBP` (`Money.description`: the
/// currency's minor digits, no thousands separator, the code after), one line per currency: a key with figures in
/// two currencies that cannot be converted has two lines.
extension ReportText {
    /// Pipeline and revenue (counts, then amounts) per dimension.
    static func revenue(_ out: inout String, _ r: Report) {
        for dimension in pipelineDimensions(r.pipeline) {
            pipeline(&out, dimension, r.pipeline.filter { $0.dimension == dimension })
        }
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
}
