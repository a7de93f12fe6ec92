/// A component (`BEGIN:NAME` … `END:NAME`) with its properties and sub-components (RFC 5545, 3.4–3.6).
public struct CalendarComponent: Sendable {
    /// The component name, upper-cased: `VCALENDAR`, `VEVENT`, `VTIMEZONE`, `STANDARD`, `X-FOO`…
    public var name: String
    /// Properties in the order written.
    public var properties: [ContentLine]
    /// Nested components in the order written.
    public var components: [CalendarComponent]
    /// The line of its `BEGIN`.
    public var lineNumber: Int
    /// `ATTENDEE` lines met so far, kept or not (`CalendarDocument.maxAttendees`).
    var attendeeLines = 0

    /// A component.
    public init(name: String, properties: [ContentLine] = [], components: [CalendarComponent] = [], lineNumber: Int = 0)
    {
        self.name = name
        self.properties = properties
        self.components = components
        self.lineNumber = lineNumber
    }

    /// The first property called `name`.
    public func property(_ name: String) -> ContentLine? { properties.first { $0.name == name } }

    /// Every property called `name`.
    public func properties(_ name: String) -> [ContentLine] { properties.filter { $0.name == name } }

    /// Reads components from content lines: the top-level ones (usually `VCALENDAR`s), with diagnostics
    /// for lines outside any component and for `END`s that close nothing.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> (
        components: [CalendarComponent], diagnostics: [CalendarDiagnostic]
    ) {
        var lexer = ContentLineLexer()
        var stack: [CalendarComponent] = []
        var roots: [CalendarComponent] = []
        var diagnostics: [CalendarDiagnostic] = []
        lexer.lex(bytes) { line in
            switch line.name {
            case "BEGIN":
                stack.append(CalendarComponent(name: line.value.uppercased(), lineNumber: line.lineNumber))
            case "END":
                let name = line.value.uppercased()
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
                    stack[stack.count - 1].components.append(unclosed)
                }
                let done = stack.removeLast()
                if stack.isEmpty { roots.append(done) } else { stack[stack.count - 1].components.append(done) }
            default:
                if stack.isEmpty {
                    diagnostics.append(
                        CalendarDiagnostic(
                            .malformedLine, line: line.lineNumber, "property \(line.name) outside any component"))
                } else {
                    stack[stack.count - 1].properties.append(line)
                }
            }
        }
        while let unclosed = stack.popLast() {
            diagnostics.append(
                CalendarDiagnostic(
                    .unbalancedComponent, line: unclosed.lineNumber, "BEGIN:\(unclosed.name) is never closed"))
            if stack.isEmpty { roots.append(unclosed) } else { stack[stack.count - 1].components.append(unclosed) }
        }
        return (roots, lexer.diagnostics + diagnostics)
    }
}
