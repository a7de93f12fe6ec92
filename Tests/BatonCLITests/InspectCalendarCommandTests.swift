import BatonCLI
import Foundation
import TestSupport
import Testing

/// `baton inspect calendar`: JSON Lines with their keys in a fixed order, and its exit statuses.
@Suite struct InspectCalendarCommandTests {
    private static let repository = URL(fileURLWithPath: Repository.root)

    private func run(_ arguments: [String]) -> (status: Int32, out: [String], err: String) {
        let out = TextOutput()
        let err = TextOutput()
        let status = BatonMain.run(
            ["inspect", "calendar"] + arguments + ["--now", "2026-11-27T00:00:00Z"], out: out, err: err)
        return (status, out.text.split(separator: "\n").map(String.init), err.text)
    }

    private func temporaryFile(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("calendar.ics")
        try Data(text.utf8).write(to: file)
        return file.path
    }

    @Test("a CANCEL file prints its occurrences with method CANCEL, keys in their fixed order")
    func cancelSample() {
        let result = run([Self.repository.appendingPathComponent("Mail/calendars/northwind-cancel.ics").path])
        #expect(result.status == 0)
        #expect(
            result.out == [
                #"{"uid":"northwind-demo-19c2@google.com","recurrence_id":null,"start":"2026-12-10T11:00:00Z","end":"2026-12-10T12:00:00Z","summary":"Northwind product demo","status":"CANCELLED","organizer":"ann@example.com","attendees":[{"address":"erik@northwind.io","name":"Erik Lind","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT"},{"address":"bob@example.com","name":"Bob Baker","partstat":"ACCEPTED","role":"REQ-PARTICIPANT"}],"method":"CANCEL","sequence":1}"#
            ])
    }

    @Test("every sample in Mail/calendars is read without diagnostics")
    func samples() throws {
        let folder = Self.repository.appendingPathComponent("Mail/calendars")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".ics") {
            let result = run([folder.appendingPathComponent(name).path])
            #expect(result.status == 0)
            #expect(result.err.isEmpty, "\(name): \(result.err)")
            #expect(!result.out.isEmpty)
        }
    }

    @Test("every calendar fixture of the calendar and SLA tests is read, exit 0, over 1990 to 2200")
    func fixtures() throws {
        var paths: [String] = []
        for folder in ["Tests/CalendarParsingTests/Fixtures", "Tests/SLATests/Fixtures"] {
            let url = Self.repository.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".ics") {
                paths.append(url.appendingPathComponent(name).path)
            }
        }
        #expect(paths.count >= 20)
        for path in paths {
            let result = run([path, "--from", "1990-01-01T00:00:00Z", "--to", "2200-01-01T00:00:00Z"])
            #expect(result.status == 0, "\(path): \(result.err)")
            #expect(!result.out.isEmpty, "\(path)")
            // Only the deliberately broken fixture has diagnostics.
            #expect(result.err.isEmpty == !path.hasSuffix("malformed.ics"), "\(path): \(result.err)")
        }
    }

    @Test("two versions of one UID in a file print once: the newer by SEQUENCE, DTSTAMP, then LAST-MODIFIED")
    func duplicateVersions() {
        let result = run([
            Self.repository.appendingPathComponent("Tests/CalendarParsingTests/Fixtures/duplicate-uid.ics").path,
            "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z",
        ])
        #expect(result.status == 0)
        let lines = result.out.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(
            lines.map { "\($0["uid"] as? String ?? "-") \($0["summary"] as? String ?? "-") \($0["sequence"] ?? "-")" }
                == [
                    "by-sequence@example.com by sequence (new) 1", "by-stamp@example.com by stamp (new) 0",
                    "by-modified@example.com by last-modified (new) 0",
                    "modified-first@example.com modified first (new) 0", "tie@example.com tie (last) 0",
                    "across@example.com across calendars (cancelled) 1", "series@example.com series 0",
                    "series@example.com series (moved, new) 2", "series@example.com series 0",
                ])
    }

    @Test(
        "floating times print as UTC, all-day as dates, defaults for PARTSTAT and ROLE, sorted by start, uid, recurrence id"
    )
    func conventions() throws {
        let path = try temporaryFile(
            """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:b\r
            DTSTART:20261201T090000\r
            DTEND:20261201T100000\r
            SUMMARY:Floating\r
            ORGANIZER:MAILTO:Ann@Example.COM\r
            ATTENDEE;CN=Dana:mailto:dana@acme-robotics.com\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:a\r
            DTSTART;VALUE=DATE:20261201\r
            RRULE:FREQ=DAILY;COUNT=2\r
            SUMMARY:All day\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:c\r
            DTSTART:20261201T090000Z\r
            SUMMARY:Same start\r
            STATUS:tentative\r
            SEQUENCE:4\r
            END:VEVENT\r
            END:VCALENDAR\r

            """)
        let result = run([path])
        #expect(result.status == 0)
        #expect(
            result.out == [
                #"{"uid":"a","recurrence_id":"2026-12-01","start":"2026-12-01","end":"2026-12-02","summary":"All day","status":null,"organizer":null,"attendees":[],"method":null,"sequence":0}"#,
                #"{"uid":"b","recurrence_id":null,"start":"2026-12-01T09:00:00Z","end":"2026-12-01T10:00:00Z","summary":"Floating","status":null,"organizer":"ann@example.com","attendees":[{"address":"dana@acme-robotics.com","name":"Dana","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT"}],"method":null,"sequence":0}"#,
                #"{"uid":"c","recurrence_id":null,"start":"2026-12-01T09:00:00Z","end":"2026-12-01T09:00:00Z","summary":"Same start","status":"TENTATIVE","organizer":null,"attendees":[],"method":null,"sequence":4}"#,
                #"{"uid":"a","recurrence_id":"2026-12-02","start":"2026-12-02","end":"2026-12-03","summary":"All day","status":null,"organizer":null,"attendees":[],"method":null,"sequence":0}"#,
            ])
    }

    @Test("--from and --to bound the window; the default window is a year either side of --now")
    func window() throws {
        let path = try temporaryFile(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:w\r\nDTSTART:20241201T090000Z\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        #expect(run([path]).out.count == 2)
        let bounded = run([path, "--from", "2026-12-01T09:00:00Z", "--to", "2026-12-01T09:00:01+00:00"])
        #expect(bounded.out.count == 1)
        #expect(bounded.out.first?.contains(#""start":"2026-12-01T09:00:00Z""#) == true)
    }

    @Test("exit 66 for a missing path, 65 for a file with no iCalendar, 64 for a bad --from")
    func exitCodes() throws {
        #expect(run(["/nonexistent/calendar.ics"]).status == 66)
        #expect(run([try temporaryFile("just some text\n")]).status == 65)
        #expect(run([try temporaryFile("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), "--from", "2026-12-01"]).status == 64)
    }
}
