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
        for index in component.properties.indices {
            event.take(component.properties[index], diagnostics: &diagnostics)
        }
        if event.kind == "VTODO", event.start == nil, let due = event.end { event.start = due }
        return event
    }

    /// Reads one property of the component into the event. The line is borrowed from the component's array,
    /// not copied: a copy retains its strings and parameters, which cost more than the reading.
    private mutating func take(_ line: borrowing ContentLine, diagnostics: inout [CalendarDiagnostic]) {
        func bad(_ what: String) {
            diagnostics.append(
                CalendarDiagnostic(
                    .badValue, line: line.lineNumber, "bad \(line.name) value '\(line.value.prefix(60))'\(what)"))
        }
        switch line.property {
        case .uid: uid = line.value.trimmedSpaces
        case .startTime:
            if let time = CalendarTime.parse(line) { start = time } else { bad("") }
        case .endTime:
            if let time = CalendarTime.parse(line) { end = time } else { bad("") }
        case .due:
            if let time = CalendarTime.parse(line) {
                if kind == "VTODO" { end = time }
            } else {
                bad("")
            }
        case .duration:
            if let duration = CalendarDuration.parse(line.value) {
                self.duration = duration
            } else {
                bad("")
            }
        case .summary: summary = line.text
        case .location: location = line.text
        case .status: status = line.value.trimmedSpaces.asciiUppercased
        case .organizer:
            organizer = Attendee.address(line.value)
            organizerName = line.parameter(.commonName)
        case .attendee: attendees.append(Attendee(line))
        case .sequence:
            if let n = Int(line.value.trimmedSpaces), n >= 0 { sequence = n } else { bad("") }
        case .stamp:
            if let time = CalendarTime.parse(line.value), !time.isDate {
                timestamp = time.localSeconds
            } else {
                bad("")
            }
        case .lastModified:
            if let time = CalendarTime.parse(line.value), !time.isDate {
                lastModified = time.localSeconds
            } else {
                bad("")
            }
        case .rule:
            do {
                rules.append(try RecurrenceRule.parse(line.value))
            } catch {
                bad(": \(error)")
            }
        case .recurrenceDate:
            let tzid = line.parameter(.timeZoneID)
            let isPeriod = line.parameter(.valueType)?.asciiUppercased == "PERIOD"
            for item in Substring(line.value).split(ascii: UInt8(ascii: ",")) {
                let text = String(item)
                if isPeriod || text.contains("/") {
                    if let period = CalendarPeriod.parse(text, tzid: tzid) {
                        recurrenceDates.append(.period(period))
                    } else {
                        bad("")
                    }
                } else if let time = CalendarTime.parse(text, tzid: tzid, valueType: line.parameter(.valueType)) {
                    recurrenceDates.append(.time(time))
                } else {
                    bad("")
                }
            }
        case .exceptionDate:
            let tzid = line.parameter(.timeZoneID)
            for item in Substring(line.value).split(ascii: UInt8(ascii: ",")) {
                if let time = CalendarTime.parse(String(item), tzid: tzid, valueType: line.parameter(.valueType)) {
                    exceptionDates.append(time)
                } else {
                    bad("")
                }
            }
        case .recurrenceID:
            if let time = CalendarTime.parse(line) {
                recurrenceID = time
                thisAndFuture = line.parameter(.range)?.asciiUppercased == "THISANDFUTURE"
            } else {
                bad("")
            }
        default: break
        }
    }
}
