import BatonCore
import SLA
import Store

/// Cost per channel and return.
extension ReportBuilder {
    /// Rows per source (in order) and calendar month, then the source's total (`month` nil), then one `all` row
    /// per month.
    ///
    /// - Months: every calendar month (in the configuration's zone) that overlaps `[since, until)` and is not
    ///   after the month of `now`. A month's figures cover the whole month, not only the part in the period:
    ///   spend is booked per month.
    /// - Sources: every source with spend in such a month or with MQLs in it; a source with MQLs and no spend has
    ///   an empty `spend`, one with spend and no MQL zero counts (its costs say "no MQLs", never a division by
    ///   zero). Leads without a source are `(none)`.
    /// - Spend: `store.spend.rows(from:through:)`, as stored now: the spend table keeps no history, so a replayed
    ///   report shows today's spend. Converted with `reports.currency` and `reports.rates` where a rate allows,
    ///   else one entry per currency.
    /// - The month's cohort: the source's leads whose MQL time falls in the month, at or before `now`; SQLs and
    ///   won deals are those of the cohort that reached `sql` or `won` by `now`; won revenue the won leads'
    ///   amounts at `now`, converted like spend.
    /// - Cost per MQL, SQL and won deal: each spend entry ÷ the count (`ReportStatistics.costPer`), none when the
    ///   count is 0. Return: won revenue ÷ spend when the spend is in one currency and the revenue in that same
    ///   one (no revenue: 0), else nil with the reason in `returnNote`.
    /// - A source's total sums its months shown. The `all` row of a month sums every source's spend and cohort,
    ///   and is there only when that month's spend and revenue are all in one currency (else it is left out:
    ///   two currencies are never added).
    func cost(_ context: Context) throws -> [CostRow] {
        let months = reportMonths()
        guard let first = months.first, let last = months.last else { return [] }
        var cells: [String: [YearMonth: CostCell]] = [:]
        for row in try store.spend.rows(from: first, through: last) {
            cells[row.source, default: [:]][row.month, default: CostCell()].spend.add(
                context.money.reported(row.amount))
        }
        let shown = Set(months)
        for lead in leads {
            guard let figures = context.figures[lead.facts.leadID], let mqlAt = figures.mqlAt, mqlAt <= period.now
            else { continue }
            let month = YearMonth(containing: mqlAt, in: config.timezone)
            guard shown.contains(month) else { continue }
            let won = figures.reachedAt(.won) != nil
            let amount =
                won ? context.deals[lead.facts.leadID]?.amount(at: period.now).map(context.money.reported) : nil
            cells[lead.facts.source ?? Self.noKey, default: [:]][month, default: CostCell()].add(
                sql: figures.reachedAt(.sql) != nil, won: won, amount: amount)
        }
        var rows: [CostRow] = []
        var monthTotals: [YearMonth: CostCell] = [:]
        for source in cells.keys.sorted() {
            var total = CostCell()
            for month in months {
                guard let cell = cells[source]?[month] else { continue }
                rows.append(cell.row(source: source, month: month))
                total.merge(cell)
                monthTotals[month, default: CostCell()].merge(cell)
            }
            rows.append(total.row(source: source, month: nil))
        }
        for month in months {
            guard let cell = monthTotals[month], Set(cell.spend.currencies + cell.revenue.currencies).count <= 1
            else { continue }
            rows.append(cell.row(source: Self.allKey, month: month))
        }
        return rows
    }

    /// The calendar months in the configuration's zone from the one holding `since` through the one holding the
    /// period's last instant, but not after the one holding `now`.
    func reportMonths() -> [YearMonth] {
        guard period.since < period.until else { return [] }
        let zone = config.timezone
        let last = min(
            YearMonth(containing: period.until - 1, in: zone), YearMonth(containing: period.now, in: zone))
        var months: [YearMonth] = []
        var month = YearMonth(containing: period.since, in: zone)
        while month <= last {
            months.append(month)
            let next =
                month.month == 12
                ? YearMonth(year: month.year + 1, month: 1) : YearMonth(year: month.year, month: month.month + 1)
            guard let next else { break }
            month = next
        }
        return months
    }
}

/// The spend and cohort of one source in one month (or of a total), summed before the figures are derived.
struct CostCell {
    var spend = MoneyTotals()
    var mqls = 0
    var sqls = 0
    var won = 0
    var revenue = MoneyTotals()

    /// Counts one lead of the cohort; `amount` is a won lead's reported amount.
    mutating func add(sql: Bool, won: Bool, amount: Money?) {
        mqls += 1
        if sql { sqls += 1 }
        if won { self.won += 1 }
        if let amount { revenue.add(amount) }
    }

    /// Adds another cell's sums and counts.
    mutating func merge(_ other: CostCell) {
        for amount in other.spend.amounts { spend.add(amount) }
        for amount in other.revenue.amounts { revenue.add(amount) }
        mqls += other.mqls
        sqls += other.sqls
        won += other.won
    }

    /// The row's figures, as `ReportBuilder.cost` defines them.
    func row(source: String, month: YearMonth?) -> CostRow {
        let (ratio, note) = returnOnSpend()
        return CostRow(
            source: source, month: month, spend: spend.amounts, mqls: mqls, sqls: sqls, won: won,
            wonRevenue: revenue.amounts, costPerMQL: spend.amounts.compactMap { ReportStatistics.costPer($0, mqls) },
            costPerSQL: spend.amounts.compactMap { ReportStatistics.costPer($0, sqls) },
            costPerWon: spend.amounts.compactMap { ReportStatistics.costPer($0, won) }, returnOnSpend: ratio,
            returnNote: note)
    }

    /// Revenue ÷ spend, or nil and why: no spend, spend in several currencies, revenue in another currency than
    /// the spend, or a spend of zero.
    func returnOnSpend() -> (Double?, String?) {
        let spent = spend.currencies
        guard let currency = spent.first else { return (nil, "n/a: no spend") }
        guard spent.count == 1 else { return (nil, "n/a: spend in " + spent.joined(separator: " and ")) }
        let earned = revenue.currencies
        guard earned.allSatisfy({ $0 == currency }) else {
            return (nil, "n/a: \(earned.joined(separator: " and ")) revenue, \(currency) spend")
        }
        guard let ratio = ReportStatistics.ratio(revenue.amount(in: currency), spend.amount(in: currency)) else {
            return (nil, "n/a: zero spend")
        }
        return (ratio, nil)
    }
}
