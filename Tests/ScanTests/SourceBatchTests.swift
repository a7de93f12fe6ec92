import BatonCore
import Foundation
import MailParsing
import Testing

@testable import Ingest
@testable import Store

/// The ingesters read batches and never write them: the commit the scan passes down does.
@Suite struct SourceBatchTests {
    @Test("an mbox ingester writes nothing: its batches, each with the cursor after it, come back to the commit")
    func mboxBatches() throws {
        let world = try TinyWorld()
        let first = TinyWorld.mbox(
            "m1", from: "dana@acme.com", to: "ann@example.com", date: "Mon, 16 Nov 2026 08:12:00 +0000")
        let mbox =
            first
            + TinyWorld.mbox(
                "m2", from: "ann@example.com", to: "dana@acme.com", date: "Mon, 16 Nov 2026 09:00:00 +0000")
        try world.write("mail/ann.mbox", mbox)
        let store = try world.store()
        let ingestor = try MessageIngestor(config: try world.config(), store: store, now: UnixTime.now())
        let path = world.root + "/mail/ann.mbox"
        var report = SourceReport(path: path, type: "mbox")
        var batches: [SourceBatch] = []
        try MboxIngester(ingestor: ingestor).read(path, rep: "ann@example.com", into: &report) { batch, _ in
            batches.append(batch)
        }
        #expect(batches.map { $0.messages.map(\.location) } == [["@0", "@\(first.utf8.count)"], []])
        #expect(batches.map { $0.cursor?.offset } == [Int64(mbox.utf8.count), Int64(mbox.utf8.count)])
        #expect(batches.last?.cursor?.size == Int64(mbox.utf8.count))
        #expect(try store.mail.allMessages().isEmpty)
        #expect(try store.cursors.sourceState(path) == nil)
    }

    @Test("a failed commit stops the source: its error is thrown and nothing more is handed on")
    func failedCommitStops() throws {
        struct Refused: Error {}
        let world = try TinyWorld()
        try world.write(
            "mail/ann.mbox",
            TinyWorld.mbox("m1", from: "dana@acme.com", to: "ann@example.com", date: "Mon, 16 Nov 2026 08:12:00 +0000"))
        let ingestor = try MessageIngestor(config: try world.config(), store: try world.store(), now: UnixTime.now())
        let path = world.root + "/mail/ann.mbox"
        var report = SourceReport(path: path, type: "mbox")
        var commits = 0
        #expect(throws: Refused.self) {
            try MboxIngester(ingestor: ingestor).read(path, rep: nil, into: &report) { _, _ in
                commits += 1
                throw Refused()
            }
        }
        #expect(commits == 1)
    }

    @Test(
        "an mbox whose read fails part-way keeps what it read, and the next scan reads the rest though the file did not change"
    )
    func readFailsPartWay() throws {
        let world = try TinyWorld()
        // Five messages of 1.2 MB: the reader's first window (4 MiB) holds the first three whole and the fourth's
        // start, and the read after it fails.
        let body = String(repeating: String(repeating: "x", count: 99) + "\n", count: 12_000)
        let messages = (1...5).map { n in
            TinyWorld.mbox(
                "m\(n)", from: "dana@acme.com", to: "ann@example.com", date: "Mon, 16 Nov 2026 0\(n):12:00 +0000")
                + body
        }
        let mbox = messages.joined()
        let size = messages[0].utf8.count
        #expect(messages.allSatisfy { $0.utf8.count == size })
        #expect(3 * size + 100 < MboxReader.defaultWindow && 4 * size > MboxReader.defaultWindow)
        try world.write("mail/ann.mbox", mbox)
        let store = try world.store()
        let path = world.root + "/mail/ann.mbox"
        /// Reads the source as the scan does: each batch stored in its own transaction.
        func scan(_ readBytes: MboxReader.ReadBytes? = nil) throws -> (SourceReport, commits: Int) {
            let ingestor = try MessageIngestor(config: try world.config(), store: store, now: UnixTime.now())
            var ingester = MboxIngester(ingestor: ingestor)
            ingester.readBytes = readBytes
            var report = SourceReport(path: path, type: "mbox")
            var commits = 0
            try ingester.read(path, rep: "ann@example.com", into: &report) { batch, report in
                commits += 1
                try store.write { try ingestor.ingest(batch, into: &report) }
            }
            return (report, commits)
        }
        // The disk gives the first window, then fails (EIO) as a failing disk or a network file system can.
        var reads = 0
        let (failed, _) = try scan { descriptor, buffer, count in
            reads += 1
            guard reads == 1 else {
                errno = EIO
                return -1
            }
            return read(descriptor, buffer, count)
        }
        #expect(reads == 2)
        #expect(failed.errors == 1)
        #expect(failed.unreadable)
        #expect(failed.problems == ["cannot read \(path): cannot read: Input/output error"])
        #expect(failed.newMessages == 3)
        #expect(try store.mail.allMessages().map(\.messageID) == ["m1", "m2", "m3"])
        let cursor = try #require(try store.cursors.sourceState(path))
        #expect(cursor.offset == Int64(3 * size))
        #expect(cursor.size == nil && cursor.mtimeNanoseconds == nil)

        // The file did not change: the next scan goes on from the third message's end.
        let (rest, _) = try scan()
        #expect(rest.errors == 0)
        #expect(rest.newMessages == 2)
        #expect(try store.mail.allMessages().map(\.messageID) == ["m1", "m2", "m3", "m4", "m5"])
        #expect(try store.cursors.sourceState(path)?.offset == Int64(mbox.utf8.count))
        #expect(try store.cursors.sourceState(path)?.size == Int64(mbox.utf8.count))
        // Read to its end: the scan after only looks at the file.
        let (after, commits) = try scan()
        #expect(commits == 0)
        #expect(after.newMessages == 0 && after.errors == 0)
    }

    @Test("a drop-folder file moves to processed/ only after the commit of its batch returns")
    func dropMovesAfterCommit() throws {
        let world = try TinyWorld()
        try world.importReps()
        try FileManager.default.createDirectory(
            atPath: world.root + "/mail/drop/new", withIntermediateDirectories: true)
        try world.write(
            "mail/drop/new/fwd.eml",
            """
            From: Ann <ann@example.com>
            To: log@example.com
            Subject: Fwd: Pricing
            Date: Tue, 17 Nov 2026 08:00:00 +0000

            ---------- Forwarded message ---------
            From: Dana <dana@acme.com>
            Date: Mon, Nov 16, 2026 at 8:12 AM
            Subject: Re: Pricing
            To: Ann <ann@example.com>

            What would it cost?

            """)
        let store = try world.store()
        let ingestor = try MessageIngestor(config: try world.config(), store: store, now: UnixTime.now())
        let folder = world.root + "/mail/drop"
        var report = SourceReport(path: folder, type: "drop")
        var commits = 0
        try DropIngester(ingestor: ingestor).read(folder, into: &report) { batch, sourceReport in
            #expect(FileManager.default.fileExists(atPath: folder + "/new/fwd.eml"))
            #expect(batch.messages.map(\.location) == ["processed/fwd.eml#1"])
            try store.write { try ingestor.ingest(batch, into: &sourceReport) }
            commits += 1
        }
        #expect(commits == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/new/fwd.eml"))
        #expect(FileManager.default.fileExists(atPath: folder + "/processed/fwd.eml"))
        #expect(report.newMessages == 1)
        #expect(try store.mail.allMessages().count == 1)
    }
}
