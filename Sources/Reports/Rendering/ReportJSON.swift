import BatonCore

/// `baton report --format json`: one object, a key per section, keys in a fixed order.
///
/// ```
/// {"period": {"since", "until", "now", "timezone"}, "grouping",
///  "handoff": [{"source", "week", "leads"}],
///  "response": [{"clock", "key", "episodes", "answered", "median_seconds", "p90_seconds", "within_target"}],
///  "response_histogram": [{"bucket", "episodes"}],
///  "attainment": [{"policy", "key", "met", "met_late", "breached", "running", "warning", "paused", "cancelled",
///                  "within_target"}],
///  "open_breaches": [{"lead", "policy", "owner", "due_at", "late_seconds"}],
///  "funnel": [{"source", "mql", "accepted", "sql", "opportunity", "won", "mql_to_sql", "mql_to_won",
///              "median_mql_to_sql_seconds", "median_sql_to_won_seconds"}],
///  "pipeline": [...], "cost": [...] (see `ReportJSON+Revenue.swift`),
///  "outcome": [{"split", "bucket", "leads", "sql", "rate"}],
///  "quality": {"sources", "reasons", "first_response"}, "speed": [...] (see `ReportJSON+Quality`),
///  "meetings": [{"key", "held", "cancelled", "per_lead_before_sql"}],
///  "weekly": [{"week", "handed_off", "first_responses", "within_target", "sql"}],
///  "wins", "won_revenue", "targets" (ReportJSON+Wins.swift),
///  "capture": {"silent_days", "sources": [{"path", "type", "scanned", "matched", "matched_share",
///              "last_message_at", "silent"}], "unmatched_domains": [{"domain", "messages"}],
///              "leads_without_touch": [address], "quarantined"}}
/// ```
/// Times are UTC `YYYY-MM-DDTHH:MM:SSZ`; durations whole seconds in `_seconds` keys; shares and rates are
/// fractions from 0 to 1; a figure that does not exist is null.
public enum ReportJSON {
    /// The whole report.
    public static func render(_ r: Report) -> JSONValue {
        .object([
            (
                "period",
                .object([
                    ("since", .time(epochSeconds: r.period.since)), ("until", .time(epochSeconds: r.period.until)),
                    ("now", .time(epochSeconds: r.period.now)), ("timezone", .string(r.period.timezone)),
                ])
            ),
            ("grouping", .string(r.grouping.rawValue)),
            (
                "handoff",
                .array(
                    r.handoff.map {
                        .object([("source", .string($0.source)), ("week", .string($0.week)), ("leads", .int($0.leads))])
                    })
            ),
            (
                "response",
                .array(
                    r.response.map {
                        .object([
                            ("clock", .string($0.clock.rawValue)), ("key", .string($0.key)),
                            ("episodes", .int($0.episodes)),
                            ("answered", .int($0.answered)), ("median_seconds", .int($0.medianSeconds)),
                            ("p90_seconds", .int($0.p90Seconds)), ("within_target", number($0.withinTarget)),
                        ])
                    })
            ),
            (
                "response_histogram",
                .array(
                    r.responseHistogram.map { .object([("bucket", .string($0.label)), ("episodes", .int($0.count))]) })
            ),
            (
                "attainment",
                .array(
                    r.attainment.map {
                        .object([
                            ("policy", .string($0.policy)), ("key", .string($0.key)), ("met", .int($0.met)),
                            ("met_late", .int($0.metLate)), ("breached", .int($0.breached)),
                            ("running", .int($0.running)), ("warning", .int($0.warning)), ("paused", .int($0.paused)),
                            ("cancelled", .int($0.cancelled)), ("within_target", number($0.withinTarget)),
                        ])
                    })
            ),
            (
                "open_breaches",
                .array(
                    r.openBreaches.map {
                        .object([
                            ("lead", .string($0.lead)), ("policy", .string($0.policy)), ("owner", .string($0.owner)),
                            ("due_at", .time(epochSeconds: $0.dueAt)), ("late_seconds", .int($0.lateSeconds)),
                        ])
                    })
            ),
            (
                "funnel",
                .array(
                    r.funnel.map {
                        .object([
                            ("source", .string($0.source)), ("mql", .int($0.mql)), ("accepted", .int($0.accepted)),
                            ("sql", .int($0.sql)), ("opportunity", .int($0.opportunity)), ("won", .int($0.won)),
                            ("mql_to_sql", number($0.mqlToSQL)), ("mql_to_won", number($0.mqlToWon)),
                            ("median_mql_to_sql_seconds", .int($0.medianMQLToSQLSeconds)),
                            ("median_sql_to_won_seconds", .int($0.medianSQLToWonSeconds)),
                        ])
                    })
            ),
            ("pipeline", pipeline(r.pipeline)),
            ("cost", cost(r.cost)),
            (
                "outcome",
                .array(
                    r.outcome.map {
                        .object([
                            ("split", .string($0.split)), ("bucket", .string($0.bucket)), ("leads", .int($0.leads)),
                            ("sql", .int($0.sql)), ("rate", number($0.rate)),
                        ])
                    })
            ),
            ("quality", quality(r.quality)),
            ("speed", speed(r.speed)),
            (
                "meetings",
                .array(
                    r.meetings.map {
                        .object([
                            ("key", .string($0.key)), ("held", .int($0.held)), ("cancelled", .int($0.cancelled)),
                            ("per_lead_before_sql", number($0.perLeadBeforeSQL)),
                        ])
                    })
            ),
            (
                "weekly",
                .array(
                    r.weekly.map {
                        .object([
                            ("week", .string($0.week)), ("handed_off", .int($0.handedOff)),
                            ("first_responses", .int($0.firstResponses)),
                            ("within_target", number($0.withinTarget)), ("sql", .int($0.sql)),
                        ])
                    })
            ),
            ("wins", wins(r.sharedWins)), ("won_revenue", wonRevenue(r.sharedWins)), ("targets", targets(r.sharedWins)),
            ("capture", capture(r.capture)),
        ])
    }

    static func capture(_ c: CaptureHealth) -> JSONValue {
        .object([
            ("silent_days", .int(c.silentDays)),
            (
                "sources",
                .array(
                    c.sources.map {
                        .object([
                            ("path", .string($0.path)), ("type", .string($0.type)), ("scanned", .int($0.scanned)),
                            ("matched", .int($0.matched)), ("matched_share", number($0.matchedShare)),
                            ("last_message_at", .time(epochSeconds: $0.lastMessageAt)), ("silent", .bool($0.silent)),
                        ])
                    })
            ),
            (
                "unmatched_domains",
                .array(
                    c.unmatchedDomains.map { .object([("domain", .string($0.label)), ("messages", .int($0.count))]) })
            ),
            ("leads_without_touch", .array(c.leadsWithoutTouch.map { .string($0) })),
            ("quarantined", .int(c.quarantined)),
        ])
    }

    /// A fraction, or null.
    static func number(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
}
