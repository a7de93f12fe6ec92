import BatonCore

/// Pipeline and revenue (`report.pipeline`) for one key of one dimension: the leads that became MQL in the period
/// (the funnel's cohort), what is open, won and lost of them at `now`, and what it is worth.
///
/// Counts never count a lead twice: a lead that reached `won` by `now` is won (whatever its stage is now); else
/// it is open when its stage at `now` is `opportunity`, lost when it is `lost`. Money figures are lists with one
/// entry per currency, in currency-code order: each amount is the lead's amount at `now`, converted into
/// `reports.currency` when `reports.rates` allow it, else kept in its own currency on its own entry.
public struct PipelineRow: Sendable, Equatable {
    /// What `key` is: `source` (always), or the `--by` dimension `rep`, `team` or `week`.
    public var dimension: ReportGrouping
    /// The source, the lead's owner at `now`, that owner's team (else `default_team`), or the ISO week of the MQL
    /// time; `(none)` when unknown; `all` for the dimension's total.
    public var key: String
    /// Leads of the key that became MQL in the period.
    public var mqls: Int
    /// Of those, not won and at stage `opportunity` at `now`.
    public var openOpportunities: Int
    /// Of those, that reached `won` by `now`.
    public var won: Int
    /// Of those, not won and at stage `lost` at `now`.
    public var lost: Int
    /// `won ÷ (won + lost)`; nil when both are 0.
    public var winRate: Double?
    /// Nearest-rank median of the calendar seconds from the MQL time to the first time at `won`, over the won
    /// leads; nil when none was won.
    public var medianMQLToWonSeconds: Int64?
    /// Won leads with no amount at `now`: counted in `won`, in none of the sums.
    public var wonWithoutAmount: Int
    /// Sum of the amounts of the open opportunities, per currency.
    public var openPipeline: [Money]
    /// Sum of the amounts of the won leads, per currency.
    public var wonRevenue: [Money]
    /// Per currency: that currency's won revenue ÷ the won leads with an amount in it, rounded half away from zero
    /// to the minor unit.
    public var averageWonDeal: [Money]
    /// Per currency: the nearest-rank median of the won leads' amounts in it.
    public var medianWonDeal: [Money]

    /// A row with every figure given.
    public init(
        dimension: ReportGrouping, key: String, mqls: Int, openOpportunities: Int, won: Int, lost: Int,
        winRate: Double?, medianMQLToWonSeconds: Int64?, wonWithoutAmount: Int = 0, openPipeline: [Money] = [],
        wonRevenue: [Money] = [], averageWonDeal: [Money] = [], medianWonDeal: [Money] = []
    ) {
        self.dimension = dimension
        self.key = key
        self.mqls = mqls
        self.openOpportunities = openOpportunities
        self.won = won
        self.lost = lost
        self.winRate = winRate
        self.medianMQLToWonSeconds = medianMQLToWonSeconds
        self.wonWithoutAmount = wonWithoutAmount
        self.openPipeline = openPipeline
        self.wonRevenue = wonRevenue
        self.averageWonDeal = averageWonDeal
        self.medianWonDeal = medianWonDeal
    }
}
