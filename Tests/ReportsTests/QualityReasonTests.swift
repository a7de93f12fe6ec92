import BatonCore
import Foundation
import SLA
import Testing

@testable import Reports

/// How lead quality groups free-text reasons and sorts leads into verdicts, over a second small world (the
/// revenue world has one spelling per reason and no lead accepted then rejected).
///
/// Business hours Mon–Fri 09:00–17:00 UTC, policy `fr` (first response, 4h business, stage `mql`), rep ann.
/// Period 2026-11-02 to 2026-11-09, now Fri 11-06 17:00Z. Every change at 09:00.
///
/// | lead | source | MQL   | after                               | reason now         | reply (first episode)    |
/// |------|--------|-------|-------------------------------------|--------------------|--------------------------|
/// | 1    | web    | 11-02 | rejected 11-03                      | `  Bad   fit `     | 11-02 10:00 (met 1h)     |
/// | 2    | web    | 11-02 | rejected 11-04                      | `bad\tFIT `        | none (cancelled, late)   |
/// | 3    | ads    | 11-03 | rejected 11-04                      | `BAD FIT`          | none (cancelled, late)   |
/// | 4    | web    | 11-03 | nurture 11-04                       | `   ` (only space) | none (paused after 8h)   |
/// | 5    | web    | 11-02 | accepted 11-03, rejected 11-05      | `Competitor`       | 11-02 11:00 (met 2h)     |
/// | 6    | ads    | 11-04 | accepted 11-05                      |                    | none (cancelled, late)   |
/// | 7    | web    | 11-05 | -                                   |                    | 11-05 09:30 (met 30m)    |
///
/// Sources: ads 2 MQL (3 6), rejected 1 = 1/2, nurture 0; web 5 (1 2 4 5 7), rejected 3 (1 2 5) = 3/5, nurture
/// 1 (4) = 1/5; all 7, rejected 4 = 4/7, nurture 1 = 1/7.
/// Reasons: ads rejected `BAD FIT` 1 = 1/2 (its own first spelling); web rejected `Bad fit` 2 (leads 1 and 2:
/// lead 1 spelt it first, trimmed and collapsed) = 2/5, `Competitor` 1 = 1/5; web nurture `(no reason)` 1 = 1/5;
/// all rejected `Bad fit` 3 = 3/7, `Competitor` 1 = 1/7; all nurture `(no reason)` 1 = 1/7.
/// First response by verdict: rejected 1 2 3 5 (5 was accepted first: it is rejected, not accepted) → 4 leads,
/// answered 1 and 5 (1h, 2h), never 2, 50%, median rank 1 → 1h; nurture 4 → 1, 0, 1, 0%; accepted 6 → 1, 0, 1,
/// 0%. Lead 7 (still MQL) has no verdict.
/// Speed: ads answered none, in target 0 ÷ (3 and 6 cancelled after due) = 0, SQL 0; web answered 1h 2h 30m →
/// median 1h, met 1 5 7, late 2, 4 paused → 3/4, SQL 0; all 3 answered, median 1h, 3 ÷ 6, SQL 0.
@Suite struct QualityReasonTests {
    @Test(
        "reasons are shown trimmed with spaces collapsed, and grouped regardless of case",
        arguments: [
            ("  Bad   fit ", "Bad fit", "bad fit"), ("bad\tFIT\n", "bad FIT", "bad fit"),
            ("No\u{00A0}budget", "No budget", "no budget"), ("   ", "(no reason)", "(no reason)"),
            ("", "(no reason)", "(no reason)"), ("ÉTUDIANT", "ÉTUDIANT", "étudiant"),
            ("Straße", "Straße", "strasse"), ("STRASSE", "STRASSE", "strasse"),
        ])
    func spelling(raw: String, shown: String, key: String) {
        #expect(ReportBuilder.reasonSpelling(raw) == shown)
        #expect(ReportBuilder.reasonKey(shown) == key)
    }

    @Test("no reason at all is (no reason)")
    func missing() {
        #expect(ReportBuilder.reasonSpelling(nil) == "(no reason)")
    }

    @Test("the second world: one group per reason whatever its case and spacing, verdicts that never overlap")
    func world() throws {
        let world = try QualityWorld()
        let leads = try SLAEvaluator(config: world.config, store: world.store).evaluate(now: QualityWorld.now)
        var firsts: [Int64: String] = [:]
        for lead in leads {
            guard let first = ReportBuilder.firstFirstResponse(lead) else { continue }
            firsts[lead.facts.leadID] = "\(first.state.rawValue) \(first.elapsedSeconds)"
        }
        #expect(
            firsts == [
                1: "met 3600", 2: "cancelled 57600", 3: "cancelled 28800", 4: "paused 28800", 5: "met 7200",
                6: "cancelled 28800", 7: "met 1800",
            ])
        let report = try world.report()
        #expect(
            report.quality.sources == [
                QualitySourceRow(source: "ads", mql: 2, rejected: 1, rejectedShare: 0.5, nurture: 0, nurtureShare: 0),
                QualitySourceRow(source: "web", mql: 5, rejected: 3, rejectedShare: 0.6, nurture: 1, nurtureShare: 0.2),
                QualitySourceRow(
                    source: "all", mql: 7, rejected: 4, rejectedShare: 4.0 / 7, nurture: 1, nurtureShare: 1.0 / 7),
            ])
        #expect(
            report.quality.reasons == [
                QualityReasonRow(source: "ads", verdict: .rejected, reason: "BAD FIT", leads: 1, share: 0.5),
                QualityReasonRow(source: "web", verdict: .rejected, reason: "Bad fit", leads: 2, share: 0.4),
                QualityReasonRow(source: "web", verdict: .rejected, reason: "Competitor", leads: 1, share: 0.2),
                QualityReasonRow(source: "web", verdict: .nurture, reason: "(no reason)", leads: 1, share: 0.2),
                QualityReasonRow(source: "all", verdict: .rejected, reason: "Bad fit", leads: 3, share: 3.0 / 7),
                QualityReasonRow(source: "all", verdict: .rejected, reason: "Competitor", leads: 1, share: 1.0 / 7),
                QualityReasonRow(source: "all", verdict: .nurture, reason: "(no reason)", leads: 1, share: 1.0 / 7),
            ])
        #expect(
            report.quality.firstResponse == [
                QualityResponseRow(
                    verdict: .rejected, leads: 4, answered: 2, neverAnswered: 2, answeredShare: 0.5,
                    medianFirstResponseSeconds: 3_600),
                QualityResponseRow(
                    verdict: .nurture, leads: 1, answered: 0, neverAnswered: 1, answeredShare: 0,
                    medianFirstResponseSeconds: nil),
                QualityResponseRow(
                    verdict: .accepted, leads: 1, answered: 0, neverAnswered: 1, answeredShare: 0,
                    medianFirstResponseSeconds: nil),
            ])
        #expect(
            report.speed == [
                SpeedRow(
                    source: "ads", mql: 2, answered: 0, medianFirstResponseSeconds: nil, withinTarget: 0, sql: 0,
                    mqlToSQL: 0, medianMQLToSQLSeconds: nil),
                SpeedRow(
                    source: "web", mql: 5, answered: 3, medianFirstResponseSeconds: 3_600, withinTarget: 0.75, sql: 0,
                    mqlToSQL: 0, medianMQLToSQLSeconds: nil),
                SpeedRow(
                    source: "all", mql: 7, answered: 3, medianFirstResponseSeconds: 3_600, withinTarget: 0.5, sql: 0,
                    mqlToSQL: 0, medianMQLToSQLSeconds: nil),
            ])
    }
}
