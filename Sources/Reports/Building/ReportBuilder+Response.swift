import BatonCore
import SLA
import Store

/// Response times, SLA attainment and open breaches.
extension ReportBuilder {
    /// The clocks whose elapsed time is a response time, in report order.
    static let responseClocks: [Config.Policy.Clock] = [.firstResponse, .reply]

    /// Per response clock (`first_response`, `reply`) and grouping key, over the episodes that started in the
    /// period: count, answered (met or met late), nearest-rank median and p90 of the answered ones' elapsed time,
    /// within target. Keys in order, then `all`; a clock no policy runs has no rows.
    func response(_ context: Context) -> [ResponseRow] {
        var rows: [ResponseRow] = []
        for clock in Self.responseClocks where config.policies.contains(where: { $0.clock == clock }) {
            let episodes = context.periodEpisodes.filter { $0.episode.clock == clock }
            var byKey: [String: [ClockEpisode]] = [:]
            for (episode, lead) in episodes { byKey[key(episode, lead, context), default: []].append(episode) }
            for key in byKey.keys.sorted() {
                rows.append(Self.responseRow(clock, key, byKey[key]!))
            }
            rows.append(Self.responseRow(clock, Self.allKey, episodes.map(\.episode)))
        }
        return rows
    }

    static func responseRow(_ clock: Config.Policy.Clock, _ key: String, _ episodes: [ClockEpisode]) -> ResponseRow {
        let answered = episodes.filter { $0.state == .met || $0.state == .metLate }.map(\.elapsedSeconds)
        return ResponseRow(
            clock: clock, key: key, episodes: episodes.count, answered: answered.count,
            medianSeconds: ReportStatistics.nearestRank(answered, percentile: 50),
            p90Seconds: ReportStatistics.nearestRank(answered, percentile: 90),
            withinTarget: ReportStatistics.withinTarget(episodes))
    }

    /// Answered first-response episodes of the period by elapsed time; all four buckets, zeros included.
    func responseHistogram(_ context: Context) -> [BucketCount] {
        var counts: [String: Int] = [:]
        for (episode, _) in context.periodEpisodes
        where episode.clock == .firstResponse && (episode.state == .met || episode.state == .metLate) {
            counts[ReportStatistics.bucket(episode.elapsedSeconds), default: 0] += 1
        }
        return ReportStatistics.buckets.map { BucketCount(label: $0, count: counts[$0] ?? 0) }
    }

    /// Per policy in configuration order: its episodes of the period by state at `now`, per grouping key (in
    /// order), then `all` (present even when the policy had no episode).
    func attainment(_ context: Context) -> [AttainmentRow] {
        var rows: [AttainmentRow] = []
        for policy in config.policies {
            let episodes = context.periodEpisodes.filter { $0.episode.policy == policy.name }
            var byKey: [String: [ClockEpisode]] = [:]
            for (episode, lead) in episodes { byKey[key(episode, lead, context), default: []].append(episode) }
            for key in byKey.keys.sorted() {
                rows.append(Self.attainmentRow(policy.name, key, byKey[key]!))
            }
            rows.append(Self.attainmentRow(policy.name, Self.allKey, episodes.map(\.episode)))
        }
        return rows
    }

    static func attainmentRow(_ policy: String, _ key: String, _ episodes: [ClockEpisode]) -> AttainmentRow {
        func count(_ state: ClockState) -> Int { episodes.filter { $0.state == state }.count }
        return AttainmentRow(
            policy: policy, key: key, met: count(.met), metLate: count(.metLate), breached: count(.breached),
            running: count(.running), warning: count(.warning), paused: count(.paused), cancelled: count(.cancelled),
            withinTarget: ReportStatistics.withinTarget(episodes))
    }

    /// Every episode breached at `now`, whenever it started (a breach older than the period still needs acting
    /// on): oldest due time first, then lead, then policy. The owner is the episode's, else the lead's today.
    func openBreaches(_ context: Context) -> [OpenBreach] {
        leads.flatMap { lead in
            lead.episodes.filter { $0.state == .breached }.map {
                OpenBreach(
                    lead: context.address($0.leadID), policy: $0.policy, owner: $0.owner ?? lead.facts.owner,
                    dueAt: $0.dueAt,
                    lateSeconds: $0.lateSeconds)
            }
        }.sorted { ($0.dueAt, $0.lead, $0.policy) < ($1.dueAt, $1.lead, $1.policy) }
    }
}
