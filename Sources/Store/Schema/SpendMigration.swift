import BatonCore

extension Migrations {
    /// Marketing's spend per source and month (`baton spend import`, `crm.spend_file`): one row per source, month
    /// and currency, the amount in whole minor units of that currency (never a float), and the time of the import
    /// that last wrote it. `imports.kind` may be `spend`: the column's `CHECK` lists its words, which SQLite cannot
    /// change in place, so `imports` is rebuilt as `Migration6.swift` rebuilds tables (created anew, filled from the
    /// old one, the old one dropped, the new one renamed); the history tables keep referring to it by name.
    static let marketingSpend = Migration(
        name: "marketing spend",
        sql: """
            CREATE TABLE new_imports (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind = 'leads' OR kind = 'reps' OR kind = 'spend'),
                file TEXT NOT NULL,
                imported_at INTEGER NOT NULL,
                inserted INTEGER NOT NULL,
                updated INTEGER NOT NULL,
                unchanged INTEGER NOT NULL,
                rejected INTEGER NOT NULL
            );
            INSERT INTO new_imports SELECT id, kind, file, imported_at, inserted, updated, unchanged, rejected
                FROM imports;
            DROP TABLE imports;
            ALTER TABLE new_imports RENAME TO imports;

            CREATE TABLE spend (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL CHECK (source <> ''),
                month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
                amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                imported_at INTEGER NOT NULL,
                UNIQUE (source, month, currency)
            );
            CREATE INDEX spend_month ON spend(month);
            """,
        rebuildsTables: true)
}
