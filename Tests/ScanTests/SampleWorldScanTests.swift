import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Ingest
@testable import Scan
@testable import Store

/// The sample world scans to exactly the timelines written down here, and a second scan changes nothing.
@Suite struct SampleWorldScanTests {
    static let now = Timestamp.parseInstant("2026-11-26T17:00:00Z")!

    static func scan(_ world: TemporaryFolder, at now: Int64 = now) throws -> (BatonStore, ScanReport) {
        let config = try ConfigLoader.load(path: world.file("Config/baton.json"))
        let store = try BatonStore(path: config.store)
        let report = try ScanRun(config: config, store: store, now: now).run().scan
        return (store, report)
    }

    /// Every interaction as one line: lead, time, type, direction, rep, match, kind, subject or summary.
    static func interactions(_ store: BatonStore) throws -> [String] {
        try store.database.query(
            """
            SELECT l.external_id, i.time, i.type, IFNULL(i.direction, '-'), i.rep, i.match, IFNULL(i.kind, '-'),
                   COALESCE(m.subject, g.summary)
            FROM interactions i JOIN leads l ON l.id = i.lead_id LEFT JOIN messages m ON m.id = i.message_id
            LEFT JOIN meetings g ON g.id = i.meeting_id ORDER BY l.external_id, i.time, i.type
            """
        ).map { row in
            [
                row.text(0)!, Timestamp.format(epochSeconds: row.int(1)!), row.text(2)!, row.text(3)!, row.text(4)!,
                row.text(5)!, row.text(6)!, row.text(7)!,
            ].joined(separator: " | ")
        }
    }

    static let expectedInteractions = [
        "L-1001 | 2026-11-03T15:00:00Z | meeting | - | ann@example.com | address | - | Acme Robotics pilot weekly",
        "L-1001 | 2026-11-10T15:00:00Z | meeting | - | ann@example.com | address | - | Acme Robotics pilot weekly",
        "L-1001 | 2026-11-16T08:12:00Z | email | inbound | ann@example.com | address | message | Question about your robotics integration",
        "L-1001 | 2026-11-16T08:20:00Z | email | inbound | ann@example.com | address | message | Integration documents",
        "L-1001 | 2026-11-16T10:30:00Z | email | outbound | ann@example.com | address | message | Re: Question about your robotics integration",
        "L-1001 | 2026-11-17T09:00:00Z | email | inbound | ann@example.com | domain | message | Procurement for Acme Robotics",
        "L-1001 | 2026-11-17T15:00:00Z | meeting | - | ann@example.com | address | - | Acme Robotics pilot weekly",
        "L-1001 | 2026-11-19T08:00:00Z | email | inbound | ann@example.com | thread | message | Re: Question about your robotics integration",
        "L-1001 | 2026-11-25T16:20:00Z | email | inbound | ann@example.com | address | message | Pilot scope",
        "L-1001 | 2026-12-02T16:00:00Z | meeting | - | ann@example.com | address | - | Acme Robotics pilot weekly (moved to Wednesday)",
        "L-1001 | 2026-12-08T15:00:00Z | meeting | - | ann@example.com | address | - | Acme Robotics pilot weekly",
        "L-1001 | 2026-12-15T15:00:00Z | meeting | - | ann@example.com | address | - | Acme Robotics pilot weekly",
        "L-1001 | 2026-12-22T15:00:00Z | meeting | - | ann@example.com | address | - | Acme Robotics pilot weekly",
        "L-1002 | 2026-11-17T15:25:00Z | email | inbound | bob@example.com | address | message | Trial questions",
        "L-1002 | 2026-11-19T09:50:00Z | email | inbound | bob@example.com | address | message | Seats for the trial",
        "L-1002 | 2026-11-19T10:00:00Z | email | outbound | bob@example.com | address | message | Re: Trial questions",
        "L-1002 | 2026-12-10T11:00:00Z | meeting | - | ann@example.com | address | - | Northwind product demo",
        "L-1003 | 2026-11-23T09:00:00Z | email | outbound | ann@example.com | address | message | Next steps",
        "L-1003 | 2026-11-23T09:01:00Z | email | inbound | ann@example.com | address | auto_reply | Out of Office: Next steps",
        "L-1003 | 2026-11-24T16:05:00Z | email | inbound | ann@example.com | address | message | Contract review",
        "L-1004 | 2026-11-20T12:00:00Z | email | inbound | bob@example.com | address | message | Contract draft",
        "L-1004 | 2026-11-20T13:00:00Z | email | outbound | bob@example.com | address | message | Re: Contract draft",
        "L-1004 | 2026-11-23T08:15:00Z | email | inbound | bob@example.com | address | message | Renewal",
        "L-1005 | 2026-11-20T19:45:00Z | email | inbound | ann@example.com | address | message | Pricing for a small team",
        "L-1006 | 2026-11-24T11:00:00Z | email | outbound | ann@example.com | address | message | Your visit to our stand",
        "L-1006 | 2026-11-24T11:01:00Z | email | inbound | ann@example.com | address | bounce | Undelivered Mail Returned to Sender",
    ]

    @Test("the sample world scans to the timelines written down for it")
    func timelines() throws {
        let world = try SampleWorld.temporaryCopy()
        let (store, report) = try Self.scan(world)
        #expect(try Self.interactions(store) == Self.expectedInteractions)
        #expect(report.worstFailure == nil)
        #expect(report.imports.map { "\($0.kind) \($0.summary.inserted)" } == ["reps 4", "leads 8", "spend 5"])
        let counts = report.sources.map {
            "\($0.type) \(($0.path as NSString).lastPathComponent) \($0.newMessages) \($0.interactions) \($0.meetings) \($0.skipped) \($0.quarantined) \($0.errors)"
        }
        #expect(
            counts == [
                "mbox ann.mbox 12 10 0 2 0 0", "maildir bob 5 4 0 0 0 0", "journal journal 4 2 0 1 0 1",
                "drop drop 3 2 0 0 1 0",
                "calendar acme-weekly-update.ics 0 7 7 0 0 0", "calendar ann-calendar.ics 0 1 2 0 0 0",
                "calendar northwind-cancel.ics 0 0 0 0 0 0",
            ])
    }

    @Test("a scan counts the clocks by state only when asked: a scan that prints nothing skips reading every state")
    func clockCounts() throws {
        let world = try SampleWorld.temporaryCopy()
        let config = try ConfigLoader.load(path: world.file("Config/baton.json"))
        let store = try BatonStore(path: config.store)
        let silent = try ScanRun(config: config, store: store, now: Self.now, countsClocks: false).run().alerts
        #expect(silent.clocks.isEmpty)
        #expect(silent.evaluated == (8, 8))
        // The same moment again, counted: nothing is evaluated, and the counts are the stored states'.
        let counted = try ScanRun(config: config, store: store, now: Self.now).run().alerts
        #expect(counted.evaluated == (0, 8))
        #expect(
            counted.clocks == [.running: 2, .warning: 1, .breached: 7, .paused: 1, .met: 3, .metLate: 4])
        #expect(try store.clockStates.totals() == counted.clocks)
    }

    @Test("the calendars give exactly these meeting occurrences")
    func meetings() throws {
        let world = try SampleWorld.temporaryCopy()
        let (store, _) = try Self.scan(world)
        let rows = try store.mail.meetings().map {
            "\($0.uid) | \($0.recurrenceID) | \(Timestamp.format(epochSeconds: $0.startAt)) | \(Timestamp.format(epochSeconds: $0.endAt)) | \($0.status) | \($0.sequence) | \($0.organizer ?? "-") | \($0.attendees.map { "\($0.address)=\($0.partstat)" }.joined(separator: ","))"
        }
        let acme = "ann@example.com=ACCEPTED,dana@acme-robotics.com=NEEDS-ACTION,lee@acme-robotics.com=NEEDS-ACTION"
        #expect(
            rows == [
                "acme-weekly-7f3a@google.com | 2026-11-03T15:00:00Z | 2026-11-03T15:00:00Z | 2026-11-03T15:30:00Z | scheduled | 1 | ann@example.com | \(acme)",
                "acme-weekly-7f3a@google.com | 2026-11-10T15:00:00Z | 2026-11-10T15:00:00Z | 2026-11-10T15:30:00Z | scheduled | 1 | ann@example.com | \(acme)",
                "acme-weekly-7f3a@google.com | 2026-11-17T15:00:00Z | 2026-11-17T15:00:00Z | 2026-11-17T15:30:00Z | scheduled | 1 | ann@example.com | \(acme)",
                "acme-weekly-7f3a@google.com | 2026-12-01T15:00:00Z | 2026-12-02T16:00:00Z | 2026-12-02T16:30:00Z | scheduled | 1 | ann@example.com | ann@example.com=ACCEPTED,dana@acme-robotics.com=NEEDS-ACTION",
                "acme-weekly-7f3a@google.com | 2026-12-08T15:00:00Z | 2026-12-08T15:00:00Z | 2026-12-08T15:30:00Z | scheduled | 1 | ann@example.com | \(acme)",
                "acme-weekly-7f3a@google.com | 2026-12-15T15:00:00Z | 2026-12-15T15:00:00Z | 2026-12-15T15:30:00Z | scheduled | 1 | ann@example.com | \(acme)",
                "acme-weekly-7f3a@google.com | 2026-12-22T15:00:00Z | 2026-12-22T15:00:00Z | 2026-12-22T15:30:00Z | scheduled | 1 | ann@example.com | \(acme)",
                "northwind-demo-19c2@google.com |  | 2026-12-10T11:00:00Z | 2026-12-10T12:00:00Z | cancelled | 1 | ann@example.com | erik@northwind.io=NEEDS-ACTION,bob@example.com=ACCEPTED",
                "office-closed-2026@example.com |  | 2026-12-25T00:00:00Z | 2026-12-27T00:00:00Z | scheduled | 0 | - | ",
            ])
    }

    @Test("each message's outcome is recorded: matched how, or skipped why")
    func outcomes() throws {
        let world = try SampleWorld.temporaryCopy()
        let (store, _) = try Self.scan(world)
        let rows = try store.database.query(
            "SELECT IFNULL(message_id, dedupe_key), time_source, outcome, outcome_detail FROM messages ORDER BY sent_at, id"
        ).map { "\($0.text(0)!) | \($0.text(1)!) | \($0.text(2)!) | \($0.text(3)!)" }
        #expect(
            rows == [
                "dana-1@acme-robotics.com | date | matched | lead #1 by address (dana@acme-robotics.com)",
                "dana-docs@acme-robotics.com | date | matched | lead #1 by address (dana@acme-robotics.com)",
                "ann-1@example.com | date | matched | lead #1 by address (dana@acme-robotics.com)",
                "jim-1@acme-robotics.com | date | matched | lead #1 by domain (jim@acme-robotics.com)",
                "erik-1@northwind.io | date | matched | lead #2 by address (erik@northwind.io)",
                "issue-47@vendor-news.example.net | date | bulk | bulk mail (mailing list or newsletter headers)",
                "ann-2@example.com | date | internal | only internal addresses",
                "dana-2@outlook.com | date | matched | lead #1 by thread (ann-1@example.com dana-1@acme-robotics.com)",
                "erik-seats@northwind.io | date | matched | lead #2 by address (erik@northwind.io)",
                "bob-1@example.com | date | matched | lead #2 by address (eriknilsen@gmail.com)",
                "gus-1@initech.example.net | date | matched | lead #4 by address (gus@initech.example.net)",
                "bob-2@example.com | date | matched | lead #4 by address (gus@initech.example.net)",
                "hana-1@mail.gmail.com | date | matched | lead #5 by address (hana.sato+work@gmail.com)",
                "\(try #require(try store.database.scalar("SELECT dedupe_key FROM messages WHERE subject = 'Renewal'")?.string)) | forward | matched | lead #4 by address (gus@initech.example.net)",
                "ann-3@example.com | date | matched | lead #3 by address (fatima@globex.example.org)",
                "ooo-1@globex.example.org | date | matched | lead #3 by address (fatima@globex.example.org)",
                "order-5521@catering.example.org | date | not_sales_team | no rep among its parties: not the sales team's mail",
                "ann-4@example.com | date | matched | lead #6 by address (ivan@umbrella-corp.net)",
                "bounce-1@mx.example.com | date | matched | bounce for ivan@umbrella-corp.net",
                "\(try #require(try store.database.scalar("SELECT dedupe_key FROM messages WHERE subject = 'Contract review'")?.string)) | forward | matched | lead #3 by address (fatima@globex.example.org)",
                "dana-3@acme-robotics.com | from_line | matched | lead #1 by address (dana@acme-robotics.com)",
            ])
        #expect(
            try store.database.query("SELECT address FROM undeliverable_addresses").map { $0.text(0)! } == [
                "ivan@umbrella-corp.net"
            ])
    }

    @Test("the same email in a mailbox, a cc copy and a forward is one interaction with three sightings")
    func sightings() throws {
        let world = try SampleWorld.temporaryCopy()
        let (store, _) = try Self.scan(world)
        let dana = try #require(try store.people.lead("L-1001"))
        let timeline = try store.mail.timeline(leadID: dana.lead.id, now: Self.now)
        let first = try #require(timeline.first { $0.messageID == "dana-1@acme-robotics.com" })
        #expect(
            first.sightings.map { "\(($0.source as NSString).lastPathComponent) \($0.location)" } == [
                "ann.mbox @0", "drop processed/1764010800.M3P5001.mx.example.com#1",
            ])
        let reply = try #require(timeline.first { $0.messageID == "ann-1@example.com" })
        #expect(
            reply.sightings.map { "\(($0.source as NSString).lastPathComponent) \($0.location)" } == [
                "ann.mbox @\(try Self.offset(of: "ann@example.com Mon Nov 16 10:30:00 2026", in: world.file("Mail/ann.mbox")))",
                "bob 1763289000.M2P4001.mail.example.com", "journal 1794825000.M2P5001.journal.example.com",
            ])
        #expect(
            timeline.filter { $0.type == .meeting }.map { $0.state?.rawValue } == [
                "held", "held", "held", "scheduled", "scheduled", "scheduled", "scheduled",
            ])
        let erik = try #require(try store.people.lead("erik@northwind.io"))
        #expect(
            try store.mail.timeline(leadID: erik.lead.id, now: Self.now).last?.state
                == .cancelled)
    }

    static func offset(of fromLine: String, in path: String) throws -> Int {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: "From " + fromLine))
        return text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
    }

    @Test("drop-folder files are moved: accepted ones to processed/, the forgery to quarantine/ with its reason")
    func dropFolder() throws {
        let world = try SampleWorld.temporaryCopy()
        _ = try Self.scan(world)
        let drop = world.file("Mail/drop")
        let listing = try FileManager.default.subpathsOfDirectory(atPath: drop).filter { !$0.hasSuffix(".keep") }
            .sorted()
        #expect(
            listing == [
                "cur", "new", "processed", "processed/1764003600.M1P5001.mx.example.com",
                "processed/1764007200.M2P5001.mx.example.com", "processed/1764010800.M3P5001.mx.example.com",
                "quarantine", "quarantine/1764014400.M4P5001.mx.example.com",
                "quarantine/1764014400.M4P5001.mx.example.com.reason", "tmp",
            ])
        let reason = try String(
            contentsOfFile: drop + "/quarantine/1764014400.M4P5001.mx.example.com.reason", encoding: .utf8)
        #expect(
            reason
                == "1764014400.M4P5001.mx.example.com: no passing DKIM or SPF result from mx.example.com for example.com in Authentication-Results: the From may be forged\nquarantined by baton scan at 2026-11-26T17:00:00Z\n"
        )
        // The tracked samples are untouched.
        #expect(
            FileManager.default.fileExists(
                atPath: Repository.path("Mail/drop/new/1764014400.M4P5001.mx.example.com")))
    }

    @Test("a second scan with nothing changed reports zero new of everything and changes nothing")
    func rescan() throws {
        let world = try SampleWorld.temporaryCopy()
        let (store, _) = try Self.scan(world)
        let before = try Self.interactions(store)
        let (_, report) = try Self.scan(world, at: Self.now + 3600)
        #expect(report.imports.isEmpty)
        #expect(report.rematched == 0)
        for source in report.sources {
            let counts: [Int] = [
                source.newMessages, source.interactions, source.meetings, source.skipped, source.quarantined,
                source.errors,
            ]
            #expect(counts == [0, 0, 0, 0, 0, 0])
        }
        #expect(try Self.interactions(store) == before)
    }
}
