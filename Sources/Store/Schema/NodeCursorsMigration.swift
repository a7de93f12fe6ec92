import BatonCore

extension Migrations {
    /// The thirteenth: cursors belong to a node. On a shared PostgreSQL store every host keeps its own cursors
    /// (a path names a file of that host, and two hosts may both have a `/var/mail/ann`), so `source_state` and
    /// `maildir_seen` gain a `node` column that leads their keys: the configuration's `node`, or the host's name
    /// when it sets none. A single-host store keeps the empty name. SQLite cannot change a primary key in place, so
    /// both tables are rebuilt as `Migration6.swift` rebuilds tables (created anew, filled from the old one, the old
    /// one dropped, the new one renamed); nothing refers to them.
    static let nodeCursors = Migration(
        name: "cursors per node",
        sql: """
            CREATE TABLE new_source_state (
                node TEXT NOT NULL DEFAULT '',
                path TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type = 'mbox' OR type = 'maildir' OR type = 'drop' OR type = 'journal'
                    OR type = 'calendar'),
                device INTEGER,
                inode INTEGER,
                size INTEGER,
                mtime_ns INTEGER,
                offset INTEGER NOT NULL DEFAULT 0,
                fingerprint TEXT,
                content_hash TEXT,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (node, path)
            );
            INSERT INTO new_source_state SELECT '', path, type, device, inode, size, mtime_ns, offset, fingerprint,
                content_hash, updated_at FROM source_state;
            DROP TABLE source_state;
            ALTER TABLE new_source_state RENAME TO source_state;

            CREATE TABLE new_maildir_seen (
                node TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL,
                unique_name TEXT NOT NULL,
                PRIMARY KEY (node, source, unique_name)
            ) WITHOUT ROWID;
            INSERT INTO new_maildir_seen SELECT '', source, unique_name FROM maildir_seen;
            DROP TABLE maildir_seen;
            ALTER TABLE new_maildir_seen RENAME TO maildir_seen;
            """)
}
