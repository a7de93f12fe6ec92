import Foundation
import Testing

@testable import CalendarParsing

/// Reading whole documents: several VCALENDARs, unknown components, diagnostics.
@Suite struct DocumentTests {
    @Test("unknown components and X- properties are skipped, a bad line is a diagnostic, the rest is read")
    func malformed() {
        let document = CalendarDocument.parse(TestSupport.fixture("malformed.ics"))
        #expect(document.calendars.count == 2)
        #expect(document.calendars[0].events.map(\.uid) == ["ok-1", "bad-date"])
        #expect(document.calendars[0].todos.map(\.uid) == ["todo-1"])
        #expect(document.calendars[1].events.map(\.summary) == ["Second calendar, all day"])
        #expect(document.diagnostics.map(\.line) == [15, 27])
        #expect(document.diagnostics.map(\.kind) == [.malformedLine, .badValue])
        let (found, diagnostics) = TestSupport.occurrences(TestSupport.fixture("malformed.ics"))
        #expect(
            found.map { "\($0.uid ?? "-") \($0.start) \($0.end)" } == [
                "ok-1 2026-12-01T10:00:00Z 2026-12-01T10:45:00Z", "ok-2 2026-12-05 2026-12-06",
            ])
        #expect(diagnostics.contains { $0.kind == .missingProperty && $0.line == 25 })
    }

    @Test("an unclosed component and a stray END are diagnostics")
    func unbalanced() {
        let document = CalendarDocument.parse(
            "BEGIN:VCALENDAR\nEND:VTODO\nBEGIN:VEVENT\nUID:x\nDTSTART:20261201T100000Z\n")
        #expect(document.calendars.first?.events.map(\.uid) == ["x"])
        #expect(document.diagnostics.map(\.kind) == [.unbalancedComponent, .unbalancedComponent, .unbalancedComponent])
    }

    @Test("bytes that are not iCalendar yield no calendar")
    func notICalendar() {
        #expect(CalendarDocument.parse("From: a@b.c\nSubject: hi\n\nhello\n").calendars.isEmpty)
        #expect(CalendarDocument.parse([UInt8]()).calendars.isEmpty)
    }
}
