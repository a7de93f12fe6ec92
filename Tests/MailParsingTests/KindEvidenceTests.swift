import Testing

@testable import MailParsing

@Suite struct KindEvidenceTests {
    /// A message with these header lines and a one-line body.
    static func message(_ headers: [String]) -> MailMessage {
        let text = (headers + ["Date: Thu, 05 Mar 2026 10:00:00 +0000", "", "Body."]).joined(separator: "\r\n")
        return MessageParser.parse(Array(text.utf8))
    }

    @Test(
        "each kind carries the rules that held, in the classifier's order",
        arguments: [
            (
                "bounce-dsn.eml",
                [KindRule.deliveryStatusReport, .daemonSender("mailer-daemon@mx.example.com")]
            ),
            ("bounce-plain.eml", [.daemonSender("postmaster@customer.test")]),
            ("auto-reply.eml", [.autoSubmitted("auto-replied; owner-email=\"carol@customer.test\"")]),
            ("out-of-office-de.eml", [.outOfOfficeSubject(prefix: "abwesenheitsnotiz", language: .german)]),
            ("bulk.eml", [.listUnsubscribe, .precedence("bulk")]),
            ("simple.eml", []),
        ])
    func fixtures(name: String, evidence: [KindRule]) {
        #expect(Fixture.message(name).kindEvidence == evidence)
    }

    @Test(
        "a bounce known only by its subject and empty Return-Path names the subject's prefix and language",
        arguments: [
            ("Non remis : Proposition", KindRule.bounceSubject(prefix: "non remis :", language: .french)),
            (
                "No se puede entregar: Propuesta",
                .bounceSubject(prefix: "no se puede entregar:", language: .spanish)
            ),
            ("Unzustellbar: Angebot", .bounceSubject(prefix: "unzustellbar:", language: .german)),
            (
                "Delivery Status Notification (Failure)",
                .bounceSubject(prefix: "delivery status notification (failure)", language: .english)
            ),
        ])
    func bounceSubjects(subject: String, rule: KindRule) {
        let m = Self.message(["From: mx@isp.test", "To: ann@example.com", "Subject: \(subject)", "Return-Path: <>"])
        #expect(m.kind == .bounce)
        #expect(m.kindEvidence == [rule])
    }

    @Test("a bounce subject without an empty Return-Path is no evidence, and the message stays a message")
    func bounceSubjectNeedsEmptyReturnPath() {
        let m = Self.message(["From: mx@isp.test", "To: ann@example.com", "Subject: Non remis : Proposition"])
        #expect(m.kind == .message)
        #expect(m.kindEvidence == [])
    }

    @Test("every auto-reply header that held is listed; the subject only when no header did")
    func autoReplyHeaders() {
        let headers = Self.message([
            "From: a@b.test", "To: ann@example.com", "Subject: Out of office", "X-Autoreply: yes",
            "Precedence: Auto_Reply",
        ])
        #expect(headers.kind == .autoReply)
        #expect(headers.kindEvidence == [.autoReplyHeader("X-Autoreply"), .precedence("auto_reply")])
        let subject = Self.message(["From: a@b.test", "To: ann@example.com", "Subject: Réponse automatique : absent"])
        #expect(subject.kindEvidence == [.outOfOfficeSubject(prefix: "réponse automatique", language: .french)])
        let no = Self.message(["From: a@b.test", "To: ann@example.com", "Subject: Hello", "Auto-Submitted: no"])
        #expect(no.kind == .message)
        #expect(no.kindEvidence == [])
    }
}
