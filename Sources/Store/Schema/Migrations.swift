import BatonCore

/// One step of the schema, applied once; its index + 1 is the `user_version` it leaves.
public struct Migration: Sendable {
    /// A name for logs and tests.
    public let name: String
    /// The DDL it runs.
    public let sql: String
    /// Whether it rebuilds tables that others reference: foreign keys are then off while it runs (a dropped
    /// parent would cascade its deletes) and checked before the transaction commits.
    public let rebuildsTables: Bool

    /// A step named `name` running `sql`.
    public init(name: String, sql: String, rebuildsTables: Bool = false) {
        self.name = name
        self.sql = sql
        self.rebuildsTables = rebuildsTables
    }
}

/// The ordered list of migrations; append, never edit a released one.
public enum Migrations {
    /// Every migration, oldest first.
    public static let all: [Migration] = [
        Migration(
            name: "reps and leads",
            sql: """
                CREATE TABLE reps (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    name TEXT,
                    team TEXT,
                    manager_email TEXT,
                    timezone TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE rep_addresses (
                    address TEXT PRIMARY KEY,
                    rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL
                );
                CREATE INDEX rep_addresses_rep ON rep_addresses(rep_id);
                CREATE TABLE leads (
                    id INTEGER PRIMARY KEY,
                    external_id TEXT UNIQUE,
                    name TEXT,
                    company TEXT,
                    company_domain TEXT,
                    source TEXT,
                    stage TEXT NOT NULL,
                    owner_email TEXT,
                    created_at INTEGER,
                    mql_at INTEGER,
                    assigned_at INTEGER,
                    imported_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX leads_company_domain ON leads(company_domain);
                CREATE TABLE lead_addresses (
                    address TEXT PRIMARY KEY,
                    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL
                );
                CREATE INDEX lead_addresses_lead ON lead_addresses(lead_id);
                """),
        Migration(
            name: "imports, stage and owner history",
            sql: """
                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('leads', 'reps')),
                    file TEXT NOT NULL,
                    imported_at INTEGER NOT NULL,
                    inserted INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL,
                    rejected INTEGER NOT NULL
                );
                CREATE TABLE stage_history (
                    id INTEGER PRIMARY KEY,
                    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                    old_stage TEXT,
                    new_stage TEXT NOT NULL,
                    changed_at INTEGER NOT NULL,
                    import_id INTEGER REFERENCES imports(id)
                );
                CREATE INDEX stage_history_lead ON stage_history(lead_id, changed_at);
                CREATE TABLE owner_history (
                    id INTEGER PRIMARY KEY,
                    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                    old_owner TEXT,
                    new_owner TEXT,
                    changed_at INTEGER NOT NULL,
                    import_id INTEGER REFERENCES imports(id)
                );
                CREATE INDEX owner_history_lead ON owner_history(lead_id, changed_at);
                """),
        Migration(
            name: "ingestion: sources, messages, sightings, interactions, meetings",
            sql: """
                CREATE TABLE source_state (
                    path TEXT PRIMARY KEY,
                    type TEXT NOT NULL,
                    device INTEGER,
                    inode INTEGER,
                    size INTEGER,
                    mtime_ns INTEGER,
                    offset INTEGER NOT NULL DEFAULT 0,
                    fingerprint TEXT,
                    content_hash TEXT,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE maildir_seen (
                    source TEXT NOT NULL,
                    unique_name TEXT NOT NULL,
                    PRIMARY KEY (source, unique_name)
                ) WITHOUT ROWID;
                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY,
                    dedupe_key TEXT NOT NULL UNIQUE,
                    message_id TEXT,
                    sent_at INTEGER,
                    time_source TEXT NOT NULL,
                    from_address TEXT,
                    subject TEXT,
                    subject_key TEXT,
                    kind TEXT NOT NULL,
                    mailbox_rep TEXT,
                    failed_recipients TEXT,
                    outcome TEXT NOT NULL,
                    outcome_detail TEXT,
                    scanned_at INTEGER NOT NULL
                );
                CREATE INDEX messages_fuzzy ON messages(from_address, subject_key, sent_at);
                CREATE TABLE message_addresses (
                    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    address TEXT NOT NULL,
                    name TEXT,
                    PRIMARY KEY (message_id, role, position)
                );
                CREATE TABLE message_refs (
                    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    ref TEXT NOT NULL,
                    PRIMARY KEY (message_id, ref)
                );
                CREATE TABLE sightings (
                    id INTEGER PRIMARY KEY,
                    message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
                    meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
                    source TEXT NOT NULL,
                    location TEXT NOT NULL,
                    seen_at INTEGER NOT NULL
                );
                -- NULLs are distinct in a UNIQUE constraint: index the ids with a stand-in instead.
                CREATE UNIQUE INDEX sightings_unique
                    ON sightings(IFNULL(message_id, -1), IFNULL(meeting_id, -1), source, location);
                CREATE INDEX sightings_meeting ON sightings(meeting_id) WHERE meeting_id IS NOT NULL;
                CREATE TABLE meetings (
                    id INTEGER PRIMARY KEY,
                    uid TEXT NOT NULL,
                    recurrence_id TEXT NOT NULL,
                    start_at INTEGER NOT NULL,
                    end_at INTEGER NOT NULL,
                    summary TEXT,
                    organizer TEXT,
                    status TEXT NOT NULL,
                    sequence INTEGER NOT NULL,
                    stamp INTEGER,
                    UNIQUE (uid, recurrence_id)
                );
                CREATE TABLE meeting_attendees (
                    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
                    address TEXT NOT NULL,
                    name TEXT,
                    partstat TEXT NOT NULL,
                    role TEXT NOT NULL,
                    PRIMARY KEY (meeting_id, address)
                );
                CREATE TABLE interactions (
                    id INTEGER PRIMARY KEY,
                    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                    type TEXT NOT NULL CHECK (type IN ('email', 'meeting', 'manual')),
                    message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
                    meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
                    direction TEXT,
                    rep TEXT,
                    time INTEGER NOT NULL,
                    kind TEXT,
                    match TEXT NOT NULL,
                    note TEXT,
                    UNIQUE (message_id, lead_id),
                    UNIQUE (meeting_id, lead_id)
                );
                CREATE INDEX interactions_lead ON interactions(lead_id, time);
                CREATE TABLE undeliverable_addresses (
                    address TEXT PRIMARY KEY,
                    message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
                    since INTEGER NOT NULL
                );
                CREATE TABLE calendar_inputs (
                    source TEXT NOT NULL,
                    location TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    content BLOB NOT NULL,
                    PRIMARY KEY (source, location)
                );
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """),
        Migration(
            name: "notification outbox",
            sql: """
                -- One row per notification (a clock episode and level, or a digest), committed before delivery;
                -- `key` makes "at most once" a constraint, not a promise.
                CREATE TABLE notifications (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL CHECK (kind IN ('alert', 'digest')),
                    lead_id INTEGER REFERENCES leads(id) ON DELETE CASCADE,
                    policy TEXT,
                    clock TEXT,
                    episode INTEGER,
                    episode_started_at INTEGER,
                    due_at INTEGER,
                    level TEXT NOT NULL,
                    escalation INTEGER,
                    to_addresses TEXT NOT NULL,
                    cc_addresses TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'cancelled')),
                    created_at INTEGER NOT NULL,
                    not_before INTEGER NOT NULL,
                    next_attempt_at INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    message_id TEXT NOT NULL,
                    content BLOB,
                    sent_at INTEGER,
                    digest_id INTEGER REFERENCES notifications(id)
                );
                CREATE INDEX notifications_state ON notifications(state, not_before);
                CREATE INDEX notifications_lead ON notifications(lead_id, created_at);
                CREATE INDEX notifications_digest ON notifications(digest_id) WHERE digest_id IS NOT NULL;
                """),
        Migration(
            name: "privacy: forgotten people, tombstones",
            sql: """
                -- A salted hash of each normalized address `baton forget` erased: later scans and imports skip them
                -- without the store keeping the address itself.
                CREATE TABLE forgotten_addresses (
                    hash TEXT PRIMARY KEY,
                    forgotten_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                -- Random per store, so that a hash cannot be looked up in a table built for another store.
                INSERT INTO settings (key, value) VALUES ('forget_salt', lower(hex(randomblob(16))))
                    ON CONFLICT (key) DO NOTHING;
                -- A tombstone keeps a notification's key and state (it is never sent again) with its content erased.
                ALTER TABLE notifications ADD COLUMN tombstoned_at INTEGER;
                CREATE INDEX messages_sent ON messages(sent_at);
                CREATE INDEX meetings_end ON meetings(end_at);
                """),
        vocabularyChecks,
        journalSources,
        dealValues,
        marketingSpend,
        clockState, matchInputs, orphanIndex, nodeCursors, clockMarks, interactionKeys, matchSnapshot, addressKeys,
        matchKeys,
    ]

    /// The schema version `migration`, one of `all`, leaves (its place in `all`, counting from 1).
    static func version(of migration: Migration) -> Int {
        all.firstIndex { $0.name == migration.name }! + 1
    }

    /// The `user_version` this build writes.
    public static var currentVersion: Int { all.count }

    /// Brings `database` to `target` (default: the current version) in one `BEGIN IMMEDIATE` transaction;
    /// a store from a newer Baton is refused untouched.
    public static func migrate(_ database: SQLiteDatabase, to target: Int = currentVersion) throws {
        let found = Int(try database.scalar("PRAGMA user_version")?.int64 ?? 0)
        if found > currentVersion { throw newer(database, found) }
        if found >= target { return }
        // `PRAGMA foreign_keys` is a no-op inside a transaction, so it is switched around it.
        let rebuilds = all[found..<target].contains(where: \.rebuildsTables)
        if rebuilds { try database.execute("PRAGMA foreign_keys=OFF") }
        defer { if rebuilds { try? database.execute("PRAGMA foreign_keys=ON") } }
        try database.transaction {
            // Another process may have migrated while this one waited for the write lock.
            let version = Int(try database.scalar("PRAGMA user_version")?.int64 ?? 0)
            if version > currentVersion { throw newer(database, version) }
            guard version < target else { return }
            for migration in all[version..<target] {
                try database.executeScript(migration.sql)
            }
            if rebuilds, let broken = try database.query("PRAGMA foreign_key_check").first {
                throw StoreError(
                    kind: .sqlite(code: 787), path: database.path,
                    message:
                        "migration left a row of \(broken.text("table") ?? "?") pointing at a missing \(broken.text("parent") ?? "?")"
                )
            }
            // PRAGMA takes no bound parameters; `target` is an integer from this build, never input.
            try database.execute("PRAGMA user_version = \(target)")
        }
    }

    private static func newer(_ database: SQLiteDatabase, _ found: Int) -> StoreError {
        StoreError(
            kind: .newerVersion(found: found, supported: currentVersion), path: database.path,
            message: "written by a newer Baton (schema version \(found); this one knows \(currentVersion)); "
                + "upgrade Baton, the store was not modified")
    }
}
