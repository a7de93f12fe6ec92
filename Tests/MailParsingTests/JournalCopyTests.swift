import Testing

@testable import MailParsing

/// Journal reports (`Fixtures/Journal/`, see its README): the envelope read value by value, the original taken
/// only from an attached message, and every way a report can fail.
@Suite struct JournalCopyTests {
    /// A fixture of `Fixtures/Journal/` read as a journal message.
    static func read(_ name: String) -> Result<JournalCopy, JournalReportError> {
        JournalCopy.read(Fixture.message("Journal/" + name))
    }

    /// The copy a fixture gives; fails the test when it gives an error.
    static func copy(_ name: String) throws -> JournalCopy {
        switch read(name) {
        case .success(let copy): return copy
        case .failure(let error):
            Issue.record("\(name): \(error)")
            throw error
        }
    }

    /// The error a fixture gives, or nil when it reads.
    static func error(_ name: String) -> JournalReportError? {
        if case .failure(let error) = read(name) { return error }
        return nil
    }

    @Test("a report with several recipients gives its envelope and the attached original, not the report")
    func multiRecipient() throws {
        let copy = try Self.copy("report-multi-recipient.eml")
        #expect(
            copy.envelope
                == JournalEnvelope(
                    sender: "ann@example.com", subject: "Quote for the Q1 order", messageID: "q1-quote@example.com",
                    recipients: [
                        JournalRecipient(field: .to, address: "dana@acme-robotics.com"),
                        JournalRecipient(field: .to, address: "lee@acme-robotics.com"),
                        JournalRecipient(field: .cc, address: "bob@example.com"),
                    ]))
        #expect(copy.envelopeRecipients == ["dana@acme-robotics.com", "lee@acme-robotics.com", "bob@example.com"])
        #expect(copy.original.messageID == "q1-quote@example.com")
        #expect(copy.original.from == [MailAddress(name: "Ann Archer", address: "ann@example.com")])
        #expect(copy.original.cc == [MailAddress(name: "Bob Baker", address: "bob@example.com")])
        #expect(copy.original.text == "Dana, Lee: the quote is attached.\n")
    }

    @Test("a Bcc'd recipient is in the envelope only")
    func bcc() throws {
        let copy = try Self.copy("report-bcc-rep.eml")
        #expect(
            copy.envelope?.recipients == [
                JournalRecipient(field: .to, address: "info@example.com"),
                JournalRecipient(field: .bcc, address: "ann@example.com"),
            ])
        #expect(copy.envelope?.messageID == "dana-pricing@acme-robotics.com")
        #expect(copy.original.to.map(\.address) == ["info@example.com"])
        #expect(copy.original.cc == [])
    }

    @Test("an expanded distribution list and a forward are read from the recipient lines")
    func expandedAndForwarded() throws {
        #expect(
            try Self.copy("report-dl-expansion.eml").envelope?.recipients == [
                JournalRecipient(field: .to, address: "ann@example.com", expandedFrom: "sales@example.com"),
                JournalRecipient(field: .to, address: "bob@example.com", expandedFrom: "sales@example.com"),
            ])
        let forwarded = try Self.copy("report-forwarded.eml")
        #expect(
            forwarded.envelope?.recipients == [
                JournalRecipient(field: .to, address: "bob@example.com", forwardedFrom: "mia@example.com")
            ])
        #expect(forwarded.envelopeRecipients == ["bob@example.com"])
    }

    @Test("an 8-bit subject is decoded in the envelope part's charset; On-Behalf-Of is read")
    func eightBitSubject() throws {
        let copy = try Self.copy("report-8bit-subject.eml")
        #expect(copy.envelope?.subject == "Angebot für Müller & Söhne")
        #expect(copy.envelope?.onBehalfOf == "mia@example.com")
        #expect(copy.envelope?.sender == "bob@example.com")
        #expect(copy.original.subject == "Angebot für Müller & Söhne")
    }

    @Test("two reports of one message, split by recipient, name the same original")
    func split() throws {
        let first = try Self.copy("report-split-1.eml")
        let second = try Self.copy("report-split-2.eml")
        #expect(first.original == second.original)
        #expect(first.envelopeRecipients == ["bob@example.com"])
        #expect(second.envelopeRecipients == ["ann@example.com"])
    }

    @Test("each broken report gives its own reason")
    func broken() {
        #expect(Self.error("report-tnef-only.eml") == .tnefOnly(filename: "winmail.dat"))
        #expect(Self.error("report-no-original.eml") == .noOriginal)
        #expect(Self.error("report-two-originals.eml") == .severalOriginals(count: 2))
        #expect(Self.error("report-in-report.eml") == .reportInReport)
        #expect(
            Self.error("report-contradiction.eml")
                == .messageIDMismatch(envelope: "other-id@example.com", original: "real-id@example.com"))
        #expect(Self.error("report-no-recipients.eml") == .noRecipients)
        #expect(
            JournalReportError.tnefOnly(filename: "winmail.dat").description
                == "a journal report whose original is attached only as TNEF (winmail.dat), which Baton cannot "
                + "read: have Exchange send the journal mailbox MIME, not TNEF")
    }

    @Test("an inline quote in a report's text is never taken for its original")
    func inlineIsNoOriginal() {
        let report = Fixture.message("Journal/report-no-original.eml")
        #expect(report.forwarded.count == 1)
        #expect(report.attachedIndices == [])
        #expect(Self.error("report-no-original.eml") == .noOriginal)
    }

    @Test("a plain copy is the message itself, with X-Gm-Original-To and Delivered-To as envelope recipients")
    func plainCopies() throws {
        let gmail = try Self.copy("plain-copy-gmail.eml")
        #expect(gmail.envelope == nil)
        #expect(gmail.original.messageID == "invoice-copy@acme-robotics.com")
        #expect(gmail.envelopeRecipients == ["ann@example.com", "support@example.com", "archive@example.com"])
        #expect(try Self.copy("plain-copy-delivered-to.eml").envelopeRecipients == ["bob@example.com"])
    }

    @Test("field names are read in any case, brackets are optional, unknown lines are ignored")
    func envelopeSyntax() {
        let envelope = JournalEnvelope(
            parsing: """
                SENDER: <Ann@Example.com>
                message-id: id-1@example.com
                Label: Legal hold
                ReceivedUtc: 11/23/2026 10:15:04
                Recipient: <Dana@Acme-Robotics.com>
                bcc: bob@example.com, forwarded: <Mia@Example.com>
                Cc: not an address
                """)
        #expect(
            envelope
                == JournalEnvelope(
                    sender: "ann@example.com", messageID: "id-1@example.com",
                    recipients: [
                        JournalRecipient(field: .recipient, address: "dana@acme-robotics.com"),
                        JournalRecipient(field: .bcc, address: "bob@example.com", forwardedFrom: "mia@example.com"),
                    ]))
    }
}
