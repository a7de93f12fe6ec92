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

    @Test(
        "hostile input is read without crashing",
        arguments: [
            "BEGIN:\r\nEND:\r\n",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:99991231T235959Z\r\nRRULE:FREQ=SECONDLY;INTERVAL=1\r\n",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:00010101\r\nRRULE:FREQ=YEARLY;BYWEEKNO=-53;BYDAY=-1SU\r\n",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=MONTHLY;BYSETPOS=-366;BYMONTHDAY=-31\r\n",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T000000Z\r\nDURATION:P999999W\r\nRRULE:FREQ=DAILY;INTERVAL=999999\r\n",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:\u{0}\u{FFFD}\r\nDTSTART;TZID=\":20260101T000000\r\n;;;\r\n \r\n\t\r\n",
            "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:x\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+2359\r\nTZOFFSETTO:-2359\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nDTSTART;TZID=x:20260101T000000\r\nRRULE:FREQ=HOURLY;COUNT=5\r\n",
        ])
    func hostile(text: String) {
        let (found, _) = TestSupport.occurrences(
            text, from: "2025-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", maxOccurrences: 500)
        #expect(found.count <= 500 * 2)
    }

    @Test("nested components keep their structure: VTIMEZONE with STANDARD and DAYLIGHT, VEVENT with VALARM")
    func nesting() {
        let bytes = Array(TestSupport.fixture("google-export.ics").utf8)
        let (roots, diagnostics) = bytes.withUnsafeBytes { CalendarComponent.parse($0) }
        #expect(diagnostics.isEmpty)
        #expect(roots.map(\.name) == ["VCALENDAR"])
        #expect(roots[0].components.map(\.name) == ["VTIMEZONE", "VEVENT", "VEVENT", "VEVENT"])
        #expect(roots[0].components[0].components.map(\.name) == ["DAYLIGHT", "STANDARD"])
        #expect(roots[0].components[1].components.map(\.name) == ["VALARM"])
        #expect(roots[0].components[1].components[0].property("TRIGGER")?.value == "-P0DT0H10M0S")
        #expect(roots[0].property("X-WR-CALNAME")?.value == "ann@example.com")
    }
}
