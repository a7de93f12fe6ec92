import BatonCore
import Foundation

/// The "Shared wins" part of the weekly digest: the week's won deals (source, owner, amount, and the time from MQL
/// to first response to won), the won revenue of the deals listed, per currency, and the targets' progress.
extension DigestDocument {
    /// The lines of the part. `inTeam` cuts the wins to a manager's reps (a win whose lead has no owner is left
    /// out of a manager's digest); the won revenue sums the wins listed, each currency on its own; the targets are
    /// the whole team's, the same in every digest.
    static func sharedWinsLines(_ content: DigestContent, inTeam: (String?) -> Bool) -> [String] {
        let wins = content.wins.filter { inTeam($0.owner) }
        var lines = ["", "Shared wins: deals won this week"]
        if wins.isEmpty { lines.append("  (no deal won this week)") }
        var revenue: [String: Money] = [:]
        for win in wins {
            let who = [win.name, win.company].compactMap { $0.map(UntrustedText.line) }.joined(separator: ", ")
            let amount = win.amount?.description ?? "no amount"
            // Three short lines a deal, so that a mail client never wraps them mid-figure.
            lines.append(
                "  \(AlertTimeText.dayDate(win.wonAt, in: content.zone))  \(UntrustedText.line(win.lead))"
                    + (who.isEmpty ? "" : " (\(who))"))
            lines.append(
                "    \(amount), \(UntrustedText.line(win.source)), owner \(UntrustedText.line(win.owner ?? "nobody"))")
            var steps: [String] = []
            if let seconds = win.mqlToFirstResponseSeconds {
                steps.append("MQL → first response \(DurationText.format(seconds))")
            } else {
                steps.append("no first response")
            }
            if let seconds = win.firstResponseToWonSeconds {
                steps.append("first response → won \(DurationText.format(seconds, calendar: true))")
            }
            if let seconds = win.mqlToWonSeconds {
                steps.append("MQL → won \(DurationText.format(seconds, calendar: true))")
            }
            lines.append("    " + steps.joined(separator: ", "))
            if let amount = win.amount {
                revenue[amount.currency] = revenue[amount.currency].flatMap { $0.adding(amount) } ?? amount
            }
        }
        if !revenue.isEmpty {
            let sums = revenue.keys.sorted().compactMap { revenue[$0]?.description }
            lines.append("  Won revenue: " + sums.joined(separator: ", "))
        }
        guard !content.targets.isEmpty else { return lines }
        lines.append("")
        lines.append("Targets: progress so far, against the share of the month or quarter gone")
        for target in content.targets {
            let progress = target.progress.map(Self.percent) ?? "-"
            let status = target.progress.map { $0 >= target.pace ? "ahead" : "behind" } ?? "-"
            lines.append(
                "  \(Self.pad("\(target.metric.rawValue) (\(target.side.rawValue))", 32)) "
                    + "\(Self.figure(target.actual)) of \(Self.figure(target.target)) in \(target.span): "
                    + "\(progress), \(Self.percent(target.pace)) gone, \(status)")
            if !target.unconverted.isEmpty {
                lines.append(
                    "    left out for want of a rate: "
                        + target.unconverted.map(\.description).joined(separator: ", "))
            }
        }
        return lines
    }

    /// `88%`.
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// `7` or `13000.00 GBP`.
    static func figure(_ figure: DigestContent.TargetFigure) -> String {
        switch figure {
        case .count(let n): String(n)
        case .money(let amount): amount.description
        }
    }
}
