/// The match snapshot (`match_leads`): each lead's line as the stored matches were made with it, the same line the
/// match fingerprint hashes. A scan compares it with the leads now stored to find the few that changed, and
/// checks it against the stored fingerprint before trusting it. Beside it, `match_keys`: each lead's address keys,
/// written with its line by the same directory, for a scan that looks up leads instead of loading them all.
extension People {
    /// A lead's entry in the snapshot: its line, and the keys of its addresses under the rules it was made with.
    public struct MatchEntry: Sendable, Equatable {
        public var leadID: Int64
        public var line: String
        public var keys: [String]

        public init(leadID: Int64, line: String, keys: [String]) {
            self.leadID = leadID
            self.line = line
            self.keys = keys
        }
    }

    /// Every line of the snapshot, in lead id order (the order the fingerprint hashes them in).
    public func forEachMatchLine(_ body: (_ leadID: Int64, _ line: String) throws -> Void) throws {
        try database.forEachRow("SELECT lead_id, line FROM match_leads ORDER BY lead_id", []) { row in
            try body(try row.requiredInt("lead_id"), try row.requiredText("line"))
        }
    }

    /// Replaces the whole snapshot, lines and keys, with the entries `feed` hands over.
    public func replaceMatchEntries(_ feed: (_ add: (MatchEntry) throws -> Void) throws -> Void) throws {
        try database.execute("DELETE FROM match_leads", [])
        try database.execute("DELETE FROM match_keys", [])
        var entries: [MatchEntry] = []
        try feed { entry in
            entries.append(entry)
            if entries.count == Self.linesPerInsert {
                try insertMatchEntries(entries)
                entries.removeAll(keepingCapacity: true)
            }
        }
        try insertMatchEntries(entries)
    }

    /// Writes these leads' entries, replacing any they had (their keys included).
    public func setMatchEntries(_ entries: [MatchEntry]) throws {
        for start in stride(from: 0, to: entries.count, by: Self.linesPerInsert) {
            let batch = entries[start..<min(start + Self.linesPerInsert, entries.count)]
            let ids = batch.map { SQLValue.integer($0.leadID) }
            try database.execute("DELETE FROM match_keys WHERE lead_id IN (\(placeholders(ids.count)))", ids)
            try insertMatchEntries(Array(batch))
        }
    }

    /// Inserts entries of leads that have no keys stored (their lines may be there: they are replaced).
    private func insertMatchEntries(_ entries: [MatchEntry]) throws {
        guard !entries.isEmpty else { return }
        let tuples = Array(repeating: "(?, ?)", count: entries.count).joined(separator: ", ")
        // Two statement texts in a replacement: a full batch, and the last one.
        try database.execute(
            """
            INSERT INTO match_leads (lead_id, line) VALUES \(tuples)
            ON CONFLICT (lead_id) DO UPDATE SET line = excluded.line
            """, entries.flatMap { [SQLValue.integer($0.leadID), .text($0.line)] })
        var keys: [SQLValue] = []
        for entry in entries {
            for key in Set(entry.keys) { keys += [.text(key), .integer(entry.leadID)] }
        }
        for start in stride(from: 0, to: keys.count, by: 2 * Self.linesPerInsert) {
            let batch = keys[start..<min(start + 2 * Self.linesPerInsert, keys.count)]
            let pairs = Array(repeating: "(?, ?)", count: batch.count / 2).joined(separator: ", ")
            try database.execute("INSERT INTO match_keys (key, lead_id) VALUES \(pairs)", Array(batch))
        }
    }

    /// The leads up to id `last` whose snapshot holds the address key `key`, in id order.
    public func leadIDs(matchKey key: String, upTo last: Int64) throws -> [Int64] {
        try database.query(
            "SELECT lead_id FROM match_keys WHERE key = ? AND lead_id <= ? ORDER BY lead_id",
            [.text(key), .integer(last)]
        ).map { try $0.requiredInt("lead_id") }
    }

    /// The leads up to id `last` whose company domain is exactly `domain`, in id order.
    public func leadIDs(companyDomain domain: String, upTo last: Int64) throws -> [Int64] {
        try database.query(
            "SELECT id FROM leads WHERE company_domain = ? AND id <= ? ORDER BY id", [.text(domain), .integer(last)]
        ).map { try $0.requiredInt("id") }
    }

    /// The owner's address the CRM gave a lead, when the lead exists and has one.
    public func ownerEmail(of lead: Int64) throws -> String? {
        try database.scalar("SELECT owner_email FROM leads WHERE id = ?", [.integer(lead)])?.string
    }

    /// How many lines, or keys, one statement writes: on PostgreSQL, one round trip for each of them.
    static let linesPerInsert = 200
}
