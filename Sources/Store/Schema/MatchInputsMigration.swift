extension Migrations {
    /// The eleventh: a counter that every change to what matching reads raises, so that a scan can tell in one
    /// query whether the stored matches may be stale, instead of loading every lead to hash them.
    ///
    /// `match_inputs` holds one row; triggers raise its `generation` whatever code writes the directory: a lead
    /// inserted or deleted, its company domain or owner changed, a lead address or a rep address written or
    /// deleted, a rep inserted, deleted, or given another address or zone.
    static let matchInputs = Migration(
        name: "match inputs",
        sql: """
            CREATE TABLE match_inputs (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                generation INTEGER NOT NULL
            );
            INSERT INTO match_inputs (id, generation) VALUES (1, 0);

            CREATE TRIGGER match_lead_inserted AFTER INSERT ON leads BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_lead_deleted AFTER DELETE ON leads BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_lead_changed AFTER UPDATE OF company_domain, owner_email ON leads
                WHEN OLD.company_domain IS NOT NEW.company_domain OR OLD.owner_email IS NOT NEW.owner_email
            BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_lead_address_inserted AFTER INSERT ON lead_addresses BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_lead_address_changed AFTER UPDATE ON lead_addresses BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_lead_address_deleted AFTER DELETE ON lead_addresses BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_rep_inserted AFTER INSERT ON reps BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_rep_deleted AFTER DELETE ON reps BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_rep_changed AFTER UPDATE OF email, timezone ON reps
                WHEN OLD.email IS NOT NEW.email OR OLD.timezone IS NOT NEW.timezone
            BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_rep_address_inserted AFTER INSERT ON rep_addresses BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_rep_address_changed AFTER UPDATE ON rep_addresses BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            CREATE TRIGGER match_rep_address_deleted AFTER DELETE ON rep_addresses BEGIN
                UPDATE match_inputs SET generation = generation + 1;
            END;
            """)

    /// The twelfth: a partial index of the messages that matched no known party, so that a scan with new mail
    /// finds the orphans to match again by thread without reading every message.
    static let orphanIndex = Migration(
        name: "orphan index",
        sql: "CREATE INDEX messages_orphans ON messages(id) WHERE outcome = 'no_known_party';")
}
