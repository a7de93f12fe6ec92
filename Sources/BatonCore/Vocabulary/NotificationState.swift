/// Where an outbox row stands, as `notifications.state` spells it.
public enum NotificationState: String, Sendable, CaseIterable, Codable {
    /// Waiting to be sent (or retried).
    case queued
    /// Handed to the transport.
    case sent
    /// Given up on, or no recipient.
    case failed
    /// No longer applies: its clock stopped or paused first.
    case cancelled
}
