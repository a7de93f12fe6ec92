import BatonCore
import Foundation
import Reports
import Testing

/// The text, JSON and CSV shapes of a small report built by hand.
@Suite struct ReportRenderingTests {
    static func at(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }

    /// One week, one rep, a figure in every section.
    static let report = Report(
        period: ReportPeriod(
            since: at("2026-11-02T00:00:00Z"), until: at("2026-11-09T00:00:00Z"), now: at("2026-11-06T17:00:00Z"),
            timezone: "UTC"),
        grouping: .rep,
        handoff: [HandoffRow(source: "webinar", week: "2026-W45", leads: 2)],
        response: [
            ResponseRow(
                clock: .firstResponse, key: "ann@example.com", episodes: 2, answered: 2, medianSeconds: 1_800,
                p90Seconds: 7_500, withinTarget: 0.5),
            ResponseRow(
                clock: .firstResponse, key: "all", episodes: 2, answered: 2, medianSeconds: 1_800, p90Seconds: 7_500,
                withinTarget: 0.5),
        ],
        responseHistogram: [
            BucketCount(label: "<1h", count: 1), BucketCount(label: "1-4h", count: 1),
            BucketCount(label: "4-24h", count: 0), BucketCount(label: ">24h", count: 0),
        ],
        attainment: [
            AttainmentRow(policy: "fr", key: "ann@example.com", met: 1, metLate: 1, withinTarget: 0.5),
            AttainmentRow(policy: "fr", key: "all", met: 1, metLate: 1, withinTarget: 0.5),
        ],
        openBreaches: [
            OpenBreach(
                lead: "c@gamma.com", policy: "fr", owner: nil, dueAt: at("2026-11-05T13:00:00Z"), lateSeconds: 36_000)
        ],
        funnel: [
            FunnelRow(
                source: "all", mql: 3, accepted: 2, sql: 1, opportunity: 0, won: 0, mqlToSQL: 1.0 / 3, mqlToWon: 0,
                medianMQLToSQLSeconds: 270_000, medianSQLToWonSeconds: nil)
        ],
        outcome: [OutcomeRow(split: "breached", bucket: "yes", leads: 1, sql: 0, rate: 0)],
        meetings: [MeetingRow(key: "all", held: 1, cancelled: 0, perLeadBeforeSQL: 1.5)],
        weekly: [WeekRow(week: "2026-W45", handedOff: 2, firstResponses: 2, withinTarget: 0.5, sql: 1)],
        capture: CaptureHealth(
            sources: [
                CaptureSource(
                    path: "/var/mail/ann.mbox", type: "mbox", scanned: 4, matched: 3, matchedShare: 0.75,
                    lastMessageAt: at("2026-11-06T10:00:00Z"), silent: false)
            ],
            unmatchedDomains: [BucketCount(label: "unknown.io", count: 2)], leadsWithoutTouch: ["c@gamma.com"],
            quarantined: 1))

    @Test("text: a heading and an aligned table per section")
    func text() {
        let expected = """
            Baton report, 2026-11-02T00:00:00Z to 2026-11-09T00:00:00Z (UTC)
            now 2026-11-06T17:00:00Z, by rep

            Handoff: leads handed to sales per source and week
            SOURCE   WEEK      LEADS
            webinar  2026-W45      2

            Response times (business time) by rep
            CLOCK           REP              EPISODES  ANSWERED  MEDIAN     P90  IN TARGET
            first_response  ann@example.com         2         2     30m  2h 05m        50%
            first_response  all                     2         2     30m  2h 05m        50%

            First responses by time taken
            TIME   EPISODES
            <1h           1
            1-4h          1
            4-24h         0
            >24h          0

            SLA attainment by policy and rep
            POLICY  REP              MET  LATE  BREACHED  RUNNING  WARNING  PAUSED  CANCELLED  IN TARGET
            fr      ann@example.com    1     1         0        0        0       0          0        50%
            fr      all                1     1         0        0        0       0          0        50%

            Open breaches
            LEAD         POLICY  OWNER  DUE                      LATE
            c@gamma.com  fr      -      2026-11-05T13:00:00Z  10h 00m

            Funnel by source (leads that became MQL in the period)
            SOURCE  MQL  ACCEPTED  SQL  OPP  WON  MQL>SQL  MQL>WON  MQL>SQL TIME  SQL>WON TIME
            all       3         2    1    0    0      33%       0%        3d 03h             -

            Pipeline and revenue by source (leads that became MQL in the period)
            (none)

            Cost per channel by source and month (whole months; spend as stored now)
            (none)

            SLA and outcome: MQL to SQL
            SPLIT     BUCKET  LEADS  SQL  RATE
            breached  yes         1    0    0%

            Lead quality: MQLs rejected or sent to nurture by source (stage now)
            (none)

            Lead quality: top reasons per source and verdict (reason now)
            (none)

            Lead quality: first response by verdict (did sales reject the leads it never answered?)
            (none)

            Speed and outcome by source (MQLs of the period; first response in business time)
            (none)

            Meetings by rep
            REP  HELD  CANCELLED  PER LEAD BEFORE SQL
            all     1          0                  1.5

            Weekly trend
            WEEK      HANDED OFF  FIRST RESPONSES  IN TARGET  SQL
            2026-W45           2                2        50%    1

            Shared wins: deals won in the period
            (none)

            Shared wins: MQL to first response to won
            (none)

            Shared wins: won revenue
            (none)

            Capture health (silent: nothing for 7 days)
            SOURCE              TYPE  SCANNED  MATCHED  SHARE  LAST ITEM             SILENT
            /var/mail/ann.mbox  mbox        4        3    75%  2026-11-06T10:00:00Z  no

            Unmatched external domains
            DOMAIN      MESSAGES
            unknown.io         2

            Leads handed off with no captured touch
            LEAD
            c@gamma.com

            Quarantined drop-folder files: 1

            """
        #expect(ReportText.render(Self.report) == expected)
    }

    @Test("text: long keys and paths are cut so every line fits 100 columns; empty sections say (none)")
    func width() {
        var report = Report(period: Self.report.period, grouping: .source)
        let long = String(repeating: "a-very-long-source-name-", count: 5)
        report.attainment = [AttainmentRow(policy: "meeting-follow-up-for-enterprise", key: long, met: 1)]
        report.capture.sources = [
            CaptureSource(
                path: "/" + String(repeating: "deep/", count: 30) + "ann.mbox", type: "mbox", scanned: 0, matched: 0,
                matchedShare: nil, lastMessageAt: nil, silent: true)
        ]
        let text = ReportText.render(report)
        for line in text.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
        #expect(text.contains("\n…/deep/deep/"))
        #expect(text.contains("/deep/ann.mbox  mbox"))
        #expect(text.contains("\nmeeting-follo…  a-very-long-so…    1"))
        #expect(text.contains("Handoff: leads handed to sales per source and week\n(none)\n"))
        #expect(text.contains("      -  -          yes\n"))
    }

    @Test(
        "durations and shares as the text prints them",
        arguments: [
            (59, "59s"), (60, "1m"), (3_599, "1h 00m"), (3_600, "1h 00m"), (7_500, "2h 05m"), (176_400, "49h 00m"),
        ] as [(Int64, String)])
    func duration(seconds: Int64, text: String) {
        #expect(ReportText.duration(seconds) == text)
    }

    @Test("shares round half up; calendar durations of two days or more use days")
    func shares() {
        #expect(ReportText.share(2.0 / 3) == "67%")
        #expect(ReportText.share(0.125) == "13%")
        #expect(ReportText.share(nil) == "-")
        #expect(ReportText.duration(172_800, calendar: true) == "2d 00h")
        #expect(ReportText.duration(172_740, calendar: true) == "47h 59m")
    }

    @Test("JSON: one key per section, times in UTC, durations in _seconds keys, null for missing figures")
    func json() throws {
        let value = ReportJSON.render(Self.report)
        guard case .object(let pairs) = value else {
            Issue.record("not an object")
            return
        }
        #expect(
            pairs.map(\.0) == [
                "period", "grouping", "handoff", "response", "response_histogram", "attainment", "open_breaches",
                "funnel", "pipeline", "cost", "outcome", "quality", "speed", "meetings", "weekly", "wins",
                "won_revenue",
                "targets", "capture",
            ])
        let text = value.pretty
        // It parses, and prints back the same (0.0 reads back as the integer 0).
        #expect(try JSONParser.parse(Array(text.utf8)).pretty == text)
        #expect(text.contains(#""since": "2026-11-02T00:00:00Z""#))
        #expect(text.contains(#""median_seconds": 1800"#))
        #expect(text.contains(#""p90_seconds": 7500"#))
        #expect(text.contains(#""within_target": 0.5"#))
        #expect(text.contains(#""owner": null"#))
        #expect(text.contains(#""due_at": "2026-11-05T13:00:00Z""#))
        #expect(text.contains(#""median_sql_to_won_seconds": null"#))
        #expect(text.contains(#""per_lead_before_sql": 1.5"#))
        #expect(text.contains(#""leads_without_touch": [\#n      "c@gamma.com"\#n    ]"#))
        #expect(text.contains(#""quarantined": 1"#))
    }

    @Test("CSV: one long table, header first, LF line ends")
    func csv() {
        let lines = ReportCSV.render(Self.report).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "section,dimension,key,week,metric,value")
        #expect(lines.last == "")
        let expected = [
            "period,period,all,,since,2026-11-02T00:00:00Z",
            "period,period,all,,grouping,rep",
            "handoff,source,webinar,2026-W45,leads,2",
            "response,rep,ann@example.com,,first_response.episodes,2",
            "response,rep,ann@example.com,,first_response.median_seconds,1800",
            "response,rep,all,,first_response.within_target,0.5",
            "response_histogram,bucket,<1h,,episodes,1",
            "attainment,rep,ann@example.com,,fr.met_late,1",
            "attainment,rep,all,,fr.within_target,0.5",
            "open_breaches,lead,c@gamma.com,,fr.owner,",
            "open_breaches,lead,c@gamma.com,,fr.due_at,2026-11-05T13:00:00Z",
            "open_breaches,lead,c@gamma.com,,fr.late_seconds,36000",
            "funnel,source,all,,mql_to_sql,0.3333333333333333",
            "funnel,source,all,,mql_to_won,0",
            "funnel,source,all,,median_sql_to_won_seconds,",
            "outcome,breached,yes,,rate,0",
            "meetings,rep,all,,per_lead_before_sql,1.5",
            "weekly,week,2026-W45,2026-W45,handed_off,2",
            "capture,setting,all,,silent_days,7",
            "capture,source,/var/mail/ann.mbox,,matched_share,0.75",
            "capture,source,/var/mail/ann.mbox,,last_message_at,2026-11-06T10:00:00Z",
            "capture,source,/var/mail/ann.mbox,,silent,false",
            "capture,domain,unknown.io,,unmatched_messages,2",
            "capture,lead,c@gamma.com,,without_touch,1",
            "capture,quarantine,all,,files,1",
        ]
        for line in expected { #expect(lines.contains(Substring(line)), "\(line)") }
        #expect(
            lines.allSatisfy { $0.isEmpty || $0.split(separator: ",", omittingEmptySubsequences: false).count == 6 })
    }

    @Test("CSV: quoting per RFC 4180, and formula-looking fields defused with a quote")
    func csvEscaping() {
        #expect(ReportCSV.field("plain") == "plain")
        #expect(ReportCSV.field("a,b") == "\"a,b\"")
        #expect(ReportCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ReportCSV.field("two\nlines") == "\"two\nlines\"")
        #expect(ReportCSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ReportCSV.field("+1") == "'+1")
        #expect(ReportCSV.field("-x") == "'-x")
        #expect(ReportCSV.field("@sum") == "'@sum")
        var report = Report(period: Self.report.period, grouping: .source)
        report.handoff = [HandoffRow(source: "=cmd|' /C calc'!A0", week: "2026-W45", leads: 1)]
        #expect(ReportCSV.render(report).contains("\nhandoff,source,'=cmd|' /C calc'!A0,2026-W45,leads,1\n"))
    }
}
