import BatonCore
import Foundation
import Reports
import SLA

@testable import Store

/// The second lead-quality world, written straight into a temporary store: seven leads with reasons spelt in
/// several ways and a lead accepted then rejected. `QualityReasonTests` gives its table and works out its figures.
final class QualityWorld {
    let folder: String
    let config: Config
    let store: BatonStore

    static let since = RevenueFixture.t("11-02T00:00")
    static let until = RevenueFixture.t("11-09T00:00")
    static let now = RevenueFixture.t("11-06T17:00")

    init() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("baton-quality-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let json = """
            {"store": "\(folder)/baton.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "sources": [{"type": "mbox", "path": "\(folder)/ann.mbox", "rep": "ann@example.com"}],
             "teams": {"emea": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}},
             "policies": [
               {"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}],
             "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "\(folder)/out"}}}
            """
        config = try ConfigLoader.parse(Array(json.utf8), path: folder + "/baton.json")
        store = try BatonStore(path: config.store)
        try populate()
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// The report at `now` over `[since, until)`, by source.
    func report() throws -> Report {
        let leads = try SLAEvaluator(config: config, store: store).evaluate(now: Self.now)
        let period = ReportPeriod(since: Self.since, until: Self.until, now: Self.now, timezone: "UTC")
        return try ReportBuilder(config: config, store: store, leads: leads, period: period, grouping: .source)
            .build()
    }

    private func exec(_ sql: String, _ values: any SQLBindable...) throws {
        try store.database.execute(sql, values.map(\.sqlValue))
    }

    private func populate() throws {
        try exec(
            "INSERT INTO reps (id, email, name, team, created_at, updated_at) VALUES (1, ?, 'Ann', 'emea', 0, 0)",
            "ann@example.com")
        try exec("INSERT INTO rep_addresses (address, rep_id, position) VALUES (?, 1, 0)", "ann@example.com")
        let t = RevenueFixture.t
        let leads: [(id: Int, source: String, stages: [(String, String)], reason: String?, reply: String?)] = [
            (1, "web", [("mql", "11-02"), ("rejected", "11-03")], "  Bad   fit ", "11-02T10:00"),
            (2, "web", [("mql", "11-02"), ("rejected", "11-04")], "bad\tFIT ", nil),
            (3, "ads", [("mql", "11-03"), ("rejected", "11-04")], "BAD FIT", nil),
            (4, "web", [("mql", "11-03"), ("nurture", "11-04")], "   ", nil),
            (5, "web", [("mql", "11-02"), ("accepted", "11-03"), ("rejected", "11-05")], "Competitor", "11-02T11:00"),
            (6, "ads", [("mql", "11-04"), ("accepted", "11-05")], nil, nil),
            (7, "web", [("mql", "11-05")], nil, "11-05T09:30"),
        ]
        for lead in leads {
            let address = "lead\(lead.id)@customer\(lead.id).example"
            let mql = t(lead.stages[0].1 + "T09:00")
            try exec(
                """
                INSERT INTO leads (id, source, stage, owner_email, created_at, mql_at, assigned_at, imported_at,
                                   updated_at, rejection_reason)
                VALUES (?, ?, ?, 'ann@example.com', ?, ?, ?, 0, 0, ?)
                """, lead.id, lead.source, lead.stages.last?.0 ?? "mql", mql, mql, mql, lead.reason)
            try exec("INSERT INTO lead_addresses (address, lead_id, position) VALUES (?, ?, 0)", address, lead.id)
            try exec(
                "INSERT INTO owner_history (lead_id, new_owner, changed_at) VALUES (?, 'ann@example.com', ?)", lead.id,
                mql)
            for (stage, day) in lead.stages {
                try exec(
                    "INSERT INTO stage_history (lead_id, new_stage, changed_at) VALUES (?, ?, ?)", lead.id, stage,
                    t(day + "T09:00"))
            }
            if let reason = lead.reason, let day = lead.stages.last?.1 {
                try exec(
                    "INSERT INTO reason_history (lead_id, new_reason, changed_at) VALUES (?, ?, ?)", lead.id, reason,
                    t(day + "T09:00"))
            }
            if let reply = lead.reply {
                try exec(
                    """
                    INSERT INTO messages (id, dedupe_key, sent_at, time_source, from_address, kind, outcome, scanned_at)
                    VALUES (?, ?, ?, 'date', 'ann@example.com', 'message', 'matched', 0)
                    """, lead.id, "k\(lead.id)", t(reply))
                try exec(
                    "INSERT INTO message_addresses (message_id, role, position, address) VALUES (?, 'from', 0, ?)",
                    lead.id, "ann@example.com")
                try exec(
                    "INSERT INTO message_addresses (message_id, role, position, address) VALUES (?, 'to', 0, ?)",
                    lead.id, address)
                try exec(
                    "INSERT INTO sightings (message_id, source, location, seen_at) VALUES (?, ?, ?, ?)", lead.id,
                    folder + "/ann.mbox", "m\(lead.id)", t(reply))
                try exec(
                    """
                    INSERT INTO interactions (lead_id, type, message_id, direction, rep, time, kind, match)
                    VALUES (?, 'email', ?, 'outbound', 'ann@example.com', ?, 'message', 'address')
                    """, lead.id, lead.id, t(reply))
            }
        }
    }
}
