import Foundation
import TestSupport
import Testing

@testable import BatonCLI

@Suite struct InspectMailCommandTests {
    @Test("inspect mail prints one JSON line per message of an mbox, a broken one with error")
    func mbox() throws {
        let folder = NSTemporaryDirectory() + "baton-inspect-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let mbox = """
            From ann@example.com Tue Mar  3 16:05:00 2026
            Message-ID: <m1@example.com>
            Date: Tue, 3 Mar 2026 17:05:00 +0100
            From: Ann Lee <Ann@Example.com>
            To: "Carol" <carol@customer.test>, Dan <dan@customer.test>
            Subject: =?UTF-8?Q?Caf=C3=A9?= meeting
            In-Reply-To: <c1@customer.test>
            References: <c0@customer.test> <c1@customer.test>
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain; charset=utf-8

            See you.
            --b
            Content-Type: application/pdf; name=a.pdf
            Content-Transfer-Encoding: base64

            AAAA
            --b--

            From x Tue Mar  3 16:05:00 2026

            """
        _ = FileManager.default.createFile(atPath: folder + "/box", contents: Data(mbox.utf8))
        let out = TextOutput(), err = TextOutput()
        let status = BatonMain.run(["inspect", "mail", folder + "/box"], out: out, err: err)
        #expect(status == 0)
        let lines = out.text.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                #"{"index":0,"message_id":"m1@example.com","date":"2026-03-03T16:05:00Z","from":[{"name":"Ann Lee","address":"ann@example.com"}],"to":[{"name":"Carol","address":"carol@customer.test"},{"name":"Dan","address":"dan@customer.test"}],"cc":[],"reply_to":[],"subject":"Café meeting","in_reply_to":["c1@customer.test"],"references":["c0@customer.test","c1@customer.test"],"text":"See you.","html_text":null,"attachments":[{"filename":"a.pdf","content_type":"application/pdf","size":3}],"kind":"message","forwarded":[],"source":{"path":"\#(folder)/box","offset":0,"length":514}}"#,
                #"{"index":1,"message_id":null,"date":null,"from":[],"to":[],"cc":[],"reply_to":[],"subject":null,"in_reply_to":[],"references":[],"text":null,"html_text":null,"attachments":[],"kind":null,"forwarded":[],"source":{"path":"\#(folder)/box","offset":514,"length":32},"error":"\#(folder)/box at byte 514: empty message"}"#,
            ])
        #expect(err.text == "")
    }

    @Test("inspect mail exits 66 for a path that does not exist")
    func missing() {
        let out = TextOutput(), err = TextOutput()
        #expect(BatonMain.run(["inspect", "mail", "/nonexistent/baton/box"], out: out, err: err) == 66)
        #expect(err.text == "baton: /nonexistent/baton/box: no such file or folder\n")
    }

    @Test("inspect mail reads a Maildir in unique-name order and lists inline forwarded originals")
    func maildir() throws {
        let folder = NSTemporaryDirectory() + "baton-maildir-" + UUID().uuidString
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        let forward = """
            From: Ann <ann@example.com>
            Subject: FW: Hello
            Content-Type: text/html; charset=utf-8

            <p>FYI</p><p>-----Original Message-----<br>From: Carol [mailto:carol@customer.test]<br>\
            Sent: Tuesday, March 3, 2026 4:05 PM<br>To: Ann<br>Subject: Hello</p><p>Hi &amp; bye</p>
            """
        _ = FileManager.default.createFile(atPath: folder + "/cur/2.host:2,S", contents: Data(forward.utf8))
        _ = FileManager.default.createFile(atPath: folder + "/new/1.host", contents: Data("Subject: first\n\nx".utf8))
        _ = FileManager.default.createFile(atPath: folder + "/tmp/0.host", contents: Data("Subject: tmp\n\nx".utf8))
        let out = TextOutput()
        #expect(BatonMain.run(["inspect", "mail", folder], out: out, err: TextOutput()) == 0)
        let lines = out.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(
            lines.first?.hasPrefix(
                #"{"index":0,"message_id":null,"date":null,"from":[],"to":[],"cc":[],"reply_to":[],"subject":"first","#)
                == true)
        #expect(
            lines.last
                == #"{"index":1,"message_id":null,"date":null,"from":[{"name":"Ann","address":"ann@example.com"}],"to":[],"cc":[],"reply_to":[],"subject":"FW: Hello","in_reply_to":[],"references":[],"text":null,"html_text":"FYI\n\n-----Original Message-----\nFrom: Carol [mailto:carol@customer.test]\nSent: Tuesday, March 3, 2026 4:05 PM\nTo: Ann\nSubject: Hello\n\nHi & bye","attachments":[],"kind":"message","forwarded":[{"message_id":null,"date":"2026-03-03T16:05:00Z","from":[{"name":"Carol","address":"carol@customer.test"}],"to":[{"name":"Ann","address":null}],"cc":[],"reply_to":[],"subject":"Hello","in_reply_to":[],"references":[],"text":"Hi & bye","html_text":null,"attachments":[],"kind":"message"}],"source":{"path":"\#(folder)/cur/2.host:2,S","offset":0,"length":\#(forward.utf8.count)}}"#
        )
    }

    @Test("a single file that is not mail prints an error line and exits 65")
    func notMail() throws {
        let path = NSTemporaryDirectory() + "baton-garbage-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: path, contents: Data([0x00, 0xFF, 0x10, 0x0A, 0x41]))
        let out = TextOutput()
        #expect(BatonMain.run(["inspect", "mail", path], out: out, err: TextOutput()) == 65)
        #expect(
            out.text
                == #"{"index":0,"message_id":null,"date":null,"from":[],"to":[],"cc":[],"reply_to":[],"subject":null,"in_reply_to":[],"references":[],"text":null,"html_text":null,"attachments":[],"kind":null,"forwarded":[],"source":{"path":"\#(path)","offset":0,"length":5},"error":"not a mail message: no header field"}"#
                + "\n")
    }

    @Test("inspect mail adds a journal report's envelope, and the error a journal source would count it as")
    func journalReport() throws {
        let fixtures = Repository.path("Tests/MailParsingTests/Fixtures/Journal/")
        for (name, error) in [
            ("report-dl-expansion.eml", "null"),
            (
                "report-contradiction.eml",
                #""the envelope's Message-Id <other-id@example.com> contradicts the attached original's Message-ID <real-id@example.com>""#
            ),
        ] {
            let out = TextOutput(), err = TextOutput()
            #expect(BatonMain.run(["inspect", "mail", fixtures + name], out: out, err: err) == 0)
            let line = out.text
            let journal = try #require(line.range(of: #","journal":"#)).upperBound
            let source = try #require(line.range(of: #","source":"#)).lowerBound
            let expected =
                name == "report-dl-expansion.eml"
                ? #"{"sender":"erik@northwind.io","on_behalf_of":null,"subject":"Demo next week?","message_id":"erik-demo@northwind.io","recipients":[{"field":"to","address":"ann@example.com","expanded":"sales@example.com","forwarded":null},{"field":"to","address":"bob@example.com","expanded":"sales@example.com","forwarded":null}],"error":\#(error)}"#
                : #"{"sender":"ann@example.com","on_behalf_of":null,"subject":"Mismatch","message_id":"other-id@example.com","recipients":[{"field":"to","address":"dana@acme-robotics.com","expanded":null,"forwarded":null}],"error":\#(error)}"#
            #expect(String(line[journal..<source]) == expected)
        }
        let out = TextOutput(), err = TextOutput()
        #expect(BatonMain.run(["inspect", "mail", fixtures + "plain-copy-gmail.eml"], out: out, err: err) == 0)
        #expect(!out.text.contains(#""journal""#))
    }
}
