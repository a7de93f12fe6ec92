import BatonCore
import Foundation

/// Everything one alert says: who gets it, which lead, which clock, how late, and the recent history.
public struct AlertContent: Sendable, Equatable {
    /// Warning, breach or escalation.
    public var level: AlertLevel
    /// `To` recipients; a recipient whose address is not a plain `local@domain` is left out.
    public var to: [AlertRecipient]
    /// `Cc` recipients, under the same rule.
    public var cc: [AlertRecipient]
    /// The lead the clock measures.
    public var lead: AlertLead
    /// The policy's name (config text).
    public var policy: String
    /// The policy's clock; nil only for a notification stored without one.
    public var clock: Config.Policy.Clock?
    /// How `lateSeconds` is counted: business or calendar time (the policy's `time`).
    public var timeBasis: Config.Policy.TimeBasis
    /// When the clock started, seconds since the epoch.
    public var startedAt: Int64
    /// When the clock is or was due, seconds since the epoch.
    public var dueAt: Int64
    /// How late, in the policy's time; 0 for a warning.
    public var lateSeconds: Int64
    /// The lead's last interactions, most recent last, already capped by the caller.
    public var recent: [AlertInteraction]
    /// The recipient's time zone, for the local times shown beside UTC.
    public var zone: TimeZone
    /// Why each recipient gets it, by lowercased address ("the owner's manager"); a recipient not listed gets a
    /// role inferred from the level and the owner.
    public var roles: [String: String] = [:]

    /// An alert's content.
    public init(
        level: AlertLevel, to: [AlertRecipient], cc: [AlertRecipient] = [], lead: AlertLead, policy: String,
        clock: Config.Policy.Clock?, timeBasis: Config.Policy.TimeBasis, startedAt: Int64, dueAt: Int64,
        lateSeconds: Int64, recent: [AlertInteraction] = [], zone: TimeZone
    ) {
        self.level = level
        self.to = to
        self.cc = cc
        self.lead = lead
        self.policy = policy
        self.clock = clock
        self.timeBasis = timeBasis
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.lateSeconds = lateSeconds
        self.recent = recent
        self.zone = zone
    }
}
