import BatonCore
import SLA
import Store

/// Handoff, funnel, SLA and outcome, and the weekly trend.
extension ReportBuilder {
    /// Leads whose handoff time (assigned, else MQL) is in the period, per source and ISO week of that time;
    /// sources in order, weeks in order.
    func handoff(_ context: Context) -> [HandoffRow] {
        var counts: [String: [String: Int]] = [:]
        for lead in leads {
            guard let at = context.figures[lead.facts.leadID]?.handoffAt, inPeriod(at) else { continue }
            counts[lead.facts.source ?? Self.noKey, default: [:]][context.weeks.label(at), default: 0] += 1
        }
        return counts.keys.sorted().flatMap { source in
            counts[source]!.keys.sorted().map { HandoffRow(source: source, week: $0, leads: counts[source]![$0]!) }
        }
    }

    /// The leads that became MQL in the period.
    func periodMQLs(_ context: Context) -> [(lead: EvaluatedLead, figures: LeadFigures)] {
        leads.compactMap { lead in
            guard let figures = context.figures[lead.facts.leadID], inPeriod(figures.mqlAt) else { return nil }
            return (lead, figures)
        }
    }

    /// Per source (in order) then `all`: the period's MQLs, how many reached each later stage by `now`,
    /// conversion from MQL, and nearest-rank medians of MQL → SQL and SQL → won in calendar seconds (a stage
    /// dated before the one it follows counts as 0).
    func funnel(_ context: Context) -> [FunnelRow] {
        let mqls = periodMQLs(context)
        var bySource: [String: [LeadFigures]] = [:]
        for (lead, figures) in mqls { bySource[lead.facts.source ?? Self.noKey, default: []].append(figures) }
        return bySource.keys.sorted().map { Self.funnelRow($0, bySource[$0]!) }
            + [Self.funnelRow(Self.allKey, mqls.map(\.figures))]
    }

    static func funnelRow(_ source: String, _ leads: [LeadFigures]) -> FunnelRow {
        func count(_ stage: Stage) -> Int { leads.filter { $0.reachedAt(stage) != nil }.count }
        let toSQL = leads.compactMap { f in f.reachedAt(.sql).map { max(0, $0 - f.mqlAt!) } }
        let toWon = leads.compactMap { f in
            f.reachedAt(.won).flatMap { won in f.reachedAt(.sql).map { max(0, won - $0) } }
        }
        return FunnelRow(
            source: source, mql: leads.count, accepted: count(.accepted), sql: count(.sql),
            opportunity: count(.opportunity), won: count(.won),
            mqlToSQL: ReportStatistics.share(count(.sql), of: leads.count),
            mqlToWon: ReportStatistics.share(count(.won), of: leads.count),
            medianMQLToSQLSeconds: ReportStatistics.nearestRank(toSQL, percentile: 50),
            medianSQLToWonSeconds: ReportStatistics.nearestRank(toWon, percentile: 50))
    }

    /// MQL → SQL of the period's MQLs, split two ways. `first_response`: the bucket of the lead's first
    /// first-response episode (earliest start) when it was met or met late, else `never` (no episode, or not
    /// answered by `now`); all five buckets. `breached`: `yes` when any episode of any policy that started
    /// before the lead reached SQL (any episode, when it has not) went past its due time — breached, met late,
    /// or cancelled after the due time —, else `no`.
    func outcome(_ context: Context) -> [OutcomeRow] {
        var response: [String: (leads: Int, sql: Int)] = [:]
        var breached: [String: (leads: Int, sql: Int)] = [:]
        for (lead, figures) in periodMQLs(context) {
            let sqlAt = figures.reachedAt(.sql)
            let isSQL = sqlAt == nil ? 0 : 1
            let first = lead.episodes.filter { $0.clock == .firstResponse }.min { $0.startedAt < $1.startedAt }
            let bucket =
                first.flatMap { $0.state == .met || $0.state == .metLate ? $0 : nil }
                .map { ReportStatistics.bucket($0.elapsedSeconds) } ?? "never"
            response[bucket, default: (0, 0)].leads += 1
            response[bucket, default: (0, 0)].sql += isSQL
            let late = lead.episodes.contains { $0.startedAt < (sqlAt ?? .max) && ReportStatistics.wentLate($0) }
            breached[late ? "yes" : "no", default: (0, 0)].leads += 1
            breached[late ? "yes" : "no", default: (0, 0)].sql += isSQL
        }
        func row(_ split: String, _ bucket: String, _ counts: (leads: Int, sql: Int)?) -> OutcomeRow {
            let (n, sql) = counts ?? (0, 0)
            return OutcomeRow(
                split: split, bucket: bucket, leads: n, sql: sql, rate: ReportStatistics.share(sql, of: n))
        }
        return (ReportStatistics.buckets + ["never"]).map { row("first_response", $0, response[$0]) }
            + ["yes", "no"].map { row("breached", $0, breached[$0]) }
    }

    /// One row per ISO week the period touches: leads handed off, first-response episodes started and their
    /// share within target, and leads that reached SQL (any lead, not only the period's MQLs), all within the
    /// period.
    func weekly(_ context: Context) -> [WeekRow] {
        var handedOff: [String: Int] = [:]
        var sql: [String: Int] = [:]
        for lead in leads {
            guard let figures = context.figures[lead.facts.leadID] else { continue }
            if let at = figures.handoffAt, inPeriod(at) { handedOff[context.weeks.label(at), default: 0] += 1 }
            if let at = figures.reachedAt(.sql), inPeriod(at) { sql[context.weeks.label(at), default: 0] += 1 }
        }
        var episodes: [String: [ClockEpisode]] = [:]
        for (episode, _) in context.periodEpisodes where episode.clock == .firstResponse {
            episodes[context.weeks.label(episode.startedAt), default: []].append(episode)
        }
        return context.weeks.labels(since: period.since, until: period.until).map { week in
            WeekRow(
                week: week, handedOff: handedOff[week] ?? 0, firstResponses: episodes[week]?.count ?? 0,
                withinTarget: ReportStatistics.withinTarget(episodes[week] ?? []), sql: sql[week] ?? 0)
        }
    }
}
