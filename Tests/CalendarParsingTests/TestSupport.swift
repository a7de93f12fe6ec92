import Foundation

@testable import CalendarParsing

/// Helpers shared by the calendar tests.
enum TestSupport {
    /// Seconds since the epoch of a UTC `YYYY-MM-DDTHH:MM:SSZ`.
    static func utc(_ text: String) -> Int64 {
        let parts = text.split { "-T:Z".contains($0) }.map { Int($0)! }
        return CivilDate.days(year: parts[0], month: parts[1], day: parts[2]) * 86_400
            + Int64(parts[3] * 3600 + parts[4] * 60 + parts[5])
    }

    /// Wall-clock `YYYY-MM-DD HH:MM` of an instant in an Olson zone, computed by Foundation (not by the code under test).
    static func wallClock(_ epochSeconds: Int64, in zone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(epochSeconds)))
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// Expands `"1997-09 2-5,7; 1998-01 1"` into `"1997-09-02 09:00"`… with the given time of day.
    static func dates(_ spec: String, at time: String = "09:00") -> [String] {
        var result: [String] = []
        for segment in spec.split(separator: ";") {
            let words = segment.split(separator: " ")
            let month = String(words[0])
            for item in words[1].split(separator: ",") {
                let bounds = item.split(separator: "-").map { Int($0)! }
                for day in bounds[0]...(bounds.count > 1 ? bounds[1] : bounds[0]) {
                    result.append(month + "-" + String(format: "%02d", day) + " " + time)
                }
            }
        }
        return result
    }

    /// Parses a calendar and returns its occurrences in `[from, to)`.
    static func occurrences(
        _ ics: String, from: String = "1900-01-01T00:00:00Z", to: String = "2100-01-01T00:00:00Z",
        maxOccurrences: Int = 100_000
    )
        -> (occurrences: [EventOccurrence], diagnostics: [CalendarDiagnostic])
    {
        let document = CalendarDocument.parse(ics)
        var expander = CalendarExpander(maxOccurrences: maxOccurrences)
        let found = expander.occurrences(in: document, from: utc(from), to: utc(to))
        return (found, document.diagnostics + expander.diagnostics)
    }

    /// `recurrence-id start end summary` for each occurrence (`-` for no recurrence id).
    static func rows(_ found: [EventOccurrence]) -> [String] {
        found.map { "\($0.recurrenceID?.description ?? "-") \($0.start) \($0.end) \($0.event.summary ?? "")" }
    }

    /// The rows of one fixture's occurrences in `[from, to)`, and its diagnostics.
    static func fixtureRows(_ name: String, from: String, to: String) -> (rows: [String], diagnostics: [String]) {
        let (found, diagnostics) = occurrences(fixture(name), from: from, to: to)
        return (rows(found), diagnostics.map(\.description))
    }

    /// One VEVENT wrapped in a VCALENDAR.
    static func calendar(_ lines: [String], method: String? = nil, extra: [String] = []) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Baton//Tests//EN"] + (method.map { ["METHOD:" + $0] } ?? [])
            + extra
            + ["BEGIN:VEVENT", "UID:test@example.com", "DTSTAMP:20260101T000000Z"] + lines + [
                "END:VEVENT", "END:VCALENDAR", "",
            ])
            .joined(separator: "\r\n")
    }

    /// The contents of a fixture file.
    static func fixture(_ name: String) -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            .appendingPathComponent(name)
        return try! String(contentsOf: url, encoding: .utf8)
    }

    /// The path of a fixture file.
    static func fixturePath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            .appendingPathComponent(name).path
    }
}
