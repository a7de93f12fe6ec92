import Foundation
import Testing

@testable import CalendarParsing

/// A file read in two halves on two threads reads as it does on one: the same calendars, events, time zones,
/// methods and diagnostics, with the same line numbers.
@Suite struct SplitReadTests {
    /// Three calendars and a bare event, with what a join must get right: a time zone, a METHOD and a PRODID after
    /// events, folded lines, a malformed line and a bad value in either half, a component left open inside the
    /// second calendar, and a last calendar never closed.
    static let lines: [String] = [
        "BEGIN:VCALENDAR",  // 1
        "METHOD:PUBLISH",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "BEGIN:STANDARD",  // 5
        "DTSTART:19701025T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",  // 10
        "BEGIN:VEVENT",
        "UID:a1",
        "DTSTART;TZID=Europe/Paris:20261201T100000",
        "SUMMARY:First",
        "END:VEVENT",  // 15
        "BEGIN:VEVENT",
        "UID:a2",
        "DTSTART:garbage",
        "SUMMARY:Bad start",
        "END:VEVENT",  // 20
        "BEGIN:VEVENT",
        "UID:a3",
        "DTSTART:20261202T090000Z",
        "SUMMARY:Folded ",
        "  across lines",  // 25
        "ATTENDEE;CN=Ann:mailto:ann@example.com",
        "NOCOLON",
        "END:VEVENT",
        "BEGIN:VTIMEZONE",
        "TZID:Late/Zone",  // 30
        "END:VTIMEZONE",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:a4",
        "DTSTART:20261203T090000Z",  // 35
        "END:VEVENT",
        "END:VCALENDAR",
        "BEGIN:VCALENDAR",
        "PRODID:-//Two//EN",
        "BEGIN:VEVENT",  // 40
        "UID:b1",
        "DTSTART:20261204T090000Z",
        "BEGIN:VEVENT",
        "UID:b1-inner",
        "DTSTART:20261205T090000Z",  // 45
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:b2",
        "DTSTART:20261206T090000Z",
        "END:VEVENT",  // 50
        "PRODID:-//Two again//EN",
        "END:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:bare",
        "DTSTART:20261207T090000Z",  // 55
        "END:VEVENT",
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:c1",
        "DTSTART:20261208T090000Z",  // 60
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:c2",
        "DTSTART:20261209T090000Z",
        "END:VEVENT",  // 65
    ]

    /// Everything a reader produces, as text.
    static func describe(_ document: CalendarDocument) -> [String] {
        var out: [String] = []
        for calendar in document.calendars {
            let zones = calendar.timeZones.keys.sorted().map { "\($0)@\(calendar.timeZones[$0]!.lineNumber)" }
            out.append("calendar \(calendar.method ?? "-") \(calendar.productID ?? "-") \(zones)")
            for event in calendar.events + calendar.todos {
                let start = event.start.map { "\($0)" } ?? "-"
                out.append(
                    "  \(event.kind) \(event.uid ?? "-") line \(event.lineNumber) \(start) \(event.summary ?? "-") "
                        + "\(event.attendees.map(\.address))")
            }
        }
        return out + document.diagnostics.map(\.description)
    }

    @Test("every cut before a BEGIN:VEVENT reads as one reader does, or is refused where a component is open")
    func everyCut() {
        for ending in ["\n", "\r\n"] {
            let bytes = Array((Self.lines.joined(separator: ending) + ending).utf8)
            let whole = bytes.withUnsafeBytes { CalendarDocument.parse($0) }
            let utc = "form: CalendarParsing.CalendarTime.Form.utc"
            #expect(
                Self.describe(whole) == [
                    #"calendar REQUEST - ["Europe/Paris@3", "Late/Zone@29"]"#,
                    #"  VEVENT a1 line 11 dateTime(localSeconds: 1796119200, "#
                        + #"form: CalendarParsing.CalendarTime.Form.zoned("Europe/Paris")) First []"#,
                    "  VEVENT a2 line 16 - Bad start []",
                    #"  VEVENT a3 line 21 dateTime(localSeconds: 1796202000, \#(utc)) Folded  across lines "#
                        + #"["ann@example.com"]"#,
                    "  VEVENT a4 line 33 dateTime(localSeconds: 1796288400, \(utc)) - []",
                    // b1 is never closed: b1-inner, b2 and the second PRODID are inside it.
                    "calendar - -//Two//EN []",
                    "  VEVENT b1 line 40 dateTime(localSeconds: 1796374800, \(utc)) - []",
                    "calendar - - []",
                    "  VEVENT bare line 53 dateTime(localSeconds: 1796634000, \(utc)) - []",
                    "calendar - - []",
                    "  VEVENT c1 line 58 dateTime(localSeconds: 1796720400, \(utc)) - []",
                    "  VEVENT c2 line 62 dateTime(localSeconds: 1796806800, \(utc)) - []",
                    "line 18: bad-value: bad DTSTART value 'garbage'",
                    "line 27: malformed-line: cannot read content line 'NOCOLON'",
                    "line 40: unbalanced-component: BEGIN:VEVENT is never closed",
                    "line 57: unbalanced-component: BEGIN:VCALENDAR is never closed",
                ])
            var joined: [Int] = []
            var refused: [Int] = []
            var offset = 0
            for (index, line) in Self.lines.enumerated() {
                if line == "BEGIN:VEVENT" {
                    let split = bytes.withUnsafeBytes { CalendarDocument.parse($0, splitAt: offset) }
                    if let split {
                        #expect(Self.describe(split) == Self.describe(whole), "cut before line \(index + 1)")
                        joined.append(index + 1)
                    } else {
                        refused.append(index + 1)
                    }
                }
                offset += line.utf8.count + ending.utf8.count
            }
            // Inside the second calendar's unclosed event, and before the bare event outside any calendar.
            #expect(refused == [43, 47, 53])
            #expect(joined == [11, 16, 21, 33, 40, 58, 62])
        }
    }

    @Test("a large file is cut at the first BEGIN:VEVENT line after its middle, and read as on one thread")
    func largeFile() {
        var text = "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\n"
        for n in 0..<12_000 {
            text += "BEGIN:VEVENT\r\nUID:e\(n)\r\nDTSTART:20261201T\(String(format: "%02d", n % 24))0000Z\r\n"
            text += "SUMMARY:Event number \(n) with a long enough summary to fill the file\r\n"
            text += "DESCRIPTION:skipped unread\r\n  continued\r\nEND:VEVENT\r\n"
        }
        text += "END:VCALENDAR\r\n"
        let bytes = Array(text.utf8)
        #expect(bytes.count >= CalendarDocument.splitThreshold)
        let cut = bytes.withUnsafeBytes { CalendarDocument.splitPoint($0) }
        let middle = bytes.count / 2
        #expect(cut.map { $0 >= middle } == true)
        #expect(cut.map { String(decoding: bytes[$0..<($0 + 14)], as: UTF8.self) } == "BEGIN:VEVENT\r\n")
        let before = cut.map { String(decoding: bytes[middle..<$0], as: UTF8.self) } ?? ""
        #expect(!before.contains("BEGIN:VEVENT"))
        let one = bytes.withUnsafeBytes { CalendarDocument.parse($0) }
        let two = bytes.withUnsafeBytes { CalendarDocument.parse($0, threads: 2) }
        #expect(one.calendars.count == 1 && one.calendars[0].events.count == 12_000)
        #expect(Self.describe(two) == Self.describe(one))
        // Read in two halves and joined, not read again on one thread after a refused cut.
        let joined = cut.flatMap { cut in bytes.withUnsafeBytes { CalendarDocument.parse($0, splitAt: cut) } }
        #expect(joined.map(Self.describe) == Self.describe(one))
        #expect(two.calendars[0].events.last?.lineNumber == 1 + 2 + 11_999 * 7)
    }

    @Test("a small file, or one with no BEGIN:VEVENT line after its middle, is read on one thread")
    func noCut() {
        let empty = Array("BEGIN:VCALENDAR\nEND:VCALENDAR\n".utf8)
        #expect(empty.withUnsafeBytes { CalendarDocument.splitPoint($0) } == nil)
        let lower = Array("BEGIN:VCALENDAR\nbegin:vevent\nUID:x\nend:vevent\nEND:VCALENDAR\n".utf8)
        #expect(lower.withUnsafeBytes { CalendarDocument.splitPoint($0) } == nil)
        let document = lower.withUnsafeBytes { CalendarDocument.parse($0, threads: 2) }
        #expect(document.calendars.first?.events.map(\.uid) == ["x"])
    }
}
