import Foundation
import TestSupport
import Testing

/// The soak: hundreds of scan cycles over two copies of one world that grow alike (mail appended, Maildir
/// messages delivered and moved to `cur/`, forwards dropped, leads added). Copy A's scans are killed at random
/// and run again; copy B's never are. After every cycle both stores must be equal and whole, and no alert may
/// have reached sendmail more than twice. Off unless `BATON_SOAK=1` (`Scripts/soak`).
///
/// `BATON_SOAK_CYCLES` (default 300), `BATON_SOAK_SEED` (default: the time; printed, to replay a failure).
@Suite struct SoakTests {
    static let enabled = ProcessInfo.processInfo.environment["BATON_SOAK"] == "1"

    /// `YYYY-MM-DDTHH:MM:SSZ` for `seconds` since 1970.
    static func iso(_ seconds: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Appends `text` to the file at `path`.
    static func append(_ text: String, to path: String) throws {
        let handle = FileHandle(forWritingAtPath: path)!
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// A forward of lead `n`'s mail by Ann, for the drop folder.
    static func forward(_ n: Int) -> String {
        """
        Authentication-Results: mx.example.com; dkim=pass header.d=example.com header.s=s1
        From: Ann Archer <ann@example.com>
        To: log@baton.example.com
        Subject: Fwd: Soak \(n)
        Date: Wed, 25 Nov 2026 08:00:00 +0000
        Message-ID: <soak-fwd-\(n)@example.com>

        FYI.

        ---------- Forwarded message ---------
        From: Lead <lead\(n % 200)@company\(n % 50).com>
        Date: Tue, Nov 24, 2026 at 4:05 PM
        Subject: Soak \(n)
        To: Ann Archer <ann@example.com>


        Hi Ann, about soak \(n).

        """
    }

    @Test(
        "soak: scan cycles with growing mailboxes, appends, renames and kills keep both copies equal and whole",
        .enabled(if: enabled, "the soak runs with BATON_SOAK=1 (Scripts/soak)"))
    func soak() throws {
        let cycles = FaultWorld.knob("BATON_SOAK_CYCLES", 300)
        let seed = UInt64(FaultWorld.knob("BATON_SOAK_SEED", Int(Date().timeIntervalSince1970)))
        print("soak: \(cycles) cycles, BATON_SOAK_SEED=\(seed)")
        var random = SplitMix64(state: seed)
        let root = try TemporaryFolder()
        let killed = root.file("a")
        let calm = root.file("b")
        try FaultWorld.make(at: killed, messages: 200)
        try FileManager.default.copyItem(atPath: killed, toPath: calm)
        var nextMessage = 200
        var nextBob = 50
        var kills = 0
        var lastDuration = 1.0
        let start = 1_795_683_600  // 2026-11-26T09:00:00Z
        for cycle in 0..<cycles {
            // The same changes to both copies.
            let appended = Int.random(in: 0..<60, using: &random)
            let mail = FaultWorld.mboxMessages(nextMessage..<nextMessage + appended, bobMessages: nextBob)
            nextMessage += appended
            let delivered = Int.random(in: 0..<15, using: &random)
            let bobNew = (0..<delivered).map {
                (nextBob + $0, "\(FaultWorld.base + nextBob + $0).M\(nextBob + $0)P1.gen")
            }
            nextBob += delivered
            let waiting = try FileManager.default.contentsOfDirectory(atPath: killed + "/Mail/bob/new").filter {
                !$0.hasPrefix(".")
            }.sorted()
            let moved = waiting.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
            let dropped = cycle % 10 == 5
            let newLead = cycle % 25 == 24 ? 200 + (cycle / 25) % 50 : nil
            for world in [killed, calm] {
                try Self.append(mail, to: world + "/Mail/ann.mbox")
                for (n, name) in bobNew {
                    try Data(FaultWorld.maildirMessage(n).utf8).write(
                        to: URL(fileURLWithPath: world + "/Mail/bob/tmp/" + name))
                    #expect(rename(world + "/Mail/bob/tmp/" + name, world + "/Mail/bob/new/" + name) == 0)
                }
                for name in moved {
                    #expect(rename(world + "/Mail/bob/new/" + name, world + "/Mail/bob/cur/" + name + ":2,S") == 0)
                }
                if dropped {
                    let name = "soak\(cycle).mx.example.com"
                    try Data(Self.forward(cycle).utf8).write(to: URL(fileURLWithPath: world + "/Mail/drop/tmp/" + name))
                    #expect(rename(world + "/Mail/drop/tmp/" + name, world + "/Mail/drop/new/" + name) == 0)
                }
                if let n = newLead {
                    // A lead whose mail was scanned before it was known: it gets its history on the next scan.
                    try Self.append(
                        "S-\(n),lead\(n)@company\(n % 50).com,Lead \(n),Company,,webinar,mql,ann@example.com,"
                            + "2026-11-20 07:00,2026-11-20 07:00,2026-11-26 09:00\n",
                        to: world + "/Config/leads.csv")
                }
            }
            let scan = FaultWorld.scan(at: Self.iso(start + cycle * 900))
            let calmRun = try BatonProcess.run(scan, in: calm)
            #expect(calmRun.status == 0, "cycle \(cycle), calm copy: \(calmRun.stderr)")

            if Int.random(in: 0..<10, using: &random) < 6 {
                let victim = try BatonChild(scan, in: killed)
                Thread.sleep(forTimeInterval: Double.random(in: 0...lastDuration, using: &random))
                if victim.kill() { kills += 1 }
            }
            let started = Date()
            let rerun = try BatonProcess.run(scan, in: killed)
            lastDuration = max(0.2, Date().timeIntervalSince(started))
            #expect(rerun.status == 0, "cycle \(cycle), killed copy: \(rerun.stderr)")

            #expect(try FaultWorld.integrity(killed) == "ok\n", "cycle \(cycle)")
            let a = try FaultWorld.dump(killed)
            let b = try FaultWorld.dump(calm)
            #expect(a == b, "cycle \(cycle) (seed \(seed)):\n\(FaultWorld.difference(b, a))")
            Thread.sleep(forTimeInterval: 0.05)
            let logged = FaultWorld.sent(killed)
            let counts = Dictionary(logged.map { ($0, 1) }, uniquingKeysWith: +)
            #expect(counts.values.allSatisfy { $0 <= 2 }, "cycle \(cycle): an alert sent three times")
            #expect(logged.count - counts.count <= kills, "cycle \(cycle): more resends than kills")
            #expect(Set(logged) == Set(try FaultWorld.sentInStore(killed)), "cycle \(cycle): sent and log differ")
            let calmLog = FaultWorld.sent(calm)
            #expect(Set(calmLog).count == calmLog.count, "cycle \(cycle): the calm copy sent an alert twice")
            if a != b { break }
        }
        let logged = FaultWorld.sent(killed)
        print(
            "soak: \(cycles) cycles, \(nextMessage) mbox messages, \(nextBob) Maildir messages, \(kills) kills, "
                + "\(logged.count - Set(logged).count) resends, \(logged.count) deliveries (seed \(seed))")
    }
}
