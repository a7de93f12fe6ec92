/// One address of a scanned message, with its role.
public struct ParticipantRecord: Sendable, Equatable {
    /// `from`, `to`, `cc`, or `bcc` (an envelope recipient of a journal copy in neither To nor Cc).
    public var role: ParticipantRole
    public var address: String
    public var name: String?

    public init(role: ParticipantRole, address: String, name: String?) {
        self.role = role
        self.address = address
        self.name = name
    }
}
