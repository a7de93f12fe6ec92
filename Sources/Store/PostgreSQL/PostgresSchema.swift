import BatonCore

/// The PostgreSQL store's schema: created whole at `baseVersion` (the SQLite store's schema after its twelve
/// migrations, in PostgreSQL's dialect), then migrated by `migrations`, each applied in one transaction and recorded
/// in `schema_migrations`. A database whose highest version is above `currentVersion` was written by a newer Baton:
/// it is refused before anything is written.
enum PostgresSchema {
    /// The version the whole schema is created at.
    static let baseVersion = 12
    /// Migrations after `baseVersion`, in order: (version, DDL).
    static let migrations: [(version: Int, sql: String)] = [
        // Cursors per node (the SQLite store's `Migrations.nodeCursors`): a column leading each cursor's key.
        (
            13,
            """
            ALTER TABLE source_state ADD COLUMN node TEXT COLLATE "C" NOT NULL DEFAULT '';
            ALTER TABLE source_state DROP CONSTRAINT source_state_pkey, ADD PRIMARY KEY (node, path);
            ALTER TABLE maildir_seen ADD COLUMN node TEXT COLLATE "C" NOT NULL DEFAULT '';
            ALTER TABLE maildir_seen DROP CONSTRAINT maildir_seen_pkey, ADD PRIMARY KEY (node, source, unique_name);
            """
        ),
        // The writer marks a lead's clocks when it stores an interaction (`Migrations.clockMarks`).
        (
            14,
            """
            DROP TRIGGER IF EXISTS clock_interaction_inserted ON interactions;
            DROP FUNCTION IF EXISTS clock_interaction_inserted_fn();
            """
        ),
        // The unique keys of `interactions` without their NULL rows (`Migrations.interactionKeys`).
        (
            15,
            """
            ALTER TABLE interactions DROP CONSTRAINT interactions_message_id_lead_id_key,
                DROP CONSTRAINT interactions_meeting_id_lead_id_key;
            CREATE UNIQUE INDEX interactions_message ON interactions(message_id, lead_id) WHERE message_id IS NOT NULL;
            CREATE UNIQUE INDEX interactions_meeting ON interactions(meeting_id, lead_id) WHERE meeting_id IS NOT NULL;
            """
        ),
        // What each lead looked like to matching, and the bounces' index (`Migrations.matchSnapshot`).
        (
            16,
            """
            CREATE TABLE match_leads (
                lead_id BIGINT PRIMARY KEY,
                line TEXT COLLATE "C" NOT NULL
            );
            CREATE INDEX messages_bounces ON messages(id) WHERE failed_recipients IS NOT NULL;
            """
        ),
        // `message_addresses` in its key's order (`Migrations.addressKeys`): SQLite's rowid table became a
        // `WITHOUT ROWID` one; PostgreSQL's tables have no rowid, so the version is recorded and nothing changes.
        (17, "SELECT 1"),
        // The match snapshot's leads by their address keys (`Migrations.matchKeys`).
        (
            18,
            """
            CREATE TABLE match_keys (
                key TEXT COLLATE "C" NOT NULL,
                lead_id BIGINT NOT NULL,
                PRIMARY KEY (key, lead_id)
            );
            CREATE INDEX match_keys_lead ON match_keys(lead_id);
            """
        ),
    ]
    /// The highest version this Baton knows; always the SQLite store's (`Migrations.currentVersion`).
    static var currentVersion: Int { migrations.last?.version ?? baseVersion }

    /// Advisory-lock keys (`pg_advisory_lock`), in a range of Baton's own: "BATN" in ASCII, then a number
    /// (`BatonStore+Leases.swift` says who holds which).
    static let migrationLockKey: Int64 = 0x4241_544E_0000_0001
    static let scanLeaseKey: Int64 = 0x4241_544E_0000_0002
    static let writeLockKey: Int64 = 0x4241_544E_0000_0003
    static let storeWideLeaseKey: Int64 = 0x4241_544E_0000_0004
    /// A node's lease is a lock of the two-number kind, a space apart from the one-number keys: "BATN", then a
    /// hash of the node's name.
    static let nodeLeaseClass: Int32 = 0x4241_544E

    /// Creates or migrates the schema; several hosts opening a new database at once take turns (an advisory lock
    /// held for the transaction).
    static func migrate(_ database: PostgresDatabase) throws {
        try database.transaction {
            try database.execute("SELECT pg_advisory_xact_lock(?)", migrationLockKey)
            let exists = try database.scalar("SELECT to_regclass('schema_migrations') IS NOT NULL")?.int64 == 1
            let found = exists ? Int(try database.scalar("SELECT max(version) FROM schema_migrations")?.int64 ?? 0) : 0
            if found > currentVersion {
                throw StoreError(
                    kind: .newerVersion(found: found, supported: currentVersion), path: database.path,
                    message:
                        "written by a newer Baton (schema version \(found); this one knows \(currentVersion)); "
                        + "upgrade Baton, the database was not modified")
            }
            if found == 0 {
                try database.executeScript(tables)
                try database.executeScript(triggers)
                try database.executeScript(
                    """
                    CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
                    INSERT INTO schema_migrations (version) VALUES (\(baseVersion));
                    INSERT INTO settings (key, value) VALUES ('forget_salt', md5(random()::text || clock_timestamp()::text));
                    INSERT INTO match_inputs (id, generation) VALUES (1, 0);
                    """)
            }
            for migration in migrations where migration.version > max(found, baseVersion) {
                try database.executeScript(migration.sql)
                try database.execute("INSERT INTO schema_migrations (version) VALUES (?)", migration.version)
            }
        }
    }
}
