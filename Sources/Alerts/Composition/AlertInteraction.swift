/// One entry of a lead's recent history, as an alert lists it.
public struct AlertInteraction: Sendable, Equatable {
    /// When it happened, seconds since the epoch.
    public var time: Int64
    /// `email`, `meeting` or `manual`.
    public var type: String
    /// `inbound` or `outbound`; nil for meetings.
    public var direction: String?
    /// The email's subject or the meeting's summary (untrusted).
    public var subject: String?
    /// The rep involved, usually an address.
    public var rep: String?

    /// An interaction.
    public init(time: Int64, type: String, direction: String? = nil, subject: String? = nil, rep: String? = nil) {
        self.time = time
        self.type = type
        self.direction = direction
        self.subject = subject
        self.rep = rep
    }
}
