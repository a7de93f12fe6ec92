import Foundation
import Testing

@testable import CalendarParsing

/// A document of many events is expanded half on each of two threads (`CalendarExpander.threads`): the occurrences
/// and the diagnostics are those of one thread, and a zone that neither half can resolve is reported once.
@Suite struct SplitExpansionTests {
    /// 3,000 events, each in its own line block: a weekly series (with an override and an EXDATE) every tenth,
    /// a daily series cut at `maxOccurrences` at events 100 and 2,900, an unknown zone `Mars/Olympus` at events 7
    /// and 2,950 (one in each half) and `Venus/Maxwell` at 2,990 only.
    static func calendar() -> (text: String, lines: [Int: Int]) {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//split//EN\r\n"
        var line = 3
        var lines: [Int: Int] = [:]  // event number → line of its BEGIN:VEVENT
        func add(_ properties: [String]) {
            for property in properties { text += property + "\r\n" }
            line += properties.count
        }
        for n in 0..<3_000 {
            lines[n] = line + 1
            let day = 1 + n % 12
            let zone = n == 7 || n == 2_950 ? "Mars/Olympus" : n == 2_990 ? "Venus/Maxwell" : "Europe/Berlin"
            var event = [
                "BEGIN:VEVENT", "UID:e\(n)@split", "DTSTAMP:20260101T000000Z",
                String(format: "DTSTART;TZID=%@:202603%02dT%02d0000", zone, day, 8 + n % 9),
                "DURATION:PT45M", "SUMMARY:event \(n)",
            ]
            if n == 100 || n == 2_900 {
                event.append("RRULE:FREQ=DAILY")
            } else if n % 10 == 0 {
                event += [
                    "RRULE:FREQ=WEEKLY;COUNT=6",
                    String(format: "EXDATE;TZID=%@:202603%02dT%02d0000", zone, day + 7, 8 + n % 9),
                ]
            }
            event.append("END:VEVENT")
            add(event)
            if n % 10 == 0, n != 100, n != 2_900 {
                lines[-n - 1] = line + 1
                add([
                    "BEGIN:VEVENT", "UID:e\(n)@split", "DTSTAMP:20260101T000000Z",
                    String(format: "RECURRENCE-ID;TZID=%@:202603%02dT%02d0000", zone, day + 14, 8 + n % 9),
                    String(format: "DTSTART;TZID=%@:202603%02dT%02d3000", zone, day + 14, 8 + n % 9),
                    "DURATION:PT15M", "SUMMARY:event \(n) moved", "END:VEVENT",
                ])
            }
        }
        text += "END:VCALENDAR\r\n"
        return (text, lines)
    }

    static func expand(_ text: String, threads: Int) -> (rows: [String], diagnostics: [String]) {
        let document = CalendarDocument.parse(text)
        var expander = CalendarExpander(maxOccurrences: 40)
        expander.threads = threads
        let found = expander.occurrences(
            in: document, from: TestSupport.utc("2026-01-01T00:00:00Z"), to: TestSupport.utc("2027-01-01T00:00:00Z"))
        return (
            found.map { "\($0.uid ?? "-") \($0.recurrenceID?.description ?? "-") \($0.start) \($0.end)" },
            (document.diagnostics + expander.diagnostics).map(\.description)
        )
    }

    @Test("two threads give one thread's occurrences and diagnostics, each unknown zone reported once")
    func sameAsOneThread() {
        let (text, lines) = Self.calendar()
        let one = Self.expand(text, threads: 1)
        let two = Self.expand(text, threads: 2)
        // 2,700 single events, 298 weekly series of 6 less an EXDATE (5 each, one of them moved), and the
        // two daily series cut at 40.
        #expect(one.rows.count == 2_700 + 298 * 5 + 2 * 40)
        #expect(two.rows == one.rows)
        #expect(
            one.diagnostics == [
                "line \(lines[100]!): occurrence-limit: recurrence of 'e100@split' cut at 40 occurrences",
                "line \(lines[2_900]!): occurrence-limit: recurrence of 'e2900@split' cut at 40 occurrences",
                "line \(lines[7]!): unknown-time-zone: unknown TZID 'Mars/Olympus': read as UTC",
                "line \(lines[2_990]!): unknown-time-zone: unknown TZID 'Venus/Maxwell': read as UTC",
            ])
        #expect(two.diagnostics == one.diagnostics)
        // Event 10 (09:00 in Berlin on 11 March, weekly): the 18th excluded, the 25th moved to 09:30 for 15 minutes,
        // April after the change to summer time.
        #expect(
            one.rows.filter { $0.hasPrefix("e10@split ") } == [
                "e10@split 2026-03-11T08:00:00Z 2026-03-11T08:00:00Z 2026-03-11T08:45:00Z",
                "e10@split 2026-03-25T08:00:00Z 2026-03-25T08:30:00Z 2026-03-25T08:45:00Z",
                "e10@split 2026-04-01T07:00:00Z 2026-04-01T07:00:00Z 2026-04-01T07:45:00Z",
                "e10@split 2026-04-08T07:00:00Z 2026-04-08T07:00:00Z 2026-04-08T07:45:00Z",
                "e10@split 2026-04-15T07:00:00Z 2026-04-15T07:00:00Z 2026-04-15T07:45:00Z",
            ])
    }
}
