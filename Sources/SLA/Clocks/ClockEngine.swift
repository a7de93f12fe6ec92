import BatonCore

/// Placeholder until the engine lands.
public struct ClockEngine: Sendable {
    let policies: [Config.Policy]
    public init(policies: [Config.Policy]) { self.policies = policies }
    public func episodes(for lead: LeadHistory, calendar: BusinessCalendar, now: Int64) throws -> [ClockEpisode] { [] }
}
