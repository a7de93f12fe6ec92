import Foundation
import TestSupport
import Testing

@testable import BatonCLI

/// `baton inspect mail` on Outlook `.msg` files: alone, damaged, and among other message files in a folder.
@Suite struct InspectOutlookTests {
    /// A real Outlook file kept with the mail parsing fixtures.
    static let sample = Repository.path("Tests/MailParsingTests/Fixtures/Outlook/outer.msg")

    static let outerJSON =
        #""message_id":null,"date":"2016-11-15T23:29:05Z","from":[],"to":[{"name":"outer@foo.bar","address":"outer@foo.bar"}],"cc":[],"reply_to":[],"subject":"outer subject","in_reply_to":[],"references":[],"text":"Outer body\n","html_text":null,"attachments":[{"filename":null,"content_type":"message/rfc822","size":13229}],"kind":"message","forwarded":[{"message_id":null,"date":"2016-11-15T23:28:26Z","from":[],"to":[{"name":"test@foobar.com","address":"test@foobar.com"}],"cc":[],"reply_to":[],"subject":"test","in_reply_to":[],"references":[],"text":"body\n","html_text":null,"attachments":[],"kind":"message"}]"#

    static let damagedJSON =
        #""message_id":null,"date":null,"from":[],"to":[],"cc":[],"reply_to":[],"subject":null,"in_reply_to":[],"references":[],"text":null,"html_text":null,"attachments":[],"kind":null,"forwarded":[]"#

    private static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "baton-outlook-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a single .msg file prints as any message, its embedded message as forwarded")
    func single() {
        let out = TextOutput(), err = TextOutput()
        #expect(BatonMain.run(["inspect", "mail", Self.sample], out: out, err: err) == 0)
        #expect(
            out.text
                == #"{"index":0,"# + Self.outerJSON
                + #","source":{"path":"\#(Self.sample)","offset":0,"length":47616}}"#
                + "\n")
        #expect(err.text == "")
    }

    @Test("a damaged .msg asked for alone is one message with an error, and exit 65")
    func damagedAlone() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        _ = FileManager.default.createFile(atPath: folder + "/cut.msg", contents: bytes.prefix(1_000))
        let out = TextOutput(), err = TextOutput()
        #expect(BatonMain.run(["inspect", "mail", folder + "/cut.msg"], out: out, err: err) == 65)
        #expect(
            out.text
                == #"{"index":0,"# + Self.damagedJSON
                + #","source":{"path":"\#(folder)/cut.msg","offset":0,"length":1000},"error":"Compound File: the chain of 'FAT' leads to bad sector 3"}"#
                + "\n")
    }

    @Test("in a folder of message files a damaged .msg is one message with an error; the run exits 0")
    func folderOfFiles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        _ = FileManager.default.createFile(atPath: folder + "/a.msg", contents: bytes)
        _ = FileManager.default.createFile(atPath: folder + "/b.msg", contents: bytes.prefix(1_000))
        _ = FileManager.default.createFile(
            atPath: folder + "/c.eml", contents: Data("Subject: plain\nMessage-ID: <c@x.test>\n\nhi\n".utf8))
        let out = TextOutput(), err = TextOutput()
        #expect(BatonMain.run(["inspect", "mail", folder], out: out, err: err) == 0)
        let lines = out.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(
            lines.first
                == #"{"index":0,"# + Self.outerJSON
                + #","source":{"path":"\#(folder)/a.msg","offset":0,"length":47616}}"#)
        #expect(
            lines.dropFirst().first?.hasSuffix(#""error":"Compound File: the chain of 'FAT' leads to bad sector 3"}"#)
                == true)
        #expect(lines.last?.contains(#""subject":"plain""#) == true)
    }
}
