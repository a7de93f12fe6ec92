/// The match snapshot (`match_leads`): each lead's line as the stored matches were made with it, the same line the
/// match fingerprint hashes. A scan compares it with the leads now stored to find the few that changed, and
/// checks it against the stored fingerprint before trusting it.
extension People {
    /// Every line of the snapshot, in lead id order (the order the fingerprint hashes them in).
    public func forEachMatchLine(_ body: (_ leadID: Int64, _ line: String) throws -> Void) throws {
        try database.forEachRow("SELECT lead_id, line FROM match_leads ORDER BY lead_id", []) { row in
            try body(try row.requiredInt("lead_id"), try row.requiredText("line"))
        }
    }

    /// Replaces the whole snapshot with the lines `feed` hands over.
    public func replaceMatchLines(_ feed: (_ add: (Int64, String) throws -> Void) throws -> Void) throws {
        try database.execute("DELETE FROM match_leads", [])
        var rows: [(Int64, String)] = []
        try feed { id, line in
            rows.append((id, line))
            if rows.count == Self.linesPerInsert {
                try setMatchLines(rows)
                rows.removeAll(keepingCapacity: true)
            }
        }
        try setMatchLines(rows)
    }

    /// Writes these leads' lines, replacing any they had.
    public func setMatchLines(_ lines: [(leadID: Int64, line: String)]) throws {
        for start in stride(from: 0, to: lines.count, by: Self.linesPerInsert) {
            let batch = lines[start..<min(start + Self.linesPerInsert, lines.count)]
            let tuples = Array(repeating: "(?, ?)", count: batch.count).joined(separator: ", ")
            // Two statement texts in a replacement: a full batch, and the last one.
            try database.execute(
                """
                INSERT INTO match_leads (lead_id, line) VALUES \(tuples)
                ON CONFLICT (lead_id) DO UPDATE SET line = excluded.line
                """, batch.flatMap { [SQLValue.integer($0.leadID), .text($0.line)] })
        }
    }

    /// How many lines one statement writes: on PostgreSQL, one round trip for each of them.
    static let linesPerInsert = 200
}
