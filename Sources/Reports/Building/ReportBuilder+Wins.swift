import BatonCore
import SLA
import Store

/// Shared wins: the deals won in the period and progress against `reports.targets`.
extension ReportBuilder {
    /// - Deals: every lead whose first entry at `won` (`LeadFigures.reachedAt(.won)`) is in the period and not after
    ///   `now`, whatever its MQL date (a lead that became MQL before the period and was won in it is one of the
    ///   period's wins), oldest win first, then by lead. Per deal: the lead's first address, its name and company
    ///   as the store has them, its source, its owner at `now` (the newest owner-history entry at or before `now`;
    ///   the lead's owner when it has no owner history), its amount at `now` (`LeadDealHistory.amount(at:)`),
    ///   converted into `reports.currency` when a rate allows (`MoneyConverter.reported`), its MQL time, and the
    ///   first response: the stop time of the lead's first first-response episode (earliest start) when that
    ///   episode was met or met late. MQL → first response is that episode's elapsed time (business seconds for a
    ///   business policy, pauses excluded); first response → won and MQL → won are calendar seconds, 0 when the
    ///   later step is dated first.
    /// - Won revenue: the deals' amounts as shown, summed per currency (`MoneyTotals`); a deal without an amount
    ///   adds nothing.
    /// - Targets: see `targets(_:)`.
    func sharedWins(_ context: Context) throws -> SharedWins {
        var deals: [WonDeal] = []
        var revenue = MoneyTotals()
        for lead in leads {
            let id = lead.facts.leadID
            guard let figures = context.figures[id], let wonAt = figures.reachedAt(.won), inPeriod(wonAt) else {
                continue
            }
            let address = context.address(id)
            let detail = context.addresses[id] == nil ? nil : try store.people.lead(address)?.lead
            let amount = context.deals[id]?.amount(at: period.now).map(context.money.reported)
            if let amount { revenue.add(amount) }
            let first = lead.episodes.filter { $0.clock == .firstResponse }.min { $0.startedAt < $1.startedAt }
            let answered = first.flatMap { $0.state == .met || $0.state == .metLate ? $0 : nil }
            let respondedAt = answered?.stoppedAt
            deals.append(
                WonDeal(
                    lead: address, name: detail?.name, company: detail?.company,
                    source: lead.facts.source ?? Self.noKey, owner: Self.owner(lead.facts, at: period.now),
                    amount: amount, mqlAt: figures.mqlAt, firstResponseAt: respondedAt, wonAt: wonAt,
                    mqlToFirstResponseSeconds: respondedAt == nil ? nil : answered?.elapsedSeconds,
                    firstResponseToWonSeconds: respondedAt.map { max(0, wonAt - $0) },
                    mqlToWonSeconds: figures.mqlAt.map { max(0, wonAt - $0) }))
        }
        deals.sort { ($0.wonAt, $0.lead) < ($1.wonAt, $1.lead) }
        return SharedWins(deals: deals, wonRevenue: revenue.amounts, targets: targets(context))
    }

    /// The lead's owner at `time`: the newest owner-history entry at or before it (nil before the first), or the
    /// lead's owner today when it has no owner history.
    static func owner(_ facts: ClockFacts, at time: Int64) -> String? {
        guard !facts.owners.isEmpty else { return facts.owner }
        return facts.owners.last { $0.at <= time }?.owner
    }

    /// One row per target `reports.targets` gives. Each is measured over the calendar month (`mql_per_month`,
    /// `sql_per_month`) or quarter (`revenue_per_quarter`) in the configuration's zone that holds the period's last
    /// moment not after `now` — the second before `asOf` = min(`until`, `now`) —, counting what happened in
    /// `[span start, asOf)`:
    /// - `mql_per_month` (marketing's): leads whose MQL time falls in it;
    /// - `sql_per_month` (sales'): leads that first reached `sql` (or a later funnel stage) in it;
    /// - `revenue_per_quarter` (sales'): the amounts at `now` of the leads that first reached `won` in it,
    ///   converted into `reports.currency`; an amount with no rate is not added but counted in `unconverted`
    ///   (its sum per currency in `unconvertedAmounts`); a lead with no amount adds nothing.
    /// Progress is actual ÷ target; pace is the share of the span elapsed at `asOf`, so progress at or above pace
    /// is ahead. "Each side's share of the team's targets" is read as each target row naming the side that owns
    /// it: MQLs are marketing's, SQLs and revenue sales'.
    func targets(_ context: Context) -> [TargetProgress] {
        let goals = config.reports.targets
        guard goals.mqlPerMonth != nil || goals.sqlPerMonth != nil || goals.revenuePerQuarter != nil else { return [] }
        let asOf = min(period.until, period.now)
        let month = CalendarSpan(containing: asOf - 1, months: 1, zone: config.timezone)
        let quarter = CalendarSpan(containing: asOf - 1, months: 3, zone: config.timezone)
        func within(_ span: CalendarSpan, _ time: Int64?) -> Bool {
            guard let time else { return false }
            return time >= span.start && time < asOf
        }
        func countRow(_ metric: TargetMetric, _ goal: Int, _ time: (LeadFigures) -> Int64?) -> TargetProgress {
            let actual = context.figures.values.filter { within(month, time($0)) }.count
            return TargetProgress(
                metric: metric, span: month.label, spanStart: month.start, spanEnd: month.end, asOf: asOf,
                actual: .count(actual), target: .count(goal), progress: ReportStatistics.share(actual, of: goal),
                pace: month.elapsed(at: asOf))
        }
        var rows: [TargetProgress] = []
        if let goal = goals.mqlPerMonth { rows.append(countRow(.mqlPerMonth, goal) { $0.mqlAt }) }
        if let goal = goals.sqlPerMonth { rows.append(countRow(.sqlPerMonth, goal) { $0.reachedAt(.sql) }) }
        if let goal = goals.revenuePerQuarter {
            var actual = Money(minor: 0, currency: goal.currency)
            var unconverted = MoneyTotals()
            var unconvertedCount = 0
            for (id, figures) in context.figures where within(quarter, figures.reachedAt(.won)) {
                guard let amount = context.deals[id]?.amount(at: period.now) else { continue }
                if let converted = context.money.convert(amount), let sum = actual.adding(converted) {
                    actual = sum
                } else {
                    unconvertedCount += 1
                    unconverted.add(amount)
                }
            }
            rows.append(
                TargetProgress(
                    metric: .revenuePerQuarter, span: quarter.label, spanStart: quarter.start, spanEnd: quarter.end,
                    asOf: asOf, actual: .money(actual), target: .money(goal),
                    progress: ReportStatistics.ratio(actual, goal), pace: quarter.elapsed(at: asOf),
                    unconverted: unconvertedCount, unconvertedAmounts: unconverted.amounts))
        }
        return rows
    }
}
