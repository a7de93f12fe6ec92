import BatonCore

/// What one enforcement of `privacy.retention` removed.
public struct RetentionSummary: Sendable, Equatable {
    public var messages = 0
    public var meetings = 0
    public var interactions = 0
    public var sightings = 0
    /// Notifications turned into tombstones.
    public var notifications = 0

    public init() {}
}

extension PersonalData {
    /// The retention horizon last enforced, if any: the store holds no message, meeting or interaction before it.
    public func retentionHorizon() throws -> Int64? { try StoreSettings(database: database).retentionHorizon }

    /// Deletes messages (sent before `horizon`), meetings (ended by it), interactions and the sightings that go with
    /// them, and turns older notifications into tombstones (key and state kept, content erased); one transaction,
    /// `secure_delete` on. The horizon never moves back.
    public func enforceRetention(horizon proposed: Int64, now: Int64) throws -> RetentionSummary {
        var summary = RetentionSummary()
        try database.setSecureDelete(true)
        defer { try? database.setSecureDelete(false) }
        try database.transaction {
            let horizon = max(proposed, try retentionHorizon() ?? proposed)
            func count(_ sql: String) throws -> Int { Int(try database.scalar(sql, horizon)?.int64 ?? 0) }
            summary.sightings =
                try count(
                    "SELECT COUNT(*) FROM sightings s JOIN messages m ON m.id = s.message_id WHERE m.sent_at < ?")
                + count("SELECT COUNT(*) FROM sightings s JOIN meetings g ON g.id = s.meeting_id WHERE g.end_at <= ?")
            summary.interactions =
                try count(
                    """
                    SELECT COUNT(*) FROM interactions i LEFT JOIN meetings g ON g.id = i.meeting_id
                    WHERE (i.meeting_id IS NULL AND i.time < ?1) OR g.end_at <= ?1
                    """)
            try database.execute("DELETE FROM interactions WHERE meeting_id IS NULL AND time < ?", horizon)
            // The calendar parts of deleted messages go with them (`location#calendarN` beside the message's).
            try database.execute(
                """
                DELETE FROM calendar_inputs WHERE EXISTS (
                    SELECT 1 FROM sightings s JOIN messages m ON m.id = s.message_id
                    WHERE m.sent_at < ? AND s.source = calendar_inputs.source
                      AND substr(calendar_inputs.location, 1, length(s.location) + 9) = s.location || '#calendar')
                """, horizon)
            summary.messages = try count("SELECT COUNT(*) FROM messages WHERE sent_at < ?")
            try database.execute("DELETE FROM messages WHERE sent_at < ?", horizon)
            summary.meetings = try count("SELECT COUNT(*) FROM meetings WHERE end_at <= ?")
            try database.execute(
                "DELETE FROM interactions WHERE meeting_id IN (SELECT id FROM meetings WHERE end_at <= ?)", horizon)
            try database.execute(
                "DELETE FROM sightings WHERE meeting_id IN (SELECT id FROM meetings WHERE end_at <= ?)", horizon)
            try database.execute("DELETE FROM meetings WHERE end_at <= ?", horizon)
            try database.execute("DELETE FROM undeliverable_addresses WHERE since < ?", horizon)
            summary.notifications = try count(
                "SELECT COUNT(*) FROM notifications WHERE created_at < ? AND tombstoned_at IS NULL")
            try database.execute(
                """
                UPDATE notifications SET content = NULL, last_error = NULL, tombstoned_at = ?2,
                    state = CASE state WHEN 'queued' THEN 'cancelled' ELSE state END
                WHERE created_at < ?1 AND tombstoned_at IS NULL
                """, horizon, now)
            try StoreSettings(database: database).setRetentionHorizon(horizon)
        }
        return summary
    }
}
