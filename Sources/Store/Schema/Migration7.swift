import BatonCore

extension Migrations {
    /// Version 7: journal sources. `message_addresses.role` may be `bcc`: an envelope recipient of a journal copy
    /// that is in neither the To nor the Cc of the original (a Bcc'd rep, a distribution list's member). The column
    /// carries a `CHECK` listing its words, which SQLite cannot change in place, so the table is rebuilt as
    /// `Migration6.swift` does: created anew, filled from the old one, the old one dropped, the new one renamed (it
    /// has no index of its own beyond its key).
    static let journalSources = Migration(
        name: "journal sources",
        sql: """
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
