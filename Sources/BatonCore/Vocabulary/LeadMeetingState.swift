/// A meeting as one lead's timeline shows it at a given time.
public enum LeadMeetingState: String, Sendable, CaseIterable, Codable {
    /// Still to come.
    case scheduled
    /// Its start has passed.
    case held
    /// The organizer called it off.
    case cancelled
    /// One of the lead's addresses declined it.
    case declined
}
