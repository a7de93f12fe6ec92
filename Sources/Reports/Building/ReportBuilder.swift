import BatonCore
import Foundation
import SLA
import Store

/// Computes every figure of `baton report` from the store and the evaluated clocks, for one period.
///
/// Definitions the issue leaves open, decided here (the section files give the rest):
/// - The period is `[since, until)`; an episode belongs to it when it started in it; a lead's handoff, MQL,
///   stage or meeting belongs to it when its time falls in it and is not after `now`.
/// - Weeks are ISO weeks (Monday first, `2026-W47`) of the time read in the configuration's zone.
/// - Grouping keys (`--by`): `rep` is the episode's owner (the owner when it started; the lead's owner today for
///   an episode that started before the lead had one), `team` that rep's team,
///   else `default_team`, `source` the lead's source, `week` the week the episode started; `(none)` when unknown.
///   Response, attainment and meeting sections end each group of rows with an `all` row, the total.
/// - Handoff time: the lead's `assigned_at`, else its MQL time. MQL time: `mql_at`, else the first stage-history
///   entry at `mql` or a later funnel stage.
/// - Funnel order `mql < accepted < sql < opportunity < won`: a lead has reached a stage when its stage history
///   has it or a later one at or before `now` (`lost` and the others are off the funnel). Its time is that of
///   the first such entry.
/// - "Within target" is met ÷ (met + met late + breached + cancelled after the due time), over episodes that
///   started in the period; nil when that is 0 ÷ 0.
/// - Medians and p90 use the nearest-rank method: the value at rank ⌈p/100 × n⌉ of the sorted list.
public struct ReportBuilder {
    /// The configuration: zone, policies, sources, default team.
    public let config: Config
    /// Where messages, meetings and reps are read.
    public let store: BatonStore
    /// Every lead with its clocks, evaluated at `period.now`.
    public let leads: [EvaluatedLead]
    /// `--since`, `--until`, `--now`.
    public let period: ReportPeriod
    /// `--by`.
    public let grouping: ReportGrouping
    /// A source with no message newer than this many days before `now` is reported silent.
    public let silentDays: Int

    /// The key of rows whose grouping value is unknown.
    public static let noKey = "(none)"
    /// The key of total rows.
    public static let allKey = "all"

    /// A builder over `leads` (from `SLAEvaluator.evaluate(now: period.now)`).
    public init(
        config: Config, store: BatonStore, leads: [EvaluatedLead], period: ReportPeriod, grouping: ReportGrouping,
        silentDays: Int = 7
    ) {
        self.config = config
        self.store = store
        self.leads = leads
        self.period = period
        self.grouping = grouping
        self.silentDays = silentDays
    }

    /// Every section.
    public func build() throws -> Report {
        let context = try Context(self)
        var report = Report(period: period, grouping: grouping)
        report.handoff = handoff(context)
        report.response = response(context)
        report.responseHistogram = responseHistogram(context)
        report.attainment = attainment(context)
        report.openBreaches = openBreaches(context)
        report.funnel = funnel(context)
        report.outcome = outcome(context)
        report.quality = quality(context)
        report.speed = speed(context)
        report.meetings = try meetings(context)
        report.weekly = weekly(context)
        report.capture = try capture(context)
        report.pipeline = pipeline(context)
        report.cost = try cost(context)
        report.sharedWins = try sharedWins(context)
        return report
    }

    /// What several sections read: rep and lead lookups and each lead's funnel times, computed once.
    struct Context {
        let weeks: ISOWeekCalendar
        let reps: [String: RepSummary]
        /// Each lead's first address, by id.
        let addresses: [Int64: String]
        /// Each lead's funnel times, by id.
        let figures: [Int64: LeadFigures]
        /// Episodes (with their lead) that started in the period.
        let periodEpisodes: [(episode: ClockEpisode, lead: EvaluatedLead)]
        /// Each lead's deal (amount, reason, close date) with its history, by id: read amounts and reasons with
        /// `amount(at: period.now)` and `reason(at: period.now)`, so that a report replays any moment.
        let deals: [Int64: LeadDealHistory]
        /// `reports.currency` and `reports.rates`.
        let money: MoneyConverter

        init(_ builder: ReportBuilder) throws {
            weeks = ISOWeekCalendar(zone: builder.config.timezone)
            reps = Dictionary(try builder.store.people.reps().map { ($0.email, $0) }, uniquingKeysWith: { a, _ in a })
            addresses = try builder.store.people.leadFirstAddresses()
            var figures: [Int64: LeadFigures] = [:]
            for lead in builder.leads { figures[lead.facts.leadID] = LeadFigures(lead.facts, now: builder.period.now) }
            self.figures = figures
            periodEpisodes = builder.leads.flatMap { lead in
                lead.episodes.filter { builder.inPeriod($0.startedAt) }.map { ($0, lead) }
            }
            deals = try builder.store.people.dealHistories()
            money = MoneyConverter(builder.config.reports)
        }

        /// The lead's first address, or `#id`.
        func address(_ id: Int64) -> String { addresses[id] ?? "#\(id)" }
    }

    /// `time` is in `[since, until)` and not after `now`.
    func inPeriod(_ time: Int64?) -> Bool {
        guard let time else { return false }
        return time >= period.since && time < period.until && time <= period.now
    }

    /// A rep's team, else `default_team`.
    func team(of rep: String?, _ context: Context) -> String {
        rep.flatMap { context.reps[$0]?.team } ?? config.defaultTeam
    }

    /// The grouping key of an episode.
    func key(_ episode: ClockEpisode, _ lead: EvaluatedLead, _ context: Context) -> String {
        switch grouping {
        case .rep: episode.owner ?? lead.facts.owner ?? Self.noKey
        case .team: team(of: episode.owner ?? lead.facts.owner, context)
        case .source: lead.facts.source ?? Self.noKey
        case .week: context.weeks.label(episode.startedAt)
        }
    }
}

/// One lead's funnel times, read from its facts as of `now`.
struct LeadFigures {
    /// The funnel stages in order; a later one implies the earlier ones.
    static let funnel: [Stage] = [.mql, .accepted, .sql, .opportunity, .won]

    /// When the lead became MQL: `mql_at`, else its first stage entry at `mql` or later.
    let mqlAt: Int64?
    /// Assigned, else MQL.
    let handoffAt: Int64?
    /// For each funnel stage after `mql` (index 1…4 of `funnel`), when the lead first reached it or a later one.
    let reached: [Int64?]
    /// The lead's stage at `now`: its newest stage change at or before `now`; nil before the first.
    let stage: Stage?
    /// When the lead first entered each stage (exactly that stage, not a later one) by `now`.
    let entered: [Stage: Int64]

    init(_ facts: ClockFacts, now: Int64) {
        var reached = [Int64?](repeating: nil, count: Self.funnel.count)
        var stage: Stage?
        var entered: [Stage: Int64] = [:]
        for change in facts.stages where change.at <= now {
            guard let current = Stage(id: change.stage) else { continue }
            stage = current
            if entered[current] == nil { entered[current] = change.at }
            guard let rank = Self.funnel.firstIndex(of: current) else { continue }
            for r in 0...rank where reached[r] == nil { reached[r] = change.at }
        }
        self.stage = stage
        self.entered = entered
        let mql = facts.mqlAt ?? reached[0]
        mqlAt = mql
        handoffAt = facts.assignedAt ?? mql
        self.reached = reached
    }

    /// When the lead reached `stage` (or a later funnel stage); nil when it has not by `now`.
    func reachedAt(_ stage: Stage) -> Int64? {
        guard let rank = Self.funnel.firstIndex(of: stage) else { return nil }
        return rank == 0 ? mqlAt : reached[rank]
    }
}
