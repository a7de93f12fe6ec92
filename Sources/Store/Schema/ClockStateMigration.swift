import BatonCore

extension Migrations {
    /// The tenth: each lead's clock state as of its last evaluation, so that a scan evaluates only the leads whose
    /// history changed or whose next instant has come (ARCHITECTURE.md, "Incremental clocks").
    ///
    /// A row per lead: `dirty` (1 until the lead is evaluated, and again when anything the clocks read about it
    /// changes), when it was evaluated, its next instant (the first moment after that at which its clocks change
    /// with no new history: a warning, due or escalation time, a history entry dated in the future, the retention
    /// horizon passing an episode's start; NULL when there is none) and its episodes counted by state. Triggers
    /// keep `dirty` true to the history whatever code writes it: a lead inserted, a clock-relevant column of a lead
    /// changed, an interaction, stage or owner change, address, meeting or attendee written or deleted. Deleting a
    /// lead deletes its row, so that a reused id starts dirty.
    static let clockState = Migration(
        name: "clock state",
        sql: """
            CREATE TABLE clock_state (
                lead_id INTEGER PRIMARY KEY,
                dirty INTEGER NOT NULL DEFAULT 1 CHECK (dirty = 0 OR dirty = 1),
                evaluated_at INTEGER,
                next_at INTEGER,
                running INTEGER NOT NULL DEFAULT 0 CHECK (running >= 0),
                warning INTEGER NOT NULL DEFAULT 0 CHECK (warning >= 0),
                breached INTEGER NOT NULL DEFAULT 0 CHECK (breached >= 0),
                paused INTEGER NOT NULL DEFAULT 0 CHECK (paused >= 0),
                met INTEGER NOT NULL DEFAULT 0 CHECK (met >= 0),
                met_late INTEGER NOT NULL DEFAULT 0 CHECK (met_late >= 0),
                cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled >= 0)
            );
            INSERT INTO clock_state (lead_id) SELECT id FROM leads;
            CREATE INDEX clock_state_dirty ON clock_state(lead_id) WHERE dirty = 1;
            CREATE INDEX clock_state_next ON clock_state(next_at) WHERE next_at IS NOT NULL;

            CREATE TRIGGER clock_lead_inserted AFTER INSERT ON leads BEGIN
                INSERT OR REPLACE INTO clock_state (lead_id) VALUES (NEW.id);
            END;
            CREATE TRIGGER clock_lead_deleted AFTER DELETE ON leads BEGIN
                DELETE FROM clock_state WHERE lead_id = OLD.id;
            END;
            CREATE TRIGGER clock_lead_changed AFTER UPDATE OF source, owner_email, created_at, mql_at, assigned_at
                ON leads
                WHEN OLD.source IS NOT NEW.source OR OLD.owner_email IS NOT NEW.owner_email
                    OR OLD.created_at IS NOT NEW.created_at OR OLD.mql_at IS NOT NEW.mql_at
                    OR OLD.assigned_at IS NOT NEW.assigned_at
            BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.id AND dirty = 0;
            END;

            CREATE TRIGGER clock_interaction_inserted AFTER INSERT ON interactions BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.lead_id AND dirty = 0;
            END;
            \(interactionTriggers)
            CREATE TRIGGER clock_stage_inserted AFTER INSERT ON stage_history BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.lead_id AND dirty = 0;
            END;
            CREATE TRIGGER clock_stage_changed AFTER UPDATE ON stage_history BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id) AND dirty = 0;
            END;
            CREATE TRIGGER clock_stage_deleted AFTER DELETE ON stage_history BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id = OLD.lead_id AND dirty = 0;
            END;
            CREATE TRIGGER clock_owner_inserted AFTER INSERT ON owner_history BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.lead_id AND dirty = 0;
            END;
            CREATE TRIGGER clock_owner_changed AFTER UPDATE ON owner_history BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id) AND dirty = 0;
            END;
            CREATE TRIGGER clock_owner_deleted AFTER DELETE ON owner_history BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id = OLD.lead_id AND dirty = 0;
            END;

            -- A lead's addresses decide whether it declined a meeting.
            CREATE TRIGGER clock_address_inserted AFTER INSERT ON lead_addresses BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.lead_id AND dirty = 0;
            END;
            CREATE TRIGGER clock_address_changed AFTER UPDATE ON lead_addresses BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id) AND dirty = 0;
            END;
            CREATE TRIGGER clock_address_deleted AFTER DELETE ON lead_addresses BEGIN
                UPDATE clock_state SET dirty = 1 WHERE lead_id = OLD.lead_id AND dirty = 0;
            END;

            \(meetingTriggers)
            """)

    /// The triggers on `interactions` that mark a lead whose interaction changed or went (the one on inserted rows
    /// was dropped by the fourteenth migration); a rebuild of the table recreates them.
    static let interactionTriggers = """
        CREATE TRIGGER clock_interaction_changed AFTER UPDATE ON interactions BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id) AND dirty = 0;
        END;
        CREATE TRIGGER clock_interaction_deleted AFTER DELETE ON interactions BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = OLD.lead_id AND dirty = 0;
        END;
        """

    /// The triggers that reach a meeting's leads through `interactions`; a rebuild of that table drops and
    /// recreates them (SQLite checks every trigger's body when a table is renamed).
    static let meetingTriggers = """
        -- A meeting's end and status, and its attendees' answers, are read through the leads' interactions.
        CREATE TRIGGER clock_meeting_changed AFTER UPDATE ON meetings BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id IN (OLD.id, NEW.id));
        END;
        CREATE TRIGGER clock_meeting_deleted BEFORE DELETE ON meetings BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id = OLD.id);
        END;
        CREATE TRIGGER clock_attendee_inserted AFTER INSERT ON meeting_attendees BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id = NEW.meeting_id);
        END;
        CREATE TRIGGER clock_attendee_changed AFTER UPDATE ON meeting_attendees BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id IN (OLD.meeting_id, NEW.meeting_id));
        END;
        CREATE TRIGGER clock_attendee_deleted AFTER DELETE ON meeting_attendees BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id = OLD.meeting_id);
        END;
        """
}
