extension PostgresSchema {
    /// The schema's triggers as PL/pgSQL functions, with the same events, columns and conditions as SQLite's: these
    /// mark a lead's clock state dirty (`clockTriggers`), the others raise the match directory's generation.
    static var triggers: String { clockTriggers + matchTriggers }

    /// The `clock_*` triggers of schema version 12.
    static let clockTriggers = #"""
        -- PostgreSQL translation of the 32 SQLite triggers of schema version 12.
        -- Created after the tables. Each SQLite trigger <name> becomes a PL/pgSQL function
        -- <name>_fn() plus CREATE TRIGGER <name> with the same timing, event, UPDATE OF
        -- column list and WHEN condition. SQLite only has row-level triggers, so all are
        -- FOR EACH ROW.
        --
        -- Firing order: SQLite runs several triggers on the same event in an
        -- unspecified (in practice reverse-creation) order; PostgreSQL runs them in
        -- name order. The clock_* triggers only write clock_state and the match_*
        -- triggers only write match_inputs, so the order is not observable.
        --
        -- FK cascades: deleting a lead (or meeting/message) cascades in both engines
        -- and the child tables' triggers fire in both. In SQLite the cascade runs before
        -- the parent's AFTER DELETE triggers; in PostgreSQL the cascade is itself an AFTER
        -- ROW system trigger ("RI_ConstraintTrigger_a_*", fired first by name order).
        -- Either way the children's triggers only touch the deleted lead's clock_state
        -- row, which clock_lead_deleted removes, so the end state is identical.
        --
        -- Return value: AFTER row triggers ignore it (RETURN NULL); the one BEFORE DELETE
        -- trigger returns OLD so the delete goes ahead.


        -- SQLite: INSERT OR REPLACE INTO clock_state (lead_id) VALUES (NEW.id).
        -- REPLACE deletes the conflicting row and inserts a fresh one, so every other
        -- column goes back to its DEFAULT (NULL for evaluated_at/next_at); the
        -- DO UPDATE below resets all columns to reproduce that. clock_state has no
        -- triggers, so REPLACE's implicit delete has no other observable effect.
        CREATE OR REPLACE FUNCTION clock_lead_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO clock_state (lead_id) VALUES (NEW.id)
                ON CONFLICT (lead_id) DO UPDATE SET
                    dirty = DEFAULT, evaluated_at = DEFAULT, next_at = DEFAULT, running = DEFAULT,
                    warning = DEFAULT, breached = DEFAULT, paused = DEFAULT, met = DEFAULT,
                    met_late = DEFAULT, cancelled = DEFAULT;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_lead_inserted AFTER INSERT ON leads
            FOR EACH ROW
            EXECUTE FUNCTION clock_lead_inserted_fn();

        CREATE OR REPLACE FUNCTION clock_lead_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM clock_state WHERE lead_id = OLD.id;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_lead_deleted AFTER DELETE ON leads
            FOR EACH ROW
            EXECUTE FUNCTION clock_lead_deleted_fn();

        -- SQLite `a IS NOT b` (null-safe) -> `a IS DISTINCT FROM b`.
        CREATE OR REPLACE FUNCTION clock_lead_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.id AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_lead_changed AFTER UPDATE OF source, owner_email, created_at, mql_at, assigned_at ON leads
            FOR EACH ROW
            WHEN (OLD.source IS DISTINCT FROM NEW.source OR OLD.owner_email IS DISTINCT FROM NEW.owner_email
                OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.mql_at IS DISTINCT FROM NEW.mql_at
                OR OLD.assigned_at IS DISTINCT FROM NEW.assigned_at)
            EXECUTE FUNCTION clock_lead_changed_fn();

        CREATE OR REPLACE FUNCTION clock_interaction_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.lead_id AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_interaction_inserted AFTER INSERT ON interactions
            FOR EACH ROW
            EXECUTE FUNCTION clock_interaction_inserted_fn();

        CREATE OR REPLACE FUNCTION clock_interaction_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id) AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_interaction_changed AFTER UPDATE ON interactions
            FOR EACH ROW
            EXECUTE FUNCTION clock_interaction_changed_fn();

        CREATE OR REPLACE FUNCTION clock_interaction_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = OLD.lead_id AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_interaction_deleted AFTER DELETE ON interactions
            FOR EACH ROW
            EXECUTE FUNCTION clock_interaction_deleted_fn();

        CREATE OR REPLACE FUNCTION clock_stage_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.lead_id AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_stage_inserted AFTER INSERT ON stage_history
            FOR EACH ROW
            EXECUTE FUNCTION clock_stage_inserted_fn();

        CREATE OR REPLACE FUNCTION clock_stage_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id) AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_stage_changed AFTER UPDATE ON stage_history
            FOR EACH ROW
            EXECUTE FUNCTION clock_stage_changed_fn();

        CREATE OR REPLACE FUNCTION clock_stage_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = OLD.lead_id AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_stage_deleted AFTER DELETE ON stage_history
            FOR EACH ROW
            EXECUTE FUNCTION clock_stage_deleted_fn();

        CREATE OR REPLACE FUNCTION clock_owner_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.lead_id AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_owner_inserted AFTER INSERT ON owner_history
            FOR EACH ROW
            EXECUTE FUNCTION clock_owner_inserted_fn();

        CREATE OR REPLACE FUNCTION clock_owner_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id) AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_owner_changed AFTER UPDATE ON owner_history
            FOR EACH ROW
            EXECUTE FUNCTION clock_owner_changed_fn();

        CREATE OR REPLACE FUNCTION clock_owner_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = OLD.lead_id AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_owner_deleted AFTER DELETE ON owner_history
            FOR EACH ROW
            EXECUTE FUNCTION clock_owner_deleted_fn();

        CREATE OR REPLACE FUNCTION clock_address_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = NEW.lead_id AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_address_inserted AFTER INSERT ON lead_addresses
            FOR EACH ROW
            EXECUTE FUNCTION clock_address_inserted_fn();

        CREATE OR REPLACE FUNCTION clock_address_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id) AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_address_changed AFTER UPDATE ON lead_addresses
            FOR EACH ROW
            EXECUTE FUNCTION clock_address_changed_fn();

        CREATE OR REPLACE FUNCTION clock_address_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE lead_id = OLD.lead_id AND dirty = 0;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_address_deleted AFTER DELETE ON lead_addresses
            FOR EACH ROW
            EXECUTE FUNCTION clock_address_deleted_fn();

        CREATE OR REPLACE FUNCTION clock_meeting_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id IN (OLD.id, NEW.id));
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_meeting_changed AFTER UPDATE ON meetings
            FOR EACH ROW
            EXECUTE FUNCTION clock_meeting_changed_fn();

        -- BEFORE DELETE: must run while the meeting's interactions still exist (they are
        -- removed by the ON DELETE CASCADE). A BEFORE ROW trigger function must RETURN OLD
        -- for the delete to proceed (SQLite BEFORE triggers cannot cancel by return value).
        CREATE OR REPLACE FUNCTION clock_meeting_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id = OLD.id);
            RETURN OLD;
        END;
        $$;
        CREATE TRIGGER clock_meeting_deleted BEFORE DELETE ON meetings
            FOR EACH ROW
            EXECUTE FUNCTION clock_meeting_deleted_fn();

        CREATE OR REPLACE FUNCTION clock_attendee_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id = NEW.meeting_id);
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_attendee_inserted AFTER INSERT ON meeting_attendees
            FOR EACH ROW
            EXECUTE FUNCTION clock_attendee_inserted_fn();

        CREATE OR REPLACE FUNCTION clock_attendee_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id IN (OLD.meeting_id, NEW.meeting_id));
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_attendee_changed AFTER UPDATE ON meeting_attendees
            FOR EACH ROW
            EXECUTE FUNCTION clock_attendee_changed_fn();

        CREATE OR REPLACE FUNCTION clock_attendee_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE clock_state SET dirty = 1 WHERE dirty = 0
                AND lead_id IN (SELECT lead_id FROM interactions WHERE meeting_id = OLD.meeting_id);
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER clock_attendee_deleted AFTER DELETE ON meeting_attendees
            FOR EACH ROW
            EXECUTE FUNCTION clock_attendee_deleted_fn();
        """#
}
