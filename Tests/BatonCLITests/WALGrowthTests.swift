import BatonCore
import Foundation
import Store
import TestSupport
import Testing

/// The write-ahead log stays bounded over many scans while another connection keeps the store open (as a report
/// or a second tool would), which stops SQLite from removing the log when a scan's own connection closes.
@Suite struct WALGrowthTests {
    /// The bound after each scan: the scan truncates the log to nothing.
    static let afterScanBound: Int64 = 0
    /// The bound while a scan runs: SQLite's automatic checkpoint (every 1,000 pages of 4 KiB) keeps the log below
    /// about 4 MiB plus the largest transaction; the sample world's scans stay far below it.
    static let duringScanBound: Int64 = 4 * 1024 * 1024

    /// A message from a known lead to Ann, appended to her mbox before scan `n`.
    static func message(_ n: Int, at seconds: Int) -> String {
        """
        From dana@acme-robotics.com Thu Nov 26 17:00:00 2026
        From: Dana Scully <dana@acme-robotics.com>
        To: Ann Archer <ann@example.com>
        Subject: Follow-up \(n)
        Date: \(FaultWorld.httpDate(seconds))
        Message-ID: <wal-\(n)@acme-robotics.com>

        Another question, number \(n).


        """
    }

    @Test("50 scans, each adding mail, leave a 0-byte -wal file while another connection stays open")
    func fiftyScans() throws {
        let world = try SampleWorld.temporaryCopy()
        let store = world.file("var/baton.sqlite")
        let wal = store + "-wal"
        func walSize() -> Int64 {
            ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? NSNumber)?.int64Value ?? -1
        }
        // 2026-11-26T17:00:00Z, then five minutes per scan.
        let start = 1_795_712_400
        var idle: SQLiteDatabase?
        var peaks: [Int64] = []
        var after: [Int64] = []
        for n in 0..<50 {
            let time = start + n * 300
            let mbox = try FileHandle(forWritingTo: URL(fileURLWithPath: world.file("Mail/ann.mbox")))
            try mbox.seekToEnd()
            try mbox.write(contentsOf: Data(Self.message(n, at: time - 60).utf8))
            try mbox.close()
            let child = try BatonChild(
                ["scan", "--now", Timestamp.format(epochSeconds: Int64(time))], in: world.path)
            var peak: Int64 = 0
            child.wait(until: {
                peak = max(peak, walSize())
                return false
            })
            peaks.append(peak)
            let result = child.wait()
            #expect(result.status == 0, "scan \(n): \(result.stderr)")
            after.append(walSize())
            // From the first scan on, a connection stays open: the scans' closing no longer removes the log.
            if idle == nil { idle = try SQLiteDatabase(path: store) }
        }
        #expect(try idle?.scalar("SELECT count(*) FROM messages WHERE message_id LIKE 'wal-%'") == .integer(50))
        // The first scan's log was removed when its connection closed (no other was open yet); then 0 bytes each.
        #expect(after.dropFirst().allSatisfy { $0 == Self.afterScanBound }, "\(after)")
        #expect(peaks.allSatisfy { $0 <= Self.duringScanBound }, "\(peaks)")
        print(
            "wal: 50 scans; largest -wal file seen during the first scan \(peaks[0]) bytes, during the others "
                + "\(peaks.dropFirst().max() ?? 0) bytes; after each scan \(Set(after.dropFirst()).sorted()) bytes")
    }

    @Test("a reader holding a snapshot through a scan leaves the log for the next scan, which truncates it")
    func readerHoldsLog() throws {
        let world = try SampleWorld.temporaryCopy()
        let store = world.file("var/baton.sqlite")
        #expect(try BatonProcess.run(["scan", "--now", "2026-11-26T17:00:00Z"], in: world.path).status == 0)
        let reader = try SQLiteDatabase(path: store)
        try reader.execute("BEGIN")
        #expect(try reader.scalar("SELECT count(*) FROM messages") == .integer(21))
        let mbox = try FileHandle(forWritingTo: URL(fileURLWithPath: world.file("Mail/ann.mbox")))
        try mbox.seekToEnd()
        try mbox.write(contentsOf: Data(Self.message(1, at: 1_795_712_400).utf8))
        try mbox.close()
        let held = try BatonProcess.run(["scan", "--now", "2026-11-26T17:05:00Z", "--verbose"], in: world.path)
        #expect(held.status == 0)
        #expect(held.stderr == "")
        #expect(held.stdout.contains("\nwrite-ahead log: another connection holds it; "))
        #expect(reader.walBytes > 0)
        try reader.execute("COMMIT")
        let next = try BatonProcess.run(["scan", "--now", "2026-11-26T17:10:00Z"], in: world.path)
        #expect(next.status == 0)
        #expect(reader.walBytes == 0)
    }
}
