import BatonCore
import Foundation
import MailParsing
import Store
import Testing

@testable import Ingest

@Suite struct ForwardedTimeSourceTests {
    /// A forward whose header block and quoted reply carry numeric dates, one readable and one not.
    static let forward = """
        From: Ann Lee <ann@example.com>
        To: bob@example.com
        Subject: Fwd: Demo
        Date: Fri, 20 Mar 2026 12:00:00 +0000

        ---------- Forwarded message ---------
        From: Carol Lead <carol@customer.test>
        Date: 13/03/2026 10:15
        Subject: Demo
        To: Ann Lee <ann@example.com>

        Friday then.

        On 03/04/2026 09:00, Ann Lee <ann@example.com> wrote:
        > How about Friday?

        """

    @Test("an original's unambiguous numeric date is read in the rep's zone; an ambiguous one leaves the scan's time")
    func numericDates() {
        let message = MessageParser.parse(Array(Self.forward.utf8))
        let zone = TimeZone(identifier: "America/New_York")!
        let now: Int64 = 1_774_008_000  // 2026-03-20 12:00:00Z
        let records = message.forwarded.map {
            MessageFacts.record($0, mailboxRep: "ann@example.com", fallback: .forwarded(zone: zone), now: now)
        }
        #expect(records.map(\.timeSource) == [.forward, .scan])
        // 13 March 2026 10:15 in New York (EDT, UTC-4) is 14:15Z; 03/04/2026 could be March or April.
        #expect(records.map(\.sentAt) == [1_773_411_300, now])
    }
}
