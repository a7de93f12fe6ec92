import BatonCore

/// The shared-wins part of a weekly digest, in Alerts' own plain types (the scan maps the report's wins and
/// targets into them; Alerts does not read the report).
extension DigestContent {
    /// A deal won in the week.
    public struct Win: Sendable, Equatable {
        /// The lead's first address, and its name and company when known.
        public var lead: String
        public var name: String?
        public var company: String?
        public var source: String
        /// The owner now; nil when none (a manager's digest leaves such a win out).
        public var owner: String?
        /// The amount now (converted into `reports.currency` where a rate allows); nil when unknown.
        public var amount: Money?
        public var wonAt: Int64
        /// MQL → first response in the policy's time; nil without a first response.
        public var mqlToFirstResponseSeconds: Int64?
        /// First response → won and MQL → won, calendar seconds.
        public var firstResponseToWonSeconds: Int64?
        public var mqlToWonSeconds: Int64?

        /// A win with every figure given.
        public init(
            lead: String, name: String?, company: String?, source: String, owner: String?, amount: Money?,
            wonAt: Int64, mqlToFirstResponseSeconds: Int64?, firstResponseToWonSeconds: Int64?, mqlToWonSeconds: Int64?
        ) {
            self.lead = lead
            self.name = name
            self.company = company
            self.source = source
            self.owner = owner
            self.amount = amount
            self.wonAt = wonAt
            self.mqlToFirstResponseSeconds = mqlToFirstResponseSeconds
            self.firstResponseToWonSeconds = firstResponseToWonSeconds
            self.mqlToWonSeconds = mqlToWonSeconds
        }
    }

    /// Which of `reports.targets` a row measures.
    public enum TargetMetric: String, Sendable, Equatable {
        case mqlPerMonth = "mql_per_month"
        case sqlPerMonth = "sql_per_month"
        case revenuePerQuarter = "revenue_per_quarter"
    }

    /// The side of the team that owns a target.
    public enum TargetSide: String, Sendable, Equatable {
        case marketing, sales
    }

    /// A count of leads or an amount.
    public enum TargetFigure: Sendable, Equatable {
        case count(Int)
        case money(Money)
    }

    /// Progress against one target over its month or quarter, up to the end of the week (or now).
    public struct Target: Sendable, Equatable {
        public var metric: TargetMetric
        public var side: TargetSide
        /// `2026-11` or `2026-Q4`.
        public var span: String
        public var actual: TargetFigure
        public var target: TargetFigure
        /// actual ÷ target; nil when the target is zero.
        public var progress: Double?
        /// The share of the span gone.
        public var pace: Double
        /// Won amounts left out of the revenue for want of a rate, per currency.
        public var unconverted: [Money]

        /// A target row with every figure given.
        public init(
            metric: TargetMetric, side: TargetSide, span: String, actual: TargetFigure, target: TargetFigure,
            progress: Double?, pace: Double, unconverted: [Money] = []
        ) {
            self.metric = metric
            self.side = side
            self.span = span
            self.actual = actual
            self.target = target
            self.progress = progress
            self.pace = pace
            self.unconverted = unconverted
        }
    }
}
