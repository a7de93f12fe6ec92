/// What an interaction is, as `interactions.type` spells it.
public enum InteractionType: String, Sendable, CaseIterable, Codable {
    /// An email between a rep and the lead.
    case email
    /// A meeting with the lead.
    case meeting
    /// A touch a rep logged by hand (`baton lead touch`).
    case manual
}
