import Alerts
import BatonCore
import Reports

/// The week's shared wins, mapped from the report's values into the digest's own types.
extension WeeklyDigest {
    /// The report's won deals, oldest first.
    static func wins(_ report: Report) -> [DigestContent.Win] {
        report.sharedWins.deals.map {
            DigestContent.Win(
                lead: $0.lead, name: $0.name, company: $0.company, source: $0.source, owner: $0.owner,
                amount: $0.amount, wonAt: $0.wonAt, mqlToFirstResponseSeconds: $0.mqlToFirstResponseSeconds,
                firstResponseToWonSeconds: $0.firstResponseToWonSeconds, mqlToWonSeconds: $0.mqlToWonSeconds)
        }
    }

    /// The report's target rows.
    static func targets(_ report: Report) -> [DigestContent.Target] {
        report.sharedWins.targets.map { row in
            let metric: DigestContent.TargetMetric =
                switch row.metric {
                case .mqlPerMonth: .mqlPerMonth
                case .sqlPerMonth: .sqlPerMonth
                case .revenuePerQuarter: .revenuePerQuarter
                }
            return DigestContent.Target(
                metric: metric, side: row.side == .marketing ? .marketing : .sales, span: row.span,
                actual: figure(row.actual), target: figure(row.target), progress: row.progress, pace: row.pace,
                unconverted: row.unconvertedAmounts)
        }
    }

    private static func figure(_ value: TargetValue) -> DigestContent.TargetFigure {
        switch value {
        case .count(let n): .count(n)
        case .money(let amount): .money(amount)
        }
    }
}
