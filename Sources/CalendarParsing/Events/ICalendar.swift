/// One `VCALENDAR` object (RFC 5545, 3.4): its `METHOD`, events and time zones.
public struct ICalendar: Sendable {
    /// `METHOD` (RFC 5546), upper-cased, or nil.
    public var method: String?
    /// `PRODID`, or nil.
    public var productID: String?
    /// `VEVENT`s in the order written.
    public var events: [CalendarEvent]
    /// `VTODO`s in the order written.
    public var todos: [CalendarEvent]
    /// `VTIMEZONE`s by `TZID`.
    public var timeZones: [String: CalendarComponent]

    /// An empty calendar.
    public init(method: String? = nil) {
        self.method = method
        events = []
        todos = []
        timeZones = [:]
    }
}
