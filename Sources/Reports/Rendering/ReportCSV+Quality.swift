/// The CSV rows of the lead-quality and speed sections (JSON's field names as metrics):
///
/// - `quality,source,SOURCE,,mql|rejected|rejected_share|nurture|nurture_share,VALUE`;
/// - every reason, the verdict in the dimension and the source in the metric, as a policy's figures are:
///   `quality,rejected_reason,REASON,,SOURCE.leads,2` and `…,SOURCE.share,0.5` (`nurture_reason` likewise);
/// - `quality,verdict,rejected|nurture|accepted,,leads|answered|never_answered|answered_share|`
///   `median_first_response_seconds,VALUE`;
/// - `speed,source,SOURCE,,mql|answered|median_first_response_seconds|within_target|sql|mql_to_sql|`
///   `median_mql_to_sql_seconds,VALUE`.
extension ReportCSV {
    /// The rows of both sections, in the order of the JSON, before quoting.
    static func quality(_ q: LeadQuality, speed: [SpeedRow]) -> [[String]] {
        var lines: [[String]] = []
        func add(_ section: String, _ dimension: String, _ key: String, _ metric: String, _ value: Value) {
            lines.append([section, dimension, key, "", metric, value.text])
        }
        for row in q.sources {
            add("quality", "source", row.source, "mql", .int(row.mql))
            add("quality", "source", row.source, "rejected", .int(row.rejected))
            add("quality", "source", row.source, "rejected_share", .fraction(row.rejectedShare))
            add("quality", "source", row.source, "nurture", .int(row.nurture))
            add("quality", "source", row.source, "nurture_share", .fraction(row.nurtureShare))
        }
        for row in q.reasons {
            let dimension = row.verdict.rawValue + "_reason"
            add("quality", dimension, row.reason, row.source + ".leads", .int(row.leads))
            add("quality", dimension, row.reason, row.source + ".share", .fraction(row.share))
        }
        for row in q.firstResponse {
            let verdict = row.verdict.rawValue
            add("quality", "verdict", verdict, "leads", .int(row.leads))
            add("quality", "verdict", verdict, "answered", .int(row.answered))
            add("quality", "verdict", verdict, "never_answered", .int(row.neverAnswered))
            add("quality", "verdict", verdict, "answered_share", .fraction(row.answeredShare))
            add(
                "quality", "verdict", verdict, "median_first_response_seconds", .seconds(row.medianFirstResponseSeconds)
            )
        }
        for row in speed {
            add("speed", "source", row.source, "mql", .int(row.mql))
            add("speed", "source", row.source, "answered", .int(row.answered))
            add(
                "speed", "source", row.source, "median_first_response_seconds", .seconds(row.medianFirstResponseSeconds)
            )
            add("speed", "source", row.source, "within_target", .fraction(row.withinTarget))
            add("speed", "source", row.source, "sql", .int(row.sql))
            add("speed", "source", row.source, "mql_to_sql", .fraction(row.mqlToSQL))
            add("speed", "source", row.source, "median_mql_to_sql_seconds", .seconds(row.medianMQLToSQLSeconds))
        }
        return lines
    }
}
