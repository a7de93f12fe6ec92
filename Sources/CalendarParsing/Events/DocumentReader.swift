/// What `CalendarDocument.parse` knows between two content lines: the open components, the calendar being read,
/// the calendars closed and the problems met. A value, so that one stretch of a file can be read apart from
/// another and the two joined (`CalendarDocument.parse(_:threads:)`).
struct DocumentReader {
    var diagnostics: [CalendarDiagnostic] = []
    var calendars: [ICalendar] = []
    var stack: [CalendarComponent] = []
    var current: ICalendar?
    /// The reader started inside a `VCALENDAR` opened before its bytes (`continuing()`), not closed yet.
    private var continuing = false
    /// That `VCALENDAR` was still open at the end of the bytes; its "never closed" is for the joiner to report,
    /// with the line of its `BEGIN`.
    private(set) var continuationUnclosed = false

    /// A reader at the start of a stream.
    init() {}

    /// A reader whose bytes start between two components of an open `VCALENDAR`: its first closed calendar (the
    /// first of `calendars` after `close()`) holds what it read of that calendar.
    static func continuing() -> DocumentReader {
        var reader = DocumentReader()
        reader.stack = [CalendarComponent(name: "VCALENDAR", lineNumber: 0)]
        reader.current = ICalendar()
        reader.continuing = true
        return reader
    }

    /// At the end of its bytes, the reader is inside one `VCALENDAR` and nothing else: what follows may be read
    /// by a `continuing()` reader and joined.
    var isBetweenComponents: Bool { stack.count == 1 && stack[0].name == "VCALENDAR" && current != nil }

    mutating func take(_ line: ContentLine) {
        switch line.property {
        case .begin:
            let name = line.value.trimmedSpaces.asciiUppercased
            if name == "VCALENDAR", stack.isEmpty { current = ICalendar() }
            stack.append(CalendarComponent(name: name, lineNumber: line.lineNumber))
        case .end:
            let name = line.value.trimmedSpaces.asciiUppercased
            guard let index = stack.lastIndex(where: { $0.name == name }) else {
                diagnostics.append(
                    CalendarDiagnostic(
                        .unbalancedComponent, line: line.lineNumber, "END:\(line.value) closes no open component"))
                return
            }
            while stack.count > index + 1 { closeUnclosed() }
            finish(stack.removeLast())
        default:
            guard !stack.isEmpty else {
                diagnostics.append(
                    CalendarDiagnostic(
                        .malformedLine, line: line.lineNumber, "property \(line.name) outside any component"))
                return
            }
            if stack.count == 1, stack[0].name == "VCALENDAR" {
                switch line.property {
                case .method: current?.method = line.value.trimmingSpaces.uppercased()
                case .productID: current?.productID = line.value
                default: break
                }
                return
            }
            let top = stack.count - 1
            if line.property == .attendee {
                stack[top].attendeeLines += 1
                guard stack[top].attendeeLines <= CalendarDocument.maxAttendees else {
                    if stack[top].attendeeLines == CalendarDocument.maxAttendees + 1 {
                        diagnostics.append(
                            CalendarDiagnostic(
                                .attendeeLimit, line: line.lineNumber,
                                "\(stack[top].name) at line \(stack[top].lineNumber) has more than "
                                    + "\(CalendarDocument.maxAttendees) ATTENDEE lines; the rest are ignored"))
                    }
                    return
                }
            }
            // An event has a dozen or so of the properties read: one allocation instead of five regrowths.
            if stack[top].properties.isEmpty { stack[top].properties.reserveCapacity(16) }
            stack[top].properties.append(line)
        }
    }

    /// The end of the stream: components still open are reported and closed.
    mutating func close() {
        while !stack.isEmpty { closeUnclosed() }
    }

    private mutating func closeUnclosed() {
        let unclosed = stack.removeLast()
        if continuing, stack.isEmpty {
            continuationUnclosed = true
        } else {
            diagnostics.append(
                CalendarDiagnostic(
                    .unbalancedComponent, line: unclosed.lineNumber, "BEGIN:\(unclosed.name) is never closed"))
        }
        finish(unclosed)
    }

    private mutating func finish(_ component: CalendarComponent) {
        if stack.isEmpty {
            continuing = false
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

    /// Joins `next`, a `continuing()` reader closed after the bytes that follow this one's, to this reader, which
    /// `isBetweenComponents`: what `next` read of the open calendar is added to it, as if one reader had read
    /// both stretches, then `next`'s own calendars follow. `close()` is still to be called on the result.
    mutating func join(_ next: DocumentReader) {
        diagnostics += next.diagnostics
        var rest = next.calendars[...]
        guard let continued = rest.popFirst() else { return }
        current?.events += continued.events
        current?.todos += continued.todos
        for (id, zone) in continued.timeZones { current?.timeZones[id] = zone }
        if let method = continued.method { current?.method = method }
        if let productID = continued.productID { current?.productID = productID }
        if next.continuationUnclosed {
            // Still open at the end of the stream: `close()` reports it with its own line.
            return
        }
        // Closed in `next`'s stretch: closed here, before `next`'s own calendars.
        stack.removeAll()
        if let calendar = current { calendars.append(calendar) }
        current = nil
        calendars += rest
    }
}
