extension Migrations {
    /// The eighteenth: the match snapshot's leads by the keys of their addresses. A scan that finds the leads and the
    /// matching rules unchanged since the last match (the everyday five-minute scan) looks up the leads of a new
    /// message's addresses here, by an index, instead of loading every lead: what such a scan costs then grows with
    /// the new mail, not with the leads stored.
    ///
    /// `match_keys` holds one row per lead and address key (an address in the form the matching rules compare:
    /// case folded, a subaddress or Gmail's dots dropped when the configuration says so). It is written with the
    /// snapshot's lines (`People.setMatchLines`, `replaceMatchLines`) by the directory that made them, and is only
    /// read while the settings say it was written for the matching inputs of today (`match_lookup`). Like
    /// `match_leads`, it has no foreign key; `baton forget` deletes a forgotten lead's rows.
    static let matchKeys = Migration(
        name: "match keys",
        sql: """
            CREATE TABLE match_keys (
                key TEXT NOT NULL,
                lead_id INTEGER NOT NULL,
                PRIMARY KEY (key, lead_id)
            ) WITHOUT ROWID;
            CREATE INDEX match_keys_lead ON match_keys(lead_id);
            """)
}
