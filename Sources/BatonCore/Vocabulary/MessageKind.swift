/// What sort of mail a stored message is, as the store's `messages.kind` and `interactions.kind` spell it.
public enum MessageKind: String, Sendable, CaseIterable, Codable {
    /// Mail written by a person.
    case message
    /// An out-of-office or other automatic reply.
    case autoReply = "auto_reply"
    /// A delivery failure report.
    case bounce
    /// A newsletter or list mail: never logged as an interaction.
    case bulk
}
