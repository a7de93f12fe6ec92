import BatonCore

/// Shared wins: what the two teams won together in the period, and how far along the team's targets are. Built by
/// `ReportBuilder.sharedWins(_:)` (`ReportBuilder+Wins.swift`, where every figure is defined), shown by every
/// format and by the weekly digest.
public struct SharedWins: Sendable, Equatable {
    /// Every lead that first reached `won` in the period, oldest win first.
    public var deals: [WonDeal]
    /// The deals' amounts at `now`, summed per currency (converted into `reports.currency` where a rate allows):
    /// one entry per currency, in currency-code order; empty when no deal has an amount.
    public var wonRevenue: [Money]
    /// One row per target `reports.targets` gives, in the order `mql_per_month`, `sql_per_month`,
    /// `revenue_per_quarter`; empty without targets.
    public var targets: [TargetProgress]

    /// Shared wins with every figure given.
    public init(deals: [WonDeal] = [], wonRevenue: [Money] = [], targets: [TargetProgress] = []) {
        self.deals = deals
        self.wonRevenue = wonRevenue
        self.targets = targets
    }
}

/// One deal won in the period: who, from where, by whom, for how much, and how long each step took.
public struct WonDeal: Sendable, Equatable {
    /// The lead's first address (`#id` when it has none).
    public var lead: String
    /// The lead's name and company as the CRM gives them; nil when unknown.
    public var name: String?
    public var company: String?
    /// The lead's source; `(none)` when unknown.
    public var source: String
    /// The lead's owner at `now`; nil when it has none.
    public var owner: String?
    /// The deal's amount at `now`, in `reports.currency` when a rate converts it, else in its own currency; nil when
    /// the CRM gives none.
    public var amount: Money?
    /// When the lead became MQL; nil when it never did.
    public var mqlAt: Int64?
    /// The first response: the stop time of the lead's first first-response episode when that episode was met or
    /// met late; nil otherwise.
    public var firstResponseAt: Int64?
    /// When the lead first reached `won`.
    public var wonAt: Int64
    /// MQL → first response: that episode's elapsed time, in the policy's time (business seconds for a business
    /// policy); nil without a first response.
    public var mqlToFirstResponseSeconds: Int64?
    /// First response → won, calendar seconds (0 when the response came after the win); nil without a first
    /// response.
    public var firstResponseToWonSeconds: Int64?
    /// MQL → won, calendar seconds (0 when won before MQL); nil without an MQL time.
    public var mqlToWonSeconds: Int64?

    /// A won deal with every figure given.
    public init(
        lead: String, name: String?, company: String?, source: String, owner: String?, amount: Money?, mqlAt: Int64?,
        firstResponseAt: Int64?, wonAt: Int64, mqlToFirstResponseSeconds: Int64?, firstResponseToWonSeconds: Int64?,
        mqlToWonSeconds: Int64?
    ) {
        self.lead = lead
        self.name = name
        self.company = company
        self.source = source
        self.owner = owner
        self.amount = amount
        self.mqlAt = mqlAt
        self.firstResponseAt = firstResponseAt
        self.wonAt = wonAt
        self.mqlToFirstResponseSeconds = mqlToFirstResponseSeconds
        self.firstResponseToWonSeconds = firstResponseToWonSeconds
        self.mqlToWonSeconds = mqlToWonSeconds
    }
}

/// A target of `reports.targets`, the side of the team that owns it, and its calendar span.
public enum TargetMetric: String, Sendable, Equatable, CaseIterable {
    /// MQLs a calendar month: marketing's.
    case mqlPerMonth = "mql_per_month"
    /// SQLs a calendar month: sales'.
    case sqlPerMonth = "sql_per_month"
    /// Won revenue a calendar quarter, in `reports.currency`: sales'.
    case revenuePerQuarter = "revenue_per_quarter"

    /// The side of the team whose share of the targets this is.
    public var side: TeamSide { self == .mqlPerMonth ? .marketing : .sales }
}

/// The two sides of the team that share the targets.
public enum TeamSide: String, Sendable, Equatable, CaseIterable {
    case marketing, sales
}

/// A target's figure: a count of leads, or an amount of money.
public enum TargetValue: Sendable, Equatable {
    case count(Int)
    case money(Money)
}

/// Progress against one target over the calendar month (or quarter) holding the period's last moment.
public struct TargetProgress: Sendable, Equatable {
    public var metric: TargetMetric
    /// `metric.side`: who owns the target.
    public var side: TeamSide
    /// The month (`2026-11`) or quarter (`2026-Q4`), in the configuration's zone.
    public var span: String
    /// The span's first instant and the next span's first instant.
    public var spanStart: Int64
    public var spanEnd: Int64
    /// The instant the actual is counted up to (exclusive): min(`until`, `now`).
    public var asOf: Int64
    /// What the team did in `[spanStart, asOf)`.
    public var actual: TargetValue
    /// What `reports.targets` asks for the whole span.
    public var target: TargetValue
    /// `actual ÷ target`; nil when the target is zero.
    public var progress: Double?
    /// The share of the span elapsed at `asOf`: `(asOf − spanStart) ÷ (spanEnd − spanStart)`. Progress at or above
    /// it is ahead of pace.
    public var pace: Double
    /// Revenue: won deals whose amount could not be converted into `reports.currency` (no rate), left out of the
    /// actual; 0 for counts.
    public var unconverted: Int
    /// Those amounts, per currency.
    public var unconvertedAmounts: [Money]

    /// A target row with every figure given.
    public init(
        metric: TargetMetric, span: String, spanStart: Int64, spanEnd: Int64, asOf: Int64, actual: TargetValue,
        target: TargetValue, progress: Double?, pace: Double, unconverted: Int = 0, unconvertedAmounts: [Money] = []
    ) {
        self.metric = metric
        self.side = metric.side
        self.span = span
        self.spanStart = spanStart
        self.spanEnd = spanEnd
        self.asOf = asOf
        self.actual = actual
        self.target = target
        self.progress = progress
        self.pace = pace
        self.unconverted = unconverted
        self.unconvertedAmounts = unconvertedAmounts
    }

    /// Whether progress is at or above pace; nil without progress.
    public var ahead: Bool? { progress.map { $0 >= pace } }
}
