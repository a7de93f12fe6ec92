extension Migrations {
    /// The fifteenth: the unique keys of `interactions`, (message, lead) and (meeting, lead), become partial
    /// indexes that leave out the rows whose message or meeting is NULL. Every email interaction had an entry in
    /// the meetings' key and every meeting one in the messages' key, never compared (NULLs are distinct): one b-tree
    /// insert in three for nothing, and about 6 % of a large store. A query on `message_id = ?` or
    /// `meeting_id IN (…)` uses the partial index as it used the full one. SQLite cannot drop a table's `UNIQUE`
    /// constraint, so the table is rebuilt (created, filled, the old one dropped, the new one renamed); the triggers
    /// that read it from other tables are dropped first and recreated after, with its own.
    static let interactionKeys = Migration(
        name: "interactions' unique keys without NULLs",
        sql: """
            DROP TRIGGER clock_meeting_changed;
            DROP TRIGGER clock_meeting_deleted;
            DROP TRIGGER clock_attendee_inserted;
            DROP TRIGGER clock_attendee_changed;
            DROP TRIGGER clock_attendee_deleted;
            CREATE TABLE new_interactions (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                type TEXT NOT NULL CHECK (type = 'email' OR type = 'meeting' OR type = 'manual'),
                message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
                meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
                direction TEXT CHECK (direction = 'inbound' OR direction = 'outbound'),
                rep TEXT,
                time INTEGER NOT NULL,
                kind TEXT CHECK (kind = 'message' OR kind = 'auto_reply' OR kind = 'bounce' OR kind = 'bulk'),
                match TEXT NOT NULL CHECK (match = 'address' OR match = 'domain' OR match = 'thread'
                    OR match = 'manual'),
                note TEXT
            );
            INSERT INTO new_interactions SELECT id, lead_id, type, message_id, meeting_id, direction, rep, time, kind,
                match, note FROM interactions;
            DROP TABLE interactions;
            ALTER TABLE new_interactions RENAME TO interactions;
            CREATE UNIQUE INDEX interactions_message ON interactions(message_id, lead_id) WHERE message_id IS NOT NULL;
            CREATE UNIQUE INDEX interactions_meeting ON interactions(meeting_id, lead_id) WHERE meeting_id IS NOT NULL;
            CREATE INDEX interactions_lead ON interactions(lead_id, time);
            \(interactionTriggers)
            \(meetingTriggers)
            """)
}
