/// A `VEVENT` (or `VTODO`) with the properties Baton reads (RFC 5545, 3.6.1 and 3.6.2).
public struct CalendarEvent: Sendable {
    /// `VEVENT` or `VTODO`.
    public var kind: String
    /// `UID`, or nil when absent.
    public var uid: String?
    /// `DTSTART` (for a `VTODO`, `DTSTART` else `DUE`).
    public var start: CalendarTime?
    /// `DTEND` (or `DUE`).
    public var end: CalendarTime?
    /// `DURATION`.
    public var duration: CalendarDuration?
    /// `SUMMARY`, unescaped.
    public var summary: String?
    /// `STATUS`, upper-cased.
    public var status: String?
    /// `ORGANIZER` address, lower-cased, without `mailto:`.
    public var organizer: String?
    /// `ORGANIZER`'s `CN`.
    public var organizerName: String?
    /// `ATTENDEE`s in the order written.
    public var attendees: [Attendee]
    /// `SEQUENCE`, 0 when absent.
    public var sequence: Int
    /// `DTSTAMP` in seconds since the epoch (floating read as UTC).
    public var timestamp: Int64?
    /// `LAST-MODIFIED` in seconds since the epoch (floating read as UTC).
    public var lastModified: Int64?
    /// `RRULE`s (RFC 5545 allows one; older files have several).
    public var rules: [RecurrenceRule]
    /// `RDATE` values: dates, date-times and periods.
    public var recurrenceDates: [RecurrenceDate]
    /// `EXDATE` values.
    public var exceptionDates: [CalendarTime]
    /// `RECURRENCE-ID`: which instance of a recurring event this component overrides.
    public var recurrenceID: CalendarTime?
    /// `RANGE=THISANDFUTURE` on the `RECURRENCE-ID`.
    public var thisAndFuture: Bool
    /// `LOCATION`, unescaped.
    public var location: String?
    /// The line of the component's `BEGIN`.
    public var lineNumber: Int

    /// An `RDATE` value.
    public enum RecurrenceDate: Sendable, Hashable {
        /// A DATE or DATE-TIME.
        case time(CalendarTime)
        /// A PERIOD: the instance has its own end.
        case period(CalendarPeriod)

        /// The instance's start.
        public var start: CalendarTime {
            switch self {
            case .time(let time): time
            case .period(let period): period.start
            }
        }
    }

    /// An empty event.
    public init(kind: String = "VEVENT", lineNumber: Int = 0) {
        self.kind = kind
        attendees = []
        sequence = 0
        rules = []
        recurrenceDates = []
        exceptionDates = []
        thisAndFuture = false
        self.lineNumber = lineNumber
    }

    /// Whether this version of a component replaces `other` (same `UID` and `RECURRENCE-ID`): a higher
    /// `SEQUENCE`, then a later `DTSTAMP`, then a later `LAST-MODIFIED`; on a tie, the one read later wins.
    public func supersedes(_ other: CalendarEvent) -> Bool {
        (sequence, timestamp ?? Int64.min, lastModified ?? Int64.min)
            >= (other.sequence, other.timestamp ?? Int64.min, other.lastModified ?? Int64.min)
    }

    /// Whether it has an `RRULE` or an `RDATE`.
    public var isRecurring: Bool { !rules.isEmpty || !recurrenceDates.isEmpty }

    /// Reads a `VEVENT` or `VTODO`; bad values become diagnostics and are left out.
    public static func read(_ component: CalendarComponent, diagnostics: inout [CalendarDiagnostic]) -> CalendarEvent {
        var event = CalendarEvent(kind: component.name, lineNumber: component.lineNumber)
        event.attendees.reserveCapacity(min(component.attendeeLines, CalendarDocument.maxAttendees))
        func bad(_ line: ContentLine, _ what: String) {
            diagnostics.append(
                CalendarDiagnostic(
                    .badValue, line: line.lineNumber, "bad \(line.name) value '\(line.value.prefix(60))'\(what)"))
        }
        for line in component.properties {
            switch line.name {
            case "UID": event.uid = line.value.trimmedSpaces
            case "DTSTART":
                if let time = CalendarTime.parse(line) { event.start = time } else { bad(line, "") }
            case "DTEND":
                if let time = CalendarTime.parse(line) { event.end = time } else { bad(line, "") }
            case "DUE":
                if let time = CalendarTime.parse(line) {
                    if component.name == "VTODO" { event.end = time }
                } else {
                    bad(line, "")
                }
            case "DURATION":
                if let duration = CalendarDuration.parse(line.value) {
                    event.duration = duration
                } else {
                    bad(line, "")
                }
            case "SUMMARY": event.summary = line.text
            case "LOCATION": event.location = line.text
            case "STATUS": event.status = line.value.trimmedSpaces.asciiUppercased
            case "ORGANIZER":
                event.organizer = Attendee.address(line.value)
                event.organizerName = line.parameter(upper: "CN")
            case "ATTENDEE": event.attendees.append(Attendee(line))
            case "SEQUENCE":
                if let n = Int(line.value.trimmedSpaces), n >= 0 { event.sequence = n } else { bad(line, "") }
            case "DTSTAMP":
                if let time = CalendarTime.parse(line.value), !time.isDate {
                    event.timestamp = time.localSeconds
                } else {
                    bad(line, "")
                }
            case "LAST-MODIFIED":
                if let time = CalendarTime.parse(line.value), !time.isDate {
                    event.lastModified = time.localSeconds
                } else {
                    bad(line, "")
                }
            case "RRULE":
                do {
                    event.rules.append(try RecurrenceRule.parse(line.value))
                } catch {
                    bad(line, ": \(error)")
                }
            case "RDATE":
                let tzid = line.parameter(upper: "TZID")
                let isPeriod = line.parameter(upper: "VALUE")?.asciiUppercased == "PERIOD"
                for item in Substring(line.value).split(ascii: UInt8(ascii: ",")) {
                    let text = String(item)
                    if isPeriod || text.contains("/") {
                        if let period = CalendarPeriod.parse(text, tzid: tzid) {
                            event.recurrenceDates.append(.period(period))
                        } else {
                            bad(line, "")
                        }
                    } else if let time = CalendarTime.parse(text, tzid: tzid, valueType: line.parameter("VALUE")) {
                        event.recurrenceDates.append(.time(time))
                    } else {
                        bad(line, "")
                    }
                }
            case "EXDATE":
                let tzid = line.parameter(upper: "TZID")
                for item in Substring(line.value).split(ascii: UInt8(ascii: ",")) {
                    if let time = CalendarTime.parse(String(item), tzid: tzid, valueType: line.parameter("VALUE")) {
                        event.exceptionDates.append(time)
                    } else {
                        bad(line, "")
                    }
                }
            case "RECURRENCE-ID":
                if let time = CalendarTime.parse(line) {
                    event.recurrenceID = time
                    event.thisAndFuture = line.parameter(upper: "RANGE")?.asciiUppercased == "THISANDFUTURE"
                } else {
                    bad(line, "")
                }
            default: break
            }
        }
        if event.kind == "VTODO", event.start == nil, let due = event.end { event.start = due }
        return event
    }
}
