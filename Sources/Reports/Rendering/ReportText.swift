import BatonCore

/// `baton report --format text`: a heading and an aligned table per section, every line within 100 columns.
/// Times are UTC; durations `2h 05m` (calendar durations of two days or more `3d 04h`); shares `75%`; `-` for
/// a figure that does not exist (no episode, no lead).
public enum ReportText {
    /// The widest line.
    public static let width = 100

    /// The whole report.
    public static func render(_ r: Report) -> String {
        let by = r.grouping.rawValue
        var out = "Baton report, \(time(r.period.since)) to \(time(r.period.until)) (\(r.period.timezone))\n"
        out += "now \(time(r.period.now)), by \(by)\n"

        section(&out, "Handoff: leads handed to sales per source and week", r.handoff.isEmpty) {
            var t = ReportTable([.text("SOURCE"), .fixed("WEEK"), .number("LEADS")])
            for row in r.handoff { t.add([row.source, row.week, String(row.leads)]) }
            return t
        }
        section(&out, "Response times (business time) by \(by)", r.response.isEmpty) {
            var t = ReportTable([
                .fixed("CLOCK"), .text(by.uppercased()), .number("EPISODES"), .number("ANSWERED"),
                .number("MEDIAN"), .number("P90"), .number("IN TARGET"),
            ])
            for row in r.response {
                t.add([
                    row.clock.rawValue, row.key, String(row.episodes), String(row.answered),
                    duration(row.medianSeconds),
                    duration(row.p90Seconds), share(row.withinTarget),
                ])
            }
            return t
        }
        section(&out, "First responses by time taken", r.responseHistogram.isEmpty) {
            var t = ReportTable([.fixed("TIME"), .number("EPISODES")])
            for bucket in r.responseHistogram { t.add([bucket.label, String(bucket.count)]) }
            return t
        }
        section(&out, "SLA attainment by policy and \(by)", r.attainment.isEmpty) {
            var t = ReportTable([
                .text("POLICY"), .text(by.uppercased()), .number("MET"), .number("LATE"), .number("BREACHED"),
                .number("RUNNING"), .number("WARNING"), .number("PAUSED"), .number("CANCELLED"),
                .number("IN TARGET"),
            ])
            for row in r.attainment {
                t.add(
                    [row.policy, row.key]
                        + [row.met, row.metLate, row.breached, row.running, row.warning, row.paused, row.cancelled]
                        .map { String($0) } + [share(row.withinTarget)])
            }
            return t
        }
        section(&out, "Open breaches", r.openBreaches.isEmpty) {
            var t = ReportTable([
                .text("LEAD"), .text("POLICY"), .text("OWNER"), .fixed("DUE"), .number("LATE"),
            ])
            for row in r.openBreaches {
                t.add([row.lead, row.policy, row.owner ?? "-", time(row.dueAt), duration(row.lateSeconds)])
            }
            return t
        }
        section(&out, "Funnel by source (leads that became MQL in the period)", r.funnel.isEmpty) {
            var t = ReportTable([
                .text("SOURCE"), .number("MQL"), .number("ACCEPTED"), .number("SQL"), .number("OPP"), .number("WON"),
                .number("MQL>SQL"), .number("MQL>WON"), .number("MQL>SQL TIME"), .number("SQL>WON TIME"),
            ])
            for row in r.funnel {
                t.add(
                    [row.source] + [row.mql, row.accepted, row.sql, row.opportunity, row.won].map { String($0) } + [
                        share(row.mqlToSQL), share(row.mqlToWon),
                        duration(row.medianMQLToSQLSeconds, calendar: true),
                        duration(row.medianSQLToWonSeconds, calendar: true),
                    ])
            }
            return t
        }
        revenue(&out, r)
        section(&out, "SLA and outcome: MQL to SQL", r.outcome.isEmpty) {
            var t = ReportTable([.fixed("SPLIT"), .fixed("BUCKET"), .number("LEADS"), .number("SQL"), .number("RATE")])
            for row in r.outcome {
                t.add([row.split, row.bucket, String(row.leads), String(row.sql), share(row.rate)])
            }
            return t
        }
        quality(&out, r.quality)
        speed(&out, r.speed)
        section(&out, "Meetings by \(by)", r.meetings.isEmpty) {
            var t = ReportTable([
                .text(by.uppercased()), .number("HELD"), .number("CANCELLED"), .number("PER LEAD BEFORE SQL"),
            ])
            for row in r.meetings {
                t.add([row.key, String(row.held), String(row.cancelled), ratio(row.perLeadBeforeSQL)])
            }
            return t
        }
        section(&out, "Weekly trend", r.weekly.isEmpty) {
            var t = ReportTable([
                .fixed("WEEK"), .number("HANDED OFF"), .number("FIRST RESPONSES"), .number("IN TARGET"),
                .number("SQL"),
            ])
            for row in r.weekly {
                t.add([
                    row.week, String(row.handedOff), String(row.firstResponses), share(row.withinTarget),
                    String(row.sql),
                ])
            }
            return t
        }
        sharedWins(&out, r.sharedWins)
        let capture = r.capture
        section(&out, "Capture health (silent: nothing for \(capture.silentDays) days)", capture.sources.isEmpty) {
            var t = ReportTable([
                .text("SOURCE", keepEnd: true), .fixed("TYPE"), .number("SCANNED"), .number("MATCHED"),
                .number("SHARE"), .fixed("LAST ITEM"), .fixed("SILENT"),
            ])
            for s in capture.sources {
                t.add([
                    s.path, s.type, String(s.scanned), String(s.matched), share(s.matchedShare),
                    s.lastMessageAt.map(time) ?? "-", s.silent ? "yes" : "no",
                ])
            }
            return t
        }
        section(&out, "Unmatched external domains", capture.unmatchedDomains.isEmpty) {
            var t = ReportTable([.text("DOMAIN"), .number("MESSAGES")])
            for d in capture.unmatchedDomains { t.add([d.label, String(d.count)]) }
            return t
        }
        section(&out, "Leads handed off with no captured touch", capture.leadsWithoutTouch.isEmpty) {
            var t = ReportTable([.text("LEAD")])
            for lead in capture.leadsWithoutTouch { t.add([lead]) }
            return t
        }
        out += "\nQuarantined drop-folder files: \(capture.quarantined)\n"
        return out
    }

    /// Appends a blank line, the heading, and the table or `(none)`.
    static func section(_ out: inout String, _ heading: String, _ empty: Bool, _ table: () -> ReportTable) {
        out += "\n" + heading + "\n"
        out += empty ? "(none)\n" : table().rendered(width: width) + "\n"
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    static func time(_ seconds: Int64) -> String { Timestamp.format(epochSeconds: seconds) }

    /// `DurationText`'s `45m`, `2h 05m`, with `calendar` `3d 04h`; `-` for nil.
    public static func duration(_ seconds: Int64?, calendar: Bool = false) -> String {
        guard let seconds else { return "-" }
        return DurationText.format(seconds, calendar: calendar)
    }

    /// `75%` (rounded half up), `-` for nil.
    public static func share(_ value: Double?) -> String {
        guard let value else { return "-" }
        return "\(Int((value * 100).rounded()))%"
    }

    /// `1.5` (one decimal), `-` for nil.
    static func ratio(_ value: Double?) -> String {
        guard let value else { return "-" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
