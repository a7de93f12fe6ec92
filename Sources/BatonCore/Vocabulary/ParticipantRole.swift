/// The header an address of a message came from, as `message_addresses.role` spells it.
public enum ParticipantRole: String, Sendable, CaseIterable, Codable {
    /// `From`.
    case from
    /// `To`.
    case to
    /// `Cc`.
    case cc
}
