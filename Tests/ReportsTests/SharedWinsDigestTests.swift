import Alerts
import BatonCore
import Foundation
import Reports
import SLA
import Testing

@testable import Scan
@testable import Store

/// The weekly digest's "Shared wins" part, on `RevenueFixture(converting: true)`'s store with
/// `alerts.weekly_digest` (Mondays 08:00 to marketing@example.com) and two managers: mia over ann, max over bob.
///
/// Sent Mon 2026-11-23 08:00Z for week 2026-W47 (11-16 to 11-23). Won that week: lead 1 (Wed 11-18 10:00, ann,
/// webinar, 12000.00 GBP at now: the change of 11-18 12:00 is before 11-23) and lead 10 (Fri 11-20 11:00, ann, no
/// source, 1000.00 GBP); their steps as in `SharedWinsTests` (1: 1h 00m business, 44d 00h, 44d 01h; 10: no first
/// response, 53d 02h). Won revenue 13000.00 GBP. Both are ann's: mia's and marketing's digests list them, max's
/// none.
///
/// Targets as of min(until, now) = 11-23 00:00: MQLs of November 3 4 5 6 7 8 9 → 7 of 8 (88%), SQLs 3 7 8 → 3 of
/// 4 (75%), against 22 days of 30 gone (73%): ahead; Q4's wins 1 and 10 → 13000.00 of 40000.00 GBP (33%), against
/// 53 days of 92 (58%): behind.
///
/// The rest of the digest (unchanged by this part): MQLs of the week 8 (webinar, reached SQL 11-17) and 9 (paid
/// search); first responses started that week: 8 by ann in 1h, 9 by bob in 4h (met on the dot); no breach open;
/// capture is healthy (the mbox's last message 11-20 13:00, within 7 days; 8 and 9 were touched).
@Suite struct SharedWinsDigestTests {
    static let now = RevenueFixture.at("2026-11-23T08:00:00Z")

    static func world() throws -> (RevenueFixture, Config) {
        let fixture = try RevenueFixture(converting: true)
        let folder = fixture.folder
        let json = """
            {"store": "\(folder)/baton.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "sources": [{"type": "mbox", "path": "\(folder)/ann.mbox", "rep": "ann@example.com"}],
             "teams": {"emea": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}},
             "policies": [
               {"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}],
             "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "\(folder)/out"},
                        "weekly_digest": {"day": "mon", "at": "08:00", "to": ["marketing@example.com"]}},
             "reports": {"currency": "GBP", "rates": {"EUR": 0.85},
                         "targets": {"mql_per_month": 8, "sql_per_month": 4, "revenue_per_quarter": "40000.00"}}}
            """
        let config = try ConfigLoader.parse(Array(json.utf8), path: folder + "/baton.json")
        try fixture.store.database.execute(
            "UPDATE reps SET manager_email = 'mia@example.com' WHERE email = 'ann@example.com'", [])
        try fixture.store.database.execute(
            "UPDATE reps SET manager_email = 'max@example.com' WHERE email = 'bob@example.com'", [])
        return (fixture, config)
    }

    static let targets = """

        Targets: progress so far, against the share of the month or quarter gone
          mql_per_month (marketing)        7 of 8 in 2026-11: 88%, 73% gone, ahead
          sql_per_month (sales)            3 of 4 in 2026-11: 75%, 73% gone, ahead
          revenue_per_quarter (sales)      13000.00 GBP of 40000.00 GBP in 2026-Q4: 33%, 58% gone, behind

        Capture health
          nothing to report

        Sent automatically by Baton once a week.

        """

    static let wins = """
        Shared wins: deals won this week
          Wed 18 Nov 2026  lead1@customer1.example
            12000.00 GBP, webinar, owner ann@example.com
            MQL → first response 1h 00m, first response → won 44d 00h, MQL → won 44d 01h
          Fri 20 Nov 2026  lead10@customer10.example
            1000.00 GBP, (none), owner ann@example.com
            no first response, MQL → won 53d 02h
          Won revenue: 13000.00 GBP

        """

    static let marketing =
        """
        Baton weekly digest for 2026-W47 (Mon 16 Nov 2026 to Sun 22 Nov 2026, GMT)
        The whole funnel, for marketing.

        MQLs of the week by source, and how many reached SQL
          webinar                  1 MQL, 1 SQL
          paid search              1 MQL, 0 SQL

        Fastest first responders (median, business time)
          all                          1h 00m (2 answered, 100% within target)
          ann@example.com              1h 00m (1 answered, 100% within target)
          bob@example.com              4h 00m (1 answered, 100% within target)

        Breaches still open, and their owners
          (none)


        """ + wins + targets

    static let mia =
        """
        Baton weekly digest for 2026-W47 (Mon 16 Nov 2026 to Sun 22 Nov 2026, GMT)
        your team is ann@example.com.

        MQLs of the week by source, and how many reached SQL
          webinar                  1 MQL, 1 SQL
          paid search              1 MQL, 0 SQL

        Fastest first responders (median, business time)
          ann@example.com              1h 00m (1 answered, 100% within target)

        Breaches still open, and their owners
          (none)


        """ + wins + targets

    static let max =
        """
        Baton weekly digest for 2026-W47 (Mon 16 Nov 2026 to Sun 22 Nov 2026, GMT)
        your team is bob@example.com.

        MQLs of the week by source, and how many reached SQL
          webinar                  1 MQL, 1 SQL
          paid search              1 MQL, 0 SQL

        Fastest first responders (median, business time)
          bob@example.com              4h 00m (1 answered, 100% within target)

        Breaches still open, and their owners
          (none)

        Shared wins: deals won this week
          (no deal won this week)

        """ + targets

    @Test("text: marketing's and mia's digests list the week's two wins and revenue, max's none; all show targets")
    func text() throws {
        let (fixture, config) = try Self.world()
        let week = try #require(WeeklyDigest.dueWeek(config, now: Self.now, since: 0))
        #expect(week.label == "2026-W47")
        let planned = try WeeklyDigest(config: config, store: fixture.store, now: Self.now).plan(week: week)
        #expect(planned.map(\.recipient) == ["max@example.com", "mia@example.com", "marketing@example.com"])
        #expect(planned.map(\.text) == [Self.max, Self.mia, Self.marketing])
    }

    @Test("HTML: the same summary before the week's report, whose shared-wins section lists both wins")
    func html() throws {
        let (fixture, config) = try Self.world()
        let week = try #require(ISOWeek.parse("2026-W47", in: config.timezone))
        let leads = try SLAEvaluator(config: config, store: fixture.store).evaluate(now: Self.now)
        let report = try ReportBuilder(
            config: config, store: fixture.store, leads: leads,
            period: ReportPeriod(since: week.start, until: week.end, now: Self.now, timezone: "UTC"), grouping: .rep
        ).build()
        let content = WeeklyDigest.content(report, week: week, zone: config.timezone)
        let marketing = DigestDocument(content: content, team: nil, name: nil).html
        let max = DigestDocument(content: content, team: ["bob@example.com"], name: nil).html
        #expect(
            marketing.contains(
                "<body>\n<section class=\"digest\"><pre>" + Self.marketing + "</pre></section>\n\n<main>"))
        #expect(max.contains("<body>\n<section class=\"digest\"><pre>" + Self.max + "</pre></section>\n\n<main>"))
        let rows =
            "<tr><td>2026-11-18 10:00</td><td>lead1@customer1.example</td><td>-</td><td>webinar</td>"
            + "<td>ann@example.com</td><td class=\"num\">12000.00 GBP</td><td>2026-10-05 09:00</td>"
            + "<td>2026-10-05 10:00</td><td class=\"num\">1h 00m</td><td class=\"num\">44d 00h</td>"
            + "<td class=\"num\">44d 01h</td></tr>\n"
            + "<tr><td>2026-11-20 11:00</td><td>lead10@customer10.example</td><td>-</td><td>(none)</td>"
            + "<td>ann@example.com</td><td class=\"num\">1000.00 GBP</td><td>2026-09-28 09:00</td><td>-</td>"
            + "<td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">53d 02h</td></tr>\n</tbody>"
        #expect(marketing.contains(rows))
        #expect(marketing.contains("<tr><td>GBP</td><td class=\"num\">13000.00 GBP</td></tr>"))
        #expect(
            marketing.contains(
                "<tr><td>revenue per quarter</td><td>sales</td><td>2026-Q4</td><td class=\"num\">13000.00 GBP</td>"
                    + "<td class=\"num\">40000.00 GBP</td><td class=\"num\">33%</td><td class=\"num\">58%</td>"
                    + "<td><span class=\"badge alert\">behind</span></td></tr>"))
    }
}
