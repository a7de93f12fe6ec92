import Foundation
import TestSupport
import Testing

@testable import MailParsing

#if canImport(Glibc)
    import Glibc
#endif

/// The shared sizes and memory probe (`TestSupport`).
typealias Bomb = ResourceBomb

extension ResourceBomb {
    /// A fresh temporary folder.
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "baton-bomb-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `chunks` to `path` one at a time, so that a file larger than memory can be built.
    static func write(_ path: String, _ chunks: some Sequence<[UInt8]>) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        precondition(fd >= 0, "cannot create \(path)")
        defer { close(fd) }
        for chunk in chunks {
            chunk.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                    precondition(n > 0, "cannot write \(path)")
                    done += n
                }
            }
        }
    }
}

/// Hostile inputs at the sizes an attacker would pick (Config/README.md's `limits`): each must end, bounded in time and
/// memory, with a diagnostic naming the limit that cut it.
@Suite(.serialized) struct ResourceBombTests {
    /// `limits.max_message_bytes`, scaled with the bombs so that each still overflows it.
    static let messageLimit = Bomb.size(50 << 20)

    /// Each test gets a new instance: the peak starts from here.
    init() { Bomb.resetPeak() }

    @Test("100,000 nested multiparts stop at max_mime_depth with a diagnostic naming it")
    func nestedMultiparts() {
        let levels = Bomb.size(100_000)
        var bytes = Array("Content-Type: multipart/mixed; boundary=b0\n\n".utf8)
        bytes.reserveCapacity(levels * 52)
        for n in 1...levels { bytes += Array("--b\(n - 1)\nContent-Type: multipart/mixed; boundary=b\(n)\n\n".utf8) }
        bytes += Array("--b\(levels)\nContent-Type: text/plain\n\ndeep\n".utf8)
        let message = MessageParser.parse(bytes, options: .init(maxDepth: 32))
        #expect(message.text == nil)
        let depth = message.diagnostics.filter { $0.code == .tooDeep }
        #expect(depth.map(\.detail) == ["MIME nesting deeper than 32 (limits.max_mime_depth); inner parts not read"])
        #expect(Bomb.peakResidentBytes < Bomb.memoryBound)
    }

    @Test("100,000 nested attached messages stop at max_mime_depth with a diagnostic naming it")
    func nestedMessages() {
        let levels = Bomb.size(100_000)
        let wrapper = Array("Content-Type: message/rfc822\n\n".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(levels * wrapper.count + 32)
        for _ in 0..<levels { bytes += wrapper }
        bytes += Array("Subject: leaf\n\nbody\n".utf8)
        let message = MessageParser.parse(bytes, options: .init(maxDepth: 32))
        #expect(message.forwarded.count == 31)
        #expect(message.forwarded.allSatisfy { $0.subject == nil })
        let details = (message.forwarded + [message]).flatMap(\.diagnostics).filter { $0.code == .tooDeep }.map(
            \.detail)
        #expect(details == ["attached message nested deeper than 32 (limits.max_mime_depth); not read"])
        #expect(Bomb.peakResidentBytes < Bomb.memoryBound)
    }

    @Test("a 100 MB header line is cut with a diagnostic, and a file holding it is skipped as over the limit")
    func headerLine() throws {
        let length = Bomb.size(100 << 20)
        var bytes = [UInt8]()
        bytes.reserveCapacity(length + 32)
        bytes += Array("Subject: ".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: length)  // a memset, even in a debug build
        bytes += Array("\nFrom: a@example.com\n\nbody\n".utf8)
        let message = MessageParser.parse(bytes)
        #expect(message.subject?.utf8.count == HeaderBlock.maxValueBytes)
        #expect(message.from.map(\.address) == ["a@example.com"])
        #expect(message.text == "body\n")
        #expect(
            message.diagnostics.filter { $0.code == .headerTooLong }.map(\.detail) == [
                "Subject field of \(length) bytes cut to its first \(HeaderBlock.maxValueBytes)"
            ])

        // Read from disk, the message is over limits.max_message_bytes and never parsed.
        let folder = Bomb.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Bomb.write(folder + "/huge.eml", [bytes])
        var results: [Result<Int, MailSourceError>] = []
        try MailSource.read(path: folder + "/huge.eml", options: .init(maxMessageBytes: Self.messageLimit)) {
            results.append($1.map(\.count))
        }
        let path = folder + "/huge.eml"
        #expect(
            results == [.failure(.oversized(path: path, offset: 0, size: bytes.count, limit: Self.messageLimit))])
        #expect(Bomb.peakResidentBytes < Bomb.memoryBound)
    }

    @Test("a 500 MB base64 part in an mbox is skipped as over the limit and the next message is still read")
    func base64Part() throws {
        let partBytes = Bomb.size(500 << 20)
        let line = Array(repeating: UInt8(ascii: "Q"), count: 76) + [0x0A]
        let chunk = Array([[UInt8]](repeating: line, count: 1 << 13).joined())  // about 630 kB of base64
        let head = Array(
            ("From a@example.com Thu Mar  5 10:00:00 2026\nSubject: bomb\nContent-Type: multipart/mixed; boundary=x\n\n"
                + "--x\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n").utf8)
        let tail = Array(
            "\n--x--\n\nFrom b@example.com Thu Mar  5 10:01:00 2026\nSubject: after\n\nstill read\n".utf8)
        let folder = Bomb.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let chunks = partBytes / chunk.count + 1
        // The chunks share one buffer: the file grows, memory does not.
        Bomb.write(folder + "/box", [head] + Array(repeating: chunk, count: chunks) + [tail])

        var got: [(offset: Int, length: Int, subject: String?, error: MailSourceError?)] = []
        let reader = try MboxReader(path: folder + "/box", maxMessageBytes: Self.messageLimit)
        try reader.forEach { record, result in
            switch result {
            case .success(let bytes):
                got.append((record.offset, record.length, MessageParser.parse(bytes).subject, nil))
            case .failure(let error):
                got.append((record.offset, record.length, nil, error))
            }
        }
        // The bomb's record runs up to the next `From ` line, after the close delimiter and a blank line.
        let bombLength = head.count + chunks * chunk.count + Array("\n--x--\n\n".utf8).count
        #expect(got.count == 2)
        #expect(
            got.first?.error == .oversized(path: folder + "/box", offset: 0, size: bombLength, limit: Self.messageLimit)
        )
        #expect(got.last?.subject == "after")
        #expect(got.last?.offset == bombLength)

        // A base64 part just under the limit is measured, not decoded.
        var message = Array("Content-Type: multipart/mixed; boundary=x\n\n--x\n".utf8)
        message += Array("Content-Type: image/png; name=big.png\nContent-Transfer-Encoding: base64\n\n".utf8)
        let lines = (Self.messageLimit - 200) / line.count
        message.reserveCapacity(message.count + lines * line.count + 8)
        for _ in 0..<lines { message += line }
        message += Array("--x--\n".utf8)
        let parsed = MessageParser.parse(message)
        #expect(parsed.attachments.map(\.size) == [lines * 76 / 4 * 3])
        #expect(Bomb.peakResidentBytes < Bomb.memoryBound)
    }

    @Test("a Maildir with a million files is listed in order and read one message at a time")
    func maildir() throws {
        let count = Bomb.size(1_000_000)
        let folder = Bomb.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        let message = Array("Subject: s\n\nx\n".utf8)
        for i in 0..<count {
            // Alternate between new/ and cur/ so that ordering has to merge both folders.
            let name =
                i % 2 == 0 ? "new/\(1_700_000_000 + i).M\(i)P1.host" : "cur/\(1_700_000_000 + i).M\(i)P1.host:2,S"
            let fd = open(folder + "/" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            precondition(fd >= 0)
            _ = message.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        var read = 0
        var inOrder = true
        var failures = 0
        var previous = ""
        try MailSource.read(path: folder, options: .init(maxMessageBytes: Self.messageLimit)) { location, result in
            read += 1
            let name = (location.path as NSString).lastPathComponent
            if name < previous { inOrder = false }
            previous = name
            if case .failure = result { failures += 1 }
        }
        #expect(read == count)
        #expect(inOrder)
        #expect(failures == 0)
        #expect(Bomb.peakResidentBytes < Bomb.memoryBound)
    }
}
