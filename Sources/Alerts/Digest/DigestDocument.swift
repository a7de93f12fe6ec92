import BatonCore
import Foundation

/// The words of one weekly digest: a subject, a text part, and an HTML document (the week's report with its
/// charts, after the same summary). `team` (a manager's reps) cuts the responders, breaches and wins to them.
public struct DigestDocument {
    /// The mail's subject.
    public let subject: String
    /// The text part.
    public let text: String
    /// The HTML part.
    public let html: String

    /// The digest of `content` for the reader `name`, cut to `team` when it is a manager's.
    public init(content: DigestContent, team: Set<String>?, name: String?) {
        let zone = content.zone
        let inTeam: (String?) -> Bool = { owner in team.map { owner.map($0.contains) ?? false } ?? true }
        let first = AlertTimeText.dayDate(content.weekStart, in: zone)
        let last = AlertTimeText.dayDate(content.weekEnd - 1, in: zone)
        var lines: [String] = []
        lines.append("Baton weekly digest for \(content.weekLabel) (\(first) to \(last), \(zone.identifier))")
        if let team {
            let who = name.map { "\(UntrustedText.line($0)): " } ?? ""
            lines.append("\(who)your team is \(team.sorted().joined(separator: ", ")).")
        } else {
            lines.append("The whole funnel, for marketing.")
        }

        let sources = content.funnel.filter { $0.source != "all" && $0.mql > 0 }
        let sqls = sources.reduce(0) { $0 + $1.sql }
        lines.append("")
        lines.append("MQLs of the week by source, and how many reached SQL")
        if sources.isEmpty { lines.append("  (no new MQL this week)") }
        for row in sources.sorted(by: { ($0.sql, $0.mql) > ($1.sql, $1.mql) }) {
            lines.append("  \(Self.pad(UntrustedText.line(row.source), 24)) \(row.mql) MQL, \(row.sql) SQL")
        }

        let responders = content.response.filter {
            $0.clock == .firstResponse && $0.answered > 0 && $0.medianSeconds != nil && inTeam($0.key)
        }.sorted { ($0.medianSeconds!, $0.key) < ($1.medianSeconds!, $1.key) }
        lines.append("")
        lines.append("Fastest first responders (median, business time)")
        if responders.isEmpty { lines.append("  (no first response this week)") }
        for row in responders.prefix(5) {
            let share = row.withinTarget.map { ", \(Int(($0 * 100).rounded()))% within target" } ?? ""
            lines.append(
                "  \(Self.pad(UntrustedText.line(row.key), 28)) \(DurationText.format(row.medianSeconds!))"
                    + " (\(row.answered) answered\(share))")
        }

        let breaches = content.openBreaches.filter { inTeam($0.owner) }
        lines.append("")
        lines.append("Breaches still open, and their owners")
        if breaches.isEmpty { lines.append("  (none)") }
        for breach in breaches.prefix(20) {
            lines.append(
                "  \(UntrustedText.line(breach.lead)) — \(UntrustedText.line(breach.policy)), "
                    + "\(DurationText.format(breach.lateSeconds)) late, owner \(UntrustedText.line(breach.owner ?? "nobody"))"
            )
        }
        if breaches.count > 20 { lines.append("  … and \(breaches.count - 20) more") }

        lines += Self.sharedWinsLines(content, inTeam: inTeam)

        var warnings: [String] = []
        for path in content.silentSources {
            warnings.append("\(UntrustedText.line(path)) has had no new mail for a while")
        }
        if content.quarantined > 0 {
            warnings.append("\(content.quarantined) drop-folder file(s) in quarantine")
        }
        let untouched = content.leadsWithoutTouch
        if untouched > 0 { warnings.append("\(untouched) lead(s) handed off with no captured touch") }
        lines.append("")
        lines.append("Capture health")
        if warnings.isEmpty { lines.append("  nothing to report") }
        for warning in warnings { lines.append("  " + warning) }
        lines.append("")
        lines.append("Sent automatically by Baton once a week.")

        subject =
            "[Baton] Week \(content.weekLabel): \(sqls) SQL\(sqls == 1 ? "" : "s"), \(breaches.count) open breach"
            + (breaches.count == 1 ? "" : "es")
        text = lines.joined(separator: "\n") + "\n"
        let summary = "<section class=\"digest\"><pre>" + text.htmlEscaped + "</pre></section>\n"
        let page = content.reportHTML
        if let body = page.range(of: "<body"), let close = page[body.upperBound...].firstIndex(of: ">") {
            let at = page.index(after: close)
            html = String(page[..<at]) + "\n" + summary + String(page[at...])
        } else {
            html = AlertDocument.htmlDocument(title: subject, body: summary)
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
