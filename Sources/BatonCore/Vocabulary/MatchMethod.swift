/// How an interaction was tied to its lead, as `interactions.match` spells it.
public enum MatchMethod: String, Sendable, CaseIterable, Codable {
    /// One of the lead's addresses took part.
    case address
    /// An address at the lead's company domain took part.
    case domain
    /// The message answers one already matched to the lead.
    case thread
    /// A rep logged it by hand.
    case manual
}
