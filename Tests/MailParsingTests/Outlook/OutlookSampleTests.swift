import Foundation
import Testing

@testable import MailParsing

/// Real `.msg` files written by Outlook (`Fixtures/Outlook/README.md` says where each comes from).
@Suite struct OutlookSampleTests {
    static let samples = ["outer.msg", "ndr-embedded-gbk.msg", "newsletter-attachments.msg"]
    static let msgconvert = ["/usr/bin/msgconvert", "/usr/local/bin/msgconvert"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    private static func sample(_ name: String) -> MailMessage { Fixture.message("Outlook/" + name) }

    @Test("a message saved without transport headers, with an embedded message")
    func outer() {
        let m = Self.sample("outer.msg")
        #expect(m.diagnostics == [])
        #expect(m.subject == "outer subject")
        #expect(m.from == [])
        #expect(m.to == [MailAddress(name: "outer@foo.bar", address: "outer@foo.bar")])
        // No PR_CLIENT_SUBMIT_TIME: PR_MESSAGE_DELIVERY_TIME.
        #expect(m.date == MailDate(secondsSinceEpoch: Fixture.utc("2016-11-15 23:29:05"), hasZone: true))
        #expect(m.messageID == nil)
        #expect(m.text == "Outer body\n")
        #expect(m.attachments == [MailAttachment(filename: nil, contentType: "message/rfc822", size: 13_229)])
        #expect(m.forwarded.count == 1)
        #expect(m.forwarded.first?.subject == "test")
        #expect(m.forwarded.first?.to == [MailAddress(name: "test@foobar.com", address: "test@foobar.com")])
        #expect(m.forwarded.first?.text == "body\n")
    }

    @Test("a delivery failure notice with GBK headers and an embedded original")
    func ndr() {
        let m = Self.sample("ndr-embedded-gbk.msg")
        #expect(m.subject == "投递状态通知 (Failure Notice)")
        #expect(m.from == [MailAddress(name: "Mail Delivery Subsystem", address: "mailer-daemon@tjdpf.org.cn")])
        #expect(m.to == [MailAddress(name: nil, address: "yosipnps@model.com")])
        #expect(m.date == MailDate(secondsSinceEpoch: Fixture.utc("2017-11-27 09:44:30"), hasZone: true))
        #expect(m.messageID == "99d78a$k8gjl@esa2.mentor.iphmx.com")
        #expect(m.kind == .bounce)
        #expect(m.attachments.map(\.filename) == ["default_attachment.eml"])
        #expect(m.attachments.map(\.contentType) == ["message/rfc822"])
        let original = m.forwarded.first
        #expect(original?.messageID == "20171127174424864054@model.com")
        #expect(original?.from == [MailAddress(name: "Meredith chen", address: "yosipnps@model.com")])
        #expect(original?.attachments.map(\.filename) == ["北京 2017年12月02-03日 销售主管 确认n.pdf"])
        #expect(original?.attachments.map(\.size) == [144_702])
    }

    @Test("a newsletter with transport headers and five attachments")
    func newsletter() {
        let m = Self.sample("newsletter-attachments.msg")
        #expect(m.subject == "Newsletter Prüfung Personalwesen / Prüfung Eröffnungsbilanz")
        #expect(m.from == [MailAddress(name: nil, address: "nueblingv@w-vwa.de")])
        #expect(m.messageID == "20170918100018.6AE0948009C@www.w-vwa.de")
        #expect(m.date == MailDate(secondsSinceEpoch: Fixture.utc("2017-09-18 10:00:18"), hasZone: true))
        #expect(
            m.attachments == [
                MailAttachment(filename: "newsletter.png", contentType: "image/png", size: 100_150),
                MailAttachment(filename: "spacer.gif", contentType: "image/gif", size: 58),
                MailAttachment(filename: "image004.jpg", contentType: "image/jpeg", size: 790),
                MailAttachment(filename: "image006.jpg", contentType: "image/jpeg", size: 786),
                MailAttachment(filename: "image008.jpg", contentType: "image/jpeg", size: 823),
            ])
        #expect(m.text?.hasPrefix("Wenn Sie diesen Newsletter nicht lesen können") == true)
    }

    @Test(
        "the RTF body Outlook stored beside the text decompresses to python compressed_rtf's length and encapsulates HTML",
        arguments: [("outer.msg", 40_303), ("ndr-embedded-gbk.msg", 3_940), ("newsletter-attachments.msg", 19_090)])
    func realRTF(name: String, length: Int) throws {
        let bytes = Fixture.bytes("Outlook/" + name)
        let file = try bytes.withUnsafeBytes { try CompoundFile($0) }
        let stream = try #require(try file.child(named: "__substg1.0_10090102", in: 0))
        let rtf = try CompressedRTF.decompress(try file.stream(stream))
        #expect(rtf.count == length)
        #expect(rtf.starts(with: Array("{\\rtf1\\ansi".utf8)))
        guard case .html(let html) = CompressedRTF.body(ofRTF: rtf) else {
            Issue.record("expected encapsulated HTML")
            return
        }
        // The words of the HTML are the words of the plain text body Outlook stored beside it, but for the
        // link targets and image names Outlook writes into the text (`hier<http://…>`, `[cid:…]`).
        let words = { (s: String) in s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
        var text = words(try #require(Self.sample(name).text))
        if name == "newsletter-attachments.msg" {
            text =
                "Wenn Sie diesen Newsletter nicht lesen können oder unvollständig angezeigt bekommen klicken Sie "
                + "bitte hier Sehr geehrte Frau Gaiser-Schönenborn, die Grundlagen für eine systematische Prüfung,"
        }
        #expect(words(HTMLText.extract(html)).hasPrefix(text))
    }

    @Test(
        "each sample reads as msgconvert's .eml of it reads",
        .enabled(if: msgconvert != nil, "msgconvert not installed (Debian libemail-outlook-message-perl)"),
        arguments: samples)
    func againstMsgconvert(name: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-msgconvert-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let eml = folder + "/out.eml"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.msgconvert!)
        process.arguments = ["--outfile", eml, Fixture.folder + "/Outlook/" + name]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let reference = MessageParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: eml))))
        let ours = Self.sample(name)
        Self.compare(ours, reference, sample: name, where: "message")
        #expect(ours.forwarded.count == reference.forwarded.count)
        for (k, (a, b)) in zip(ours.forwarded, reference.forwarded).enumerated() {
            Self.compare(a, b, sample: name, where: "forwarded[\(k)]")
        }
    }

    /// Where the two readings differ by design, each with its reason.
    private static let knownDates: [String: String] = [
        // No PR_CLIENT_SUBMIT_TIME: Baton takes PR_MESSAGE_DELIVERY_TIME (0x0E06) as asked of it; msgconvert
        // takes PR_CREATION_TIME (0x3007), which is when the item was created, not sent or received.
        "outer.msg message": "2016-11-15T23:29:18Z", "outer.msg forwarded[0]": "2016-11-15T23:29:19Z",
    ]

    private static func compare(_ ours: MailMessage, _ reference: MailMessage, sample: String, where place: String) {
        let context = Comment(rawValue: "\(sample) \(place)")
        #expect(ours.messageID == reference.messageID, context)
        if let date = knownDates["\(sample) \(place)"] {
            #expect(reference.date.map { isoUTC($0.secondsSinceEpoch) } == date, context)
        } else {
            #expect(ours.date == reference.date, context)
        }
        // msgconvert folds a long subject right after `Subject:`, which leaves a leading space in the
        // reference's unfolded value.
        #expect(ours.subject == reference.subject?.trimmingCharacters(in: .whitespaces), context)
        for (mine, theirs) in [(ours.from, reference.from), (ours.to, reference.to), (ours.cc, reference.cc)] {
            #expect(mine.map(\.address) == theirs.map(\.address), context)
            // A display name that is itself an address is spaced out by the RFC 5322 reader (`outer@ foo.bar`);
            // compare such names without spaces.
            #expect(mine.map { $0.name?.filter { $0 != " " } } == theirs.map { $0.name?.filter { $0 != " " } }, context)
        }
        #expect(ours.text == reference.text, context)
        #expect(ours.attachments.map(\.filename) == reference.attachments.map(\.filename), context)
        #expect(ours.attachments.map(\.contentType) == reference.attachments.map(\.contentType), context)
    }

    private static func isoUTC(_ seconds: Int64) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
