import BatonCore

extension Migrations {
    /// Version 6: a `CHECK` listing the allowed values on every column that holds a word of Baton's vocabulary
    /// (the enums of `BatonCore/Vocabulary`, `Stage`, `Config.Source.Kind`). Each is written `col = 'a' OR
    /// col = 'b'` rather than `col IN ('a', 'b')`: SQLite evaluates an IN list of more than two constants through a
    /// temporary b-tree built on every execution of the statement, which made the first scan 40 % slower. SQLite
    /// cannot add a constraint to a table, so each table is rebuilt: created anew, filled from the old one, the old
    /// one dropped, the new one renamed and its indexes made again. `migrate` turns foreign keys off around it (a
    /// dropped parent table would otherwise cascade its deletes) and checks them before it commits.
    static let vocabularyChecks = Migration(
        name: "vocabulary checks",
        sql: """
            CREATE TABLE new_leads (
                id INTEGER PRIMARY KEY,
                external_id TEXT UNIQUE,
                name TEXT,
                company TEXT,
                company_domain TEXT,
                source TEXT,
                stage TEXT NOT NULL CHECK (stage = 'new' OR stage = 'mql' OR stage = 'accepted' OR stage = 'sql'
                    OR stage = 'opportunity' OR stage = 'won' OR stage = 'lost' OR stage = 'rejected'
                    OR stage = 'nurture' OR stage = 'on_hold'),
                owner_email TEXT,
                created_at INTEGER,
                mql_at INTEGER,
                assigned_at INTEGER,
                imported_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            INSERT INTO new_leads SELECT id, external_id, name, company, company_domain, source, stage, owner_email,
                created_at, mql_at, assigned_at, imported_at, updated_at FROM leads;
            DROP TABLE leads;
            ALTER TABLE new_leads RENAME TO leads;
            CREATE INDEX leads_company_domain ON leads(company_domain);

            CREATE TABLE new_stage_history (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                old_stage TEXT CHECK (old_stage = 'new' OR old_stage = 'mql' OR old_stage = 'accepted'
                    OR old_stage = 'sql' OR old_stage = 'opportunity' OR old_stage = 'won' OR old_stage = 'lost'
                    OR old_stage = 'rejected' OR old_stage = 'nurture' OR old_stage = 'on_hold'),
                new_stage TEXT NOT NULL CHECK (new_stage = 'new' OR new_stage = 'mql' OR new_stage = 'accepted'
                    OR new_stage = 'sql' OR new_stage = 'opportunity' OR new_stage = 'won' OR new_stage = 'lost'
                    OR new_stage = 'rejected' OR new_stage = 'nurture' OR new_stage = 'on_hold'),
                changed_at INTEGER NOT NULL,
                import_id INTEGER REFERENCES imports(id)
            );
            INSERT INTO new_stage_history SELECT id, lead_id, old_stage, new_stage, changed_at, import_id
                FROM stage_history;
            DROP TABLE stage_history;
            ALTER TABLE new_stage_history RENAME TO stage_history;
            CREATE INDEX stage_history_lead ON stage_history(lead_id, changed_at);

            CREATE TABLE new_source_state (
                path TEXT PRIMARY KEY,
                type TEXT NOT NULL CHECK (type = 'mbox' OR type = 'maildir' OR type = 'drop' OR type = 'calendar'),
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
                    OR outcome = 'loop'),
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
                role TEXT NOT NULL CHECK (role = 'from' OR role = 'to' OR role = 'cc'),
                position INTEGER NOT NULL,
                address TEXT NOT NULL,
                name TEXT,
                PRIMARY KEY (message_id, role, position)
            );
            INSERT INTO new_message_addresses SELECT message_id, role, position, address, name FROM message_addresses;
            DROP TABLE message_addresses;
            ALTER TABLE new_message_addresses RENAME TO message_addresses;

            CREATE TABLE new_meetings (
                id INTEGER PRIMARY KEY,
                uid TEXT NOT NULL,
                recurrence_id TEXT NOT NULL,
                start_at INTEGER NOT NULL,
                end_at INTEGER NOT NULL,
                summary TEXT,
                organizer TEXT,
                status TEXT NOT NULL CHECK (status = 'scheduled' OR status = 'cancelled'),
                sequence INTEGER NOT NULL,
                stamp INTEGER,
                UNIQUE (uid, recurrence_id)
            );
            INSERT INTO new_meetings SELECT id, uid, recurrence_id, start_at, end_at, summary, organizer, status,
                sequence, stamp FROM meetings;
            DROP TABLE meetings;
            ALTER TABLE new_meetings RENAME TO meetings;
            CREATE INDEX meetings_end ON meetings(end_at);

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
                note TEXT,
                UNIQUE (message_id, lead_id),
                UNIQUE (meeting_id, lead_id)
            );
            INSERT INTO new_interactions SELECT id, lead_id, type, message_id, meeting_id, direction, rep, time, kind,
                match, note FROM interactions;
            DROP TABLE interactions;
            ALTER TABLE new_interactions RENAME TO interactions;
            CREATE INDEX interactions_lead ON interactions(lead_id, time);

            CREATE TABLE new_notifications (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind = 'alert' OR kind = 'digest'),
                lead_id INTEGER REFERENCES leads(id) ON DELETE CASCADE,
                policy TEXT,
                clock TEXT CHECK (clock = 'first_response' OR clock = 'reply' OR clock = 'meeting_follow_up'
                    OR clock = 'acceptance' OR clock = 'no_touch'),
                episode INTEGER,
                episode_started_at INTEGER,
                due_at INTEGER,
                level TEXT NOT NULL CHECK (level = 'warning' OR level = 'breach' OR level = 'escalation'
                    OR level = 'digest' OR level = 'weekly'),
                escalation INTEGER,
                to_addresses TEXT NOT NULL,
                cc_addresses TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state = 'queued' OR state = 'sent' OR state = 'failed'
                    OR state = 'cancelled'),
                created_at INTEGER NOT NULL,
                not_before INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                message_id TEXT NOT NULL,
                content BLOB,
                sent_at INTEGER,
                digest_id INTEGER REFERENCES notifications(id),
                tombstoned_at INTEGER
            );
            INSERT INTO new_notifications SELECT id, key, kind, lead_id, policy, clock, episode, episode_started_at,
                due_at, level, escalation, to_addresses, cc_addresses, state, created_at, not_before, next_attempt_at,
                attempts, last_error, message_id, content, sent_at, digest_id, tombstoned_at FROM notifications;
            DROP TABLE notifications;
            ALTER TABLE new_notifications RENAME TO notifications;
            CREATE INDEX notifications_state ON notifications(state, not_before);
            CREATE INDEX notifications_lead ON notifications(lead_id, created_at);
            CREATE INDEX notifications_digest ON notifications(digest_id) WHERE digest_id IS NOT NULL;
            """,
        rebuildsTables: true)
}
