import BatonCore

extension Migrations {
    /// Version 7: journal sources. `source_state.type` may be `journal` (a journal source's cursor),
    /// `messages.outcome` may be `not_sales_team` (mail read from no rep's mailbox with no rep among its parties),
    /// and `message_addresses.role` may be `bcc`: an envelope recipient of a journal copy
    /// that is in neither the To nor the Cc of the original (a Bcc'd rep, a distribution list's member). The
    /// columns carry a `CHECK` listing their words, which SQLite cannot change in place, so the tables are rebuilt
    /// as `Migration6.swift` does: created anew, filled from the old one, the old one dropped, the new one renamed,
    /// its indexes made again.
    static let journalSources = Migration(
        name: "journal sources",
        sql: """
            CREATE TABLE new_source_state (
                path TEXT PRIMARY KEY,
                type TEXT NOT NULL CHECK (type = 'mbox' OR type = 'maildir' OR type = 'drop' OR type = 'journal'
                    OR type = 'calendar'),
                device INTEGER,
                inode INTEGER,
                size INTEGER,
                mtime_ns INTEGER,
                offset INTEGER NOT NULL DEFAULT 0,
                fingerprint TEXT,
                content_hash TEXT,
                updated_at INTEGER NOT NULL
            );
            INSERT INTO new_source_state SELECT path, type, device, inode, size, mtime_ns, offset, fingerprint,
                content_hash, updated_at FROM source_state;
            DROP TABLE source_state;
            ALTER TABLE new_source_state RENAME TO source_state;

            CREATE TABLE new_messages (
                id INTEGER PRIMARY KEY,
                dedupe_key TEXT NOT NULL UNIQUE,
                message_id TEXT,
                sent_at INTEGER,
                time_source TEXT NOT NULL CHECK (time_source = 'date' OR time_source = 'from_line'
                    OR time_source = 'delivery' OR time_source = 'forward' OR time_source = 'scan'),
                from_address TEXT,
                subject TEXT,
                subject_key TEXT,
                kind TEXT NOT NULL CHECK (kind = 'message' OR kind = 'auto_reply' OR kind = 'bounce'
                    OR kind = 'bulk'),
                mailbox_rep TEXT,
                failed_recipients TEXT,
                outcome TEXT NOT NULL CHECK (outcome = 'pending' OR outcome = 'matched' OR outcome = 'internal'
                    OR outcome = 'bulk' OR outcome = 'no_known_party' OR outcome = 'blocklisted'
                    OR outcome = 'loop' OR outcome = 'not_sales_team'),
                outcome_detail TEXT,
                scanned_at INTEGER NOT NULL
            );
            INSERT INTO new_messages SELECT id, dedupe_key, message_id, sent_at, time_source, from_address, subject,
                subject_key, kind, mailbox_rep, failed_recipients, outcome, outcome_detail, scanned_at FROM messages;
            DROP TABLE messages;
            ALTER TABLE new_messages RENAME TO messages;
            CREATE INDEX messages_fuzzy ON messages(from_address, subject_key, sent_at);
            CREATE INDEX messages_sent ON messages(sent_at);

            CREATE TABLE new_message_addresses (
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role = 'from' OR role = 'to' OR role = 'cc' OR role = 'bcc'),
                position INTEGER NOT NULL,
                address TEXT NOT NULL,
                name TEXT,
                PRIMARY KEY (message_id, role, position)
            );
            INSERT INTO new_message_addresses SELECT message_id, role, position, address, name FROM message_addresses;
            DROP TABLE message_addresses;
            ALTER TABLE new_message_addresses RENAME TO message_addresses;
            """,
        rebuildsTables: true)
}
