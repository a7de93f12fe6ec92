/// The files `baton init` writes: a configuration that is valid as it stands (its sources do not exist yet, so
/// a scan reads nothing and exits 0) and empty CSV files in Baton's own formats, ready for a CRM export.
public enum StarterFiles {
    /// One file `baton init` writes: its name in the folder, its content and its mode.
    public struct File: Sendable, Equatable {
        /// The file's name inside the folder.
        public let name: String
        /// Its content.
        public let content: String
        /// Its permission bits (lowered by the umask).
        public let mode: UInt16
    }

    /// The header of Baton's own reps CSV.
    public static let repsHeader = "email,name,team,manager_email,timezone,aliases"

    /// The header of Baton's own leads CSV.
    public static let leadsHeader =
        "external_id,email,name,company,company_domain,source,stage,owner_email,created_at,mql_at,assigned_at,"
        + "amount,currency,closed_at,rejection_reason"

    /// The starting configuration: every required key and the optional ones most installations change, with
    /// `example.com` placeholders; the store and the CSV files sit beside it.
    public static let config = """
        {
          "store": "baton.sqlite",
          "timezone": "UTC",
          "internal_domains": ["example.com"],
          "sales_addresses": [],
          "auto_create_leads": false,
          "blocklist": [],
          "crm": {"preset": "baton", "reps_file": "reps.csv", "leads_file": "leads.csv"},
          "sources": [
            {"type": "maildir", "path": "mail/ann", "rep": "ann@example.com", "label": "Ann's mailbox"},
            {"type": "drop", "path": "drop"},
            {"type": "calendar", "path": "calendars/*.ics"}
          ],
          "teams": {
            "sales": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:30"}, "holidays": []}
          },
          "policies": [
            {"name": "first-response", "clock": "first_response", "target": "4h", "time": "business",
             "stages": ["mql"], "warn_at": 0.75},
            {"name": "reply", "clock": "reply", "target": "1d", "time": "business",
             "stages": ["mql", "accepted", "sql", "opportunity"]}
          ],
          "alerts": {
            "from": "baton@example.com",
            "fallback_to": "sales-ops@example.com",
            "transport": {"type": "sendmail", "path": "/usr/sbin/sendmail", "timeout": "30s", "max_attempts": 10}
          }
        }

        """

    /// Every file, in the order they are written. The CSV files are 0600: once filled they hold people's data.
    public static let all: [File] = [
        File(name: "baton.json", content: config, mode: 0o644),
        File(name: "reps.csv", content: repsHeader + "\n", mode: 0o600),
        File(name: "leads.csv", content: leadsHeader + "\n", mode: 0o600),
    ]
}
