import BatonCore
import Foundation

/// Turns one lead's history into the episodes of every SLA policy that applies to it, as of an instant "now"
/// (Config/README.md, "How clocks run").
///
/// Pure: no store, no wall clock, no I/O. Everything after `now` — touches, stage and owner changes, meetings
/// not yet held — does not exist yet, so an earlier `now` replays the past exactly; episodes starting after `now`
/// do not exist either.
///
/// Coverage, common to every clock: a lead whose stage is in the policy's `stages` is covered (paused when the
/// stage is also a pause stage); an episode starts only while the stage is in `stages` (so it may start paused).
/// A pause stage outside `stages` pauses a running episode but never starts one. Any other stage cancels an open
/// episode (`left_stages`) at the change, except an acceptance episode, which it stops (`stage`).
///
/// The lead's stage at `t` is that of the last stage entry at or before `t`; before the first entry, the first
/// entry's stage (even when that entry is after `now`: it is the stage the lead is known to have come in with);
/// with no entries, `new`. An entry repeating the stage before it is no change. The owner at `t` is that of the
/// last owner entry at or before `t` (nil before the first); with no owner entries, `lead.owner` throughout.
///
/// At one instant, meeting ends are taken first, then touches (in the order given), then stage changes, then
/// owner changes: a rep who writes in the second the lead is marked lost still met the clock.
///
/// Due and warning times, pauses, states and durations are computed as `measure` documents.
public struct ClockEngine: Sendable {
    /// The policies in configuration order.
    public let policies: [Config.Policy]

    /// An engine for `policies`, evaluated in the given order.
    public init(policies: [Config.Policy]) {
        self.policies = policies
    }

    /// Why an episode ended, as `ClockEpisode.stopReason` spells it.
    public enum StopReason: String, Sendable, CaseIterable {
        /// A qualifying touch stopped it (met or met late).
        case touch
        /// Acceptance: the lead moved on from `mql` (met or met late).
        case stage
        /// The lead left the policy's stages (cancelled).
        case leftStages = "left_stages"
        /// The lead changed hands before the first touch (cancelled).
        case reassigned
    }

    /// Every episode of every policy that applies to `lead`, as of `now` (epoch seconds), ordered by policy order
    /// then start.
    ///
    /// A policy applies when its `sources` (if any) contain `lead.source`, compared case-insensitively, and its
    /// `teams` (if any) contain `lead.team`. Errors of the business calendar (no working time within ten years)
    /// propagate.
    public func episodes(for lead: LeadHistory, calendar: BusinessCalendar, now: Int64) throws -> [ClockEpisode] {
        var result: [ClockEpisode] = []
        try walk(lead, calendar: calendar, now: now, keepingEvidence: false) { episode, _ in result.append(episode) }
        return result
    }

    /// `episodes(for:calendar:now:)`, each with its evidence: what started, paused, stopped or cancelled it. The
    /// same walk: the evidence is a few small values per episode, kept as the walk goes.
    public func explainedEpisodes(for lead: LeadHistory, calendar: BusinessCalendar, now: Int64) throws
        -> [ExplainedEpisode]
    {
        var result: [ExplainedEpisode] = []
        try walk(lead, calendar: calendar, now: now, keepingEvidence: true) { episode, evidence in
            result.append(ExplainedEpisode(episode: episode, evidence: evidence))
        }
        return result
    }

    /// The one walk behind both: every applicable policy's episodes in order, handed to `emit` with their
    /// evidence. Without `keepingEvidence` the evidence holds the start and stop only (no waiting emails, no
    /// pauses), which evaluation does not read.
    private func walk(
        _ lead: LeadHistory, calendar: BusinessCalendar, now: Int64, keepingEvidence: Bool,
        emit: (ClockEpisode, ClockEvidence) -> Void
    ) throws {
        let timeline = LeadTimeline(lead, now: now, keepsEvidence: keepingEvidence)
        for policy in policies where Self.applies(policy, to: lead) {
            let coverage = Coverage(policy)
            let spans: [EpisodeSpan] =
                switch policy.clock {
                case .firstResponse: Self.firstResponseSpans(policy, coverage, timeline)
                case .reply: Self.replySpans(coverage, timeline)
                case .meetingFollowUp: Self.meetingFollowUpSpans(coverage, timeline)
                case .acceptance: Self.acceptanceSpans(coverage, timeline)
                case .noTouch: Self.noTouchSpans(coverage, timeline)
                }
            if spans.isEmpty { continue }
            let measure = EpisodeMeasure(
                policy: policy, coverage: coverage, calendar: calendar, timeline: timeline, now: now)
            for (index, span) in spans.enumerated() {
                let (episode, pauses) = try measure.episode(span, number: index + 1, leadID: lead.leadID)
                emit(
                    episode,
                    ClockEvidence(started: span.started, stopped: span.stopped, pauses: pauses, waiting: span.waiting))
            }
        }
    }

    /// Whether `policy`'s source and team filters let `lead` in.
    static func applies(_ policy: Config.Policy, to lead: LeadHistory) -> Bool {
        if let sources = policy.sources {
            guard let source = lead.source?.lowercased(), sources.contains(where: { $0.lowercased() == source })
            else { return false }
        }
        if let teams = policy.teams, !teams.contains(lead.team) { return false }
        return true
    }
}

/// A policy's stages as sets: which stages it covers and which pause it.
struct Coverage {
    let covered: Set<Stage>
    let pausing: Set<Stage>

    init(_ policy: Config.Policy) {
        covered = Set(policy.stages)
        pausing = Set(policy.pauseStages)
    }

    /// An episode may start in `stage` (perhaps paused).
    func canStart(_ stage: Stage) -> Bool { covered.contains(stage) }

    /// `stage` is covered and not paused.
    func isActive(_ stage: Stage) -> Bool { covered.contains(stage) && !pausing.contains(stage) }

    /// `stage` ends an open episode (neither covered nor pausing).
    func cancels(_ stage: Stage) -> Bool { !covered.contains(stage) && !pausing.contains(stage) }
}

/// An episode's extent before it is measured: when it started, and when and why it ended, with the events that
/// did it.
struct EpisodeSpan: Equatable {
    var started: ClockEvent
    var stopped: ClockEvent?
    var reason: ClockEngine.StopReason?
    /// Inbound emails that came while it was open and changed nothing.
    var waiting: [ClockEvent] = []

    var start: Int64 { started.at }
    var stop: Int64? { stopped?.at }
}

/// The episodes of one (lead, policy) as a walk over the lead's events builds them, at most one open at a time.
struct EpisodeWalk {
    private(set) var spans: [EpisodeSpan] = []
    /// Whether `wait` keeps what it is told (evidence for explain); evaluation alone skips it.
    let notesWaiting: Bool

    /// The open episode's start, if one is open.
    var openStart: Int64? {
        guard let last = spans.last, last.stopped == nil else { return nil }
        return last.start
    }

    var isOpen: Bool { openStart != nil }

    mutating func open(at t: Int64, _ cause: ClockCause) {
        guard !isOpen else { return }
        spans.append(EpisodeSpan(started: ClockEvent(at: t, cause: cause)))
    }

    mutating func stop(at t: Int64, _ reason: ClockEngine.StopReason, _ cause: ClockCause) {
        guard isOpen else { return }
        spans[spans.count - 1].stopped = ClockEvent(at: t, cause: cause)
        spans[spans.count - 1].reason = reason
    }

    /// Notes an event that found the open episode running and changed nothing.
    mutating func wait(at t: Int64, _ cause: ClockCause) {
        guard notesWaiting, isOpen else { return }
        spans[spans.count - 1].waiting.append(ClockEvent(at: t, cause: cause))
    }

    /// The lead entered `stage` at `t`: an open episode is cancelled when the stage is outside coverage; with
    /// `reopening`, a closed walk starts an episode when the stage is covered.
    mutating func enter(_ stage: Stage, at t: Int64, _ coverage: Coverage, reopening: Bool) {
        if isOpen {
            if coverage.cancels(stage) { stop(at: t, .leftStages, .stage(stage)) }
        } else if reopening && coverage.canStart(stage) {
            open(at: t, .stage(stage))
        }
    }
}
