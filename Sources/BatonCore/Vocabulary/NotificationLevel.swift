/// The level of an outbox row, as `notifications.level` spells it.
public enum NotificationLevel: String, Sendable, CaseIterable, Codable {
    /// The clock passed its warning point.
    case warning
    /// The clock breached.
    case breach
    /// A rung of the escalation ladder came due.
    case escalation
    /// A digest of alerts (`alerts.digest`).
    case digest
    /// The weekly digest (`alerts.weekly_digest`).
    case weekly
}
