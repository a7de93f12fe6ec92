import BatonCore
import Foundation
import SLA
import Store

/// Who gets which notification, and in which time zone they read it (the "Notifications").
///
/// A warning goes to the lead's owner; a breach to the owner's manager with the owner in `Cc`; an escalation rung
/// to the manager's manager (`manager_of_manager`) or to the rung's address, with the manager and owner in `Cc`.
/// Whoever is missing (no owner, a rep without a manager) is replaced by `alerts.fallback_to`; with no fallback
/// either, the notification has nobody to go to and is recorded as failed, so the admin sees it.
public struct AlertRouting: Sendable {
    let config: Config
    let reps: [String: RepSummary]

    public init(config: Config, reps: [String: RepSummary]) {
        self.config = config
        self.reps = reps
    }

    /// `To` and `Cc` for one level of an episode of a lead owned by `owner`, and the addresses left out because
    /// they are not plain `local@domain` addresses (one starting with `-` would read as a sendmail option): a bad
    /// address in the reps file costs its own copy, not everyone's; a `To` left empty goes to the fallback.
    public func recipients(
        level: NotificationLevel, escalation: Int?, policy: Config.Policy, owner: String?
    ) -> (to: [String], cc: [String], refused: [String]) {
        let (to, cc) = ladder(level: level, escalation: escalation, policy: policy, owner: owner)
        let refused = (to + cc).filter { !MailboxAddress.isPlain($0) }
        var keptTo = to.filter(MailboxAddress.isPlain)
        let keptCc = cc.filter(MailboxAddress.isPlain)
        if keptTo.isEmpty && !to.isEmpty, let fallback = config.alerts.fallbackTo.map(EmailAddress.normalize),
            MailboxAddress.isPlain(fallback)
        {
            keptTo = [fallback]
        }
        return (keptTo, keptCc.filter { !keptTo.contains($0) }, refused)
    }

    func ladder(
        level: NotificationLevel, escalation: Int?, policy: Config.Policy, owner: String?
    ) -> (to: [String], cc: [String]) {
        let fallback = config.alerts.fallbackTo.map(EmailAddress.normalize)
        let manager = owner.flatMap(managerOf)
        var to: [String] = []
        var cc: [String] = []
        switch level {
        case .warning:
            to = [owner ?? fallback].compactMap { $0 }
        case .breach:
            to = [manager ?? fallback].compactMap { $0 }
            cc = [owner].compactMap { $0 }
        default:
            let rung = escalation.flatMap { policy.escalate.indices.contains($0 - 1) ? policy.escalate[$0 - 1] : nil }
            if let rung, case .address(let address) = rung.to {
                to = [EmailAddress.normalize(address)]
            } else {
                to = [manager.flatMap(managerOf) ?? fallback].compactMap { $0 }
            }
            cc = [manager, owner].compactMap { $0 }
        }
        cc = cc.reduce(into: []) { list, address in
            if !to.contains(address) && !list.contains(address) { list.append(address) }
        }
        return (to, cc)
    }

    /// A rep's manager, normalised; nil when the rep is unknown or has none.
    public func managerOf(_ rep: String) -> String? {
        reps[rep]?.managerEmail.map(EmailAddress.normalize).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The zone `address` reads its mail in: a rep's own zone, else its team's, else the configuration's.
    public func zone(of address: String) -> TimeZone {
        if let rep = reps[address] {
            if let id = rep.timezoneID, let zone = TimeZone(identifier: id) { return zone }
            if let team = rep.team.flatMap(config.team(named:)), let zone = TimeZone(identifier: team.timezoneID) {
                return zone
            }
        }
        return config.timezone
    }

    /// A recipient's display name (a rep's name), if known.
    public func name(of address: String) -> String? { reps[address]?.name }

    /// The earliest instant at or after `now` that is outside the recipient's quiet hours.
    public func afterQuietHours(_ now: Int64, for address: String) -> Int64 {
        guard let quiet = config.alerts.quietHours, quiet.start != quiet.end else { return now }
        let zone = zone(of: address)
        let local = ZonedTime.localSeconds(of: now, in: zone)
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let minute = Int((local - day * 86_400) / 60)
        let inQuiet =
            quiet.start < quiet.end
            ? (quiet.start <= minute && minute < quiet.end) : (minute >= quiet.start || minute < quiet.end)
        guard inQuiet else { return now }
        // The quiet period ends at `end` today, or tomorrow when it wraps midnight and started today.
        let endDay = (quiet.start > quiet.end && minute >= quiet.start) ? day + 1 : day
        let end = ZonedTime.instant(localSeconds: endDay * 86_400 + Int64(quiet.end) * 60, in: zone)
        return max(now, end)
    }

    /// The next instant at or after `now` when the recipient's local clock shows `minutes` after midnight
    /// (`daily HH:MM` digests).
    public func nextLocal(minutes: Int, after now: Int64, for address: String) -> Int64 {
        let zone = zone(of: address)
        let local = ZonedTime.localSeconds(of: now, in: zone)
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        for offset in Int64(0)...2 {
            let candidate = ZonedTime.instant(localSeconds: (day + offset) * 86_400 + Int64(minutes) * 60, in: zone)
            if candidate >= now { return candidate }
        }
        return now
    }
}
