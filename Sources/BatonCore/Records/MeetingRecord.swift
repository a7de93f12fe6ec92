/// A meeting occurrence as the store keeps it.
public struct MeetingRecord: Sendable, Equatable {
    public var id: Int64?
    public var uid: String
    /// The occurrence's original start (`YYYYMMDDTHHMMSSZ` or a date), empty for a single event.
    public var recurrenceID: String
    public var startAt: Int64
    public var endAt: Int64
    public var summary: String?
    public var organizer: String?
    /// `scheduled` or `cancelled`.
    public var status: MeetingStatus
    public var sequence: Int
    public var stamp: Int64?
    public var attendees: [MeetingAttendeeRecord]

    public init(
        uid: String, recurrenceID: String, startAt: Int64, endAt: Int64, summary: String?, organizer: String?,
        status: MeetingStatus, sequence: Int, stamp: Int64?, attendees: [MeetingAttendeeRecord]
    ) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.startAt = startAt
        self.endAt = endAt
        self.summary = summary
        self.organizer = organizer
        self.status = status
        self.sequence = sequence
        self.stamp = stamp
        self.attendees = attendees
    }
}
