import Foundation
import Testing

@testable import MailParsing

@Suite struct MailSourceTests {
    /// A fresh temporary folder per test (Swift Testing runs tests in parallel).
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "baton-mail-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    /// Every message of a container as (offset, length, subject, text or error).
    static func read(_ path: String, maxMessageBytes: Int = 50 << 20) throws -> [(Int, Int, String?, String?)] {
        var out: [(Int, Int, String?, String?)] = []
        try MailSource.read(path: path, options: .init(maxMessageBytes: maxMessageBytes)) { location, result in
            switch result {
            case .success(let bytes):
                let m = MessageParser.parse(bytes)
                out.append((location.offset, location.length, m.subject, m.text))
            case .failure(let error):
                out.append((location.offset, location.length, nil, "error: \(error)"))
            }
        }
        return out
    }

    @Test("an mboxrd file is split on From lines, with quoted From lines unquoted and offsets kept")
    func mboxrd() throws {
        let folder = Self.temporaryFolder()
        let mbox =
            "From a@x Thu Mar  5 10:00:00 2026\nSubject: one\n\nbody 1\n>From here\n>>From there\n\n"
            + "From b@x Thu Mar  5 10:00:00 2026\nSubject: two\n\nbody 2\n"
        Self.write(mbox, to: folder + "/box")
        let got = try Self.read(folder + "/box")
        #expect(got.count == 2)
        #expect(got[0].0 == 0 && got[0].1 == 80)
        #expect(got[0].2 == "one" && got[0].3 == "body 1\nFrom here\n>From there\n")
        #expect(got[1].0 == 80 && got[1].1 == 55)
        #expect(got[1].2 == "two" && got[1].3 == "body 2\n")
    }

    @Test("mboxcl2 Content-Length lets a body hold unquoted From lines")
    func mboxcl2() throws {
        let folder = Self.temporaryFolder()
        let body = "line\nFrom the start\n"
        let mbox =
            "From a@x Thu Mar  5 10:00:00 2026\nSubject: one\nContent-Length: \(body.utf8.count)\n\n\(body)\n"
            + "From b@x Thu Mar  5 10:00:00 2026\nSubject: two\n\nbody 2\n"
        Self.write(mbox, to: folder + "/box")
        let got = try Self.read(folder + "/box")
        #expect(got.map(\.2) == ["one", "two"])
        #expect(got[0].3 == body)
    }

    @Test("a CRLF mbox with leading blank lines and a truncated last message is read")
    func crlfAndTruncated() throws {
        let folder = Self.temporaryFolder()
        let mbox =
            "\r\nFrom a@x Thu Mar  5 10:00:00 2026\r\nSubject: one\r\n\r\nbody 1\r\n\r\n"
            + "From b@x Thu Mar  5 10:00:00 2026\r\nSubject: cut\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n\r\npartial te"
        Self.write(mbox, to: folder + "/box")
        #expect(try MailSource.kind(of: folder + "/box") == .mbox)
        let got = try Self.read(folder + "/box")
        #expect(got.map(\.2) == ["one", "cut"])
        #expect(got[0].3 == "body 1\n")
        #expect(got[1].3 == "partial te")
    }

    @Test("an oversized message is reported and skipped, the rest still read")
    func oversized() throws {
        let folder = Self.temporaryFolder()
        let big = String(repeating: "x", count: 300_000)
        let mbox =
            "From a@x Thu Mar  5 10:00:00 2026\nSubject: one\n\n1\n\n"
            + "From b@x Thu Mar  5 10:00:00 2026\nSubject: big\n\n\(big)\n\n"
            + "From c@x Thu Mar  5 10:00:00 2026\nSubject: three\n\n3\n"
        Self.write(mbox, to: folder + "/box")
        let got = try Self.read(folder + "/box", maxMessageBytes: 100_000)
        #expect(got.map(\.2) == ["one", nil, "three"])
        #expect(got[1].3?.hasPrefix("error: ") == true)
        #expect(got[1].0 == 51 && got[1].1 == 300_050)
    }

    @Test("a Maildir is read from cur and new, never tmp, ordered by unique name, flags parsed")
    func maildir() throws {
        let folder = Self.temporaryFolder()
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        Self.write("Subject: b\n\nB", to: folder + "/cur/1700000002.M2.host:2,RS")
        Self.write("Subject: a\n\nA", to: folder + "/new/1700000001.M1.host")
        Self.write("Subject: c\n\nC", to: folder + "/cur/1700000003.M3.host:2,FT")
        Self.write("Subject: tmp\n\nT", to: folder + "/tmp/1700000000.M0.host")
        #expect(try MailSource.kind(of: folder) == .maildir)
        #expect(try Self.read(folder).map(\.2) == ["a", "b", "c"])
        let flags = try MailSource.maildirEntries(folder).map(\.flags)
        #expect(flags == [[], [.replied, .seen], [.flagged, .trashed]])
    }

    @Test("a folder of .eml files is read in name order; a missing path is not found")
    func folder() throws {
        let folder = Self.temporaryFolder()
        Self.write("Subject: 2\n\n", to: folder + "/b.eml")
        Self.write("Subject: 1\n\n", to: folder + "/a.eml")
        Self.write("", to: folder + "/c.eml")
        let got = try Self.read(folder)
        #expect(got.map(\.2) == ["1", "2", nil])
        #expect(got[2].3 == "error: \(folder)/c.eml at byte 0: empty message")
        #expect(throws: MailSourceError.notFound(path: folder + "/none")) { try MailSource.kind(of: folder + "/none") }
    }

    @Test("an mbox larger than the window is streamed; an oversized message is skipped without being held")
    func streamed() throws {
        let folder = Self.temporaryFolder()
        var mbox = ""
        for n in 0..<200 {
            mbox +=
                "From a@x Thu Mar  5 10:00:00 2026\nSubject: m\(n)\n\n" + String(repeating: "y", count: 1000) + "\n\n"
            if n == 100 {
                mbox +=
                    "From big Thu Mar  5 10:00:00 2026\nSubject: big\n\n" + String(repeating: "z\n", count: 200_000)
                    + "\n"
            }
        }
        Self.write(mbox, to: folder + "/box")
        let reader = try MboxReader(path: folder + "/box", maxMessageBytes: 100_000, window: 64 << 10)
        var subjects: [String] = []
        var errors = 0
        try reader.forEach { record, result in
            switch result {
            case .success(let bytes): subjects.append(MessageParser.parse(bytes).subject ?? "?")
            case .failure: errors += 1
            }
        }
        #expect(subjects == (0..<200).map { "m\($0)" })
        #expect(errors == 1)
    }

    @Test("the parallel parser returns the same messages in the same order as the sequential reader")
    func parallel() throws {
        let folder = Self.temporaryFolder()
        var mbox = ""
        for n in 0..<500 {
            mbox +=
                "From a@x Thu Mar  5 10:00:00 2026\nSubject: m\(n)\n\n" + String(repeating: "w", count: n * 7 % 3000)
                + "\n\n"
        }
        Self.write(mbox, to: folder + "/box")
        var sequential: [String?] = []
        try ParallelParser.parse(path: folder + "/box", threads: 1) { _, r in sequential.append(try? r.get().subject) }
        var parallel: [String?] = []
        var offsets: [Int] = []
        try ParallelParser.parse(path: folder + "/box", threads: 3, window: 7) { location, r in
            parallel.append(try? r.get().subject)
            offsets.append(location.offset)
        }
        #expect(sequential == (0..<500).map { "m\($0)" })
        #expect(parallel == sequential)
        #expect(offsets == offsets.sorted())
    }

    @Test("an oversized message file in a folder is reported with its size and skipped")
    func oversizedFile() throws {
        let folder = Self.temporaryFolder()
        Self.write("Subject: big\n\n" + String(repeating: "x", count: 3_000_000), to: folder + "/a.eml")
        Self.write("Subject: small\n\nok", to: folder + "/b.eml")
        let got = try Self.read(folder, maxMessageBytes: 1_000_000)
        #expect(got.map(\.2) == [nil, "small"])
        #expect(got[0].1 == 3_000_014)
        #expect(
            got[0].3
                == "error: \(folder)/a.eml at byte 0: message of 3000014 bytes exceeds the limit of 1000000 bytes; skipped"
        )
        #expect(got[1].3 == "ok")
    }
}

@Suite struct MboxCursorTests {
    @Test("reading from a cursor gives the records after it, with their offsets in the whole file")
    func startOffset() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cursor-\(UUID()).mbox").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = "From a Mon Nov 16 08:12:00 2026\nSubject: one\n\nbody one\n\n"
        let second = "From b Mon Nov 16 09:12:00 2026\nSubject: two\n\nbody two\n"
        try Data((first + second).utf8).write(to: URL(fileURLWithPath: path))
        let reader = try MboxReader(path: path, startOffset: first.utf8.count)
        var seen: [(Int, Int, String)] = []
        try reader.forEach { record, result in
            if case .success(let bytes) = result {
                seen.append((record.offset, record.length, String(decoding: bytes, as: UTF8.self)))
            }
        }
        #expect(seen.count == 1)
        #expect(seen.first?.0 == first.utf8.count)
        #expect(seen.first?.1 == second.utf8.count)
        #expect(seen.first?.2 == "Subject: two\n\nbody two\n")
    }
}
