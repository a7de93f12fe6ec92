import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Store

/// The store's side of `baton forget`: stored bytes rewritten, calendar inputs redacted, digests kept with their keys.
@Suite struct PrivacyStoreTests {
    @Test("a digest's bytes lose the name and address, across quoted-printable soft breaks and HTML escapes")
    func contentRedaction() {
        let bytes = Array(
            "To: mia@example.com\r\n\r\nZebulon Quaff=\r\nington <ZQX@quux.example> wrote; O&#39;Brien =C3=A9l=C3=A8ve\r\n"
                .utf8)
        let out = ContentRedaction.redact(
            bytes, tokens: ["zqx@quux.example", "Zebulon Quaffington", "O'Brien", "élève"])
        #expect(
            out.map { String(decoding: $0, as: UTF8.self) }
                == "To: mia@example.com\r\n\r\n[forgotten] <[forgotten]> wrote; [forgotten] [forgotten]\r\n")
        #expect(ContentRedaction.redact(bytes, tokens: ["nobody@else.example"]) == nil)
    }

    @Test("a name in a header's RFC 2047 encoded words is found, split between plain and encoded words or across two")
    func encodedHeaderRedaction() {
        // "Breach: Fatima Khān has waited 5h", as the alert composer writes it: only the non-ASCII word encoded.
        let subject = "Subject: Breach: Fatima =?UTF-8?B?S2jEgW4=?= has waited 5h\r\n"
        let bytes = Array(
            ("From: baton@example.com\r\n" + subject + "X-Other: =?UTF-8?B?S2jEgW4=?=\r\n\r\nbody\r\n").utf8)
        let out = ContentRedaction.redact(bytes, tokens: ["fatima khān"])
        #expect(
            out.map { String(decoding: $0, as: UTF8.self) }
                == "From: baton@example.com\r\nSubject: =?UTF-8?B?QnJlYWNoOiBbZm9yZ290dGVuXSBoYXMgd2FpdGVkIDVo?=\r\n"
                + "X-Other: =?UTF-8?B?S2jEgW4=?=\r\n\r\nbody\r\n")
        // Two adjacent encoded words (B, then Q) folded on a bare LF: the space between them is not text.
        let folded = Array("Subject: Re: =?utf-8?b?RmF0aW1hIEto?=\n =?UTF-8?Q?=C4=81n_waited?=\n\nFatima Khān\n".utf8)
        #expect(
            ContentRedaction.redact(folded, tokens: ["Fatima Khān"]).map { String(decoding: $0, as: UTF8.self) }
                == "Subject: =?UTF-8?B?UmU6IFtmb3Jnb3R0ZW5dIHdhaXRlZA==?=\n\n[forgotten]\n")
        #expect(ContentRedaction.redact(folded, tokens: ["Fatima Khan"]) == nil)
        #expect(EncodedWord.decode("=?ISO-8859-1?Q?caf=E9?=") == nil)
        #expect(Base64.decode("S2jEgW4=") == Array("Khān".utf8))
    }

    @Test("an iCalendar input loses the person's events and lines, folded lines included")
    func calendarRedaction() {
        let ics = """
            BEGIN:VCALENDAR\r
            BEGIN:VEVENT\r
            UID:a\r
            ORGANIZER:mailto:ann@example.com\r
            ATTENDEE;CN=Zed:mailto:zed@quux.example\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:b\r
            ATTENDEE;CN=Olive:mailto:olive@other.example\r
            ATTENDEE;CN=Zed;PARTSTAT=ACCEPTED:\r
             MAILTO:Zed@Quux.example\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let out = CalendarRedaction.redact(
            Array(ics.utf8), isPerson: { $0 == "zed@quux.example" }, isInternal: { $0.hasSuffix("@example.com") })
        #expect(
            out.map { String(decoding: $0, as: UTF8.self) } == """
                BEGIN:VCALENDAR\r
                BEGIN:VEVENT\r
                UID:b\r
                ATTENDEE;CN=Olive:mailto:olive@other.example\r
                END:VEVENT\r
                END:VCALENDAR\r

                """)
        #expect(CalendarRedaction.redact(Array(ics.utf8), isPerson: { _ in false }, isInternal: { _ in false }) == nil)
    }

    @Test("forget rewrites the digests that name the person and keeps their keys; a dry run changes nothing")
    func digests() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        try store.database.execute(
            "INSERT INTO leads (id, name, stage, imported_at, updated_at) VALUES (7, 'Zed Quux', 'mql', 0, 0)")
        try store.database.execute(
            "INSERT INTO lead_addresses (address, lead_id, position) VALUES ('zed@quux.example', 7, 0)")
        var digest = OutboxTests.record("digest|mia@example.com|2026-W45")
        digest.kind = .digest
        digest.level = .digest
        let digestID = try store.outbox.queue(digest)!
        try store.outbox.setContent(id: digestID, content: Array("Zed Quux (zed@quux.example) waits\r\n".utf8))
        let alertID = try store.outbox.queue(OutboxTests.record("alert|7|fr|10|breach", lead: 7))!
        let person = PersonSelector(isPerson: { $0 == "zed@quux.example" }, isInternal: { _ in false })
        let dry = try store.privacy.forget(person, normalize: { $0 }, now: 500, dryRun: true)
        #expect(dry.leads == 1)
        #expect(dry.notifications == 2)
        #expect(try store.outbox.notifications().map(\.content?.count) == [35, nil])
        let summary = try store.privacy.forget(person, normalize: { $0 }, now: 500, dryRun: false)
        #expect(summary == dry)
        let rows = try store.outbox.notifications()
        #expect(rows.map(\.key) == ["digest|mia@example.com|2026-W45", "alert|7|fr|10|breach"])
        #expect(rows.map(\.id) == [digestID, alertID])
        #expect(rows[0].content.map { String(decoding: $0, as: UTF8.self) } == "[forgotten] ([forgotten]) waits\r\n")
        #expect(rows[1].leadID == nil)
        #expect(rows[1].state == .cancelled)
        #expect(
            try store.privacy.forgottenHashes() == [
                PersonalData.forgottenHash("zed@quux.example", salt: try store.privacy.forgetSalt())
            ])
        #expect(try store.privacy.forgetSalt().count == 32)
    }
}
