import BatonCore

/// One SLA measurement for one lead under one policy, as of an evaluation instant ("now").
public struct ClockEpisode: Sendable, Equatable {
    public var leadID: Int64
    /// The policy's name.
    public var policy: String
    public var clock: Config.Policy.Clock
    /// 1-based, in order of `startedAt`, within (lead, policy).
    public var episode: Int
    public var state: ClockState
    public var startedAt: Int64
    /// The due time, pushed back by every pause that began before it; while a pause lasts, as if it ended now.
    public var dueAt: Int64
    /// The warning point (`warn_at` of the target), pushed back by pauses like `dueAt`.
    public var warnAt: Int64
    /// When each escalation rung falls due: `dueAt` plus its `after` in the policy's time, in ladder order.
    public var escalationsAt: [Int64]
    /// When the episode ended (met, met late, cancelled); nil while open.
    public var stoppedAt: Int64?
    /// Why it ended: `touch`, `stage` (acceptance: the lead left the stage), `left_stages`, `reassigned`.
    public var stopReason: String?
    /// Elapsed time from start to stop (or now) in the policy's time, paused time excluded.
    public var elapsedSeconds: Int64
    /// How far past the due time it stopped (or now is) in the policy's time; 0 when not late.
    public var lateSeconds: Int64
    /// Paused time in the policy's time so far.
    public var pausedSeconds: Int64
    /// The lead's owner at the start of the episode.
    public var owner: String?

    public init(
        leadID: Int64, policy: String, clock: Config.Policy.Clock, episode: Int, state: ClockState, startedAt: Int64,
        dueAt: Int64, warnAt: Int64, escalationsAt: [Int64] = [], stoppedAt: Int64? = nil, stopReason: String? = nil,
        elapsedSeconds: Int64, lateSeconds: Int64, pausedSeconds: Int64 = 0, owner: String? = nil
    ) {
        self.leadID = leadID
        self.policy = policy
        self.clock = clock
        self.episode = episode
        self.state = state
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.warnAt = warnAt
        self.escalationsAt = escalationsAt
        self.stoppedAt = stoppedAt
        self.stopReason = stopReason
        self.elapsedSeconds = elapsedSeconds
        self.lateSeconds = lateSeconds
        self.pausedSeconds = pausedSeconds
        self.owner = owner
    }
}
