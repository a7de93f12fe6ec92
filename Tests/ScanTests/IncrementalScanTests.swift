import BatonCore
import CRM
import Foundation
import TestSupport
import Testing

@testable import Ingest
@testable import Scan
@testable import Store

/// A small world written by each test: one mbox, one Maildir, one calendar, leads and reps.
final class TinyWorld {
    let root: String
    var blocklist = "[]"
    /// `drop.saved_files`.
    var savedFiles = false
    /// `auto_create_leads`, for mail to `sales@example.com`.
    var autoCreate = false
    /// `matching.freemail_domains`.
    var freemail = "[]"
    /// The store: a file in the world, or a PostgreSQL database's URI.
    var storePath = "store.sqlite"

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("baton-tiny-\(UUID().uuidString)").path
        for folder in ["mail/bob/cur", "mail/bob/new", "mail/bob/tmp", "cal", "mail/drop"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try write("mail/ann.mbox", "")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A world whose store is a new database on the test server, its URI added to `databases` for the caller to drop.
    static func onPostgres(_ databases: inout [String]) throws -> TinyWorld {
        let world = try TinyWorld()
        world.storePath = try PostgresServer.createDatabase()
        databases.append(world.storePath)
        return world
    }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
    }

    func append(_ relative: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/" + relative))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    func config() throws -> Config {
        let json = """
            {"store": "\(storePath)", "timezone": "UTC", "internal_domains": ["example.com"], "blocklist": \(blocklist),
             "sources": [{"type": "mbox", "path": "mail/ann.mbox", "rep": "ann@example.com"},
                         {"type": "maildir", "path": "mail/bob", "rep": "bob@example.com"},
                         {"type": "calendar", "path": "cal/*.ics"}, {"type": "drop", "path": "mail/drop"}],
             "drop": {"saved_files": \(savedFiles)}, "sales_addresses": ["sales@example.com"],
             "auto_create_leads": \(autoCreate), "matching": {"freemail_domains": \(freemail)},
             "teams": {"t": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}}, "policies": [],
             "alerts": {"from": "b@example.com", "transport": {"type": "folder", "path": "out"}}}
            """
        return try ConfigLoader.parse(Array(json.utf8), path: root + "/baton.json")
    }

    func store() throws -> BatonStore {
        try BatonStore(path: storePath.hasPrefix("postgresql:") ? storePath : root + "/" + storePath)
    }

    func importLeads(_ csv: String) throws {
        let config = try config()
        let leads = try CRMImportReader(config: config).leads(Array(csv.utf8), file: "l.csv")
        _ = try store().people.importLeads(
            leads.records, rejected: leads.rejected, warnings: leads.warnings, file: "l.csv", at: UnixTime.now())
    }

    func importReps() throws {
        let config = try config()
        let csv = "email,name\nann@example.com,Ann\nbob@example.com,Bob\n"
        let reps = try CRMImportReader(config: config).reps(Array(csv.utf8), file: "r.csv")
        _ = try store().people.importReps(
            reps.records, rejected: reps.rejected, warnings: reps.warnings, file: "r.csv", at: UnixTime.now())
    }

    @discardableResult
    func scan(_ now: String = "2026-11-26T12:00:00Z") throws -> ScanReport {
        try ScanRun(config: try config(), store: try store(), now: Timestamp.parseInstant(now)!).run().scan
    }

    static func mbox(_ id: String, from: String, to: String, date: String, subject: String = "Hello") -> String {
        """
        From \(from) Mon Nov 16 08:12:00 2026
        From: \(from)
        To: \(to)
        Subject: \(subject)
        Date: \(date)
        Message-ID: <\(id)>

        Body of \(id).

        """
    }

    func interactions() throws -> [String] {
        try store().database.query(
            "SELECT i.lead_id, m.message_id, i.match FROM interactions i JOIN messages m ON m.id = i.message_id ORDER BY i.time, m.id, i.lead_id"
        ).map { "\($0.int(0)!) \($0.text(1)!) \($0.text(2)!)" }
    }
}

@Suite struct IncrementalScanTests {
    @Test(
        "an appended mbox is read from its cursor; an unchanged one is not read; a rewritten one is read again exactly")
    func mboxCursor() throws {
        let world = try TinyWorld()
        try world.importReps()
        try world.importLeads("email\ndana@acme.com\n")
        try world.write(
            "mail/ann.mbox",
            TinyWorld.mbox("m1", from: "dana@acme.com", to: "ann@example.com", date: "Mon, 16 Nov 2026 08:12:00 +0000"))
        #expect(try world.scan().sources[0].newMessages == 1)
        let unchanged = try world.scan()
        #expect(unchanged.sources[0].newMessages == 0)
        let offset = try #require(try world.store().cursors.sourceState(world.root + "/mail/ann.mbox")).offset
        try world.append(
            "mail/ann.mbox",
            "\n"
                + TinyWorld.mbox(
                    "m2", from: "ann@example.com", to: "dana@acme.com", date: "Mon, 16 Nov 2026 09:00:00 +0000"))
        let appended = try world.scan()
        #expect(appended.sources[0].newMessages == 1)
        #expect(appended.sources[0].interactions == 1)
        #expect(try world.store().cursors.sourceState(world.root + "/mail/ann.mbox")!.offset > offset)
        // A client compacts the file: the first message is gone, the second moves to the front.
        try world.write(
            "mail/ann.mbox",
            TinyWorld.mbox("m2", from: "ann@example.com", to: "dana@acme.com", date: "Mon, 16 Nov 2026 09:00:00 +0000"))
        let rewritten = try world.scan()
        #expect(rewritten.sources[0].newMessages == 0)
        #expect(rewritten.sources[0].interactions == 0)
        #expect(try world.interactions() == ["1 m1 address", "1 m2 address"])
        // Only the locations of the new layout remain: m2 now at the start, m1 no longer in the file.
        #expect(
            try world.store().database.query(
                "SELECT m.message_id, s.location FROM sightings s JOIN messages m ON m.id = s.message_id ORDER BY m.id"
            ).map { "\($0.text(0)!) \($0.text(1)!)" } == ["m2 @0"])
    }

    @Test("a Maildir message moved from new/ to cur/ or given a flag is not new; a deleted file keeps its interaction")
    func maildirMoves() throws {
        let world = try TinyWorld()
        try world.importReps()
        try world.importLeads("email\ngus@initech.com\n")
        let text = TinyWorld.mbox(
            "g1", from: "gus@initech.com", to: "bob@example.com", date: "Fri, 20 Nov 2026 12:00:00 +0000"
        )
        .split(separator: "\n", maxSplits: 1)[1]
        try world.write("mail/bob/new/1763640000.M1P1.host", String(text))
        #expect(try world.scan().sources[1].newMessages == 1)
        try FileManager.default.moveItem(
            atPath: world.root + "/mail/bob/new/1763640000.M1P1.host",
            toPath: world.root + "/mail/bob/cur/1763640000.M1P1.host:2,S")
        #expect(try world.scan().sources[1].newMessages == 0)
        try FileManager.default.moveItem(
            atPath: world.root + "/mail/bob/cur/1763640000.M1P1.host:2,S",
            toPath: world.root + "/mail/bob/cur/1763640000.M1P1.host:2,RS")
        #expect(try world.scan().sources[1].newMessages == 0)
        try FileManager.default.removeItem(atPath: world.root + "/mail/bob/cur/1763640000.M1P1.host:2,RS")
        #expect(try world.scan().sources[1].newMessages == 0)
        #expect(try world.interactions() == ["1 g1 address"])
    }

    @Test("a lead imported after its mail was scanned gets its history at the next scan, without rereading mail")
    func lateLead() throws {
        let world = try TinyWorld()
        try world.importReps()
        try world.write(
            "mail/ann.mbox",
            TinyWorld.mbox("m1", from: "zoe@newco.io", to: "ann@example.com", date: "Mon, 16 Nov 2026 08:12:00 +0000"))
        let first = try world.scan()
        #expect(first.sources[0].skipped == 1)
        #expect(try world.interactions() == [])
        try world.importLeads("email,name\nzoe@newco.io,Zoe\n")
        let second = try world.scan()
        #expect(second.rematched == 1)
        #expect(second.sources[0].newMessages == 0)
        #expect(try world.interactions() == ["1 m1 address"])
        #expect(try world.store().database.scalar("SELECT outcome FROM messages") == .text("matched"))
    }

    @Test("adding a blocklist entry removes what it already matched")
    func blocklist() throws {
        let world = try TinyWorld()
        try world.importReps()
        try world.importLeads("email\ndana@acme.com\nlee@other.io\n")
        try world.write(
            "mail/ann.mbox",
            TinyWorld.mbox("m1", from: "dana@acme.com", to: "ann@example.com", date: "Mon, 16 Nov 2026 08:12:00 +0000")
                + "\n"
                + TinyWorld.mbox(
                    "m2", from: "lee@other.io", to: "ann@example.com", date: "Mon, 16 Nov 2026 09:12:00 +0000"))
        try world.scan()
        #expect(try world.interactions() == ["1 m1 address", "2 m2 address"])
        world.blocklist = #"["@acme.com"]"#
        let report = try world.scan()
        #expect(report.rematched == 1)
        #expect(try world.interactions() == ["2 m2 address"])
        #expect(
            try world.store().database.scalar("SELECT outcome FROM messages WHERE message_id = 'm1'")
                == .text("blocklisted"))
    }

    static func event(sequence: Int, start: String, status: String = "CONFIRMED", method: String = "REQUEST") -> String
    {
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        METHOD:\(method)
        BEGIN:VEVENT
        UID:demo-1
        SEQUENCE:\(sequence)
        DTSTAMP:20261101T000000Z
        DTSTART:\(start)
        DURATION:PT1H
        SUMMARY:Demo
        STATUS:\(status)
        ORGANIZER:mailto:ann@example.com
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:dana@acme.com
        END:VEVENT
        END:VCALENDAR

        """
    }

    @Test("a calendar is read again when its content changes: a reschedule moves the meeting, a cancel cancels it")
    func calendarUpdates() throws {
        let world = try TinyWorld()
        try world.importReps()
        try world.importLeads("email\ndana@acme.com\n")
        try world.write("cal/a.ics", Self.event(sequence: 0, start: "20261201T100000Z"))
        let first = try world.scan()
        #expect(first.sources[2].meetings == 1)
        #expect(first.sources[2].interactions == 1)
        func meetings() throws -> [String] {
            try world.store().database.query(
                "SELECT g.status, g.start_at, i.lead_id FROM meetings g JOIN interactions i ON i.meeting_id = g.id"
            ).map { "\($0.text(0)!) \(Timestamp.format(epochSeconds: $0.int(1)!)) \($0.int(2)!)" }
        }
        #expect(try meetings() == ["scheduled 2026-12-01T10:00:00Z 1"])
        try world.write("cal/b.ics", Self.event(sequence: 1, start: "20261202T140000Z"))
        try world.scan()
        #expect(try meetings() == ["scheduled 2026-12-02T14:00:00Z 1"])
        try world.write(
            "cal/c.ics", Self.event(sequence: 2, start: "20261202T140000Z", status: "CANCELLED", method: "CANCEL"))
        try world.scan()
        #expect(try meetings() == ["cancelled 2026-12-02T14:00:00Z 1"])
        // An older update arriving late changes nothing.
        try world.write("cal/d.ics", Self.event(sequence: 1, start: "20261203T090000Z"))
        try world.scan()
        #expect(try meetings() == ["cancelled 2026-12-02T14:00:00Z 1"])
    }

    @Test("a second scan while one holds the lock is refused at once")
    func lock() throws {
        let world = try TinyWorld()
        let held = try ScanLock(storePath: world.root + "/store.sqlite")
        #expect(throws: ScanLockedError.self) { try ScanLock(storePath: world.root + "/store.sqlite") }
        withExtendedLifetime(held) {}
    }

    @Test("an inline-forwarded original and its mailbox copy are one message, whichever is read first")
    func forwardMeetsMailbox() throws {
        for forwardFirst in [true, false] {
            let world = try TinyWorld()
            try world.importReps()
            try world.importLeads("email\ndana@acme.com\n")
            let forward = """
                From: Ann <ann@example.com>
                To: log@example.com
                Subject: Fwd: Pricing
                Date: Tue, 17 Nov 2026 08:00:00 +0000

                ---------- Forwarded message ---------
                From: Dana <dana@acme.com>
                Date: Mon, Nov 16, 2026 at 8:12 AM
                Subject: Re: Pricing
                To: Ann <ann@example.com>

                What would it cost, reflowed by the phone?

                """
            let original = TinyWorld.mbox(
                "p1", from: "dana@acme.com", to: "ann@example.com", date: "Mon, 16 Nov 2026 08:12:31 +0000",
                subject: "RE: Pricing")
            if forwardFirst {
                try world.write("mail/drop/fwd.eml", forward)
                try FileManager.default.setAttributes(
                    [.modificationDate: Date(timeIntervalSinceNow: -60)],
                    ofItemAtPath: world.root + "/mail/drop/fwd.eml")
                try world.scan()
                try world.write("mail/ann.mbox", original)
            } else {
                try world.write("mail/ann.mbox", original)
                try world.scan()
                try world.write("mail/drop/fwd.eml", forward)
                try FileManager.default.setAttributes(
                    [.modificationDate: Date(timeIntervalSinceNow: -60)],
                    ofItemAtPath: world.root + "/mail/drop/fwd.eml")
            }
            try world.scan()
            let store = try world.store()
            #expect(try store.database.scalar("SELECT count(*) FROM messages") == .integer(1))
            #expect(try store.database.scalar("SELECT message_id FROM messages") == .text("p1"))
            #expect(
                try store.database.query("SELECT location FROM sightings ORDER BY location").map { $0.text(0)! } == [
                    "@0", "processed/fwd.eml#1",
                ])
            #expect(try world.interactions() == ["1 p1 address"])
        }
    }

    @Test("a message without Message-ID seen twice in a mailbox is one message with two sightings")
    func dedupe() throws {
        let world = try TinyWorld()
        try world.importReps()
        try world.importLeads("email\ndana@acme.com\n")
        let noID = """
            From dana@acme.com Mon Nov 16 08:12:00 2026
            From: dana@acme.com
            To: ann@example.com
            Subject: No id
            Date: Mon, 16 Nov 2026 08:12:00 +0000

            Same body.

            """
        try world.write("mail/ann.mbox", noID + "\n" + noID)
        let report = try world.scan()
        #expect(report.sources[0].newMessages == 1)
        #expect(try world.store().database.scalar("SELECT count(*) FROM sightings") == .integer(2))
        #expect(try world.store().database.scalar("SELECT count(*) FROM interactions") == .integer(1))
    }
}
