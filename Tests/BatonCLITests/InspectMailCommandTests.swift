import Foundation
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
        let out = OutputStream(), err = OutputStream()
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
        let out = OutputStream(), err = OutputStream()
        #expect(BatonMain.run(["inspect", "mail", "/nonexistent/baton/box"], out: out, err: err) == 66)
        #expect(err.text == "baton: /nonexistent/baton/box: no such file or folder\n")
    }
}
