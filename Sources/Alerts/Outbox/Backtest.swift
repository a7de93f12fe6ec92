import BatonCore
import SLA
import Store

/// `baton sla backtest`: the notifications a policy set would have sent had Baton run continuously over the
/// stored history, from `since` to `now`; nothing is queued or sent.
///
/// Each episode, evaluated at `now`, would have sent its warning at its warning point, its breach at its due
/// time and each escalation at its time, provided the episode was still open then (not yet stopped). Recipients
/// are worked out as a live run would (today's owners and managers). Quiet hours, digests and `active_from` are
/// not applied: the question is what the targets call for.
public struct Backtest {
    let config: Config
    let policies: [Config.Policy]
    let routing: AlertRouting
    let since: Int64
    let now: Int64

    public init(config: Config, policies: [Config.Policy], routing: AlertRouting, since: Int64, now: Int64) {
        self.config = config
        self.policies = policies
        self.routing = routing
        self.since = since
        self.now = now
    }

    /// One notification the replay would have sent.
    public struct Event: Sendable {
        public var time: Int64
        public var episode: ClockEpisode
        public var level: NotificationLevel
        public var escalation: Int?
        public var to: [String]
        public var cc: [String]
    }

    /// Every notification, in time order (then lead, policy and level).
    public func notifications(_ leads: [EvaluatedLead]) -> [Event] {
        var events: [Event] = []
        for lead in leads {
            for episode in lead.episodes {
                guard let policy = policies.first(where: { $0.name == episode.policy }) else { continue }
                let end = episode.stoppedAt ?? (now + 1)
                var candidates: [(Int64, NotificationLevel, Int?)] = []
                if episode.warnAt < episode.dueAt { candidates.append((episode.warnAt, .warning, nil)) }
                candidates.append((episode.dueAt, .breach, nil))
                for (index, at) in episode.escalationsAt.enumerated() {
                    candidates.append((at, .escalation, index + 1))
                }
                for (time, level, rung) in candidates where time >= since && time <= now && time < end {
                    let (to, cc, _) = routing.recipients(
                        level: level, escalation: rung, policy: policy, owner: lead.facts.owner)
                    events.append(Event(time: time, episode: episode, level: level, escalation: rung, to: to, cc: cc))
                }
            }
        }
        func rank(_ level: NotificationLevel) -> Int {
            switch level {
            case .warning: 0
            case .breach: 1
            case .escalation: 2
            case .digest, .weekly: 3
            }
        }
        return events.sorted {
            ($0.time, $0.episode.leadID, $0.episode.policy, rank($0.level), $0.escalation ?? 0)
                < ($1.time, $1.episode.leadID, $1.episode.policy, rank($1.level), $1.escalation ?? 0)
        }
    }
}
