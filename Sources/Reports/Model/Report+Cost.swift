import BatonCore

/// Cost per channel and return (`report.cost`) for one source and one calendar month (or the source's total, or
/// the month's total over every source).
///
/// A month's figures cover the whole calendar month in the configuration's zone, not only the part inside the
/// period: spend is booked per month. Money figures are lists with one entry per currency, in currency-code
/// order, converted into `reports.currency` when `reports.rates` allow it; spend in two currencies that cannot
/// be converted has two entries, and so has every cost derived from it.
public struct CostRow: Sendable, Equatable {
    /// The lead source (channel), or `all` for a month's total over every source.
    public var source: String
    /// The calendar month; nil for the source's total over the months shown.
    public var month: YearMonth?
    /// Marketing's spend as the spend table holds it now (it keeps no history), per currency; empty: no spend.
    public var spend: [Money]
    /// The month's cohort: the source's leads whose MQL time (at or before `now`) falls in the month.
    public var mqls: Int
    /// Of the cohort, leads that reached `sql` (or a later funnel stage) by `now`.
    public var sqls: Int
    /// Of the cohort, leads that reached `won` by `now`.
    public var won: Int
    /// Sum of the won leads' amounts at `now`, per currency.
    public var wonRevenue: [Money]
    /// Each spend entry ÷ `mqls`, rounded half away from zero; empty when there is no MQL (or no spend).
    public var costPerMQL: [Money]
    /// Each spend entry ÷ `sqls`; empty when there is no SQL (or no spend).
    public var costPerSQL: [Money]
    /// Each spend entry ÷ `won`; empty when nothing was won (or there is no spend).
    public var costPerWon: [Money]
    /// Won revenue ÷ spend, when the spend is in one currency and the revenue in that same one (or none: 0); nil
    /// otherwise, with `returnNote` saying why.
    public var returnOnSpend: Double?
    /// Why `returnOnSpend` is nil (`n/a: EUR revenue, GBP spend`, `n/a: no spend`); nil when it is a number.
    public var returnNote: String?

    /// A row with every figure given.
    public init(
        source: String, month: YearMonth?, spend: [Money], mqls: Int, sqls: Int, won: Int, wonRevenue: [Money],
        costPerMQL: [Money], costPerSQL: [Money], costPerWon: [Money], returnOnSpend: Double?, returnNote: String?
    ) {
        self.source = source
        self.month = month
        self.spend = spend
        self.mqls = mqls
        self.sqls = sqls
        self.won = won
        self.wonRevenue = wonRevenue
        self.costPerMQL = costPerMQL
        self.costPerSQL = costPerSQL
        self.costPerWon = costPerWon
        self.returnOnSpend = returnOnSpend
        self.returnNote = returnNote
    }
}
