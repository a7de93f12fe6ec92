import BatonCore
import Foundation
import Testing

@testable import Ingest
@testable import Scan

/// A rep's own copy of a message sent with leads in Bcc (a Sent folder keeps the Bcc header): the blind
/// recipients are parties of the message, so the mail counts as a touch on those leads.
@Suite struct SentBccScanTests {
    static let sent = """
        From ann@example.com Wed Nov 25 10:00:00 2026
        From: Ann <ann@example.com>
        To: Sales Team <team@example.com>
        Bcc: Dana <dana@acme-robotics.com>, ERIK@northwind.io, team@example.com
        Subject: Our new price list
        Date: Wed, 25 Nov 2026 10:00:00 +0000
        Message-ID: <price-list@example.com>

        Attached.

        """

    @Test("the Bcc header of a sent copy makes its blind recipients parties, in address order, To and Cc left out")
    func sentCopy() throws {
        let world = try JournalWorld()
        try world.write("ann.mbox", Self.sent)
        let report = try world.scan()
        #expect(report.sources.map(\.errors) == [0, 0, 0])
        #expect(
            try world.messages() == [
                "price-list@example.com | ann@example.com | from:ann@example.com to:team@example.com "
                    + "bcc:dana@acme-robotics.com bcc:erik@northwind.io | matched"
            ])
        #expect(
            try world.timelines() == [
                "dana@acme-robotics.com | 2026-11-25T10:00:00Z | outbound | ann@example.com | address | price-list@example.com | ann.mbox@@0",
                "erik@northwind.io | 2026-11-25T10:00:00Z | outbound | ann@example.com | address | price-list@example.com | ann.mbox@@0",
            ])
    }
}

/// The same message in two reps' mailboxes (mail to a shared alias): the rep it is credited to never depends on
/// which mailbox was scanned first.
@Suite struct SharedAliasScanTests {
    static let message = """
        From: Dana <dana@acme-robotics.com>
        To: Sales <sales@example.com>
        Subject: Question about the demo
        Date: Wed, 25 Nov 2026 11:00:00 +0000
        Message-ID: <alias-question@acme-robotics.com>

        Hello?

        """

    @Test("a message in Ann's and Bob's mailboxes goes to the rep whose address sorts first, in either scan order")
    func eitherOrder() throws {
        var results: [[String]] = []
        for order in [["mbox", "maildir"], ["maildir", "mbox"]] {
            let world = try JournalWorld()
            try world.write("ann.mbox", "From dana@acme-robotics.com Wed Nov 25 11:00:00 2026\n" + Self.message)
            try world.write("bob/cur/1764068400.M1P1.host:2,S", Self.message)
            try world.scan(order: order)
            results.append(try world.messages())
            #expect(
                try world.timelines().map { $0.components(separatedBy: " | ").prefix(4).joined(separator: " | ") } == [
                    "dana@acme-robotics.com | 2026-11-25T11:00:00Z | inbound | ann@example.com"
                ])
        }
        #expect(
            results[0] == [
                "alias-question@acme-robotics.com | ann@example.com | from:dana@acme-robotics.com to:sales@example.com | matched"
            ])
        #expect(results[1] == results[0])
    }
}
