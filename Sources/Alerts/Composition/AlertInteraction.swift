import BatonCore

/// One entry of a lead's recent history, as an alert lists it.
public struct AlertInteraction: Sendable, Equatable {
    /// When it happened, seconds since the epoch.
    public var time: Int64
    /// An email, a meeting or a manual touch.
    public var type: InteractionType
    /// Which way an email went; nil for meetings.
    public var direction: Direction?
    /// The email's subject or the meeting's summary (untrusted).
    public var subject: String?
    /// The rep involved, usually an address.
    public var rep: String?

    /// An interaction.
    public init(
        time: Int64, type: InteractionType, direction: Direction? = nil, subject: String? = nil, rep: String? = nil
    ) {
        self.time = time
        self.type = type
        self.direction = direction
        self.subject = subject
        self.rep = rep
    }
}
