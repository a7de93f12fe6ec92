/// One interaction: a (message, lead) pair, a (meeting, lead) pair, or a manual touch.
public struct InteractionRecord: Sendable, Equatable, Hashable {
    public var leadID: Int64
    /// `email`, `meeting` or `manual`.
    public var type: InteractionType
    public var messageID: Int64?
    public var meetingID: Int64?
    /// `inbound`, `outbound`, or nil for meetings.
    public var direction: Direction?
    /// The rep's address.
    public var rep: String?
    public var time: Int64
    /// The message's kind (`message`, `auto_reply`, `bounce`).
    public var kind: MessageKind?
    /// `address`, `domain`, `thread` or `manual`.
    public var match: MatchMethod
    public var note: String?

    public init(
        leadID: Int64, type: InteractionType, messageID: Int64? = nil, meetingID: Int64? = nil, direction: Direction?,
        rep: String?, time: Int64, kind: MessageKind?, match: MatchMethod, note: String? = nil
    ) {
        self.leadID = leadID
        self.type = type
        self.messageID = messageID
        self.meetingID = meetingID
        self.direction = direction
        self.rep = rep
        self.time = time
        self.kind = kind
        self.match = match
        self.note = note
    }
}
