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
    /// interactions it holds: `ClockHistory.facts`).
    public func evaluate(now: Int64, leadIDs: [Int64]? = nil, spilled: HistorySpill.Chunk? = nil) throws
        -> [EvaluatedLead]
    {
        let engine = ClockEngine(policies: policies)
        return try store.clocks.facts(leadIDs: leadIDs, spilled: spilled).map { facts in
            let history = history(facts)
            let calendar = try self.calendar(owner: facts.owner, team: history.team)
            var explained = try engine.explainedEpisodes(for: history, calendar: calendar, now: now)
            if let horizon { explained.removeAll { $0.episode.startedAt < horizon } }
            return EvaluatedLead(
                facts: facts, history: history, calendar: calendar, episodes: explained.map(\.episode),
                evidence: explained.map(\.evidence))
        }
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
