import BatonCore
import Foundation
import Store

/// One lead with the clocks that apply to it, as of an evaluation instant.
public struct EvaluatedLead: Sendable {
    public var facts: ClockFacts
    public var history: LeadHistory
    public var calendar: BusinessCalendar
    public var episodes: [ClockEpisode]
    /// Each episode's evidence, in the order of `episodes`.
    public var evidence: [ClockEvidence]

    /// A lead's facts, history, calendar and clocks (with their evidence, when known).
    public init(
        facts: ClockFacts, history: LeadHistory, calendar: BusinessCalendar, episodes: [ClockEpisode],
        evidence: [ClockEvidence] = []
    ) {
        self.facts = facts
        self.history = history
        self.calendar = calendar
        self.episodes = episodes
        self.evidence = evidence
    }
}

/// Runs the clock engine over the store: turns each lead's rows into a `LeadHistory`, picks its team's business
/// calendar (in the owner's zone when the rep has one) and evaluates every policy at `now`.
public final class SLAEvaluator {
    public let config: Config
    public let policies: [Config.Policy]
    let store: BatonStore
    public let calendars: TeamCalendars
    /// Reps by primary address.
    public let reps: [String: RepSummary]
    /// `privacy.retention`'s horizon: the store keeps no interaction before it, so no episode starting before it is
    /// evaluated (deleting history then changes no clock that could still alert); nil when retention is off.
    public let horizon: Int64?

    /// An evaluator of `policies` (default: the configuration's).
    public init(config: Config, store: BatonStore, policies: [Config.Policy]? = nil) throws {
        self.config = config
        self.store = store
        self.policies = policies ?? config.policies
        calendars = TeamCalendars(config: config)
        reps = Dictionary(try store.people.reps().map { ($0.email, $0) }, uniquingKeysWith: { a, _ in a })
        horizon = config.privacy.retention == nil ? nil : try store.privacy.retentionHorizon()
    }

    /// Every lead's clocks at `now` (or only `leadIDs`; with `spilled`, the spill's chunk of those leads, whose
    /// interactions it holds: `ClockHistory.facts`). The rows are read and turned into histories here; the clocks
    /// are then evaluated on `threads` threads when the histories are long enough to be worth it (the static
    /// `evaluate`).
    public func evaluate(now: Int64, leadIDs: [Int64]? = nil, spilled: HistorySpill.Chunk? = nil) throws
        -> [EvaluatedLead]
    {
        let leads = try store.clocks.facts(leadIDs: leadIDs, spilled: spilled).map { facts in
            let history = history(facts)
            return Lead(facts: facts, history: history, calendar: try calendar(owner: facts.owner, team: history.team))
        }
        return try Self.evaluate(
            leads, engine: ClockEngine(policies: policies), now: now, horizon: horizon, threads: threads)
    }

    /// The threads `evaluate` runs the clocks on: two when the machine has two cores.
    let threads = min(2, ProcessInfo.processInfo.activeProcessorCount)

    /// The fewest touches, all leads together, for which a second thread evaluates half of them: below, starting
    /// the thread costs more than it saves.
    static let splitTouches = 2_000

    /// A lead ready for the engine: its rows, its history and its business calendar.
    struct Lead: Sendable {
        var facts: ClockFacts
        var history: LeadHistory
        var calendar: BusinessCalendar
    }

    /// Evaluates `leads` in order. When `splitPoint` cuts them, the leads from the cut on are evaluated on a second
    /// thread while this one evaluates the first ones; the result, or the first error in the leads' order, is the
    /// one thread's.
    static func evaluate(
        _ leads: [Lead], engine: ClockEngine, now: Int64, horizon: Int64?, threads: Int,
        splitTouches: Int = splitTouches
    ) throws -> [EvaluatedLead] {
        guard let cut = splitPoint(leads, threads: threads, splitTouches: splitTouches) else {
            return try leads.map { try evaluated($0, engine: engine, now: now, horizon: horizon) }
        }
        let second = SecondHalf()
        let rest = leads[cut...]
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            second.result = Result { try rest.map { try evaluated($0, engine: engine, now: now, horizon: horizon) } }
            done.signal()
        }
        thread.start()
        let first = Result { try leads[..<cut].map { try evaluated($0, engine: engine, now: now, horizon: horizon) } }
        done.wait()
        return try first.get() + second.result.get()
    }

    /// Where a second thread takes over `leads`: the first lead after those holding half the touches (at least
    /// one lead each side); nil with one thread, one lead, or fewer than `splitTouches` touches in all.
    static func splitPoint(_ leads: [Lead], threads: Int, splitTouches: Int) -> Int? {
        let total = leads.reduce(0) { $0 + $1.history.touches.count }
        guard threads > 1, leads.count > 1, total >= splitTouches else { return nil }
        var (cut, before) = (0, 0)
        while cut < leads.count - 1 && before * 2 < total {
            before += leads[cut].history.touches.count
            cut += 1
        }
        return max(cut, 1)
    }

    /// The second thread's result, read after it has signalled.
    private final class SecondHalf: @unchecked Sendable {
        var result: Result<[EvaluatedLead], any Error> = .success([])
    }

    /// One lead's clocks at `now`, without the episodes that started before `horizon`.
    static func evaluated(_ lead: Lead, engine: ClockEngine, now: Int64, horizon: Int64?) throws -> EvaluatedLead {
        var explained = try engine.explainedEpisodes(for: lead.history, calendar: lead.calendar, now: now)
        if let horizon { explained.removeAll { $0.episode.startedAt < horizon } }
        return EvaluatedLead(
            facts: lead.facts, history: lead.history, calendar: lead.calendar, episodes: explained.map(\.episode),
            evidence: explained.map(\.evidence))
    }

    /// The business calendar for a lead owned by `owner` (nil: the default team's, in its zone).
    public func calendar(owner: String?, team: String) throws -> BusinessCalendar {
        try calendars.calendar(team: team, repZone: owner.flatMap { reps[$0]?.timezoneID })
    }

    /// The team whose hours apply to a lead: its owner's when configured, else `default_team`.
    public func team(ofOwnerTeam team: String?) -> String {
        if let team, config.team(named: team) != nil { return team }
        return config.defaultTeam
    }

    /// The touch an interaction is to the clocks, or nil when it moves none (an auto-reply, a bounce, bulk mail, a
    /// cancelled or declined meeting).
    public static func touch(_ interaction: ClockFacts.Interaction) -> LeadHistory.Touch? {
        switch interaction.type {
        case .manual:
            .init(kind: .manual, at: interaction.time, rep: interaction.rep, interactionID: interaction.id)
        case .meeting where !interaction.meetingOff:
            .init(
                kind: .meeting, at: interaction.time, end: interaction.meetingEnd, rep: interaction.rep,
                interactionID: interaction.id)
        case .email where interaction.kind == .message:
            .init(
                kind: interaction.direction == .outbound ? .outboundEmail : .inboundEmail, at: interaction.time,
                rep: interaction.rep, interactionID: interaction.id)
        default:
            nil
        }
    }

    /// The engine's view of a lead's rows.
    public func history(_ facts: ClockFacts) -> LeadHistory {
        let touches = facts.interactions.compactMap(Self.touch)
        return LeadHistory(
            leadID: facts.leadID, source: facts.source, team: team(ofOwnerTeam: facts.ownerTeam), owner: facts.owner,
            createdAt: facts.createdAt, mqlAt: facts.mqlAt, assignedAt: facts.assignedAt,
            stages: facts.stages.compactMap { change in Stage(id: change.stage).map { .init(at: change.at, stage: $0) }
            },
            owners: facts.owners.map { .init(at: $0.at, owner: $0.owner) }, touches: touches)
    }
}
