import BatonCore

/// Interactions: what ties a message or a meeting (or a manual touch) to a lead.
extension MessageLog {
    // MARK: Interactions

    /// The interactions of one message or one meeting.
    public func interactions(messageID: Int64? = nil, meetingID: Int64? = nil) throws -> [InteractionRecord] {
        let columns = "lead_id, type, message_id, meeting_id, direction, rep, time, kind, match, note"
        let rows =
            messageID != nil
            ? try database.query(
                "SELECT \(columns) FROM interactions WHERE message_id = ? ORDER BY lead_id", messageID)
            : try database.query(
                "SELECT \(columns) FROM interactions WHERE meeting_id = ? ORDER BY lead_id", meetingID)
        let c = ResultColumns(rows)
        let (leadID, type, message, meeting) = (c["lead_id"], c["type"], c["message_id"], c["meeting_id"])
        let (direction, rep, time, kind, match, note) = (
            c["direction"], c["rep"], c["time"], c["kind"], c["match"], c["note"]
        )
        return try rows.map { row in
            InteractionRecord(
                leadID: try row.requiredInt(leadID), type: try row.word(type), messageID: row.int(message),
                meetingID: row.int(meeting), direction: try row.optionalWord(direction), rep: row.text(rep),
                time: try row.requiredInt(time), kind: try row.optionalWord(kind), match: try row.word(match),
                note: row.text(note))
        }
    }

    /// Makes the stored interactions of a message or meeting exactly `wanted`; returns how many were added.
    @discardableResult
    public func replaceInteractions(messageID: Int64? = nil, meetingID: Int64? = nil, with wanted: [InteractionRecord])
        throws -> Int
    {
        let existing = try interactions(messageID: messageID, meetingID: meetingID)
        let wantedLeads = Set(wanted.map(\.leadID))
        for old in existing where !wantedLeads.contains(old.leadID) {
            if let messageID {
                try database.execute(
                    "DELETE FROM interactions WHERE lead_id = ? AND message_id = ?", old.leadID, messageID)
            } else {
                try database.execute(
                    "DELETE FROM interactions WHERE lead_id = ? AND meeting_id = ?", old.leadID, meetingID)
            }
        }
        var added = 0
        for new in wanted {
            if let old = existing.first(where: { $0.leadID == new.leadID }) {
                if old != new {
                    let owner = messageID != nil ? "message_id" : "meeting_id"
                    try database.execute(
                        """
                        UPDATE interactions SET direction = ?, rep = ?, time = ?, kind = ?, match = ?, note = ?
                        WHERE lead_id = ? AND \(owner) = ?
                        """, new.direction?.rawValue, new.rep, new.time, new.kind?.rawValue, new.match.rawValue,
                        new.note,
                        new.leadID,
                        messageID ?? meetingID)
                }
            } else {
                try insertInteraction(new)
                added += 1
            }
        }
        return added
    }

    /// Stores one interaction, and marks its lead's clocks for evaluation (`insertInteractions` of one).
    public func insertInteraction(_ i: InteractionRecord) throws {
        try insertInteractions([i])
    }

    /// Stores a new message's interactions, up to 16 a statement (`insertRows`), and marks their leads' clocks for
    /// evaluation: the big benchmark's messages concern 44 leads each, 4.4 million rows stored one statement each.
    public func insertInteractions(_ list: [InteractionRecord]) throws {
        try insertRows(
            Self.interactionInserts,
            list.map { i in
                [
                    .integer(i.leadID), .text(i.type.rawValue), i.messageID.sqlValue, i.meetingID.sqlValue,
                    (i.direction?.rawValue).sqlValue, i.rep.sqlValue, .integer(i.time), (i.kind?.rawValue).sqlValue,
                    .text(i.match.rawValue), i.note.sqlValue,
                ]
            })
        for i in list { try markClocks(of: i.leadID) }
    }

    private static let interactionInserts = inserts(
        "INSERT INTO interactions (lead_id, type, message_id, meeting_id, direction, rep, time, kind, match, note) VALUES",
        columns: 10)

    /// Marks a lead whose interactions grew for the next clock evaluation: once per lead and write transaction
    /// (every time outside one). A trigger on each inserted row did this before; run for every row of a first scan's
    /// millions, it cost more than storing them (updates and deletes still mark through triggers).
    func markClocks(of leadID: Int64) throws {
        if database.transactionMemo?.markedLeads.contains(leadID) == true { return }
        try database.execute("UPDATE clock_state SET dirty = 1 WHERE lead_id = ? AND dirty = 0", leadID)
        database.transactionMemo?.markedLeads.insert(leadID)
    }

    /// The leads of the email interactions of stored messages whose Message-ID is one of `refs`.
    public func threadLeads(refs: [String]) throws -> [Int64] {
        guard !refs.isEmpty else { return [] }
        let list = inList(refs.map { SQLValue.text(DedupeKey.messageID($0).rawValue) })
        return try database.query(
            """
            SELECT DISTINCT i.lead_id AS lead_id FROM interactions i JOIN messages m ON m.id = i.message_id
            WHERE m.dedupe_key IN (\(list.placeholders)) ORDER BY i.lead_id
            """, list.values
        ).compactMap { $0.int("lead_id") }
    }

    /// Notes that mail to `address` bounced.
    public func markUndeliverable(_ address: String, messageID: Int64, since: Int64) throws {
        try database.execute(
            "INSERT OR IGNORE INTO undeliverable_addresses (address, message_id, since) VALUES (?, ?, ?)", address,
            messageID, since)
    }

    /// Logs a touch made outside mail (`baton lead touch`): an outbound interaction matched `manual`. False when
    /// the same touch (lead, time, rep, note) is already logged.
    public func insertManualTouch(leadID: Int64, at time: Int64, rep: String?, note: String?) throws -> Bool {
        try database.transaction {
            let existing = try database.scalar(
                """
                SELECT COUNT(*) FROM interactions WHERE lead_id = ? AND type = 'manual' AND time = ?
                AND rep IS ? AND note IS ?
                """, leadID, time, rep, note)
            if (existing?.int64 ?? 0) > 0 { return false }
            try database.execute(
                """
                INSERT INTO interactions (lead_id, type, direction, rep, time, kind, match, note)
                VALUES (?, 'manual', 'outbound', ?, ?, NULL, 'manual', ?)
                """, leadID, rep, time, note)
            try markClocks(of: leadID)
            return true
        }
    }
}
