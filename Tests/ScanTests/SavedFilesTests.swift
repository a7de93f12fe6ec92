import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Ingest
@testable import Scan
@testable import Store

/// Messages saved by hand into the drop folder's `saved/` subfolder (`drop.saved_files`).
@Suite struct SavedFilesTests {
    /// A saved `.eml` from Ann to a lead that quotes an inline forward: it must be logged as itself.
    static let savedEML = """
        From: Ann <ann@example.com>
        To: Dana <dana@acme.com>
        Subject: Re: Pricing
        Date: Tue, 17 Nov 2026 10:00:00 +0000
        Message-ID: <saved-1@example.com>

        Here is the price list.

        ---------- Forwarded message ---------
        From: Erin <erin@other.org>
        Date: Mon, Nov 16, 2026 at 8:12 AM
        Subject: Prices
        To: Ann <ann@example.com>

        Old prices.

        """

    /// A world with reps, Dana as a lead owned by Ann, and `files` (name → text) saved into `saved/` a minute ago.
    static func world(savedFiles: Bool, files: [String: String]) throws -> TinyWorld {
        let world = try TinyWorld()
        world.savedFiles = savedFiles
        try world.importReps()
        try world.importLeads("email,owner_email\ndana@acme.com,ann@example.com\n")
        try FileManager.default.createDirectory(
            atPath: world.root + "/mail/drop/saved", withIntermediateDirectories: true)
        for (name, text) in files { try world.write("mail/drop/saved/" + name, text) }
        for name in files.keys { try age(world.root + "/mail/drop/saved/" + name) }
        return world
    }

    /// Sets a file's modification time a minute back: a file written in the last two seconds waits.
    static func age(_ path: String) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: path)
    }

    static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test("on: a saved .eml is logged as itself (its inline forward is not unpacked) and moves to processed/")
    func loggedAsItself() throws {
        let world = try Self.world(savedFiles: true, files: ["pricing.eml": Self.savedEML])
        let report = try world.scan()
        let drop = try #require(report.sources.first { $0.type == "drop" })
        #expect(drop.newMessages == 1)
        #expect(drop.interactions == 1)
        #expect(drop.quarantined == 0)
        #expect(drop.problems == [])
        let store = try world.store()
        let messages = try store.mail.allMessages()
        #expect(messages.map(\.messageID) == ["saved-1@example.com"])
        #expect(messages.map(\.mailboxRep) == [nil])
        #expect(try world.interactions() == ["1 saved-1@example.com address"])
        let interaction = try #require(try store.mail.interactions(messageID: messages.first?.id).first)
        #expect(interaction.direction == .outbound)
        #expect(interaction.rep == "ann@example.com")
        let sightings = try store.database.query("SELECT source, location FROM sightings").map {
            "\($0.text(0) ?? "") \($0.text(1) ?? "")"
        }
        #expect(sightings == [world.root + "/mail/drop processed/pricing.eml"])
        #expect(Self.files(world.root + "/mail/drop/saved") == [])
        #expect(Self.files(world.root + "/mail/drop/processed") == ["pricing.eml"])
        // Read again from where it now lies, for explain (its contents are checked by the explain command's tests).
        let config = try world.config()
        #expect(
            MessageFileReader.reread(
                source: world.root + "/mail/drop", location: "processed/pricing.eml", config: config) != nil)
        #expect(
            MessageFileReader.reread(source: world.root + "/mail/drop", location: "processed/gone.eml", config: config)
                == nil)
        // A second scan finds nothing new.
        let again = try world.scan("2026-11-26T12:05:00Z")
        #expect(again.sources.first { $0.type == "drop" }?.newMessages == 0)
    }

    @Test("explain FILE reads a saved file as itself, and says whether a scan logs or quarantines it")
    func explainSavedFile() throws {
        for on in [true, false] {
            let world = try Self.world(savedFiles: on, files: ["pricing.eml": Self.savedEML])
            let store = try world.store()
            let config = try world.config()
            let directory = MatchDirectory(
                config: config, leads: try store.people.leadDirectory(), reps: try store.people.repDirectory())
            let reading = try MessageFileReader.read(
                path: world.root + "/mail/drop/saved/pricing.eml", config: config, directory: directory,
                now: Timestamp.parseInstant("2026-11-26T12:00:00Z")!)
            #expect(reading.entries.map(\.record.messageID) == ["saved-1@example.com"])
            #expect(reading.entries.map(\.record.mailboxRep) == [nil])
            #expect(reading.forwardedBy == nil)
            #expect(
                reading.notes == [
                    on
                        ? "a file saved by hand into saved/: a scan logs it as itself (never as a forward), its rep taken from its parties"
                        : "a file saved by hand into saved/, and drop.saved_files is off: a scan quarantines it"
                ])
        }
    }

    @Test("off: a saved file is quarantined with a reason that names drop.saved_files; nothing is logged")
    func offQuarantines() throws {
        let world = try Self.world(savedFiles: false, files: ["pricing.eml": Self.savedEML])
        let report = try world.scan()
        let drop = try #require(report.sources.first { $0.type == "drop" })
        #expect(drop.newMessages == 0)
        #expect(drop.quarantined == 1)
        let reason = "saved by hand into saved/, and drop.saved_files is off: turn it on to log such files"
        #expect(drop.problems == ["\(world.root)/mail/drop/saved/pricing.eml: quarantined: \(reason)"])
        #expect(try world.store().mail.allMessages().isEmpty)
        #expect(Self.files(world.root + "/mail/drop/quarantine") == ["pricing.eml", "pricing.eml.reason"])
        let note = try String(contentsOfFile: world.root + "/mail/drop/quarantine/pricing.eml.reason", encoding: .utf8)
        #expect(note.hasPrefix("pricing.eml: \(reason)\nquarantined by baton scan at "))
    }

    @Test("a saved Outlook .msg is read as the message it is; its embedded message is not unpacked")
    func outlookMessage() throws {
        let world = try Self.world(savedFiles: true, files: [:])
        let path = world.root + "/mail/drop/saved/outer.msg"
        try FileManager.default.copyItem(
            atPath: Repository.path("Tests/MailParsingTests/Fixtures/Outlook/outer.msg"), toPath: path)
        try Self.age(path)
        let report = try world.scan()
        let drop = try #require(report.sources.first { $0.type == "drop" })
        #expect(drop.newMessages == 1)
        #expect(drop.quarantined == 0)
        let messages = try world.store().mail.allMessages()
        #expect(messages.map(\.subject) == ["outer subject"])
        #expect(messages.first?.sentAt == Timestamp.parseInstant("2016-11-15T23:29:05Z"))
        #expect(Self.files(world.root + "/mail/drop/processed") == ["outer.msg"])
    }

    @Test("a file still being written waits; one that is no message is quarantined; a dry run moves nothing")
    func waitsRefusesDryRun() throws {
        let world = try Self.world(savedFiles: true, files: ["junk.txt": "just some words\n"])
        // Written just now: it may still be growing.
        try world.write("mail/drop/saved/fresh.eml", Self.savedEML)
        let store = try world.store()
        let ingestor = try MessageIngestor(
            config: try world.config(), store: store, now: Timestamp.parseInstant("2026-11-26T12:00:00Z")!,
            dryRun: true)
        let folder = world.root + "/mail/drop"
        var report = SourceReport(path: folder, type: "drop")
        try store.rehearse {
            try DropIngester(ingestor: ingestor).read(folder, into: &report) { batch, sourceReport in
                try ingestor.ingest(batch, into: &sourceReport)
            }
        }
        #expect(report.quarantined == 1)
        #expect(report.problems == ["\(folder)/saved/junk.txt: quarantined: not a mail message: no header field"])
        #expect(Self.files(folder + "/saved") == ["fresh.eml", "junk.txt"])

        try Self.age(folder + "/saved/fresh.eml")
        let scanned = try world.scan()
        let drop = try #require(scanned.sources.first { $0.type == "drop" })
        #expect(drop.newMessages == 1)
        #expect(drop.quarantined == 1)
        #expect(Self.files(folder + "/saved") == [])
        #expect(Self.files(folder + "/processed") == ["fresh.eml"])
        #expect(Self.files(folder + "/quarantine") == ["junk.txt", "junk.txt.reason"])
    }
}
