extension Migrations {
    /// The seventeenth: `message_addresses` is kept in its primary key's order (`WITHOUT ROWID`). A rowid table kept
    /// every address twice, once in the table and once in the index of its key (message, role, position), and each
    /// insert wrote both; now the key's b-tree is the table. A query by message finds its rows through the key as
    /// before, in the same order. SQLite cannot change a table's kind in place, so it is rebuilt (created, filled, the
    /// old one dropped, the new one renamed); no other table refers to it and no trigger reads it. PostgreSQL's
    /// table has no rowid to drop: its migration 17 changes nothing (`PostgresSchema.migrations`).
    static let addressKeys = Migration(
        name: "message addresses kept in key order",
        sql: """
            CREATE TABLE new_message_addresses (
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role = 'from' OR role = 'to' OR role = 'cc' OR role = 'bcc'),
                position INTEGER NOT NULL,
                address TEXT NOT NULL,
                name TEXT,
                PRIMARY KEY (message_id, role, position)
            ) WITHOUT ROWID;
            INSERT INTO new_message_addresses SELECT message_id, role, position, address, name FROM message_addresses;
            DROP TABLE message_addresses;
            ALTER TABLE new_message_addresses RENAME TO message_addresses;
            """)
}
