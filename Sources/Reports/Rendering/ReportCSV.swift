import BatonCore
import Foundation

/// `baton report --format csv`: one long table, `section,dimension,key,week,metric,value`, so every section has
/// the same shape (RFC 4180 quoting; LF line ends, the header first).
///
/// - `section` is the JSON key of the section (`handoff`, `response`, …, `capture`), plus `period`.
/// - `dimension` names what `key` is: the grouping (`rep`, `team`, `source`, `week`), or `source`, `bucket`,
///   `lead`, `domain`, `policy`, `first_response`/`breached` (outcome splits), `quarantine`,
///   `rejected_reason`/`nurture_reason` and `verdict` (lead quality, see `ReportCSV+Quality`).
/// - `week` is filled where a figure belongs to an ISO week (handoff, weekly, and `--by week` keys).
/// - `metric` is the JSON field name; figures of one policy or clock are qualified as `POLICY.field` or
///   `CLOCK.field` (`first-response.met`, `first_response.median_seconds`).
/// - Money (the pipeline and cost sections, see `ReportCSV+Revenue.swift`): one line per currency, the code last
///   in the metric (`won_revenue.GBP`), the value a decimal (`12000.00`).
/// - Shared wins (`wins`, `won_revenue`, `targets`): see `ReportCSV+Wins.swift`; amounts are decimal text with
///   their currency in a row of its own (or in the key, for `won_revenue`).
/// - `value`: integers, fractions as JSON prints them, times `YYYY-MM-DDTHH:MM:SSZ`, `true`/`false`; empty for
///   a figure that does not exist.
///
/// Any field that starts with `=`, `+`, `-` or `@` gets a leading `'`, so a spreadsheet never reads it as a
/// formula.
public enum ReportCSV {
    /// The header line's fields.
    public static let header = ["section", "dimension", "key", "week", "metric", "value"]

    /// The whole report.
    public static func render(_ r: Report) -> String {
        var lines = [header]
        func add(
            _ section: String, _ dimension: String, _ key: String, week: String = "", _ metric: String, _ value: Value
        ) {
            lines.append([section, dimension, key, week, metric, value.text])
        }
        let by = r.grouping.rawValue
        let byWeek = r.grouping == .week
        add("period", "period", "all", "since", .time(r.period.since))
        add("period", "period", "all", "until", .time(r.period.until))
        add("period", "period", "all", "now", .time(r.period.now))
        add("period", "period", "all", "timezone", .text(r.period.timezone))
        add("period", "period", "all", "grouping", .text(by))
        for row in r.handoff {
            add("handoff", "source", row.source, week: row.week, "leads", .int(row.leads))
        }
        for row in r.response {
            let week = byWeek && row.key != "all" ? row.key : ""
            let fields: [(String, Value)] = [
                ("episodes", .int(row.episodes)), ("answered", .int(row.answered)),
                ("median_seconds", .seconds(row.medianSeconds)), ("p90_seconds", .seconds(row.p90Seconds)),
                ("within_target", .fraction(row.withinTarget)),
            ]
            for (metric, value) in fields {
                add("response", by, row.key, week: week, row.clock.rawValue + "." + metric, value)
            }
        }
        for bucket in r.responseHistogram {
            add("response_histogram", "bucket", bucket.label, "episodes", .int(bucket.count))
        }
        for row in r.attainment {
            let week = byWeek && row.key != "all" ? row.key : ""
            let fields: [(String, Value)] = [
                ("met", .int(row.met)), ("met_late", .int(row.metLate)), ("breached", .int(row.breached)),
                ("running", .int(row.running)), ("warning", .int(row.warning)), ("paused", .int(row.paused)),
                ("cancelled", .int(row.cancelled)), ("within_target", .fraction(row.withinTarget)),
            ]
            for (metric, value) in fields {
                add("attainment", by, row.key, week: week, row.policy + "." + metric, value)
            }
        }
        for row in r.openBreaches {
            add("open_breaches", "lead", row.lead, row.policy + ".owner", .text(row.owner))
            add("open_breaches", "lead", row.lead, row.policy + ".due_at", .time(row.dueAt))
            add("open_breaches", "lead", row.lead, row.policy + ".late_seconds", .seconds(row.lateSeconds))
        }
        for row in r.funnel {
            let fields: [(String, Value)] = [
                ("mql", .int(row.mql)), ("accepted", .int(row.accepted)), ("sql", .int(row.sql)),
                ("opportunity", .int(row.opportunity)), ("won", .int(row.won)), ("mql_to_sql", .fraction(row.mqlToSQL)),
                ("mql_to_won", .fraction(row.mqlToWon)),
                ("median_mql_to_sql_seconds", .seconds(row.medianMQLToSQLSeconds)),
                ("median_sql_to_won_seconds", .seconds(row.medianSQLToWonSeconds)),
            ]
            for (metric, value) in fields { add("funnel", "source", row.source, metric, value) }
        }
        lines += revenueLines(r)
        for row in r.outcome {
            add("outcome", row.split, row.bucket, "leads", .int(row.leads))
            add("outcome", row.split, row.bucket, "sql", .int(row.sql))
            add("outcome", row.split, row.bucket, "rate", .fraction(row.rate))
        }
        lines += quality(r.quality, speed: r.speed)
        for row in r.meetings {
            let week = byWeek && row.key != "all" ? row.key : ""
            add("meetings", by, row.key, week: week, "held", .int(row.held))
            add("meetings", by, row.key, week: week, "cancelled", .int(row.cancelled))
            add("meetings", by, row.key, week: week, "per_lead_before_sql", .fraction(row.perLeadBeforeSQL))
        }
        for row in r.weekly {
            add("weekly", "week", row.week, week: row.week, "handed_off", .int(row.handedOff))
            add("weekly", "week", row.week, week: row.week, "first_responses", .int(row.firstResponses))
            add("weekly", "week", row.week, week: row.week, "within_target", .fraction(row.withinTarget))
            add("weekly", "week", row.week, week: row.week, "sql", .int(row.sql))
        }
        lines += sharedWinsLines(r.sharedWins)
        let c = r.capture
        add("capture", "setting", "all", "silent_days", .int(c.silentDays))
        for s in c.sources {
            add("capture", "source", s.path, "type", .text(s.type))
            add("capture", "source", s.path, "scanned", .int(s.scanned))
            add("capture", "source", s.path, "matched", .int(s.matched))
            add("capture", "source", s.path, "matched_share", .fraction(s.matchedShare))
            add("capture", "source", s.path, "last_message_at", s.lastMessageAt.map { .time($0) } ?? .none)
            add("capture", "source", s.path, "silent", .text(s.silent ? "true" : "false"))
        }
        for d in c.unmatchedDomains { add("capture", "domain", d.label, "unmatched_messages", .int(d.count)) }
        for lead in c.leadsWithoutTouch { add("capture", "lead", lead, "without_touch", .int(1)) }
        add("capture", "quarantine", "all", "files", .int(c.quarantined))
        return lines.map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }

    /// One CSV value before quoting.
    enum Value {
        case none
        case int(Int)
        case seconds(Int64?)
        case fraction(Double?)
        case time(Int64)
        case text(String?)

        var text: String {
            switch self {
            case .none: ""
            case .int(let n): String(n)
            case .seconds(let n): n.map { String($0) } ?? ""
            case .fraction(let d): d.map { JSONValue.double($0).serialized } ?? ""
            case .time(let t): Timestamp.format(epochSeconds: t)
            case .text(let s): s ?? ""
            }
        }
    }

    /// A field as written: formula-looking text defused with `'`, then quoted when it holds `,`, `"`, CR or LF
    /// (RFC 4180, section 2).
    public static func field(_ raw: String) -> String {
        var text = raw
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
