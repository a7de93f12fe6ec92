import Foundation
import TestSupport
import Testing

/// The fault world on PostgreSQL: its configuration pointed at a database of its own, and what a run leaves read
/// with `psql`, comparable between two PostgreSQL databases (never with an SQLite dump).
extension FaultWorld {
    /// Points the configuration of the world in `path` at the PostgreSQL database `uri`.
    static func useStore(_ uri: String, in path: String) throws {
        let configPath = path + "/Config/baton.json"
        let config = try String(contentsOfFile: configPath, encoding: .utf8)
        let patched = config.replacingOccurrences(
            of: "\"store\": \"../var/baton.sqlite\"", with: "\"store\": \"\(uri)\"")
        #expect(patched != config)
        try Data(patched.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// The tables whose `id` stands for a row elsewhere. A PostgreSQL sequence never gives back a number a rolled
    /// back transaction (or an `ON CONFLICT` update) drew, so a run that was killed leaves gaps an uninterrupted
    /// one does not: the dump writes each such id as its rank in its table, which two equal stores share.
    static let rankedTables = ["leads", "reps", "imports", "messages", "meetings"]

    /// Per dumped table, its columns that hold a ranked id and the table each names; `rowid` columns (PostgreSQL's
    /// stand-in for SQLite's hidden rowid, which `SELECT *` never shows there) are left out.
    static let rankedColumns: [String: [String: String]] = [
        "leads": ["id": "leads"], "lead_addresses": ["lead_id": "leads"], "reps": ["id": "reps"],
        "rep_addresses": ["rep_id": "reps"], "stage_history": ["lead_id": "leads", "import_id": "imports"],
        "owner_history": ["lead_id": "leads", "import_id": "imports"],
        "amount_history": ["lead_id": "leads", "import_id": "imports"],
        "reason_history": ["lead_id": "leads", "import_id": "imports"], "imports": ["id": "imports"],
        "messages": ["id": "messages"], "message_addresses": ["message_id": "messages"],
        "message_refs": ["message_id": "messages"],
        "sightings": ["message_id": "messages", "meeting_id": "meetings"], "meetings": ["id": "meetings"],
        "meeting_attendees": ["meeting_id": "meetings"],
        "interactions": ["lead_id": "leads", "message_id": "messages", "meeting_id": "meetings"],
        "undeliverable_addresses": ["message_id": "messages"], "clock_state": ["lead_id": "leads"],
        "notifications": ["lead_id": "leads"],
    ]

    /// `dumpQueries` on PostgreSQL as one statement (one `psql` is far quicker than one per table): each row as
    /// `table|` and the row as one JSON object, ranked ids in place of ids.
    static var postgresQuery: String {
        let ranks = rankedTables.map { "r_\($0) AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM \($0))" }
        let selects = dumpQueries.map { table, sql in
            let replaced = (rankedColumns[table] ?? [:]).sorted { $0.key < $1.key }.map { column, target in
                "'\(column)', (SELECT n FROM r_\(target) WHERE r_\(target).id = q.\(column))"
            }
            let row =
                "to_jsonb(q) - 'rowid'"
                + (replaced.isEmpty ? "" : " || jsonb_build_object(\(replaced.joined(separator: ", ")))")
            // `offset` is a reserved word in PostgreSQL.
            var quoted = sql.replacingOccurrences(of: " offset,", with: " \"offset\",")
            // The match directory's fingerprint hashes the lead ids in it; the lookup setting holds the fingerprint,
            // the highest lead id and the hash's state.
            if table == "settings" {
                quoted = "SELECT * FROM (\(quoted)) AS s WHERE key NOT IN ('match_fingerprint', 'match_lookup')"
            }
            return "SELECT '\(table)|' || (\(row))::text FROM (\(quoted)) AS q"
        }
        let leads = "SELECT '#leads|' || id || '|' || n FROM r_leads"
        return "WITH \(ranks.joined(separator: ", ")) \((selects + [leads]).joined(separator: " UNION ALL "))"
    }

    /// `text` with each lead id written in it replaced by its rank (`ranks`): a notification's key
    /// (`alert|ID|…`), a message's outcome (`lead #ID by …`), and with `json` a `"lead_id": ID` of `sla check --json`
    /// (a table's `lead_id` is ranked already).
    static func rankingLeads(_ text: String, _ ranks: [Substring: Substring], json: Bool = false) -> String {
        func rank(_ id: Substring) -> String { ranks[id].map(String.init) ?? "unknown \(id)" }
        var result = text.replacing(#/alert\|(\d+)\|/#) { "alert|\(rank($0.1))|" }
            .replacing(#/lead #(\d+)/#) { "lead #\(rank($0.1))" }
        if json { result = result.replacing(#/"lead_id": (\d+)/#) { "\"lead_id\": \(rank($0.1))" } }
        return result
    }

    /// `dump` for a world whose store is the PostgreSQL database `uri`.
    static func postgresDump(_ world: String, uri: String) throws -> [String] {
        var rows: [Substring: [Substring]] = [:]
        for line in try PostgresServer.psql(postgresQuery, database: uri).split(separator: "\n") {
            guard let bar = line.firstIndex(of: "|") else { continue }
            rows[line[..<bar], default: []].append(line[line.index(after: bar)...])
        }
        var ranks: [Substring: Substring] = [:]
        for pair in rows["#leads"] ?? [] {
            let parts = pair.split(separator: "|")
            if parts.count == 2 { ranks[parts[0]] = parts[1] }
        }
        var lines: [String] = []
        for (table, _) in dumpQueries {
            lines.append("== \(table)")
            // Paths written `$W` and ids ranked before sorting, so that two worlds' rows sort alike.
            lines += (rows[Substring(table)] ?? []).map {
                rankingLeads(String($0).replacingOccurrences(of: world, with: "$W"), ranks)
            }.sorted()
        }
        lines.append("== drop folder")
        lines += TemporaryFolder.listing(world + "/Mail/drop")
        lines.append("== sla check")
        let check = try BatonProcess.run(
            ["sla", "check", "--json", "--config", "Config/baton.json", "--now", now], in: world)
        #expect(check.status == 0, "sla check: \(check.stderr)")
        lines += check.stdout.split(separator: "\n").map { rankingLeads(String($0), ranks, json: true) }
        return lines.map { $0.replacingOccurrences(of: world, with: "$W") }
    }

    /// `sentInStore` on PostgreSQL.
    static func postgresSentInStore(_ uri: String) throws -> [String] {
        try PostgresServer.psql("SELECT message_id FROM notifications WHERE state = 'sent'", database: uri)
            .split(separator: "\n").map(String.init)
    }

    /// `baton store check` of the world's store: its exit status and output.
    static func storeCheck(_ world: String) throws -> BatonProcess.Result {
        try BatonProcess.run(["store", "check", "--config", "Config/baton.json"], in: world)
    }
}
