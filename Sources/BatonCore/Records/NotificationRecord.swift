/// One row of the notification outbox (`baton alerts list`).
public struct NotificationRecord: Sendable, Equatable {
    public var id: Int64?
    /// What makes it unique: `alert|LEAD|POLICY|STARTED|LEVEL` or `digest|RECIPIENT|PERIOD`.
    public var key: String
    /// `alert` or `digest`.
    public var kind: NotificationKind
    public var leadID: Int64?
    public var policy: String?
    public var clock: Config.Policy.Clock?
    public var episode: Int?
    public var episodeStartedAt: Int64?
    public var dueAt: Int64?
    /// `warning`, `breach`, `escalation` or `digest`.
    public var level: NotificationLevel
    /// The escalation rung, 1-based, for `escalation`.
    public var escalation: Int?
    public var to: [String]
    public var cc: [String]
    /// `queued`, `sent`, `failed` or `cancelled`.
    public var state: NotificationState
    public var createdAt: Int64
    /// Not delivered before this (quiet hours, a daily digest's hour).
    public var notBefore: Int64
    /// The next attempt after a failed one.
    public var nextAttemptAt: Int64
    public var attempts: Int = 0
    public var lastError: String?
    /// Without angle brackets.
    public var messageID: String
    /// The composed message, kept from the first attempt so that a retry sends the same bytes.
    public var content: [UInt8]?
    public var sentAt: Int64?
    /// The digest that carries this alert, when digests are on.
    public var digestID: Int64?
    /// Recipients the planner left out because their address is not a plain `local@domain`; not stored, empty
    /// when read back.
    public var leftOut: [String] = []

    public init(
        key: String, kind: NotificationKind, leadID: Int64? = nil, policy: String? = nil,
        clock: Config.Policy.Clock? = nil,
        episode: Int? = nil, episodeStartedAt: Int64? = nil, dueAt: Int64? = nil, level: NotificationLevel,
        escalation: Int? = nil, to: [String], cc: [String] = [], state: NotificationState = .queued, createdAt: Int64,
        notBefore: Int64, messageID: String, lastError: String? = nil
    ) {
        self.key = key
        self.kind = kind
        self.leadID = leadID
        self.policy = policy
        self.clock = clock
        self.episode = episode
        self.episodeStartedAt = episodeStartedAt
        self.dueAt = dueAt
        self.level = level
        self.escalation = escalation
        self.to = to
        self.cc = cc
        self.state = state
        self.createdAt = createdAt
        self.notBefore = notBefore
        self.nextAttemptAt = notBefore
        self.messageID = messageID
        self.lastError = lastError
    }
}
