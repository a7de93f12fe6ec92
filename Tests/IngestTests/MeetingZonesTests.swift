import BatonCore
import Foundation
import Testing

@testable import Ingest

/// The meetings built from many iCalendar inputs read each time in the zone its own input defines: two inputs
/// may give one custom `TZID` (Outlook's "Customized Time Zone") different rules, and an iTIP message without a
/// `VTIMEZONE` names an instance in a zone another input defines.
@Suite struct MeetingZonesTests {
    /// A custom zone under `name`, `offset` from UTC all year.
    static func zone(_ name: String, _ offset: String) -> String {
        """
        BEGIN:VTIMEZONE
        TZID:\(name)
        BEGIN:STANDARD
        DTSTART:19700101T000000
        TZOFFSETFROM:\(offset)
        TZOFFSETTO:\(offset)
        END:STANDARD
        END:VTIMEZONE
        """
    }

    /// A `VCALENDAR` under `method` holding `body`.
    static func calendar(_ method: String, _ body: String) -> [UInt8] {
        Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:\(method)\r\n\(body)\r\nEND:VCALENDAR\r\n".utf8)
    }

    static func event(_ uid: String, _ lines: String) -> String {
        "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261101T000000Z\r\n\(lines)\r\nEND:VEVENT"
    }

    static func instant(_ text: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970)
    }

    /// Every record built from `inputs` within December 2026, in UID order.
    static func records(_ inputs: [[UInt8]]) -> [MeetingRecord] {
        var all: [MeetingRecord] = []
        MeetingBuilder.forEachUID(
            inputs: inputs, from: instant("2026-12-01T00:00:00Z"), to: instant("2027-01-01T00:00:00Z"),
            maxOccurrences: 1000
        ) { _, meetings, _ in all += meetings }
        return all
    }

    /// Berlin's office and Boston's both call their zone "Customized Time Zone"; a weekly series from Boston, one
    /// instance cancelled by a message that defines no zone, and the summary of another moved by one that does.
    static let inputs = [
        calendar(
            "REQUEST",
            zone("Customized Time Zone", "+0100") + "\r\n"
                + event("berlin", "DTSTART;TZID=\"Customized Time Zone\":20261201T100000\r\nDURATION:PT1H")),
        calendar(
            "CANCEL",
            event(
                "boston",
                "SEQUENCE:1\r\nRECURRENCE-ID;TZID=Boston Office:20261208T100000\r\n"
                    + "DTSTART;TZID=Boston Office:20261208T100000")),
        calendar(
            "REQUEST",
            zone("Customized Time Zone", "-0500") + "\r\n" + zone("Boston Office", "-0500") + "\r\n"
                + event("call", "DTSTART;TZID=Customized Time Zone:20261202T100000\r\nDURATION:PT30M") + "\r\n"
                + event(
                    "boston",
                    "DTSTART;TZID=Boston Office:20261201T100000\r\nDURATION:PT45M\r\nRRULE:FREQ=WEEKLY;COUNT=3")),
    ]

    @Test("a custom TZID defined differently by two inputs is read with each input's own rules")
    func sameNameTwoZones() {
        let byUID = Dictionary(grouping: Self.records(Self.inputs), by: \.uid)
        #expect(byUID["berlin"]?.map(\.startAt) == [Self.instant("2026-12-01T09:00:00Z")])
        #expect(byUID["call"]?.map(\.startAt) == [Self.instant("2026-12-02T15:00:00Z")])
        #expect(byUID["call"]?.map(\.endAt) == [Self.instant("2026-12-02T15:30:00Z")])
    }

    @Test("a CANCEL without a VTIMEZONE cancels the instance it names in a zone another input defines")
    func cancelledInstanceInAnotherInputsZone() {
        let boston = Self.records(Self.inputs).filter { $0.uid == "boston" }
        #expect(
            boston.map(\.startAt) == ["2026-12-01", "2026-12-08", "2026-12-15"].map { Self.instant($0 + "T15:00:00Z") })
        #expect(boston.map(\.status) == [.scheduled, .cancelled, .scheduled])
        // The CANCEL gives no end: the cancelled instance keeps its series' 45 minutes.
        #expect(boston.map { $0.endAt - $0.startAt } == [2700, 2700, 2700])
    }

    @Test("an instance moved by a REQUEST without an end lasts no time; only a CANCEL's instance takes the series'")
    func requestedInstanceWithoutEnd() {
        let moved = Self.calendar(
            "REQUEST",
            Self.event(
                "boston",
                "SEQUENCE:1\r\nRECURRENCE-ID;TZID=Boston Office:20261215T100000\r\n"
                    + "DTSTART;TZID=Boston Office:20261215T110000"))
        let boston = Self.records(Self.inputs + [moved]).filter { $0.uid == "boston" }
        #expect(
            boston.map(\.startAt)
                == ["2026-12-01T15", "2026-12-08T15", "2026-12-15T16"].map { Self.instant($0 + ":00:00Z") })
        #expect(boston.map { $0.endAt - $0.startAt } == [2700, 2700, 0])
        #expect(boston.map(\.status) == [.scheduled, .cancelled, .scheduled])
    }

    @Test("the input order does not change what is built")
    func anyOrder() {
        let forward = Self.records(Self.inputs)
        #expect(forward.count == 5)
        #expect(Self.records(Self.inputs.reversed()) == forward)
        #expect(Self.records([Self.inputs[2], Self.inputs[0], Self.inputs[1]]) == forward)
    }
}
