import BatonCore
import CRM
import Foundation
import TestSupport
import Testing

@testable import Ingest
@testable import Scan
@testable import Store

/// A world with a journal source beside two reps' mailboxes, filled from the journal fixtures of
/// `Tests/MailParsingTests/Fixtures/Journal/` (its README says what each holds).
final class JournalWorld {
    let folder: TemporaryFolder
    var root: String { folder.path }
    /// Where the journal is read from (a Maildir, or `journal.mbox` in `mboxJournal` worlds).
    let mboxJournal: Bool

    init(mboxJournal: Bool = false) throws {
        folder = try TemporaryFolder()
        self.mboxJournal = mboxJournal
        for sub in ["journal/cur", "journal/new", "journal/tmp", "bob/cur", "bob/new", "bob/tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
        }
        try Data().write(to: URL(fileURLWithPath: root + "/ann.mbox"))
        try Data().write(to: URL(fileURLWithPath: root + "/journal.mbox"))
        try write(
            "leads.csv",
            """
            external_id,email,name,owner_email
            L-1,dana@acme-robotics.com,Dana,ann@example.com
            L-2,lee@acme-robotics.com,Lee,bob@example.com
            L-3,erik@northwind.io,Erik,bob@example.com
            L-4,gus@initech.example.net,Gus,bob@example.com

            """)
        try write("reps.csv", "email,name\nann@example.com,Ann\nbob@example.com,Bob\n")
    }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
    }

    /// The bytes of a journal fixture.
    static func fixture(_ name: String) throws -> Data {
        try Data(
            contentsOf: URL(
                fileURLWithPath: Repository.path("Tests/MailParsingTests/Fixtures/Journal/" + name)))
    }

    /// The mbox separator line written before each report.
    static let separator = "From journal@example.com Thu Nov 26 12:00:00 2026\n"

    /// Delivers journal fixtures in this order: Maildir files named so that they sort in it, or mbox records.
    func deliver(_ names: [String]) throws {
        for name in names {
            let bytes = try Self.fixture(name)
            if mboxJournal {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/journal.mbox"))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(Self.separator.utf8))
                try handle.write(contentsOf: bytes)
                try handle.write(contentsOf: Data("\n".utf8))
                try handle.close()
            } else {
                deliveries += 1
                let unique = "17641\(String(format: "%05d", deliveries)).\(name).host"
                try bytes.write(to: URL(fileURLWithPath: root + "/journal/new/" + unique))
            }
        }
    }
    private var deliveries = 0

    /// The configuration; `order` lists the sources in the order a scan reads them.
    func config(order: [String] = ["journal", "mbox", "maildir"]) throws -> Config {
        let entries: [String: String] = [
            "journal": #"{"type": "journal", "path": "\#(mboxJournal ? "journal.mbox" : "journal")"}"#,
            "mbox": #"{"type": "mbox", "path": "ann.mbox", "rep": "ann@example.com"}"#,
            "maildir": #"{"type": "maildir", "path": "bob", "rep": "bob@example.com"}"#,
        ]
        let json = """
            {"store": "store.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "crm": {"leads_file": "leads.csv", "reps_file": "reps.csv"},
             "sources": [\(order.compactMap { entries[$0] }.joined(separator: ", "))],
             "teams": {"t": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}}, "policies": [],
             "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "out"}}}
            """
        return try ConfigLoader.parse(Array(json.utf8), path: root + "/baton.json")
    }

    func store() throws -> BatonStore { try BatonStore(path: root + "/store.sqlite") }

    @discardableResult
    func scan(order: [String] = ["journal", "mbox", "maildir"], now: String = "2026-11-27T12:00:00Z") throws
        -> ScanReport
    {
        try ScanRun(config: try config(order: order), store: try store(), now: Timestamp.parseInstant(now)!).run()
            .scan
    }

    /// Every lead's timeline, one line per entry with its sightings sorted (the order they were recorded in
    /// depends on the order of the scan, and is not part of the result).
    func timelines() throws -> [String] {
        let store = try store()
        var lines: [String] = []
        for lead in try store.people.leadDirectory().sorted(by: { $0.id < $1.id }) {
            for e in try store.mail.timeline(leadID: lead.id, now: Timestamp.parseInstant("2026-11-27T12:00:00Z")!) {
                let seen = e.sightings.map { "\(($0.source as NSString).lastPathComponent)@\($0.location)" }.sorted()
                lines.append(
                    "\(lead.addresses[0]) | \(Timestamp.format(epochSeconds: e.time)) | \(e.direction?.rawValue ?? "-") "
                        + "| \(e.rep ?? "-") | \(e.match.rawValue) | \(e.messageID ?? "-") | \(seen.joined(separator: " "))"
                )
            }
        }
        return lines
    }

    /// Every stored message: its key, mailbox rep, parties by role, outcome.
    func messages() throws -> [String] {
        try store().mail.allMessages().map { m in
            "\(m.messageID ?? m.dedupeKey) | \(m.mailboxRep ?? "-") | "
                + m.participants.map { "\($0.role.rawValue):\($0.address)" }.joined(separator: " ")
                + " | \(m.outcome.rawValue)"
        }.sorted()
    }
}

@Suite struct JournalScanTests {
    static let good = [
        "report-multi-recipient.eml", "report-bcc-rep.eml", "report-dl-expansion.eml", "report-forwarded.eml",
        "report-8bit-subject.eml", "report-split-1.eml", "report-split-2.eml", "plain-copy-gmail.eml",
        "plain-copy-delivered-to.eml",
    ]
    static let broken = [
        "report-tnef-only.eml", "report-no-original.eml", "report-two-originals.eml", "report-in-report.eml",
        "report-contradiction.eml", "report-no-recipients.eml",
    ]

    static let expectedTimelines = [
        "dana@acme-robotics.com | 2026-11-23T10:15:00Z | outbound | ann@example.com | address | q1-quote@example.com | journal@1764100001.report-multi-recipient.eml.host",
        "dana@acme-robotics.com | 2026-11-23T11:00:00Z | inbound | ann@example.com | address | dana-pricing@acme-robotics.com | journal@1764100002.report-bcc-rep.eml.host",
        "dana@acme-robotics.com | 2026-11-26T09:00:00Z | inbound | ann@example.com | address | split@acme-robotics.com | journal@1764100006.report-split-1.eml.host journal@1764100007.report-split-2.eml.host",
        "dana@acme-robotics.com | 2026-11-26T10:00:00Z | inbound | ann@example.com | address | invoice-copy@acme-robotics.com | journal@1764100008.plain-copy-gmail.eml.host",
        "lee@acme-robotics.com | 2026-11-23T10:15:00Z | outbound | ann@example.com | address | q1-quote@example.com | journal@1764100001.report-multi-recipient.eml.host",
        "erik@northwind.io | 2026-11-24T09:30:00Z | inbound | bob@example.com | address | erik-demo@northwind.io | journal@1764100003.report-dl-expansion.eml.host",
        "erik@northwind.io | 2026-11-24T14:00:00Z | inbound | bob@example.com | address | erik-contract@northwind.io | journal@1764100004.report-forwarded.eml.host",
        "erik@northwind.io | 2026-11-26T11:00:00Z | inbound | bob@example.com | address | shipping@northwind.io | journal@1764100009.plain-copy-delivered-to.eml.host",
        "gus@initech.example.net | 2026-11-25T07:45:00Z | outbound | bob@example.com | address | angebot-mueller@example.com | journal@1764100005.report-8bit-subject.eml.host",
    ]

    @Test("a journal of reports and plain copies stores each original once, with the envelope's parties and reps")
    func journal() throws {
        let world = try JournalWorld()
        try world.deliver(Self.good + Self.broken)
        let report = try world.scan()
        let journal = try #require(report.sources.first)
        #expect(
            "\(journal.type) \(journal.newMessages) \(journal.interactions) \(journal.skipped) \(journal.errors)"
                == "journal 8 9 0 6")
        #expect(report.worstFailure == nil)
        #expect(
            journal.problems.map { $0.replacingOccurrences(of: world.root + "/journal/new/", with: "") } == [
                "1764100010.report-tnef-only.eml.host: a journal report whose original is attached only as TNEF "
                    + "(winmail.dat), which Baton cannot read: have Exchange send the journal mailbox MIME, not TNEF",
                "1764100011.report-no-original.eml.host: a journal report with no original attached (no "
                    + "message/rfc822 part)",
                "1764100012.report-two-originals.eml.host: a journal report with 2 attached messages: which one is "
                    + "the original cannot be told",
                "1764100013.report-in-report.eml.host: a report within a report: the attached original is itself "
                    + "a journal report",
                "1764100014.report-contradiction.eml.host: the envelope's Message-Id <other-id@example.com> "
                    + "contradicts the attached original's Message-ID <real-id@example.com>",
                "1764100015.report-no-recipients.eml.host: a journal report naming no recipient, neither in its "
                    + "envelope nor in the original's To and Cc",
            ])
        #expect(try world.timelines() == Self.expectedTimelines)
        #expect(
            try world.messages() == [
                "angebot-mueller@example.com | - | from:bob@example.com to:gus@initech.example.net | matched",
                "dana-pricing@acme-robotics.com | - | from:dana@acme-robotics.com to:info@example.com bcc:ann@example.com | matched",
                "erik-contract@northwind.io | - | from:erik@northwind.io to:mia@example.com bcc:bob@example.com | matched",
                "erik-demo@northwind.io | - | from:erik@northwind.io to:sales@example.com bcc:ann@example.com bcc:bob@example.com | matched",
                "invoice-copy@acme-robotics.com | - | from:dana@acme-robotics.com to:support@example.com bcc:ann@example.com bcc:archive@example.com | matched",
                "q1-quote@example.com | - | from:ann@example.com to:dana@acme-robotics.com to:lee@acme-robotics.com cc:bob@example.com | matched",
                "shipping@northwind.io | - | from:erik@northwind.io to:ops@example.com bcc:bob@example.com | matched",
                "split@acme-robotics.com | - | from:dana@acme-robotics.com to:sales@example.com bcc:ann@example.com bcc:bob@example.com | matched",
            ])
        // The broken reports are marked read: a second scan reports nothing again, and changes nothing.
        try world.deliver(["report-no-original.eml"])
        let again = try #require(try world.scan(now: "2026-11-27T13:00:00Z").sources.first)
        #expect("\(again.newMessages) \(again.interactions) \(again.errors)" == "0 0 1")
        #expect(try world.timelines() == Self.expectedTimelines)
    }

    /// Ann's mbox: her sent quote, and two messages she received that the journal also holds.
    static let annMbox = """
        From ann@example.com Mon Nov 23 10:15:00 2026
        From: Ann Archer <ann@example.com>
        To: Dana Scully <dana@acme-robotics.com>, Lee Chen <lee@acme-robotics.com>
        Cc: Bob Baker <bob@example.com>
        Subject: Quote for the Q1 order
        Date: Mon, 23 Nov 2026 10:15:00 +0000
        Message-ID: <q1-quote@example.com>

        Dana, Lee: the quote is attached.

        From dana@acme-robotics.com Mon Nov 23 11:00:00 2026
        From: Dana Scully <dana@acme-robotics.com>
        To: info@example.com
        Subject: Pricing question
        Date: Mon, 23 Nov 2026 11:00:00 +0000
        Message-ID: <dana-pricing@acme-robotics.com>

        What does the enterprise plan cost?

        From erik@northwind.io Tue Nov 24 09:30:00 2026
        From: Erik Nilsen <erik@northwind.io>
        To: Sales <sales@example.com>
        Subject: Demo next week?
        Date: Tue, 24 Nov 2026 09:30:00 +0000
        Message-ID: <erik-demo@northwind.io>

        Could we see a demo next week?

        """

    @Test("the store is the same whichever source is scanned first, and whichever of two split reports comes first")
    func orderIndependence() throws {
        let reports = [
            "report-multi-recipient.eml", "report-bcc-rep.eml", "report-dl-expansion.eml", "report-split-1.eml",
            "report-split-2.eml",
        ]
        let journalFirst = try JournalWorld()
        try journalFirst.write("ann.mbox", Self.annMbox)
        try journalFirst.deliver(reports)
        try journalFirst.scan(order: ["journal", "mbox"])
        let mailboxFirst = try JournalWorld()
        try mailboxFirst.write("ann.mbox", Self.annMbox)
        try mailboxFirst.deliver(reports.reversed())
        try mailboxFirst.scan(order: ["mbox", "journal"])
        let messages = try journalFirst.messages()
        #expect(try mailboxFirst.messages() == messages)
        #expect(
            messages == [
                "dana-pricing@acme-robotics.com | ann@example.com | from:dana@acme-robotics.com to:info@example.com bcc:ann@example.com | matched",
                "erik-demo@northwind.io | ann@example.com | from:erik@northwind.io to:sales@example.com bcc:ann@example.com bcc:bob@example.com | matched",
                "q1-quote@example.com | ann@example.com | from:ann@example.com to:dana@acme-robotics.com to:lee@acme-robotics.com cc:bob@example.com | matched",
                "split@acme-robotics.com | - | from:dana@acme-robotics.com to:sales@example.com bcc:ann@example.com bcc:bob@example.com | matched",
            ])
        // Erik's owner is Bob, but the message is in Ann's mailbox: her mailbox's rep stands, whichever came first.
        let timelines = try journalFirst.timelines()
        let names = [
            "report-multi-recipient", "report-bcc-rep", "report-dl-expansion", "report-split-1", "report-split-2",
        ]
        func normalized(_ lines: [String]) -> [String] {
            // The journal's file names carry their delivery order: name each by its fixture, sightings sorted.
            lines.map { line in
                var fields = line.components(separatedBy: " | ")
                fields[fields.count - 1] = fields[fields.count - 1].split(separator: " ").map { sighting in
                    var text = String(sighting)
                    for name in names {
                        text = text.replacingOccurrences(
                            of: #"journal@1764\d+\.\#(name)\.eml\.host"#, with: "journal@\(name)",
                            options: .regularExpression)
                    }
                    return text
                }.sorted().joined(separator: " ")
                return fields.joined(separator: " | ")
            }
        }
        let other = normalized(try mailboxFirst.timelines())
        let first = normalized(timelines)
        #expect(other == first)
        #expect(
            normalized(timelines) == [
                "dana@acme-robotics.com | 2026-11-23T10:15:00Z | outbound | ann@example.com | address | q1-quote@example.com | ann.mbox@@0 journal@report-multi-recipient",
                "dana@acme-robotics.com | 2026-11-23T11:00:00Z | inbound | ann@example.com | address | dana-pricing@acme-robotics.com | ann.mbox@@329 journal@report-bcc-rep",
                "dana@acme-robotics.com | 2026-11-26T09:00:00Z | inbound | ann@example.com | address | split@acme-robotics.com | journal@report-split-1 journal@report-split-2",
                "lee@acme-robotics.com | 2026-11-23T10:15:00Z | outbound | ann@example.com | address | q1-quote@example.com | ann.mbox@@0 journal@report-multi-recipient",
                "erik@northwind.io | 2026-11-24T09:30:00Z | inbound | ann@example.com | address | erik-demo@northwind.io | ann.mbox@@593 journal@report-dl-expansion",
            ])
    }

    @Test("a journal mbox is read like a journal Maildir, its sightings at the reports' offsets")
    func mbox() throws {
        let world = try JournalWorld(mboxJournal: true)
        try world.deliver(["report-bcc-rep.eml", "report-tnef-only.eml", "report-dl-expansion.eml"])
        let journal = try #require(try world.scan().sources.first)
        #expect("\(journal.type) \(journal.newMessages) \(journal.interactions) \(journal.errors)" == "journal 2 2 1")
        // The second record starts after the first's separator line, its bytes and the blank line.
        let second = JournalWorld.separator.utf8.count + (try JournalWorld.fixture("report-bcc-rep.eml").count) + 1
        #expect(
            journal.problems == [
                world.root + "/journal.mbox @\(second): a journal report whose original is attached only as TNEF "
                    + "(winmail.dat), which Baton cannot read: have Exchange send the journal mailbox MIME, not TNEF"
            ])
        let third =
            second + JournalWorld.separator.utf8.count + (try JournalWorld.fixture("report-tnef-only.eml").count) + 1
        #expect(
            try world.timelines() == [
                "dana@acme-robotics.com | 2026-11-23T11:00:00Z | inbound | ann@example.com | address | "
                    + "dana-pricing@acme-robotics.com | journal.mbox@@0",
                "erik@northwind.io | 2026-11-24T09:30:00Z | inbound | bob@example.com | address | "
                    + "erik-demo@northwind.io | journal.mbox@@\(third)",
            ])
    }

    @Test("explain FILE on a journal report reads the original it carries, with the envelope's recipients")
    func explainFile() throws {
        let world = try JournalWorld()
        try world.deliver(["report-dl-expansion.eml", "report-tnef-only.eml"])
        let config = try world.config()
        let directory = MatchDirectory(config: config, leads: [], reps: [])
        let now = Timestamp.parseInstant("2026-11-27T12:00:00Z")!
        let good = try MessageFileReader.read(
            path: world.root + "/journal/new/1764100001.report-dl-expansion.eml.host", config: config,
            directory: directory, now: now)
        #expect(good.source?.type == .journal)
        #expect(good.entries.map(\.record.messageID) == ["erik-demo@northwind.io"])
        #expect(good.entries.map(\.location) == ["1764100001.report-dl-expansion.eml.host"])
        #expect(
            good.entries.first?.record.participants.map { "\($0.role.rawValue):\($0.address)" } == [
                "from:erik@northwind.io", "to:sales@example.com", "bcc:ann@example.com", "bcc:bob@example.com",
            ])
        #expect(
            good.notes == [
                "a journal report: explaining the original it carries; envelope recipients ann@example.com, "
                    + "bob@example.com"
            ])
        let broken = try MessageFileReader.read(
            path: world.root + "/journal/new/1764100002.report-tnef-only.eml.host", config: config,
            directory: directory, now: now)
        #expect(
            broken.notes == [
                "a journal report a scan counts as an error and does not store: a journal report whose original is "
                    + "attached only as TNEF (winmail.dat), which Baton cannot read: have Exchange send the journal "
                    + "mailbox MIME, not TNEF"
            ])
    }

    @Test("rep on a journal source is a configuration error naming the source")
    func repRefused() throws {
        let json = """
            {"store": "s", "internal_domains": ["example.com"],
             "sources": [{"type": "journal", "path": "/srv/journal", "rep": "ann@example.com"}],
             "teams": {"t": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}}, "policies": [],
             "alerts": {"from": "b@example.com", "transport": {"type": "folder", "path": "o"}}}
            """
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(Array(json.utf8), path: "/tmp/c.json") }
        do {
            _ = try ConfigLoader.parse(Array(json.utf8), path: "/tmp/c.json")
        } catch {
            #expect(
                "\(error)".contains(
                    "sources[0].rep: not allowed on a journal source (/srv/journal): each message's rep comes from its "
                        + "parties"))
        }
    }
}
