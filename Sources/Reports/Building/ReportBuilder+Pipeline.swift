import BatonCore
import SLA
import Store

/// Pipeline and revenue by source (and by rep, team or week).
extension ReportBuilder {
    /// Rows by source (in key order, then `all`), then, when `--by` is `rep`, `team` or `week`, rows by that
    /// dimension (in key order, then `all`). The cohort is the funnel's: the leads that became MQL in the period.
    ///
    /// - Keys: `source` the lead's source; `rep` its owner at `now`; `team` that owner's team, else
    ///   `default_team`; `week` the ISO week of its MQL time; `(none)` when unknown.
    /// - Each lead is one of: won (reached `won` by `now`, whatever its stage is now), else open (stage at `now`
    ///   is `opportunity`), else lost (stage at `now` is `lost`), else none of them; so no lead counts twice.
    /// - Win rate = won ÷ (won + lost), nil on 0 ÷ 0. Median MQL → won: nearest rank of the calendar seconds
    ///   from the MQL time to the first time the lead reached `won`, over the won leads (0 when dated before).
    /// - Amounts are each lead's amount at `now` (`LeadDealHistory.amount(at:)`, so a report replays any
    ///   moment), converted with `reports.currency` and `reports.rates` where a rate allows, else kept in their
    ///   own currency: every money figure has one entry per currency and never adds two currencies. A lead
    ///   without an amount counts in the counts and in no sum; `wonWithoutAmount` says how many won leads had
    ///   none. Average and median won deal per currency are over the won leads with an amount in it.
    func pipeline(_ context: Context) -> [PipelineRow] {
        let cohort = periodMQLs(context).compactMap { lead, figures -> (EvaluatedLead, PipelineDeal)? in
            guard let mqlAt = figures.mqlAt else { return nil }
            let amount = context.deals[lead.facts.leadID]?.amount(at: period.now).map(context.money.reported)
            return (
                lead, PipelineDeal(mqlAt: mqlAt, wonAt: figures.reachedAt(.won), stage: figures.stage, amount: amount)
            )
        }
        let dimensions: [ReportGrouping] = grouping == .source ? [.source] : [.source, grouping]
        return dimensions.flatMap { dimension in
            var groups: [String: [PipelineDeal]] = [:]
            for (lead, deal) in cohort {
                let key: String =
                    switch dimension {
                    case .source: lead.facts.source ?? Self.noKey
                    case .rep: lead.facts.owner ?? Self.noKey
                    case .team: team(of: lead.facts.owner, context)
                    case .week: context.weeks.label(deal.mqlAt)
                    }
                groups[key, default: []].append(deal)
            }
            return groups.keys.sorted().map { Self.pipelineRow(dimension, $0, groups[$0] ?? []) }
                + [Self.pipelineRow(dimension, Self.allKey, cohort.map(\.1))]
        }
    }

    /// The figures of one key over its leads, as `pipeline` defines them.
    static func pipelineRow(_ dimension: ReportGrouping, _ key: String, _ deals: [PipelineDeal]) -> PipelineRow {
        let won = deals.filter { $0.wonAt != nil }
        let open = deals.filter { $0.wonAt == nil && $0.stage == .opportunity }
        let lost = deals.filter { $0.wonAt == nil && $0.stage == .lost }.count
        var openPipeline = MoneyTotals()
        for amount in open.compactMap(\.amount) { openPipeline.add(amount) }
        let wonAmounts = won.compactMap(\.amount)
        var wonRevenue = MoneyTotals()
        for amount in wonAmounts { wonRevenue.add(amount) }
        let toWon = won.compactMap { deal in deal.wonAt.map { max(0, $0 - deal.mqlAt) } }
        return PipelineRow(
            dimension: dimension, key: key, mqls: deals.count, openOpportunities: open.count, won: won.count,
            lost: lost, winRate: ReportStatistics.share(won.count, of: won.count + lost),
            medianMQLToWonSeconds: ReportStatistics.nearestRank(toWon, percentile: 50),
            wonWithoutAmount: won.count - wonAmounts.count, openPipeline: openPipeline.amounts,
            wonRevenue: wonRevenue.amounts,
            averageWonDeal: wonRevenue.currencies.compactMap { currency in
                ReportStatistics.average(
                    wonRevenue.amount(in: currency), count: wonAmounts.filter { $0.currency == currency }.count)
            },
            medianWonDeal: wonRevenue.currencies.compactMap { ReportStatistics.median(wonAmounts, currency: $0) })
    }
}

/// What the pipeline section needs of one lead of the cohort, read as of `now`.
struct PipelineDeal: Equatable {
    /// When the lead became MQL.
    var mqlAt: Int64
    /// When it first reached `won`; nil when it has not by `now`.
    var wonAt: Int64?
    /// Its stage at `now`.
    var stage: Stage?
    /// Its amount at `now`, as reported (converted where the configuration allows); nil without one.
    var amount: Money?
}
