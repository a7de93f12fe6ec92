extension PostgresSchema {
    /// The `match_*` triggers of schema version 12.
    static let matchTriggers = #"""
        CREATE OR REPLACE FUNCTION match_lead_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_lead_inserted AFTER INSERT ON leads
            FOR EACH ROW
            EXECUTE FUNCTION match_lead_inserted_fn();

        CREATE OR REPLACE FUNCTION match_lead_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_lead_deleted AFTER DELETE ON leads
            FOR EACH ROW
            EXECUTE FUNCTION match_lead_deleted_fn();

        CREATE OR REPLACE FUNCTION match_lead_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_lead_changed AFTER UPDATE OF company_domain, owner_email ON leads
            FOR EACH ROW
            WHEN (OLD.company_domain IS DISTINCT FROM NEW.company_domain OR OLD.owner_email IS DISTINCT FROM NEW.owner_email)
            EXECUTE FUNCTION match_lead_changed_fn();

        CREATE OR REPLACE FUNCTION match_lead_address_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_lead_address_inserted AFTER INSERT ON lead_addresses
            FOR EACH ROW
            EXECUTE FUNCTION match_lead_address_inserted_fn();

        CREATE OR REPLACE FUNCTION match_lead_address_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_lead_address_changed AFTER UPDATE ON lead_addresses
            FOR EACH ROW
            EXECUTE FUNCTION match_lead_address_changed_fn();

        CREATE OR REPLACE FUNCTION match_lead_address_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_lead_address_deleted AFTER DELETE ON lead_addresses
            FOR EACH ROW
            EXECUTE FUNCTION match_lead_address_deleted_fn();

        CREATE OR REPLACE FUNCTION match_rep_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_rep_inserted AFTER INSERT ON reps
            FOR EACH ROW
            EXECUTE FUNCTION match_rep_inserted_fn();

        CREATE OR REPLACE FUNCTION match_rep_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_rep_deleted AFTER DELETE ON reps
            FOR EACH ROW
            EXECUTE FUNCTION match_rep_deleted_fn();

        CREATE OR REPLACE FUNCTION match_rep_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_rep_changed AFTER UPDATE OF email, timezone ON reps
            FOR EACH ROW
            WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.timezone IS DISTINCT FROM NEW.timezone)
            EXECUTE FUNCTION match_rep_changed_fn();

        CREATE OR REPLACE FUNCTION match_rep_address_inserted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_rep_address_inserted AFTER INSERT ON rep_addresses
            FOR EACH ROW
            EXECUTE FUNCTION match_rep_address_inserted_fn();

        CREATE OR REPLACE FUNCTION match_rep_address_changed_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_rep_address_changed AFTER UPDATE ON rep_addresses
            FOR EACH ROW
            EXECUTE FUNCTION match_rep_address_changed_fn();

        CREATE OR REPLACE FUNCTION match_rep_address_deleted_fn() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE match_inputs SET generation = generation + 1;
            RETURN NULL;
        END;
        $$;
        CREATE TRIGGER match_rep_address_deleted AFTER DELETE ON rep_addresses
            FOR EACH ROW
            EXECUTE FUNCTION match_rep_address_deleted_fn();
        """#
}
