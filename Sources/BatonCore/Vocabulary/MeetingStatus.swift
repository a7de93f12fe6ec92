/// A stored meeting occurrence's status, as `meetings.status` spells it.
public enum MeetingStatus: String, Sendable, CaseIterable, Codable {
    /// It is on.
    case scheduled
    /// The organizer called it off.
    case cancelled
}
