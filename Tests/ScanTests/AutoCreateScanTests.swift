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
    @Test("two unknown senders to sales@ become leads 2 and 3 in one scan; later mail matches them; fingerprint exact")
    func createsLeads() throws {
        let world = try TinyWorld()
        world.autoCreate = true
        try world.importReps()
        try world.importLeads("email\ndana@acme.com\n")
        let mail = [
            TinyWorld.mbox(
                "a1", from: "pia@newco.io", to: "sales@example.com", date: "Mon, 16 Nov 2026 08:00:00 +0000"),
            TinyWorld.mbox(
                "a2", from: "dana@acme.com", to: "ann@example.com", date: "Mon, 16 Nov 2026 08:30:00 +0000"),
            TinyWorld.mbox(
                "a3", from: "ola@gmail.com", to: "Sales@Example.com", date: "Mon, 16 Nov 2026 09:00:00 +0000"),
            TinyWorld.mbox(
                "a4", from: "ann@example.com", to: "pia@newco.io", date: "Mon, 16 Nov 2026 10:00:00 +0000"),
            TinyWorld.mbox(
                "a5", from: "max@newco.io", to: "sales@example.com", date: "Mon, 16 Nov 2026 11:00:00 +0000"),
        ]
        try world.write("mail/ann.mbox", mail.joined(separator: "\n"))
        let report = try world.scan()
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
        #expect(fresh.fingerprint.count >= 16)
        let again = try world.scan("2026-11-26T12:05:00Z")
        #expect(again.rematched == 0)
        #expect(try store.people.leadDirectory().count == 3)
    }

    @Test("a sender at a configured free-mail domain becomes a lead without a company domain, as an import makes it")
    func configuredFreemail() throws {
        let world = try TinyWorld()
        world.autoCreate = true
        world.freemail = "[\"mailbox.test\"]"
        try world.importReps()
        try world.importLeads("email\nuli@mailbox.test\n")
        let mail = [
            TinyWorld.mbox(
                "f1", from: "kim@mailbox.test", to: "sales@example.com", date: "Mon, 16 Nov 2026 08:00:00 +0000"),
            TinyWorld.mbox(
                "f2", from: "lou@mailbox.test", to: "sales@example.com", date: "Mon, 16 Nov 2026 09:00:00 +0000"),
        ]
        try world.write("mail/ann.mbox", mail.joined(separator: "\n"))
        try world.scan()
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
