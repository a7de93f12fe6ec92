import BatonCore
import Foundation
import SLA
import Store

/// Turns clock states into outbox rows (the issue's "Notifications"), at most one per episode and level ever.
///
/// An open clock past its warning point gets the warning; an open breached clock the breach (not also the
/// warning) and every escalation rung already due; a stopped or paused clock none. Clocks due before
/// `active_from` are never notified. Queued rows whose clock has since stopped or paused are cancelled.
public struct NotificationPlanner {
    let config: Config
    let store: BatonStore
    let routing: AlertRouting
    let now: Int64
    /// Clocks due before this are recorded but never notified.
    public let activeFrom: Int64
    /// Mixed into Message-IDs so that two stores never mint the same one.
    let salt: String

    public init(config: Config, store: BatonStore, routing: AlertRouting, now: Int64, activeFrom: Int64, salt: String) {
        self.config = config
        self.store = store
        self.routing = routing
        self.now = now
        self.activeFrom = activeFrom
        self.salt = salt
    }

    /// The identity of one level of one episode: stable across runs whatever else changes.
    public static func key(leadID: Int64, policy: String, startedAt: Int64, level: String, escalation: Int?) -> String {
        "alert|\(leadID)|\(policy)|\(startedAt)|\(level)\(escalation.map { "-\($0)" } ?? "")"
    }

    /// The notifications the clocks call for now: (level, escalation rung) per open episode.
    public static func levels(of episode: ClockEpisode, now: Int64) -> [(level: NotificationLevel, escalation: Int?)] {
        switch episode.state {
        case .warning:
            return [(.warning, nil)]
        case .breached:
            var levels: [(NotificationLevel, Int?)] = [(.breach, nil)]
            for (index, at) in episode.escalationsAt.enumerated() where at <= now {
                levels.append((.escalation, index + 1))
            }
            return levels
        default:
            return []
        }
    }

    /// Queues what `leads` call for and cancels what no longer applies to them; returns the rows queued this time.
    /// Only `leads`' queued rows are looked at: a lead the scan did not evaluate keeps its stored state, under which
    /// its queued rows still apply.
    public func plan(_ leads: [EvaluatedLead]) throws -> [NotificationRecord] {
        let policies = Dictionary(config.policies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let domain = EmailAddress.domain(of: config.alerts.from) ?? "localhost"
        var queued: [NotificationRecord] = []
        var openEpisodes: Set<String> = []
        var breachedEpisodes: Set<String> = []
        try store.write {
            for lead in leads {
                for episode in lead.episodes {
                    let episodeKey = "\(lead.facts.leadID)|\(episode.policy)|\(episode.startedAt)"
                    if !episode.state.isStopped && episode.state != .paused { openEpisodes.insert(episodeKey) }
                    if episode.state == .breached { breachedEpisodes.insert(episodeKey) }
                    guard episode.dueAt >= activeFrom, let policy = policies[episode.policy] else { continue }
                    for (level, rung) in Self.levels(of: episode, now: now) {
                        let key = Self.key(
                            leadID: lead.facts.leadID, policy: episode.policy, startedAt: episode.startedAt,
                            level: level.rawValue, escalation: rung)
                        let (to, cc, refused) = routing.recipients(
                            level: level, escalation: rung, policy: policy, owner: lead.facts.owner)
                        var record = NotificationRecord(
                            key: key, kind: .alert, leadID: lead.facts.leadID, policy: episode.policy,
                            clock: episode.clock, episode: episode.episode,
                            episodeStartedAt: episode.startedAt, dueAt: episode.dueAt, level: level,
                            escalation: rung, to: to, cc: cc, createdAt: now, notBefore: notBefore(to.first),
                            messageID: AlertMessageID.make(key: salt + "|" + key, domain: domain))
                        if !refused.isEmpty {
                            record.leftOut = refused
                            record.lastError =
                                "left out \(refused.joined(separator: ", ")): not a plain address (check the reps file)"
                        }
                        if to.isEmpty {
                            record.state = .failed
                            record.lastError =
                                "no recipient: \(lead.facts.owner == nil ? "the lead has no owner" : "no manager above \(lead.facts.owner!)") and alerts.fallback_to is not set"
                        }
                        if let id = try store.outbox.queue(record) {
                            record.id = id
                            queued.append(record)
                        }
                    }
                }
            }
            let evaluated = Set(leads.map(\.facts.leadID))
            for row in try store.outbox.notifications(state: .queued)
            where row.kind == .alert && evaluated.contains(row.leadID ?? 0) {
                let episodeKey = "\(row.leadID ?? 0)|\(row.policy ?? "")|\(row.episodeStartedAt ?? 0)"
                if !openEpisodes.contains(episodeKey) {
                    try store.outbox.cancel(
                        id: row.id!, reason: "the clock stopped or paused before the notification was sent")
                } else if row.level == .warning && breachedEpisodes.contains(episodeKey) {
                    try store.outbox.cancel(id: row.id!, reason: "the clock breached before the warning was sent")
                }
            }
        }
        return queued
    }

    /// When a notification to `recipient` may go: after the recipient's quiet hours, and at the digest hour
    /// when digests are daily.
    func notBefore(_ recipient: String?) -> Int64 {
        guard let recipient else { return now }
        var time = routing.afterQuietHours(now, for: recipient)
        if let minutes = config.alerts.digest.dailyMinutes {
            time = max(time, routing.nextLocal(minutes: minutes, after: now, for: recipient))
        }
        return time
    }
}
