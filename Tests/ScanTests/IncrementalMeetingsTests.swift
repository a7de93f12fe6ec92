import BatonCore
import Foundation
import Testing

@testable import Ingest
@testable import Scan
@testable import Store

/// A scan that brings only new invitations rebuilds the meetings of the UIDs they name, not every meeting: the
/// rows it stores for them are the ones a full rebuild at the same moment stores.
@Suite struct IncrementalMeetingsTests {
    static let now = "2026-11-26T12:00:00Z"

    /// A zone only the calendar file defines, two hours east of UTC all year.
    static let officeZone = """
        BEGIN:VTIMEZONE
        TZID:Office
        BEGIN:STANDARD
        DTSTART:19700101T000000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0200
        TZNAME:OFF
        END:STANDARD
        END:VTIMEZONE
        """

    /// The calendar file: a weekly series in the file's own zone, a demo, and a meeting the invitations leave alone.
    static let calendarFile = """
        BEGIN:VCALENDAR
        VERSION:2.0
        METHOD:PUBLISH
        \(officeZone)
        BEGIN:VEVENT
        UID:series-1
        SEQUENCE:0
        DTSTAMP:20261101T000000Z
        DTSTART;TZID=Office:20261130T100000
        DURATION:PT30M
        RRULE:FREQ=WEEKLY;COUNT=4
        SUMMARY:Weekly
        ORGANIZER:mailto:ann@example.com
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:dana@acme.com
        END:VEVENT
        BEGIN:VEVENT
        UID:demo-1
        SEQUENCE:0
        DTSTAMP:20261101T000000Z
        DTSTART:20261201T100000Z
        DURATION:PT1H
        SUMMARY:Demo
        ORGANIZER:mailto:ann@example.com
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:lee@other.io
        END:VEVENT
        BEGIN:VEVENT
        UID:other-2
        SEQUENCE:0
        DTSTAMP:20261101T000000Z
        DTSTART:20261203T150000Z
        DURATION:PT1H
        SUMMARY:Other
        ORGANIZER:mailto:ann@example.com
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:dana@acme.com
        END:VEVENT
        END:VCALENDAR

        """

    /// A message from Dana to Ann with one `text/calendar` part holding `events` under `method`.
    static func invitation(_ id: String, method: String, _ events: String) -> String {
        """
        From dana@acme.com Fri Nov 20 10:00:00 2026
        From: dana@acme.com
        To: ann@example.com
        Subject: \(id)
        Date: Fri, 20 Nov 2026 10:00:00 +0000
        Message-ID: <\(id)>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: text/plain

        See the invitation.
        --b
        Content-Type: text/calendar; method=\(method)

        BEGIN:VCALENDAR
        VERSION:2.0
        METHOD:\(method)
        \(events)
        END:VCALENDAR
        --b--

        """
    }

    /// The invitations of the second scan: the demo moved, one instance of the series cancelled (the zone sent
    /// along, as clients do) and the series declined, and a new meeting in the zone only the file defines.
    static let invitations = [
        invitation(
            "move", method: "REQUEST",
            """
            BEGIN:VEVENT
            UID:demo-1
            SEQUENCE:1
            DTSTAMP:20261120T000000Z
            DTSTART:20261202T140000Z
            DURATION:PT1H
            SUMMARY:Demo moved
            ORGANIZER:mailto:ann@example.com
            ATTENDEE;PARTSTAT=ACCEPTED:mailto:lee@other.io
            END:VEVENT
            """),
        invitation(
            "cancel", method: "CANCEL",
            """
            \(officeZone)
            BEGIN:VEVENT
            UID:series-1
            SEQUENCE:1
            DTSTAMP:20261120T000000Z
            RECURRENCE-ID;TZID=Office:20261214T100000
            DTSTART;TZID=Office:20261214T100000
            SUMMARY:Weekly
            ORGANIZER:mailto:ann@example.com
            ATTENDEE:mailto:dana@acme.com
            END:VEVENT
            """),
        invitation(
            "decline", method: "REPLY",
            """
            BEGIN:VEVENT
            UID:series-1
            SEQUENCE:0
            DTSTAMP:20261121T000000Z
            DTSTART;TZID=Office:20261130T100000
            ATTENDEE;PARTSTAT=DECLINED:mailto:dana@acme.com
            END:VEVENT
            """),
        invitation(
            "new", method: "REQUEST",
            """
            BEGIN:VEVENT
            UID:new-3
            SEQUENCE:0
            DTSTAMP:20261120T000000Z
            DTSTART;TZID=Office:20261204T100000
            DURATION:PT1H
            SUMMARY:Pricing
            ORGANIZER:mailto:dana@acme.com
            ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:ann@example.com
            END:VEVENT
            """),
    ]

    /// Every row the meetings step writes, in a fixed order.
    static func meetingRows(_ world: TinyWorld) throws -> [String] {
        let database = try world.store().database
        let queries = [
            """
            SELECT 'meeting', id, uid, recurrence_id, start_at, end_at, summary, organizer, status, sequence, stamp
            FROM meetings ORDER BY uid, recurrence_id
            """,
            """
            SELECT 'attendee', meeting_id, address, name, partstat, role FROM meeting_attendees
            ORDER BY meeting_id, address
            """,
            """
            SELECT 'interaction', lead_id, meeting_id, direction, rep, time, kind, match FROM interactions
            WHERE meeting_id IS NOT NULL ORDER BY meeting_id, lead_id
            """,
            """
            SELECT 'sighting', meeting_id, source, location, seen_at FROM sightings WHERE meeting_id IS NOT NULL
            ORDER BY meeting_id, source, location
            """,
        ]
        return try queries.flatMap { sql in
            try database.query(sql).map { row in
                row.values.map { value in
                    switch value {
                    case .null: "-"
                    case .integer(let i): String(i)
                    case .real(let d): String(d)
                    case .text(let t): t.replacingOccurrences(of: world.root, with: "W")
                    case .blob(let b): "\(b.count) bytes"
                    }
                }.joined(separator: "|")
            }
        }
    }

    @Test("only the UIDs new invitations name are rebuilt, to the rows a full rebuild at the same moment stores")
    func invitationsRebuildTheirUIDs() throws {
        let world = try TinyWorld()
        try world.importReps()
        try world.importLeads("email\ndana@acme.com\nlee@other.io\n")
        try world.write("cal/team.ics", Self.calendarFile)
        let first = try world.scan(Self.now)
        #expect(first.sources[2].meetings == 6)
        // A row the invitations do not concern, changed behind the scan's back: only a full rebuild restores it.
        try world.store().database.execute("UPDATE meetings SET summary = 'changed' WHERE uid = 'other-2'")
        try world.append("mail/ann.mbox", Self.invitations.joined(separator: "\n"))

        let second = try world.scan(Self.now)
        #expect(second.sources[0].newMessages == 4)
        let incremental = try Self.meetingRows(world)
        let meetings = incremental.filter { $0.hasPrefix("meeting|") }.map {
            $0.split(separator: "|", omittingEmptySubsequences: false).dropFirst(2).prefix(7).joined(separator: "|")
        }
        // Times in UTC seconds: the file's zone (+02:00) placed the new meeting and the series; the cancelled
        // instance, whose CANCEL gives a start and no end, keeps the series' 30 minutes.
        #expect(
            meetings == [
                "demo-1||1796220000|1796223600|Demo moved|ann@example.com|scheduled",
                "new-3||1796371200|1796374800|Pricing|dana@acme.com|scheduled",
                "other-2||1796310000|1796313600|changed|ann@example.com|scheduled",
                "series-1|2026-11-30T08:00:00Z|1796025600|1796027400|Weekly|ann@example.com|scheduled",
                "series-1|2026-12-07T08:00:00Z|1796630400|1796632200|Weekly|ann@example.com|scheduled",
                "series-1|2026-12-14T08:00:00Z|1797235200|1797237000|Weekly|ann@example.com|cancelled",
                "series-1|2026-12-21T08:00:00Z|1797840000|1797841800|Weekly|ann@example.com|scheduled",
            ])

        // A full rebuild at the same moment changes nothing but the row changed behind the scan's back.
        let store = try world.store()
        let ingestor = try MessageIngestor(
            config: try world.config(), store: store, now: Timestamp.parseInstant(Self.now)!)
        let counts = try MeetingRebuilder(ingestor: ingestor).rebuild()
        #expect(counts.isEmpty)
        let full = try Self.meetingRows(world)
        #expect(full.count == incremental.count)
        #expect(full == incremental.map { $0.replacingOccurrences(of: "|changed|", with: "|Other|") })
        #expect(full != incremental)
    }

    @Test("a calendar file read again, or a day since the last full rebuild: every meeting is rebuilt; else not")
    func otherChangesRebuildEverything() throws {
        let world = try TinyWorld()
        try world.importReps()
        try world.importLeads("email\ndana@acme.com\nlee@other.io\n")
        try world.write("cal/team.ics", Self.calendarFile)
        try world.scan(Self.now)
        func otherSummary() throws -> String? {
            try world.store().database.scalar("SELECT summary FROM meetings WHERE uid = 'other-2'")?.string
        }
        func change() throws { try world.store().database.execute("UPDATE meetings SET summary = 'changed'") }

        // An invitation and a changed calendar file in one scan.
        try change()
        try world.append("mail/ann.mbox", Self.invitations[3])
        try world.write("cal/team.ics", Self.calendarFile + "\n")
        try world.scan(Self.now)
        #expect(try otherSummary() == "Other")

        // An invitation a day after the last full rebuild.
        try change()
        try world.append("mail/ann.mbox", "\n" + Self.invitations[0])
        try world.scan("2026-11-27T12:00:00Z")
        #expect(try otherSummary() == "Other")

        // Within that day, an invitation alone: the other meetings are left as they are.
        try change()
        try world.append("mail/ann.mbox", "\n" + Self.invitations[1])
        try world.scan("2026-11-27T12:05:00Z")
        #expect(try otherSummary() == "changed")
    }
}
