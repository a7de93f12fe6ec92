import BatonCore

/// What happened to a lead that moved one of its clocks.
public enum ClockCause: Sendable, Equatable {
    /// An email, a logged touch or a meeting (at its start): the touch as the engine was given it.
    case touch(LeadHistory.Touch)
    /// A held meeting ended (its end, else its start).
    case meetingEnd(LeadHistory.Touch)
    /// The lead entered a stage.
    case stage(Stage)
    /// The lead's owner changed.
    case owner(previous: String?, owner: String?)
    /// The lead's MQL time (`mqlAt`).
    case mql
    /// The lead's assignment time (`assignedAt`).
    case assigned
    /// The lead's creation (`createdAt`).
    case created
}

/// A cause and when it happened.
public struct ClockEvent: Sendable, Equatable {
    /// When (epoch seconds).
    public var at: Int64
    /// What happened.
    public var cause: ClockCause

    /// `cause` at `at`.
    public init(at: Int64, cause: ClockCause) {
        self.at = at
        self.cause = cause
    }
}

/// A stretch of an episode the lead spent in one of the policy's pause stages.
public struct ClockPause: Sendable, Equatable {
    /// When the pause began within the episode (the episode's start when it began paused).
    public var from: Int64
    /// When it ended within the episode; nil while it lasts (an open episode, paused now).
    public var until: Int64?
    /// The pause stage the lead entered.
    public var stage: Stage
}

/// Why one episode is as it is: what started it, what paused it, what stopped or cancelled it, and the inbound
/// emails that found it already running. The clock engine returns it beside each `ClockEpisode`.
public struct ClockEvidence: Sendable, Equatable {
    /// What started the episode.
    public var started: ClockEvent
    /// What stopped it (a touch, a stage change) or cancelled it (a stage outside the policy, a new owner); nil
    /// while it runs.
    public var stopped: ClockEvent?
    /// Its pauses, in time order.
    public var pauses: [ClockPause] = []
    /// Touches that came while it ran and changed nothing: an inbound email while a reply clock waits for an
    /// answer to an earlier one.
    public var waiting: [ClockEvent] = []
}

/// An episode and its evidence.
public struct ExplainedEpisode: Sendable, Equatable {
    /// The episode, as `ClockEngine.episodes` gives it.
    public var episode: ClockEpisode
    /// Why it is so.
    public var evidence: ClockEvidence
}
