/// Identifies one meeting, or one instance of a recurring meeting: `UID` and `RECURRENCE-ID` (RFC 5546, 2.1.5).
public struct MeetingKey: Sendable, Hashable, Comparable {
    /// `UID`.
    public var uid: String
    /// The instance's original start, or nil for the whole meeting (series).
    public var recurrenceID: OccurrenceTime?

    /// A key.
    public init(uid: String, recurrenceID: OccurrenceTime? = nil) {
        self.uid = uid
        self.recurrenceID = recurrenceID
    }

    public static func < (lhs: MeetingKey, rhs: MeetingKey) -> Bool {
        if lhs.uid != rhs.uid { return lhs.uid < rhs.uid }
        return (lhs.recurrenceID?.sortKey ?? Int64.min) < (rhs.recurrenceID?.sortKey ?? Int64.min)
    }
}

/// What is known of one meeting after merging every iTIP message seen for it (RFC 5546).
public struct MeetingState: Sendable {
    /// Whether the meeting is on.
    public enum Status: String, Sendable {
        /// Requested or published, not cancelled.
        case scheduled
        /// Cancelled by a `CANCEL` or `STATUS:CANCELLED`.
        case cancelled
    }

    /// `UID` and `RECURRENCE-ID`.
    public var key: MeetingKey
    /// The organizer's latest version (highest `SEQUENCE`, then latest `DTSTAMP`).
    public var event: CalendarEvent
    /// Its `SEQUENCE`.
    public var sequence: Int
    /// Its `DTSTAMP`.
    public var timestamp: Int64?
    /// Scheduled or cancelled.
    public var status: Status
    /// The method of the message that set the current version.
    public var method: String
    /// Whether a later version moved the start or the end.
    public var rescheduled: Bool
    /// Attendees of the current version, with the participation status of their latest reply applied.
    public var attendees: [Attendee]
    /// `COUNTER` proposals received for this meeting, oldest first.
    public var counterProposals: [CalendarEvent]

    /// Addresses of attendees who declined.
    public var declined: [String] { attendees.filter { $0.participationStatus == "DECLINED" }.map(\.address) }
    /// Whether the meeting is cancelled.
    public var isCancelled: Bool { status == .cancelled }
}
