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

/// The result of reading an iCalendar stream: every `VCALENDAR` in it, and what could not be read.
public struct CalendarDocument: Sendable {
    /// The `VCALENDAR`s in the order written.
    public var calendars: [ICalendar]
    /// Problems, by line.
    public var diagnostics: [CalendarDiagnostic]

    /// Reads iCalendar bytes (RFC 5545): several `VCALENDAR`s, folded lines, unknown components skipped.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> CalendarDocument {
        let (roots, lexDiagnostics) = CalendarComponent.parse(bytes)
        var diagnostics = lexDiagnostics
        var calendars: [ICalendar] = []
        for root in roots {
            guard root.name == "VCALENDAR" else {
                if root.name == "VEVENT" || root.name == "VTODO" {
                    // A bare component outside VCALENDAR: read it anyway, as some exporters write them.
                    var calendar = ICalendar()
                    calendar.events.append(CalendarEvent.read(root, diagnostics: &diagnostics))
                    calendars.append(calendar)
                }
                continue
            }
            var calendar = ICalendar(method: root.property("METHOD")?.value.trimmingSpaces.uppercased())
            calendar.productID = root.property("PRODID")?.value
            for child in root.components {
                switch child.name {
                case "VEVENT": calendar.events.append(CalendarEvent.read(child, diagnostics: &diagnostics))
                case "VTODO": calendar.todos.append(CalendarEvent.read(child, diagnostics: &diagnostics))
                case "VTIMEZONE":
                    if let id = child.property("TZID")?.value { calendar.timeZones[id] = child }
                default: break
                }
            }
            calendars.append(calendar)
        }
        diagnostics.sort { $0.line < $1.line }
        return CalendarDocument(calendars: calendars, diagnostics: diagnostics)
    }

    /// Reads iCalendar bytes.
    public static func parse(_ bytes: [UInt8]) -> CalendarDocument { bytes.withUnsafeBytes { parse($0) } }

    /// Reads iCalendar text.
    public static func parse(_ text: String) -> CalendarDocument { parse(Array(text.utf8)) }
}
