/// Which way an email went, seen from the rep, as `interactions.direction` spells it.
public enum Direction: String, Sendable, CaseIterable, Codable {
    /// From the lead to a rep.
    case inbound
    /// From a rep to the lead.
    case outbound
}
