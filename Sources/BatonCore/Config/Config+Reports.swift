extension Config {
    /// `reports`: the currency figures are converted into, its rates and the team's targets, read by the report's
    /// money sections (`Reports/Building/ReportMoney.swift`) and its shared wins.
    public struct Reports: Sendable, Equatable {
        /// The ISO 4217 code figures are converted into; nil: each currency is reported on its own.
        public var currency: String?
        /// ISO 4217 code → what one unit of it is worth in `currency`.
        public var rates: [String: ExchangeRate] = [:]
        /// The team's targets.
        public var targets = Targets()

        /// `reports.targets`, each optional.
        public struct Targets: Sendable, Equatable {
            /// MQLs a month.
            public var mqlPerMonth: Int?
            /// SQLs a month.
            public var sqlPerMonth: Int?
            /// Won revenue a quarter, in `reports.currency`.
            public var revenuePerQuarter: Money?
        }
    }
}
