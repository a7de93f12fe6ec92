import BatonCore
import Foundation
import Reports
import SLA

@testable import Store

/// A small world written straight into a temporary store: two reps, seven leads, nine messages, four meetings,
/// and a drop folder with two quarantined files. `ReportBuilderTests` works out every figure by hand.
final class ReportFixture {
    let folder: String
    let config: Config
    let store: BatonStore

    /// Monday 2026-11-02 to Monday 2026-11-16 (weeks 2026-W45 and 2026-W46), evaluated on Friday 13th at 17:00.
    static let since = at("2026-11-02T00:00:00Z")
    static let until = at("2026-11-16T00:00:00Z")
    static let now = at("2026-11-13T17:00:00Z")

    static func at(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }

    init() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("baton-report-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder + "/drop/quarantine", withIntermediateDirectories: true)
        for name in ["1.eml", "1.eml.reason", "2.eml", "2.eml.reason", ".hidden"] {
            _ = FileManager.default.createFile(atPath: folder + "/drop/quarantine/" + name, contents: Data("x".utf8))
        }
        let json = """
            {"store": "\(folder)/baton.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "sources": [
               {"type": "mbox", "path": "\(folder)/ann.mbox", "rep": "ann@example.com"},
               {"type": "maildir", "path": "\(folder)/bob", "rep": "bob@example.com"},
               {"type": "drop", "path": "\(folder)/drop"},
               {"type": "calendar", "path": "\(folder)/cal/*.ics"}],
             "teams": {"emea": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}},
             "policies": [
               {"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]},
               {"name": "reply", "clock": "reply", "target": "4h", "time": "business",
                "stages": ["mql", "accepted", "sql"]}],
             "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "\(folder)/out"}}}
            """
        config = try ConfigLoader.parse(Array(json.utf8), path: folder + "/baton.json")
        store = try BatonStore(path: config.store)
        try populate()
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// The report at `now` over the fixture period.
    func report(_ grouping: ReportGrouping = .rep, silentDays: Int = 7) throws -> Report {
        let leads = try SLAEvaluator(config: config, store: store).evaluate(now: Self.now)
        let period = ReportPeriod(since: Self.since, until: Self.until, now: Self.now, timezone: "UTC")
        return try ReportBuilder(
            config: config, store: store, leads: leads, period: period, grouping: grouping, silentDays: silentDays
        ).build()
    }

    private func exec(_ sql: String, _ values: any SQLBindable...) throws {
        try store.database.execute(sql, values.map(\.sqlValue))
    }

    private func t(_ s: String) -> Int64 { Self.at("2026-" + s + ":00Z") }

    private func populate() throws {
        for (id, email) in [(1, "ann@example.com"), (2, "bob@example.com")] {
            try exec(
                "INSERT INTO reps (id, email, name, team, created_at, updated_at) VALUES (?, ?, ?, 'emea', 0, 0)",
                id, email, email)
            try exec("INSERT INTO rep_addresses (address, rep_id, position) VALUES (?, ?, 0)", email, id)
        }
        // id, address, source, owner, MQL, assigned, stage history
        let leads: [(Int, String, String?, String?, String, String?, [(String, String)])] = [
            (
                1, "a@acme.com", "webinar", "ann", "11-02T09:00", "11-02T10:00",
                [("mql", "11-02T09:00"), ("sql", "11-05T09:00"), ("won", "11-12T09:00")]
            ),
            (
                2, "b@beta.com", "webinar", "bob", "11-03T09:00", "11-03T09:00",
                [("mql", "11-03T09:00"), ("accepted", "11-04T09:00")]
            ),
            (3, "c@gamma.com", "referral", "ann", "11-05T16:00", "11-05T16:00", [("mql", "11-05T16:00")]),
            (
                4, "d@delta.com", "referral", "bob", "11-09T09:00", "11-09T13:00",
                [("mql", "11-09T09:00"), ("sql", "11-11T10:00")]
            ),
            (5, "e@gmail.com", nil, nil, "11-10T10:00", nil, [("mql", "11-10T10:00")]),
            (6, "f@epsilon.com", "webinar", "ann", "10-26T09:00", "10-26T09:00", [("mql", "10-26T09:00")]),
            (7, "g@zeta.com", "webinar", "bob", "11-11T09:00", "11-11T09:00", [("mql", "11-11T09:00")]),
        ]
        for (id, address, source, owner, mql, assigned, stages) in leads {
            try exec(
                """
                INSERT INTO leads (id, source, stage, owner_email, created_at, mql_at, assigned_at, imported_at,
                                   updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)
                """, id, source, stages.last!.0, owner.map { $0 + "@example.com" }, t(mql), t(mql),
                assigned.map(t))
            try exec("INSERT INTO lead_addresses (address, lead_id, position) VALUES (?, ?, 0)", address, id)
            for (stage, at) in stages {
                try exec(
                    "INSERT INTO stage_history (lead_id, new_stage, changed_at) VALUES (?, ?, ?)", id, stage, t(at))
            }
        }
        // Lead 7 goes from Ann to Bob the morning after its first-response clock fell due.
        try exec(
            "INSERT INTO owner_history (lead_id, new_owner, changed_at) VALUES (7, 'ann@example.com', ?)",
            t("11-11T09:00"))
        try exec(
            "INSERT INTO owner_history (lead_id, old_owner, new_owner, changed_at) VALUES (7, 'ann@example.com', 'bob@example.com', ?)",
            t("11-12T09:00"))

        let mbox = folder + "/ann.mbox"
        let drop = folder + "/drop"
        // id, sent, outcome, addresses (from first), sightings (source, seen), interaction (lead, direction, rep)
        let messages: [(Int, String, String, [String], [(String, String)], (Int, String, String)?)] = [
            (
                1, "11-02T10:30", "matched", ["ann@example.com", "a@acme.com"], [(mbox, "11-02T11:00")],
                (1, "outbound", "ann")
            ),
            (
                2, "11-03T11:00", "matched", ["b@beta.com", "bob@example.com"], [(mbox, "11-03T12:00")],
                (2, "inbound", "bob")
            ),
            (
                3, "11-03T15:00", "matched", ["bob@example.com", "b@beta.com"], [(mbox, "11-03T16:00")],
                (2, "outbound", "bob")
            ),
            (4, "11-04T10:00", "no_known_party", ["x@unknown.io", "ann@example.com"], [(mbox, "11-04T10:05")], nil),
            (
                5, "11-05T10:00", "no_known_party", ["y@unknown.io", "ann@example.com", "z@other.org"],
                [(mbox, "11-05T10:05")], nil
            ),
            (6, "10-20T10:00", "no_known_party", ["w@other.org", "ann@example.com"], [(mbox, "10-20T10:05")], nil),
            (
                7, "11-12T09:00", "matched", ["f@epsilon.com", "ann@example.com"], [(drop, "11-12T09:30")],
                (6, "inbound", "ann")
            ),
            (
                8, "11-12T10:00", "matched", ["bob@example.com", "g@zeta.com"],
                [(mbox, "11-12T10:30"), (drop, "11-12T11:00")], (7, "outbound", "bob")
            ),
            (9, "11-06T10:00", "internal", ["ann@example.com", "bob@example.com"], [(mbox, "11-06T10:05")], nil),
        ]
        for (id, sent, outcome, addresses, sightings, interaction) in messages {
            try exec(
                """
                INSERT INTO messages (id, dedupe_key, sent_at, time_source, from_address, kind, outcome, scanned_at)
                VALUES (?, ?, ?, 'date', ?, 'message', ?, 0)
                """, id, "k\(id)", t(sent), addresses[0], outcome)
            for (position, address) in addresses.enumerated() {
                try exec(
                    "INSERT INTO message_addresses (message_id, role, position, address) VALUES (?, ?, ?, ?)", id,
                    position == 0 ? "from" : "to", position == 0 ? 0 : position - 1, address)
            }
            for (source, seen) in sightings {
                try exec(
                    "INSERT INTO sightings (message_id, source, location, seen_at) VALUES (?, ?, ?, ?)", id, source,
                    "m\(id)", t(seen))
            }
            if let (lead, direction, rep) = interaction {
                try exec(
                    """
                    INSERT INTO interactions (lead_id, type, message_id, direction, rep, time, kind, match)
                    VALUES (?, 'email', ?, ?, ?, ?, 'message', 'address')
                    """, lead, id, direction, rep + "@example.com", t(sent))
            }
        }

        let calendar = folder + "/cal/team.ics"
        // id, start, status, lead and its answer, rep
        let meetings: [(Int, String, String, (Int, String, String)?, String)] = [
            (1, "11-10T14:00", "scheduled", (4, "d@delta.com", "ACCEPTED"), "bob"),
            (2, "11-12T10:00", "cancelled", (4, "d@delta.com", "ACCEPTED"), "bob"),
            (3, "11-20T10:00", "scheduled", nil, "ann"),
            (4, "11-06T10:00", "scheduled", (1, "a@acme.com", "DECLINED"), "ann"),
        ]
        for (id, start, status, lead, rep) in meetings {
            try exec(
                """
                INSERT INTO meetings (id, uid, recurrence_id, start_at, end_at, status, sequence)
                VALUES (?, ?, '', ?, ?, ?, 0)
                """, id, "m\(id)", t(start), t(start) + 3_600, status)
            try exec(
                "INSERT INTO sightings (meeting_id, source, location, seen_at) VALUES (?, ?, 'file', ?)", id, calendar,
                t("11-05T08:00"))
            guard let (leadID, address, answer) = lead else { continue }
            try exec(
                "INSERT INTO meeting_attendees (meeting_id, address, partstat, role) VALUES (?, ?, ?, 'REQ-PARTICIPANT')",
                id, address, answer)
            try exec(
                """
                INSERT INTO interactions (lead_id, type, meeting_id, rep, time, match)
                VALUES (?, 'meeting', ?, ?, ?, 'address')
                """, leadID, id, rep + "@example.com", t(start))
        }
    }
}
