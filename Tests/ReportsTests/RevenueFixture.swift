import BatonCore
import Foundation
import Reports
import SLA

@testable import Store

/// The revenue world: deals in two currencies, a won deal whose amount changed, rejected and nurtured leads with
/// and without reasons, spend per channel and month (a month and a channel with spend and no leads), written
/// straight into a temporary store. The revenue, cost, quality, speed and shared-wins tests work out every
/// figure from this table by hand.
///
/// Business hours Mon–Fri 09:00–17:00 UTC; one policy, `fr` (first response, 4h business, stage `mql`); reps ann
/// and bob, team emea. Period 2026-10-01 to 2026-12-01 (October and November), now Fri 2026-11-27 17:00Z.
/// `converting: true` adds `reports.currency` GBP with EUR at 0.85 and targets (8 MQLs and 4 SQLs a month,
/// 40000.00 GBP a quarter); `false` has no `reports` at all: each currency on its own line.
///
/// | lead | source      | owner | MQL (Mon 10-05…)  | stages after MQL                         | amount at now     | reason           | first reply      |
/// |------|-------------|-------|-------------------|------------------------------------------|-------------------|------------------|------------------|
/// | 1    | webinar     | ann   | 10-05 09:00       | sql 10-12, opp 10-20, won 11-18 10:00    | 12000.00 GBP (*)  |                  | 10-05 10:00 (1h) |
/// | 2    | webinar     | bob   | 10-06 09:00       | sql 10-08, opp 10-15 (open)              | 5000.00 EUR       |                  | 10-06 11:00 (2h) |
/// | 3    | paid search | ann   | 11-02 09:00       | accepted 11-03, sql 11-05, opp 11-10,    | 3000.00 EUR       |                  | 11-02 09:30      |
/// |      |             |       |                   | won 11-25 15:00                          |                   |                  | (30m)            |
/// | 4    | paid search | bob   | 11-03 09:00       | rejected 11-05 09:00                     |                   | No budget        | never            |
/// | 5    | paid search | ann   | 11-04 09:00       | rejected 11-06 09:00                     |                   | (none)           | 11-04 15:00 (6h) |
/// | 6    | webinar     | bob   | 11-09 09:00       | nurture 11-10 09:00                      |                   | Student          | never            |
/// | 7    | referral    | ann   | 11-10 09:00       | sql 11-12, opp 11-16 (open)              | 20000.00 GBP      |                  | 11-10 09:20      |
/// |      |             |       |                   |                                          |                   |                  | (20m)            |
/// | 8    | webinar     | ann   | 11-16 09:00       | sql 11-17, opp 11-18, lost 11-24         | 4000.00 GBP       |                  | 11-16 10:00 (1h) |
/// | 9    | paid search | bob   | 11-20 09:00 (Fri) | rejected 11-23 09:00                     |                   | No budget        | 11-20 13:00 (4h) |
/// | 10   | (none)      | ann   | 09-28 09:00       | sql 10-01, won 11-20 11:00               | 1000.00 GBP       |                  | never            |
///
/// First-response episodes (business time): 1 met 1h, 2 met 2h, 3 met 30m, 4 cancelled by the rejection after
/// 16h (due 11-03 13:00), 5 met late 6h, 6 paused by nurture after 8h, 7 met 20m, 8 met 1h, 9 met 4h (on the
/// dot), 10 cancelled by SQL after 24h (`RevenueFixtureTests` checks them).
///
/// Stage changes are at 09:00 unless given. (*) Lead 1's amount was 10000.00 GBP from 10-20 12:00 and 12000.00
/// GBP from 11-18 12:00 (two amount-history rows); every other amount was set at its MQL time, every reason at its
/// rejection or nurture time. Won leads are closed (`closed_at`) when they were won. Lead 10 became MQL before the
/// period: it is in no cohort of the period, but its win on 11-20 is one of the period's (and week 47's) wins.
///
/// Spend: webinar 2026-09 999.00 GBP (before the period), 2026-10 1500.00 GBP, 2026-11 1800.00 GBP; paid search
/// 2026-10 900.00 GBP (no lead that month), 2026-11 2000.00 GBP; trade show 2026-11 3000.00 EUR (no lead ever);
/// referral no spend.
final class RevenueFixture {
    let folder: String
    let config: Config
    let store: BatonStore

    static let since = at("2026-10-01T00:00:00Z")
    static let until = at("2026-12-01T00:00:00Z")
    static let now = at("2026-11-27T17:00:00Z")

    static func at(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }

    init(converting: Bool = false) throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("baton-revenue-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let reports =
            converting
            ? """
            , "reports": {"currency": "GBP", "rates": {"EUR": 0.85},
                          "targets": {"mql_per_month": 8, "sql_per_month": 4, "revenue_per_quarter": "40000.00"}}
            """ : ""
        let json = """
            {"store": "\(folder)/baton.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "sources": [{"type": "mbox", "path": "\(folder)/ann.mbox", "rep": "ann@example.com"}],
             "teams": {"emea": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}},
             "policies": [
               {"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}],
             "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "\(folder)/out"}}
             \(reports)}
            """
        config = try ConfigLoader.parse(Array(json.utf8), path: folder + "/baton.json")
        store = try BatonStore(path: config.store)
        try populate()
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// The report at `now` (default: the fixture's) over `[since, until)` (default: the fixture's period).
    func report(
        _ grouping: ReportGrouping = .source, since: Int64 = RevenueFixture.since,
        until: Int64 = RevenueFixture.until, now: Int64 = RevenueFixture.now
    ) throws -> Report {
        let leads = try SLAEvaluator(config: config, store: store).evaluate(now: now)
        let period = ReportPeriod(since: since, until: until, now: now, timezone: "UTC")
        return try ReportBuilder(config: config, store: store, leads: leads, period: period, grouping: grouping)
            .build()
    }

    private func exec(_ sql: String, _ values: any SQLBindable...) throws {
        try store.database.execute(sql, values.map(\.sqlValue))
    }

    /// `MM-DDTHH:MM` in 2026, UTC.
    static func t(_ s: String) -> Int64 { at("2026-" + s + ":00Z") }

    private struct Lead {
        var id: Int
        var source: String?
        var owner: String
        var mql: String
        var stages: [(String, String)]
        var amount: (minor: Int64, currency: String)?
        var reason: String?
        var reply: String?
    }

    private static let leads: [Lead] = [
        Lead(
            id: 1, source: "webinar", owner: "ann", mql: "10-05T09:00",
            stages: [("sql", "10-12T09:00"), ("opportunity", "10-20T09:00"), ("won", "11-18T10:00")],
            amount: (1_200_000, "GBP"), reply: "10-05T10:00"),
        Lead(
            id: 2, source: "webinar", owner: "bob", mql: "10-06T09:00",
            stages: [("sql", "10-08T09:00"), ("opportunity", "10-15T09:00")], amount: (500_000, "EUR"),
            reply: "10-06T11:00"),
        Lead(
            id: 3, source: "paid search", owner: "ann", mql: "11-02T09:00",
            stages: [
                ("accepted", "11-03T09:00"), ("sql", "11-05T09:00"), ("opportunity", "11-10T09:00"),
                ("won", "11-25T15:00"),
            ], amount: (300_000, "EUR"), reply: "11-02T09:30"),
        Lead(
            id: 4, source: "paid search", owner: "bob", mql: "11-03T09:00", stages: [("rejected", "11-05T09:00")],
            reason: "No budget"),
        Lead(
            id: 5, source: "paid search", owner: "ann", mql: "11-04T09:00", stages: [("rejected", "11-06T09:00")],
            reply: "11-04T15:00"),
        Lead(
            id: 6, source: "webinar", owner: "bob", mql: "11-09T09:00", stages: [("nurture", "11-10T09:00")],
            reason: "Student"),
        Lead(
            id: 7, source: "referral", owner: "ann", mql: "11-10T09:00",
            stages: [("sql", "11-12T09:00"), ("opportunity", "11-16T09:00")], amount: (2_000_000, "GBP"),
            reply: "11-10T09:20"),
        Lead(
            id: 8, source: "webinar", owner: "ann", mql: "11-16T09:00",
            stages: [("sql", "11-17T09:00"), ("opportunity", "11-18T09:00"), ("lost", "11-24T09:00")],
            amount: (400_000, "GBP"), reply: "11-16T10:00"),
        Lead(
            id: 9, source: "paid search", owner: "bob", mql: "11-20T09:00", stages: [("rejected", "11-23T09:00")],
            reason: "No budget", reply: "11-20T13:00"),
        Lead(
            id: 10, source: nil, owner: "ann", mql: "09-28T09:00",
            stages: [("sql", "10-01T09:00"), ("won", "11-20T11:00")], amount: (100_000, "GBP")),
    ]

    private func populate() throws {
        for (id, email) in [(1, "ann@example.com"), (2, "bob@example.com")] {
            try exec(
                "INSERT INTO reps (id, email, name, team, created_at, updated_at) VALUES (?, ?, ?, 'emea', 0, 0)",
                id, email, email)
            try exec("INSERT INTO rep_addresses (address, rep_id, position) VALUES (?, ?, 0)", email, id)
        }
        let t = Self.t
        for lead in Self.leads {
            let address = "lead\(lead.id)@customer\(lead.id).example"
            let owner = lead.owner + "@example.com"
            let mql = t(lead.mql)
            let won = lead.stages.first { $0.0 == "won" }.map { t($0.1) }
            try exec(
                """
                INSERT INTO leads (id, source, stage, owner_email, created_at, mql_at, assigned_at, imported_at,
                                   updated_at, amount_minor, currency, closed_at, rejection_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)
                """, lead.id, lead.source, lead.stages.last?.0 ?? "mql", owner, mql, mql, mql, lead.amount?.minor,
                lead.amount?.currency, won, lead.reason)
            try exec("INSERT INTO lead_addresses (address, lead_id, position) VALUES (?, ?, 0)", address, lead.id)
            try exec("INSERT INTO owner_history (lead_id, new_owner, changed_at) VALUES (?, ?, ?)", lead.id, owner, mql)
            for (stage, at) in [("mql", lead.mql)] + lead.stages {
                try exec(
                    "INSERT INTO stage_history (lead_id, new_stage, changed_at) VALUES (?, ?, ?)", lead.id, stage, t(at)
                )
            }
            if let amount = lead.amount {
                if lead.id == 1 {
                    try exec(
                        """
                        INSERT INTO amount_history (lead_id, new_minor, new_currency, changed_at)
                        VALUES (1, 1000000, 'GBP', ?)
                        """, t("10-20T12:00"))
                    try exec(
                        """
                        INSERT INTO amount_history (lead_id, old_minor, old_currency, new_minor, new_currency, changed_at)
                        VALUES (1, 1000000, 'GBP', 1200000, 'GBP', ?)
                        """, t("11-18T12:00"))
                } else {
                    try exec(
                        "INSERT INTO amount_history (lead_id, new_minor, new_currency, changed_at) VALUES (?, ?, ?, ?)",
                        lead.id, amount.minor, amount.currency, mql)
                }
            }
            if let reason = lead.reason, let at = lead.stages.last.map({ t($0.1) }) {
                try exec(
                    "INSERT INTO reason_history (lead_id, new_reason, changed_at) VALUES (?, ?, ?)", lead.id, reason, at
                )
            }
            if let reply = lead.reply {
                try exec(
                    """
                    INSERT INTO messages (id, dedupe_key, sent_at, time_source, from_address, kind, outcome, scanned_at)
                    VALUES (?, ?, ?, 'date', ?, 'message', 'matched', 0)
                    """, lead.id, "k\(lead.id)", t(reply), owner)
                try exec(
                    "INSERT INTO message_addresses (message_id, role, position, address) VALUES (?, 'from', 0, ?)",
                    lead.id, owner)
                try exec(
                    "INSERT INTO message_addresses (message_id, role, position, address) VALUES (?, 'to', 0, ?)",
                    lead.id, address)
                try exec(
                    "INSERT INTO sightings (message_id, source, location, seen_at) VALUES (?, ?, ?, ?)", lead.id,
                    folder + "/ann.mbox", "m\(lead.id)", t(reply))
                try exec(
                    """
                    INSERT INTO interactions (lead_id, type, message_id, direction, rep, time, kind, match)
                    VALUES (?, 'email', ?, 'outbound', ?, ?, 'message', 'address')
                    """, lead.id, lead.id, owner, t(reply))
            }
        }
        let spend: [(String, String, Int64, String)] = [
            ("webinar", "2026-09", 99_900, "GBP"), ("webinar", "2026-10", 150_000, "GBP"),
            ("webinar", "2026-11", 180_000, "GBP"), ("paid search", "2026-10", 90_000, "GBP"),
            ("paid search", "2026-11", 200_000, "GBP"), ("trade show", "2026-11", 300_000, "EUR"),
        ]
        for (source, month, minor, currency) in spend {
            try exec(
                "INSERT INTO spend (source, month, amount_minor, currency, imported_at) VALUES (?, ?, ?, ?, 0)",
                source, month, minor, currency)
        }
    }
}
