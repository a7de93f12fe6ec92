import Foundation
import Testing

@testable import CalendarParsing

/// Exports shaped like Google Calendar, Outlook/Exchange and Apple Calendar, with their own `VTIMEZONE` quirks.
@Suite struct ExportShapeTests {
    private func spans(_ fixture: String, from: String = "2026-01-01T00:00:00Z", to: String = "2028-01-01T00:00:00Z")
        -> [String]
    {
        let (found, _) = TestSupport.occurrences(TestSupport.fixture(fixture), from: from, to: to)
        return found.map { "\($0.recurrenceID?.description ?? "-") \($0.start) \($0.end)" }
    }

    @Test("Google: weekly with UNTIL, an EXDATE, a moved instance, BST then GMT, and an all-day event")
    func google() {
        #expect(
            spans("google-export.ics") == [
                "2026-10-13T14:00:00Z 2026-10-13T14:00:00Z 2026-10-13T14:30:00Z",
                "2026-10-27T15:00:00Z 2026-10-27T15:00:00Z 2026-10-27T15:30:00Z",
                "2026-11-03T15:00:00Z 2026-11-03T16:00:00Z 2026-11-03T16:30:00Z",
                "2026-11-10T15:00:00Z 2026-11-10T15:00:00Z 2026-11-10T15:30:00Z",
                "- 2026-12-24 2026-12-27",
            ])
        let (found, diagnostics) = TestSupport.occurrences(TestSupport.fixture("google-export.ics"))
        #expect(diagnostics.isEmpty)
        #expect(found[2].event.summary == "Acme Robotics / Baton weekly (moved)")
        #expect(found[0].event.attendees.map(\.address) == ["ann@example.com", "dana@acme-robotics.com"])
        #expect(found[0].event.attendees.map(\.name) == ["Ann Archer", "dana@acme-robotics.com"])
        #expect(found[0].method == "PUBLISH")
    }

    @Test("Google: a folded DESCRIPTION is unfolded and unescaped")
    func googleDescription() {
        let document = CalendarDocument.parse(TestSupport.fixture("google-export.ics"))
        let components = CalendarComponent.parse(
            Array(TestSupport.fixture("google-export.ics").utf8).withUnsafeBytes { $0 }
        ).components
        _ = document
        let event = components[0].components.first { $0.name == "VEVENT" }!
        #expect(
            event.property("DESCRIPTION")!.text.hasPrefix(
                "Weekly check-in with Acme Robotics.\nAgenda: pilot, pricing; next steps.\n\n"))
        #expect(
            event.property("DESCRIPTION")!.text.hasSuffix("Join with Google Meet: https://meet.google.com/abc-defg-hij")
        )
    }

    @Test("Outlook: a Windows TZID with its 1601 VTIMEZONE, monthly first Thursday, EXDATE, folded UID")
    func outlook() {
        #expect(
            spans("outlook-exchange.ics") == [
                "2026-11-05T09:00:00Z 2026-11-05T09:00:00Z 2026-11-05T10:00:00Z",
                "2026-12-03T09:00:00Z 2026-12-03T09:00:00Z 2026-12-03T10:00:00Z",
                "2027-02-04T09:00:00Z 2027-02-04T09:00:00Z 2027-02-04T10:00:00Z",
            ])
        let (found, _) = TestSupport.occurrences(TestSupport.fixture("outlook-exchange.ics"))
        #expect(
            found[0].uid
                == "040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A60100000000000000001000000012345678901234567890ABCDEF"
        )
        #expect(found[0].event.organizer == "bob@example.com")
        #expect(found[0].event.attendees.map(\.address) == ["erik@northwind.io", "ann@example.com"])
        #expect(found[0].event.attendees.map(\.role) == ["REQ-PARTICIPANT", "OPT-PARTICIPANT"])
        #expect(found[0].event.sequence == 2)
        #expect(found[0].method == "REQUEST")
    }

    @Test("Outlook: a customised zone is computed from its own VTIMEZONE across the November change")
    func outlookCustomZone() {
        #expect(
            spans("outlook-custom-zone.ics") == [
                "- 2026-07-15T13:00:00Z 2026-07-15T14:00:00Z",
                "2026-10-26T13:00:00Z 2026-10-26T13:00:00Z 2026-10-26T13:30:00Z",
                "2026-11-02T14:00:00Z 2026-11-02T14:00:00Z 2026-11-02T14:30:00Z",
            ])
    }

    @Test("Apple: LF line ends, monthly second Wednesday, nested VALARM, and a leap-day yearly all-day event")
    func apple() {
        #expect(
            spans("apple-calendar.ics", from: "2026-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") == [
                "2026-12-09T18:00:00Z 2026-12-09T18:00:00Z 2026-12-09T19:00:00Z",
                "2027-01-13T18:00:00Z 2027-01-13T18:00:00Z 2027-01-13T19:00:00Z",
                "2027-02-10T18:00:00Z 2027-02-10T18:00:00Z 2027-02-10T19:00:00Z",
                "2028-02-29 2028-02-29 2028-03-01",
            ])
        let (found, _) = TestSupport.occurrences(
            TestSupport.fixture("apple-calendar.ics"), from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z")
        #expect(found[0].event.attendees.map(\.role) == ["REQ-PARTICIPANT", "CHAIR"])
        #expect(found[0].event.attendees.map(\.participationStatus) == ["ACCEPTED", "ACCEPTED"])
    }
}
