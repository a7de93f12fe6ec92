/// The result of reading an iCalendar stream: every `VCALENDAR` in it, and what could not be read.
public struct CalendarDocument: Sendable {
    /// The `VCALENDAR`s in the order written.
    public var calendars: [ICalendar]
    /// Problems, by line.
    public var diagnostics: [CalendarDiagnostic]

    /// The properties Baton reads; the others (descriptions, alarms' details, vendor extensions) are skipped unread.
    public static let propertiesRead: Set<String> = [
        "BEGIN", "END", "METHOD", "PRODID", "UID", "DTSTART", "DTEND", "DUE", "DURATION", "SUMMARY", "LOCATION",
        "STATUS",
        "ORGANIZER", "ATTENDEE", "SEQUENCE", "DTSTAMP", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "TZID",
        "TZOFFSETFROM",
        "TZOFFSETTO",
    ]

    /// The most `ATTENDEE`s kept per component; the rest are dropped with an `attendeeLimit` diagnostic.
    ///
    /// Real meetings have at most a few thousand guests (Google Calendar and Exchange cap invitations well
    /// below this), while a million `ATTENDEE` lines would hold a million content lines in memory and make every
    /// occurrence and every iTIP merge carry them. A constant, not a `limits` key: the keys of
    /// Config/README.md are fixed.
    public static let maxAttendees = 5_000

    /// Reads iCalendar bytes (RFC 5545): several `VCALENDAR`s, folded lines, unknown components skipped.
    ///
    /// Events are read as soon as their component closes, so only one event's content lines are held at a time.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> CalendarDocument {
        var lexer = ContentLineLexer()
        var diagnostics: [CalendarDiagnostic] = []
        var calendars: [ICalendar] = []
        var stack: [CalendarComponent] = []
        var current: ICalendar?

        func finish(_ component: CalendarComponent, diagnostics: inout [CalendarDiagnostic]) {
            if stack.isEmpty {
                if component.name == "VCALENDAR" {
                    if let calendar = current { calendars.append(calendar) }
                    current = nil
                } else if component.name == "VEVENT" || component.name == "VTODO" {
                    // A bare component outside VCALENDAR: read it anyway, as some exporters write them.
                    var calendar = ICalendar()
                    calendar.events.append(CalendarEvent.read(component, diagnostics: &diagnostics))
                    calendars.append(calendar)
                }
                return
            }
            if stack.count == 1, stack[0].name == "VCALENDAR" {
                switch component.name {
                case "VEVENT": current?.events.append(CalendarEvent.read(component, diagnostics: &diagnostics))
                case "VTODO": current?.todos.append(CalendarEvent.read(component, diagnostics: &diagnostics))
                case "VTIMEZONE":
                    if let id = component.property("TZID")?.value { current?.timeZones[id] = component }
                default: break
                }
                return
            }
            stack[stack.count - 1].components.append(component)
        }

        lexer.lex(bytes, keeping: CalendarDocument.propertiesRead) { line in
            switch line.name {
            case "BEGIN":
                let name = line.value.trimmedSpaces.asciiUppercased
                if name == "VCALENDAR", stack.isEmpty { current = ICalendar() }
                stack.append(CalendarComponent(name: name, lineNumber: line.lineNumber))
            case "END":
                let name = line.value.trimmedSpaces.asciiUppercased
                guard let index = stack.lastIndex(where: { $0.name == name }) else {
                    diagnostics.append(
                        CalendarDiagnostic(
                            .unbalancedComponent, line: line.lineNumber, "END:\(line.value) closes no open component"))
                    return
                }
                while stack.count > index + 1 {
                    let unclosed = stack.removeLast()
                    diagnostics.append(
                        CalendarDiagnostic(
                            .unbalancedComponent, line: unclosed.lineNumber, "BEGIN:\(unclosed.name) is never closed"))
                    finish(unclosed, diagnostics: &diagnostics)
                }
                finish(stack.removeLast(), diagnostics: &diagnostics)
            default:
                guard !stack.isEmpty else {
                    diagnostics.append(
                        CalendarDiagnostic(
                            .malformedLine, line: line.lineNumber, "property \(line.name) outside any component"))
                    return
                }
                if stack.count == 1, stack[0].name == "VCALENDAR" {
                    switch line.name {
                    case "METHOD": current?.method = line.value.trimmingSpaces.uppercased()
                    case "PRODID": current?.productID = line.value
                    default: break
                    }
                    return
                }
                if line.name == "ATTENDEE" {
                    let top = stack.count - 1
                    stack[top].attendeeLines += 1
                    guard stack[top].attendeeLines <= maxAttendees else {
                        if stack[top].attendeeLines == maxAttendees + 1 {
                            diagnostics.append(
                                CalendarDiagnostic(
                                    .attendeeLimit, line: line.lineNumber,
                                    "\(stack[top].name) at line \(stack[top].lineNumber) has more than \(maxAttendees) "
                                        + "ATTENDEE lines; the rest are ignored"))
                        }
                        return
                    }
                }
                // An event has a dozen or so of the properties read: one allocation instead of five regrowths.
                if stack[stack.count - 1].properties.isEmpty { stack[stack.count - 1].properties.reserveCapacity(16) }
                stack[stack.count - 1].properties.append(line)
            }
        }
        while let unclosed = stack.popLast() {
            diagnostics.append(
                CalendarDiagnostic(
                    .unbalancedComponent, line: unclosed.lineNumber, "BEGIN:\(unclosed.name) is never closed"))
            finish(unclosed, diagnostics: &diagnostics)
        }
        diagnostics = lexer.diagnostics + diagnostics
        diagnostics.sort { $0.line < $1.line }
        return CalendarDocument(calendars: calendars, diagnostics: diagnostics)
    }

    /// Reads iCalendar bytes.
    public static func parse(_ bytes: [UInt8]) -> CalendarDocument { bytes.withUnsafeBytes { parse($0) } }

    /// Reads iCalendar text.
    public static func parse(_ text: String) -> CalendarDocument { parse(Array(text.utf8)) }
}
