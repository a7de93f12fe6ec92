/// The header an address of a message came from, as `message_addresses.role` spells it.
public enum ParticipantRole: String, Sendable, CaseIterable, Codable {
    /// `From`.
    case from
    /// `To`.
    case to
    /// `Cc`.
    case cc
    /// An envelope recipient of a journal copy named in neither its To nor its Cc: a Bcc'd address, a member of a
    /// distribution list the message was sent to, an address mail was forwarded to.
    case bcc
}
