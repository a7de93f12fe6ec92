/// One lead's facts as SLA clocks read them, straight from the store's rows.
public struct ClockFacts: Sendable, Equatable {
    public var leadID: Int64
    public var source: String?
    /// The owner's primary rep address, or nil when the lead has no owner or its owner is not a known rep.
    public var owner: String?
    /// The owner's team, when the owner is a known rep with one.
    public var ownerTeam: String?
    public var createdAt: Int64?
    public var mqlAt: Int64?
    public var assignedAt: Int64?
    /// Stage history in time order: (time, stage id).
    public var stages: [(at: Int64, stage: String)]
    /// Owner history in time order: (time, primary rep address or nil).
    public var owners: [(at: Int64, owner: String?)]
    /// Interactions in time order.
    public var interactions: [Interaction]

    /// One interaction row with what clocks need of its meeting.
    public struct Interaction: Sendable, Equatable {
        /// The interaction's row id in the store.
        public var id: Int64
        /// The message it comes from, for an email; nil for a meeting or a logged touch.
        public var messageID: Int64?
        /// `email`, `meeting` or `manual`.
        public var type: InteractionType
        public var direction: Direction?
        /// The email's kind (`message`, `auto_reply`, `bounce`, `bulk`).
        public var kind: MessageKind?
        public var time: Int64
        public var rep: String?
        public var meetingEnd: Int64?
        /// The meeting is cancelled, or the lead declined it.
        public var meetingOff: Bool

        /// A value with every field given.
        public init(
            id: Int64, messageID: Int64? = nil, type: InteractionType, direction: Direction?, kind: MessageKind?,
            time: Int64, rep: String?, meetingEnd: Int64?, meetingOff: Bool
        ) {
            self.id = id
            self.messageID = messageID
            self.type = type
            self.direction = direction
            self.kind = kind
            self.time = time
            self.rep = rep
            self.meetingEnd = meetingEnd
            self.meetingOff = meetingOff
        }
    }

    /// A value with every field given.
    public init(
        leadID: Int64, source: String?, owner: String?, ownerTeam: String?, createdAt: Int64?, mqlAt: Int64?,
        assignedAt: Int64?, stages: [(at: Int64, stage: String)], owners: [(at: Int64, owner: String?)],
        interactions: [Interaction]
    ) {
        self.leadID = leadID
        self.source = source
        self.owner = owner
        self.ownerTeam = ownerTeam
        self.createdAt = createdAt
        self.mqlAt = mqlAt
        self.assignedAt = assignedAt
        self.stages = stages
        self.owners = owners
        self.interactions = interactions
    }

    public static func == (a: ClockFacts, b: ClockFacts) -> Bool {
        a.leadID == b.leadID && a.source == b.source && a.owner == b.owner && a.ownerTeam == b.ownerTeam
            && a.createdAt == b.createdAt && a.mqlAt == b.mqlAt && a.assignedAt == b.assignedAt
            && a.stages.map(\.at) == b.stages.map(\.at) && a.stages.map(\.stage) == b.stages.map(\.stage)
            && a.owners.map(\.at) == b.owners.map(\.at) && a.owners.map(\.owner) == b.owners.map(\.owner)
            && a.interactions == b.interactions
    }
}
