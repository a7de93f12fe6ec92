/// How a scan handled a message, as `messages.outcome` spells it.
public enum MessageOutcome: String, Sendable, CaseIterable, Codable {
    /// Stored before matching decided (never left so after a scan's batch commits).
    case pending
    /// At least one interaction with a lead.
    case matched
    /// Only reps and colleagues took part.
    case `internal`
    /// Bulk mail: never logged.
    case bulk
    /// No lead, rep or known domain took part.
    case noKnownParty = "no_known_party"
    /// A blocklisted sender or a forgotten person.
    case blocklisted
    /// An alert Baton sent itself, seen again in a mailbox.
    case loop
    /// Read from no rep's mailbox (a journal copy, a mailbox without `rep`) with no rep among its parties: mail of
    /// the company, not of its sales team.
    case notSalesTeam = "not_sales_team"
}
