/// The text of the lead-quality and speed sections.
extension ReportText {
    /// How many reasons the text (and the HTML page) shows per source and verdict, most leads first; the rest are
    /// summed on one `… N more` line. JSON and CSV list every reason.
    public static let topReasons = 5

    /// Lead quality: rejected and nurtured MQLs by source, their top reasons, and first response by verdict.
    static func quality(_ out: inout String, _ quality: LeadQuality) {
        section(&out, "Lead quality: MQLs rejected or sent to nurture by source (stage now)", quality.sources.isEmpty) {
            var t = ReportTable([
                .text("SOURCE"), .number("MQL"), .number("REJECTED"), .number("REJECTED %"), .number("NURTURE"),
                .number("NURTURE %"),
            ])
            for row in quality.sources {
                t.add([
                    row.source, String(row.mql), String(row.rejected), share(row.rejectedShare), String(row.nurture),
                    share(row.nurtureShare),
                ])
            }
            return t
        }
        section(&out, "Lead quality: top reasons per source and verdict (reason now)", quality.reasons.isEmpty) {
            var t = ReportTable([
                .text("SOURCE"), .fixed("VERDICT"), .text("REASON"), .number("LEADS"), .number("OF MQL"),
            ])
            for (rows, hidden, hiddenShare) in topReasons(quality) {
                for row in rows {
                    t.add([row.source, row.verdict.rawValue, row.reason, String(row.leads), share(row.share)])
                }
                if let first = rows.first, hidden.reasons > 0 {
                    t.add([
                        first.source, first.verdict.rawValue, "… \(hidden.reasons) more", String(hidden.leads),
                        share(hiddenShare),
                    ])
                }
            }
            return t
        }
        section(
            &out, "Lead quality: first response by verdict (did sales reject the leads it never answered?)",
            quality.firstResponse.isEmpty
        ) {
            var t = ReportTable([
                .fixed("VERDICT"), .number("LEADS"), .number("ANSWERED"), .number("NEVER"), .number("ANSWERED %"),
                .number("MEDIAN"),
            ])
            for row in quality.firstResponse {
                t.add([
                    row.verdict.rawValue, String(row.leads), String(row.answered), String(row.neverAnswered),
                    share(row.answeredShare), duration(row.medianFirstResponseSeconds),
                ])
            }
            return t
        }
    }

    /// Speed and outcome by source: median first response (business time) beside median MQL → SQL (calendar).
    static func speed(_ out: inout String, _ rows: [SpeedRow]) {
        let heading = "Speed and outcome by source (MQLs of the period; first response in business time)"
        section(&out, heading, rows.isEmpty) {
            var t = ReportTable([
                .text("SOURCE"), .number("MQL"), .number("ANSWERED"), .number("FIRST RESPONSE"), .number("IN TARGET"),
                .number("SQL"), .number("MQL>SQL"), .number("MQL>SQL TIME"),
            ])
            for row in rows {
                t.add([
                    row.source, String(row.mql), String(row.answered), duration(row.medianFirstResponseSeconds),
                    share(row.withinTarget), String(row.sql), share(row.mqlToSQL),
                    duration(row.medianMQLToSQLSeconds, calendar: true),
                ])
            }
            return t
        }
    }

    /// The reasons per source and verdict (in the report's order), each cut to the first `topReasons`, with how
    /// many reasons and leads were cut and those leads' share of the source's MQLs.
    static func topReasons(_ quality: LeadQuality) -> [(
        rows: [QualityReasonRow], hidden: (reasons: Int, leads: Int), hiddenShare: Double?
    )] {
        var groups: [[QualityReasonRow]] = []
        for row in quality.reasons {
            if let last = groups.last?.last, last.source == row.source, last.verdict == row.verdict {
                groups[groups.count - 1].append(row)
            } else {
                groups.append([row])
            }
        }
        return groups.map { rows in
            let hidden = rows.dropFirst(topReasons)
            let leads = hidden.reduce(0) { $0 + $1.leads }
            let mql = quality.sources.first { $0.source == rows.first?.source }?.mql ?? 0
            return (Array(rows.prefix(topReasons)), (hidden.count, leads), ReportStatistics.share(leads, of: mql))
        }
    }
}
