extension Migrations {
    /// The sixteenth: what each lead looked like to matching when the stored matches were last made, and an index
    /// of the bounces. A change to a few leads in the CRM file then matches again only the messages those leads can
    /// concern, instead of every stored message.
    ///
    /// `match_leads` holds one row per lead: the line the match fingerprint hashes for it (its id, addresses,
    /// company domain and owning rep). It has no foreign key: a deleted lead's row must outlive the lead, so that
    /// the next scan sees it went. `messages_bounces` lists the few messages that name failed recipients, so that
    /// finding the bounces for a lead's address reads no other message.
    static let matchSnapshot = Migration(
        name: "match snapshot",
        sql: """
            CREATE TABLE match_leads (
                lead_id INTEGER PRIMARY KEY,
                line TEXT NOT NULL
            );
            CREATE INDEX messages_bounces ON messages(id) WHERE failed_recipients IS NOT NULL;
            """)
}
