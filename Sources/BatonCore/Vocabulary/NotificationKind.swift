/// What an outbox row is, as `notifications.kind` spells it.
public enum NotificationKind: String, Sendable, CaseIterable, Codable {
    /// One level of one clock episode.
    case alert
    /// A digest of alerts, or the weekly digest.
    case digest
}
