import Foundation
import TestSupport
import Testing

/// `baton scan` killed with SIGKILL at random moments, then run again to completion: the store ends exactly as
/// after an uninterrupted run, and every alert reaches sendmail at most twice (the documented resend of a
/// message accepted just before the kill, with the same Message-ID).
///
/// `BATON_FAULT_KILLS` (default 30) kills, each on a fresh copy of the world; `BATON_FAULT_MESSAGES` (default
/// 1000) generated mbox messages, a quarter as many in a Maildir, beside the sample world's mail.
@Suite struct KillAnywhereTests {
    struct Figures {
        var kills = 0
        var duringDelivery = 0
        var resends = 0
        var lost = 0
    }

    @Test("a scan killed anywhere and run again ends equal to an uninterrupted scan, each alert sent at most twice")
    func killAnywhere() throws {
        let wanted = FaultWorld.knob("BATON_FAULT_KILLS", 30)
        let root = try TemporaryFolder()
        let template = root.file("template")
        try FaultWorld.make(at: template, messages: FaultWorld.knob("BATON_FAULT_MESSAGES", 1000))

        // The uninterrupted run, timed, with the moment delivery began.
        let reference = root.file("reference")
        try FileManager.default.copyItem(atPath: template, toPath: reference)
        let child = try BatonChild(FaultWorld.scan(), in: reference)
        child.wait { FaultWorld.lineCount(reference + "/sent.log") > 0 }
        let deliveryStarted = Date().timeIntervalSince(child.started)
        let first = child.wait()
        let duration = Date().timeIntervalSince(child.started)
        try #require(first.status == 0, "the uninterrupted scan: \(first.stderr)")
        let expected = try FaultWorld.dump(reference)
        let referenceSent = FaultWorld.sent(reference)
        try #require(referenceSent.count >= 20, "the world calls for alerts: \(referenceSent.count) sent")
        #expect(Set(referenceSent).count == referenceSent.count)
        #expect(try FaultWorld.sentInStore(reference).sorted() == referenceSent.sorted())
        let delivery = max(0.05, duration - deliveryStarted)
        try FileManager.default.removeItem(atPath: reference)

        var figures = Figures()
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        while figures.kills < wanted && attempt < wanted * 2 {
            attempt += 1
            let world = root.file("k\(attempt)")
            try FileManager.default.copyItem(atPath: template, toPath: world)
            defer { try? FileManager.default.removeItem(atPath: world) }
            let victim = try BatonChild(FaultWorld.scan(), in: world)
            if attempt % 3 == 0 {
                // Every third kill lands while alerts are being handed to sendmail.
                victim.wait { FaultWorld.lineCount(world + "/sent.log") > 0 }
                Thread.sleep(forTimeInterval: Double.random(in: 0...delivery, using: &generator))
            } else {
                Thread.sleep(forTimeInterval: Double.random(in: 0.01...duration, using: &generator))
            }
            let delivering = FaultWorld.lineCount(world + "/sent.log") > 0
            guard victim.kill() else { continue }
            figures.kills += 1
            if delivering { figures.duringDelivery += 1 }

            let rerun = try BatonProcess.run(FaultWorld.scan(), in: world)
            #expect(rerun.status == 0, "kill \(attempt): the next run: \(rerun.stderr)")
            #expect(try FaultWorld.integrity(world) == "ok\n")
            let dump = try FaultWorld.dump(world)
            #expect(
                dump == expected, "kill \(attempt) after \(victim.started):\n\(FaultWorld.difference(expected, dump))")

            // A killed run's sendmail may still be reading: give it a moment to log.
            Thread.sleep(forTimeInterval: 0.05)
            let logged = FaultWorld.sent(world)
            let stored = try FaultWorld.sentInStore(world)
            let counts = Dictionary(logged.map { ($0, 1) }, uniquingKeysWith: +)
            #expect(counts.values.allSatisfy { $0 <= 2 }, "kill \(attempt): \(counts.filter { $0.value > 2 })")
            #expect(stored.count == referenceSent.count)
            let missing = stored.filter { counts[$0] == nil }
            #expect(missing.isEmpty, "kill \(attempt): marked sent, never handed over: \(missing)")
            #expect(Set(logged) == Set(stored))
            figures.lost += missing.count
            figures.resends += logged.count - counts.count
        }
        #expect(figures.kills >= wanted)
        #expect(figures.resends <= figures.kills)
        print(
            "faults: \(figures.kills) kills survived, \(figures.duringDelivery) during delivery, "
                + "\(figures.resends) resends, \(figures.lost) lost (scan \(String(format: "%.1f", duration)) s, "
                + "\(referenceSent.count) alerts)")
    }
}
