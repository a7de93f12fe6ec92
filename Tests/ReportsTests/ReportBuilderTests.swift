import BatonCore
import Foundation
import Reports
import Testing

/// Every section of the report over `ReportFixture`, against figures worked out by hand.
///
/// Business hours Mon–Fri 09:00–17:00 UTC; policies `fr` (first response, 4h) and `reply` (4h); period
/// 2026-11-02 (Mon, W45) to 2026-11-16 (W46 ends on the 15th); now Fri 2026-11-13 17:00Z.
///
/// | lead | source   | owner | MQL    | handoff      | stages             | episodes (state, elapsed, owner)             |
/// |------|----------|-------|--------|--------------|--------------------|----------------------------------------------|
/// | a 1  | webinar  | ann   | 02 09h | 02 10h W45   | sql 05 09h, won 12 | fr met 30m (out 10:30), ann                  |
/// | b 2  | webinar  | bob   | 03 09h | 03 09h W45   | accepted 04        | fr met_late 6h; reply met 4h (in 11h, out 15h) |
/// | c 3  | referral | ann   | 05 16h | 05 16h W45   | -                  | fr breached 49h, due 06 12h, late 45h        |
/// | d 4  | referral | bob   | 09 09h | 09 13h W46   | sql 11 10h         | fr met_late 9h (meeting 10 14h)              |
/// | e 5  | (none)   | -     | 10 10h | 10 10h W46   | -                  | none (no owner: no first-response start)     |
/// | f 6  | webinar  | ann   | Oct 26 | Oct 26 (out) | -                  | fr breached since Oct 26 (before the period, |
/// |      |          |       |        |              |                    | late 116h); reply breached 16h, late 12h     |
/// | g 7  | webinar  | bob   | 11 09h | 11 09h W46   | -                  | fr #1 ann cancelled (reassigned 12 09h, after |
/// |      |          |       |        |              |                    | due 11 13h); fr #2 bob met 1h (out 12 10h)   |
///
/// Response, first_response: ann {30m met, breached, cancelled late} → 1/3, median = p90 = 30m; bob {6h late,
/// 9h late, 1h met} → sorted 1h, 6h, 9h: median rank ⌈1.5⌉ = 2 → 6h, p90 rank ⌈2.7⌉ = 3 → 9h, 1/3; all: 6
/// episodes, answered 30m, 1h, 6h, 9h → median rank 2 = 1h, p90 rank ⌈3.6⌉ = 4 = 9h, 2 ÷ (2 + 2 + 1 + 1) = 1/3.
/// Reply: ann {breached} → 0 answered, 0%; bob {4h met} → 100%; all 1 of 2 → 50%.
/// Histogram: 30m <1h, 1h 1-4h, 6h and 9h 4-24h.
/// Funnel (MQLs in period: 1 2 3 4 5 7): webinar 1 2 7 → accepted 2, sql 1, opp 1, won 1, MQL→SQL 3d,
/// SQL→won 7d; referral 3 4 → accepted 1, sql 1, MQL→SQL 49h; (none) 5.
/// Outcome by first first-response episode: 1 <1h (sql), 2 4-24h, 4 4-24h (sql), 3 7 5 never. Breached (any
/// episode before SQL went late): 2 3 4 7 yes (1 sql), 1 5 no (1 sql).
/// Meetings: bob held m1 (10th) and cancelled m2 (12th); ann's m4 was declined by lead 1 (neither). SQL in the
/// period: lead 1 (ann, 0 meetings before) and lead 4 (bob, m1 before) → ann 0.0, bob 1.0, all 0.5.
/// Capture: mbox saw 1 2 3 4 5 8 9 in the period (6 was seen in October), 4 matched, last 12 10:00; drop saw 7
/// and 8 (8 again), both matched; calendar saw 4 meetings, 3 with a lead, last start by now 12 10:00; maildir
/// nothing (silent). Unmatched: unknown.io in 4 and 5, other.org in 5 (6 is outside). No touch: c, e.
@Suite struct ReportBuilderTests {
    static let h: Int64 = 3_600

    @Test("handoff counts leads by source and ISO week of their assignment, else MQL time")
    func handoff() throws {
        let report = try ReportFixture().report()
        #expect(
            report.handoff == [
                HandoffRow(source: "(none)", week: "2026-W46", leads: 1),
                HandoffRow(source: "referral", week: "2026-W45", leads: 1),
                HandoffRow(source: "referral", week: "2026-W46", leads: 1),
                HandoffRow(source: "webinar", week: "2026-W45", leads: 2),
                HandoffRow(source: "webinar", week: "2026-W46", leads: 1),
            ])
    }

    @Test("response times per rep: nearest-rank median and p90 of answered episodes, share within target")
    func response() throws {
        let report = try ReportFixture().report()
        let h = Self.h
        #expect(
            report.response == [
                ResponseRow(
                    clock: .firstResponse, key: "ann@example.com", episodes: 3, answered: 1, medianSeconds: 1_800,
                    p90Seconds: 1_800, withinTarget: 1.0 / 3),
                ResponseRow(
                    clock: .firstResponse, key: "bob@example.com", episodes: 3, answered: 3, medianSeconds: 6 * h,
                    p90Seconds: 9 * h, withinTarget: 1.0 / 3),
                ResponseRow(
                    clock: .firstResponse, key: "all", episodes: 6, answered: 4, medianSeconds: h,
                    p90Seconds: 9 * h, withinTarget: 2.0 / 6),
                ResponseRow(
                    clock: .reply, key: "ann@example.com", episodes: 1, answered: 0, medianSeconds: nil,
                    p90Seconds: nil, withinTarget: 0),
                ResponseRow(
                    clock: .reply, key: "bob@example.com", episodes: 1, answered: 1, medianSeconds: 4 * h,
                    p90Seconds: 4 * h, withinTarget: 1),
                ResponseRow(
                    clock: .reply, key: "all", episodes: 2, answered: 1, medianSeconds: 4 * h, p90Seconds: 4 * h,
                    withinTarget: 0.5),
            ])
        #expect(
            report.responseHistogram == [
                BucketCount(label: "<1h", count: 1), BucketCount(label: "1-4h", count: 1),
                BucketCount(label: "4-24h", count: 2), BucketCount(label: ">24h", count: 0),
            ])
    }

    @Test("response keys by team, source and week")
    func groupings() throws {
        let fixture = try ReportFixture()
        let first = { (r: Report) in r.response.filter { $0.clock == .firstResponse }.map(\.key) }
        #expect(first(try fixture.report(.team)) == ["emea", "all"])
        #expect(first(try fixture.report(.source)) == ["referral", "webinar", "all"])
        let byWeek = try fixture.report(.week)
        #expect(first(byWeek) == ["2026-W45", "2026-W46", "all"])
        // W45 answered 30m and 6h: median rank ⌈1.0⌉ = 1 → 30m, p90 rank ⌈1.8⌉ = 2 → 6h.
        // W46 answered 1h (g #2) and 9h (d): median 1h, p90 9h.
        #expect(byWeek.response[0].medianSeconds == 1_800)
        #expect(byWeek.response[0].p90Seconds == 6 * Self.h)
        #expect(byWeek.response[1].medianSeconds == Self.h)
        #expect(byWeek.response[1].p90Seconds == 9 * Self.h)
    }

    @Test("attainment per policy and rep, and open breaches oldest first whatever their start")
    func attainment() throws {
        let report = try ReportFixture().report()
        #expect(
            report.attainment == [
                AttainmentRow(
                    policy: "fr", key: "ann@example.com", met: 1, breached: 1, cancelled: 1, withinTarget: 1.0 / 3),
                AttainmentRow(policy: "fr", key: "bob@example.com", met: 1, metLate: 2, withinTarget: 1.0 / 3),
                AttainmentRow(
                    policy: "fr", key: "all", met: 2, metLate: 2, breached: 1, cancelled: 1, withinTarget: 2.0 / 6),
                AttainmentRow(policy: "reply", key: "ann@example.com", breached: 1, withinTarget: 0),
                AttainmentRow(policy: "reply", key: "bob@example.com", met: 1, withinTarget: 1),
                AttainmentRow(policy: "reply", key: "all", met: 1, breached: 1, withinTarget: 0.5),
            ])
        let at = ReportFixture.at
        #expect(
            report.openBreaches == [
                OpenBreach(
                    lead: "f@epsilon.com", policy: "fr", owner: "ann@example.com", dueAt: at("2026-10-26T13:00:00Z"),
                    lateSeconds: 116 * Self.h),
                OpenBreach(
                    lead: "c@gamma.com", policy: "fr", owner: "ann@example.com", dueAt: at("2026-11-06T12:00:00Z"),
                    lateSeconds: 45 * Self.h),
                OpenBreach(
                    lead: "f@epsilon.com", policy: "reply", owner: "ann@example.com",
                    dueAt: at("2026-11-12T13:00:00Z"), lateSeconds: 12 * Self.h),
            ])
    }

    @Test("the funnel counts a later stage as passing the earlier ones, with median times between stages")
    func funnel() throws {
        let report = try ReportFixture().report()
        let day: Int64 = 86_400
        #expect(
            report.funnel == [
                FunnelRow(
                    source: "(none)", mql: 1, accepted: 0, sql: 0, opportunity: 0, won: 0, mqlToSQL: 0, mqlToWon: 0,
                    medianMQLToSQLSeconds: nil, medianSQLToWonSeconds: nil),
                FunnelRow(
                    source: "referral", mql: 2, accepted: 1, sql: 1, opportunity: 0, won: 0, mqlToSQL: 0.5,
                    mqlToWon: 0, medianMQLToSQLSeconds: 49 * Self.h, medianSQLToWonSeconds: nil),
                FunnelRow(
                    source: "webinar", mql: 3, accepted: 2, sql: 1, opportunity: 1, won: 1, mqlToSQL: 1.0 / 3,
                    mqlToWon: 1.0 / 3, medianMQLToSQLSeconds: 3 * day, medianSQLToWonSeconds: 7 * day),
                FunnelRow(
                    source: "all", mql: 6, accepted: 3, sql: 2, opportunity: 1, won: 1, mqlToSQL: 2.0 / 6,
                    mqlToWon: 1.0 / 6, medianMQLToSQLSeconds: 49 * Self.h, medianSQLToWonSeconds: 7 * day),
            ])
    }

    @Test("MQL to SQL by first-response bucket and by breached or not")
    func outcome() throws {
        let report = try ReportFixture().report()
        #expect(
            report.outcome == [
                OutcomeRow(split: "first_response", bucket: "<1h", leads: 1, sql: 1, rate: 1),
                OutcomeRow(split: "first_response", bucket: "1-4h", leads: 0, sql: 0, rate: nil),
                OutcomeRow(split: "first_response", bucket: "4-24h", leads: 2, sql: 1, rate: 0.5),
                OutcomeRow(split: "first_response", bucket: ">24h", leads: 0, sql: 0, rate: nil),
                OutcomeRow(split: "first_response", bucket: "never", leads: 3, sql: 0, rate: 0),
                OutcomeRow(split: "breached", bucket: "yes", leads: 4, sql: 1, rate: 0.25),
                OutcomeRow(split: "breached", bucket: "no", leads: 2, sql: 1, rate: 0.5),
            ])
    }

    @Test("meetings held and cancelled per rep, and held meetings per lead before SQL")
    func meetings() throws {
        let report = try ReportFixture().report()
        #expect(
            report.meetings == [
                MeetingRow(key: "ann@example.com", held: 0, cancelled: 0, perLeadBeforeSQL: 0),
                MeetingRow(key: "bob@example.com", held: 1, cancelled: 1, perLeadBeforeSQL: 1),
                MeetingRow(key: "all", held: 1, cancelled: 1, perLeadBeforeSQL: 0.5),
            ])
    }

    @Test("one trend row per ISO week of the period")
    func weekly() throws {
        let report = try ReportFixture().report()
        #expect(
            report.weekly == [
                WeekRow(week: "2026-W45", handedOff: 3, firstResponses: 3, withinTarget: 1.0 / 3, sql: 1),
                WeekRow(week: "2026-W46", handedOff: 3, firstResponses: 3, withinTarget: 1.0 / 3, sql: 1),
            ])
    }

    @Test("capture health: per source, unmatched domains, leads never touched, quarantine, silence")
    func capture() throws {
        let fixture = try ReportFixture()
        let report = try fixture.report()
        let f = fixture.folder
        let last = ReportFixture.at("2026-11-12T10:00:00Z")
        #expect(
            report.capture.sources == [
                CaptureSource(
                    path: f + "/ann.mbox", type: "mbox", scanned: 7, matched: 4, matchedShare: 4.0 / 7,
                    lastMessageAt: last, silent: false),
                CaptureSource(
                    path: f + "/bob", type: "maildir", scanned: 0, matched: 0, matchedShare: nil, lastMessageAt: nil,
                    silent: true),
                CaptureSource(
                    path: f + "/drop", type: "drop", scanned: 2, matched: 2, matchedShare: 1, lastMessageAt: last,
                    silent: false),
                CaptureSource(
                    path: f + "/cal/*.ics", type: "calendar", scanned: 4, matched: 3, matchedShare: 0.75,
                    lastMessageAt: last, silent: false),
            ])
        #expect(
            report.capture.unmatchedDomains == [
                BucketCount(label: "unknown.io", count: 2), BucketCount(label: "other.org", count: 1),
            ])
        #expect(report.capture.leadsWithoutTouch == ["c@gamma.com", "e@gmail.com"])
        #expect(report.capture.quarantined == 2)
        #expect(report.capture.silentDays == 7)
        // 31 hours since the last message: silent once the threshold is one day.
        let strict = try fixture.report(silentDays: 1)
        #expect(strict.capture.sources.map(\.silent) == [true, true, true, true])
    }

    @Test("the same store and now give the same report")
    func reproducible() throws {
        let fixture = try ReportFixture()
        #expect(try fixture.report() == (try fixture.report()))
    }

    @Test(
        "ISO weeks: Monday first, the week-year of the week's Thursday",
        arguments: [
            ("2026-11-02T00:00:00Z", "2026-W45"), ("2026-11-15T23:59:59Z", "2026-W46"),
            ("2026-12-31T12:00:00Z", "2026-W53"), ("2027-01-03T12:00:00Z", "2026-W53"),
            ("2025-12-29T00:00:00Z", "2026-W01"), ("2027-01-04T00:00:00Z", "2027-W01"),
        ])
    func isoWeek(time: String, week: String) {
        let weeks = ISOWeekCalendar(zone: TimeZone(identifier: "UTC")!)
        #expect(weeks.label(ReportFixture.at(time)) == week)
    }

    @Test("a week is read in the configuration's zone")
    func weekInZone() {
        // Sunday 23:30 UTC is already Monday in Paris.
        let paris = ISOWeekCalendar(zone: TimeZone(identifier: "Europe/Paris")!)
        #expect(paris.label(ReportFixture.at("2026-11-15T23:30:00Z")) == "2026-W47")
        #expect(
            paris.labels(
                since: ReportFixture.at("2026-11-01T23:00:00Z"), until: ReportFixture.at("2026-11-15T23:00:00Z"))
                == ["2026-W45", "2026-W46"])
    }

    @Test(
        "nearest rank: the value at rank ceil(p/100 × n)",
        arguments: [
            ([Int64](), 50, nil), ([5], 50, 5), ([4, 1, 3, 2], 50, 2), ([1, 2, 3, 4, 5], 50, 3),
            ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10),
        ] as [([Int64], Int, Int64?)])
    func nearestRank(values: [Int64], p: Int, expected: Int64?) {
        #expect(ReportStatistics.nearestRank(values, percentile: p) == expected)
    }

    @Test(
        "first-response buckets: exactly 1h is 1-4h, exactly 4h still 1-4h",
        arguments: [
            (0, "<1h"), (3_599, "<1h"), (3_600, "1-4h"), (14_400, "1-4h"), (14_401, "4-24h"), (86_400, "4-24h"),
            (86_401, ">24h"),
        ] as [(Int64, String)])
    func bucket(seconds: Int64, label: String) {
        #expect(ReportStatistics.bucket(seconds) == label)
    }
}
