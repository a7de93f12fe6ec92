import CalendarParsing
import Foundation
import Testing

@testable import BatonCLI

/// `inspect calendar`'s lines formatted on two threads, a block of 4,096 occurrences each in turn, are the bytes
/// formatted on one.
@Suite struct OccurrenceLinesTests {
    @Test("10,000 occurrences in three blocks and a part: the same bytes on one thread and on two")
    func sameBytes() throws {
        // 40 daily events over 250 days: 10,000 occurrences, sharing 40 components' pieces across the blocks.
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\n"
        for n in 0..<40 {
            text += "BEGIN:VEVENT\r\nUID:daily-\(n)@lines\r\nDTSTAMP:20260101T000000Z\r\n"
            text += "DTSTART:20260105T\(String(format: "%02d", 6 + n % 12))\(String(format: "%02d", n))00Z\r\n"
            text += "DURATION:PT30M\r\nRRULE:FREQ=DAILY;COUNT=250\r\nSUMMARY:Call \(n), \"quoted\"\r\n"
            text += "ATTENDEE;CN=Guest \(n);PARTSTAT=ACCEPTED:mailto:guest\(n)@lines.example\r\nEND:VEVENT\r\n"
        }
        text += "END:VCALENDAR\r\n"
        let document = CalendarDocument.parse(text)
        var expander = CalendarExpander()
        let occurrences = expander.occurrences(in: document, from: 0, to: 4_102_444_800)
        #expect(occurrences.count == 10_000)
        func lines(threads: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            OccurrenceLines.write(occurrences, threads: threads) { bytes += $0 }
            return bytes
        }
        let one = lines(threads: 1)
        let two = lines(threads: 2)
        #expect(two == one)
        let text1 = String(decoding: one, as: UTF8.self)
        let split = text1.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(split.count == 10_001)
        #expect(
            split[0]
                == #"{"uid":"daily-0@lines","recurrence_id":"2026-01-05T06:00:00Z","start":"2026-01-05T06:00:00Z","end":"2026-01-05T06:30:00Z","summary":"Call 0, \"quoted\"","status":null,"organizer":null,"attendees":[{"address":"guest0@lines.example","name":"Guest 0","partstat":"ACCEPTED","role":"REQ-PARTICIPANT"}],"method":"PUBLISH","sequence":0}"#
        )
        #expect(
            split[9_999].hasPrefix(
                #"{"uid":"daily-35@lines","recurrence_id":"2026-09-11T17:35:00Z","start":"2026-09-11T17:35:00Z""#))
    }
}
