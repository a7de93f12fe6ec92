/// One attendee of a stored meeting.
public struct MeetingAttendeeRecord: Sendable, Equatable {
    public var address: String
    public var name: String?
    public var partstat: String
    public var role: String

    public init(address: String, name: String?, partstat: String, role: String) {
        self.address = address
        self.name = name
        self.partstat = partstat
        self.role = role
    }
}
