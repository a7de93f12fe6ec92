import BatonCore

/// The JSON of the lead-quality and speed sections:
///
/// ```
/// "quality": {"sources": [{"source", "mql", "rejected", "rejected_share", "nurture", "nurture_share"}],
///             "reasons": [{"source", "verdict", "reason", "leads", "share"}],
///             "first_response": [{"verdict", "leads", "answered", "never_answered", "answered_share",
///                                 "median_first_response_seconds"}]},
/// "speed": [{"source", "mql", "answered", "median_first_response_seconds", "within_target", "sql", "mql_to_sql",
///            "median_mql_to_sql_seconds"}]
/// ```
/// Every reason is listed (the text shows the top ones); `verdict` is `rejected`, `nurture` or `accepted`.
extension ReportJSON {
    /// The `quality` object.
    static func quality(_ q: LeadQuality) -> JSONValue {
        .object([
            (
                "sources",
                .array(
                    q.sources.map {
                        .object([
                            ("source", .string($0.source)), ("mql", .int($0.mql)), ("rejected", .int($0.rejected)),
                            ("rejected_share", number($0.rejectedShare)), ("nurture", .int($0.nurture)),
                            ("nurture_share", number($0.nurtureShare)),
                        ])
                    })
            ),
            (
                "reasons",
                .array(
                    q.reasons.map {
                        .object([
                            ("source", .string($0.source)), ("verdict", .string($0.verdict.rawValue)),
                            ("reason", .string($0.reason)), ("leads", .int($0.leads)), ("share", number($0.share)),
                        ])
                    })
            ),
            (
                "first_response",
                .array(
                    q.firstResponse.map {
                        .object([
                            ("verdict", .string($0.verdict.rawValue)), ("leads", .int($0.leads)),
                            ("answered", .int($0.answered)), ("never_answered", .int($0.neverAnswered)),
                            ("answered_share", number($0.answeredShare)),
                            ("median_first_response_seconds", .int($0.medianFirstResponseSeconds)),
                        ])
                    })
            ),
        ])
    }

    /// The `speed` array.
    static func speed(_ rows: [SpeedRow]) -> JSONValue {
        .array(
            rows.map {
                .object([
                    ("source", .string($0.source)), ("mql", .int($0.mql)), ("answered", .int($0.answered)),
                    ("median_first_response_seconds", .int($0.medianFirstResponseSeconds)),
                    ("within_target", number($0.withinTarget)), ("sql", .int($0.sql)),
                    ("mql_to_sql", number($0.mqlToSQL)),
                    ("median_mql_to_sql_seconds", .int($0.medianMQLToSQLSeconds)),
                ])
            })
    }
}
