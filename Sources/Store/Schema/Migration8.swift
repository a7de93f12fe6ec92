import BatonCore

extension Migrations {
    /// Version 8: deal values. A lead gets the CRM's deal amount — whole minor units (`amount_minor`, an INTEGER,
    /// never a float) of an ISO 4217 `currency`, both set or both empty —, when the deal closed and why sales
    /// rejected the lead. A change of amount or of reason is history, as a change of stage or owner is:
    /// `amount_history` and `reason_history` hold each change with the import that brought it. Columns added to
    /// `leads` read NULL on the rows already there, so no table is rebuilt.
    static let dealValues = Migration(
        name: "deal values and their history",
        sql: """
            ALTER TABLE leads ADD COLUMN amount_minor INTEGER
                CHECK (amount_minor IS NULL OR (typeof(amount_minor) = 'integer' AND amount_minor >= 0));
            ALTER TABLE leads ADD COLUMN currency TEXT
                CHECK ((currency IS NULL) = (amount_minor IS NULL)
                    AND (currency IS NULL OR (length(currency) = 3 AND currency = upper(currency))));
            ALTER TABLE leads ADD COLUMN closed_at INTEGER;
            ALTER TABLE leads ADD COLUMN rejection_reason TEXT;
            CREATE TABLE amount_history (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                old_minor INTEGER CHECK (old_minor IS NULL OR typeof(old_minor) = 'integer'),
                old_currency TEXT,
                new_minor INTEGER CHECK (new_minor IS NULL OR typeof(new_minor) = 'integer'),
                new_currency TEXT,
                changed_at INTEGER NOT NULL,
                import_id INTEGER REFERENCES imports(id)
            );
            CREATE INDEX amount_history_lead ON amount_history(lead_id, changed_at);
            CREATE TABLE reason_history (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                old_reason TEXT,
                new_reason TEXT,
                changed_at INTEGER NOT NULL,
                import_id INTEGER REFERENCES imports(id)
            );
            CREATE INDEX reason_history_lead ON reason_history(lead_id, changed_at);
            """)
}
