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
