import BatonCore
import Foundation
import Testing

@testable import Ingest
@testable import Scan
@testable import Store

/// `auto_create_leads` in a scan: each unknown sender to the sales address becomes a lead, later mail of the same
/// scan matches it, and the directory the scan ends with is the one a fresh load makes (so the next scan does not
/// match every message again).
@Suite struct AutoCreateScanTests {
    /// A world with `auto_create_leads`, the reps, one lead and `mail` (id, from, to; an hour apart from 10:00 on
    /// 16 November), scanned once.
    static func scanned(lead: String, freemail: String = "[]", mail: [(String, String, String)]) throws
        -> (TinyWorld, ScanReport)
    {
        let world = try TinyWorld()
        world.autoCreate = true
        world.freemail = freemail
        try world.importReps()
        try world.importLeads("email\n\(lead)\n")
        let messages = mail.enumerated().map { n, m in
            TinyWorld.mbox(m.0, from: m.1, to: m.2, date: "Mon, 16 Nov 2026 1\(n):00:00 +0000")
        }
        try world.write("mail/ann.mbox", messages.joined(separator: "\n"))
        return (world, try world.scan())
    }

    @Test("two unknown senders to sales@ become leads 2 and 3 in one scan; later mail matches them; fingerprint exact")
    func createsLeads() throws {
        let (world, report) = try Self.scanned(
            lead: "dana@acme.com",
            mail: [
                ("a1", "pia@newco.io", "sales@example.com"), ("a2", "dana@acme.com", "ann@example.com"),
                ("a3", "ola@gmail.com", "Sales@Example.com"), ("a4", "ann@example.com", "pia@newco.io"),
                ("a5", "max@newco.io", "sales@example.com"),
            ])
        #expect(report.sources[0].newMessages == 5)
        let store = try world.store()
        #expect(
            try store.people.leadDirectory() == [
                LeadDirectoryEntry(id: 1, addresses: ["dana@acme.com"], companyDomain: "acme.com"),
                LeadDirectoryEntry(id: 2, addresses: ["pia@newco.io"], companyDomain: "newco.io"),
                LeadDirectoryEntry(id: 3, addresses: ["ola@gmail.com"]),
            ])
        // max@newco.io is someone else at lead 2's company: matched by domain, no lead created.
        #expect(
            try world.interactions() == [
                "2 a1 address", "1 a2 address", "3 a3 address", "2 a4 address", "2 a5 domain",
            ])
        let fresh = MatchDirectory(
            config: try world.config(), leads: try store.people.leadDirectory(),
            reps: try store.people.repDirectory(), fingerprinted: true)
        #expect(try store.settings.matchFingerprint == fresh.fingerprint)
        #expect(!fresh.fingerprint.isEmpty)
        let again = try world.scan("2026-11-26T12:05:00Z")
        #expect(again.rematched == 0)
        #expect(try store.people.leadDirectory().count == 3)
    }

    @Test("a sender at a configured free-mail domain becomes a lead without a company domain, as an import makes it")
    func configuredFreemail() throws {
        let (world, _) = try Self.scanned(
            lead: "uli@mailbox.test", freemail: "[\"mailbox.test\"]",
            mail: [("f1", "kim@mailbox.test", "sales@example.com"), ("f2", "lou@mailbox.test", "sales@example.com")])
        let store = try world.store()
        #expect(
            try store.people.leadDirectory() == [
                LeadDirectoryEntry(id: 1, addresses: ["uli@mailbox.test"]),
                LeadDirectoryEntry(id: 2, addresses: ["kim@mailbox.test"]),
                LeadDirectoryEntry(id: 3, addresses: ["lou@mailbox.test"]),
            ])
        #expect(try world.interactions() == ["2 f1 address", "3 f2 address"])
        let fresh = MatchDirectory(
            config: try world.config(), leads: try store.people.leadDirectory(),
            reps: try store.people.repDirectory(), fingerprinted: true)
        #expect(try store.settings.matchFingerprint == fresh.fingerprint)
    }
}
