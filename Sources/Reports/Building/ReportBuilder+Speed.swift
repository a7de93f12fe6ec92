import BatonCore
import SLA

/// Speed and outcome by source: which channels' leads were answered fastest and became SQL fastest, side by side.
///
/// - The cohort is the funnel's: the leads that became MQL in the period (`periodMQLs`), by source, then `all`.
/// - Answered and the first-response time: the lead's first first-response episode (earliest start) met or met
///   late by `now`, and its elapsed seconds (business seconds for a business policy), as in the lead-quality
///   section (`firstFirstResponse`).
/// - Within target is `ReportStatistics.withinTarget` over those same episodes, one per cohort lead that has one
///   (whenever it started): the share of the source's leads whose first response came in time, not weighted by
///   later episodes of a reassigned lead. A lead with no first-response episode counts in none of these figures
///   but its MQL.
/// - SQL: reached `sql` or a later funnel stage by `now`; the MQL → SQL time is in calendar seconds, as the funnel
///   computes it (an SQL dated before the MQL counts as 0).
extension ReportBuilder {
    /// Per source (in order), then `all`.
    func speed(_ context: Context) -> [SpeedRow] {
        let cohort = periodMQLs(context)
        var bySource: [String: [(lead: EvaluatedLead, figures: LeadFigures)]] = [:]
        for member in cohort { bySource[member.lead.facts.source ?? Self.noKey, default: []].append(member) }
        return bySource.keys.sorted().map { Self.speedRow($0, bySource[$0] ?? []) }
            + [Self.speedRow(Self.allKey, cohort)]
    }

    static func speedRow(_ source: String, _ leads: [(lead: EvaluatedLead, figures: LeadFigures)]) -> SpeedRow {
        let firsts = leads.compactMap { firstFirstResponse($0.lead) }
        let answered = leads.compactMap { firstResponseSeconds($0.lead) }
        let toSQL = leads.compactMap { _, f -> Int64? in
            guard let mql = f.mqlAt, let sql = f.reachedAt(.sql) else { return nil }
            return max(0, sql - mql)
        }
        return SpeedRow(
            source: source, mql: leads.count, answered: answered.count,
            medianFirstResponseSeconds: ReportStatistics.nearestRank(answered, percentile: 50),
            withinTarget: ReportStatistics.withinTarget(firsts), sql: toSQL.count,
            mqlToSQL: ReportStatistics.share(toSQL.count, of: leads.count),
            medianMQLToSQLSeconds: ReportStatistics.nearestRank(toSQL, percentile: 50))
    }
}
