import Foundation
import TestSupport
import Testing

/// Several `baton scan`s started together, as overlapping cron runs: one works, the others exit 75 at once.
///
/// `BATON_FAULT_OVERLAPS` (default 5) rounds of `BATON_FAULT_TOGETHER` (default 4) scans; each round appends
/// mail and moves the clock on an hour, so that every round has work and alerts to send.
@Suite struct OverlapTests {
    @Test("scans started together: one works, the others exit 75 at once; the store stays whole, no alert twice")
    func overlapping() throws {
        let rounds = FaultWorld.knob("BATON_FAULT_OVERLAPS", 5)
        let together = FaultWorld.knob("BATON_FAULT_TOGETHER", 4)
        let folder = try TemporaryFolder()
        let world = folder.file("world")
        try FaultWorld.make(at: world, messages: 800)
        let lockMessage =
            "baton: another baton scan is running (it holds \(world)/var/baton.sqlite.lock); try again later\n"
        var refused = 0
        var slowestRefusal = 0.0
        for round in 0..<rounds {
            if round > 0 {
                // New mail for the round; the thread partners' mail answers Bob's first messages.
                let mbox = FileHandle(forWritingAtPath: world + "/Mail/ann.mbox")!
                try mbox.seekToEnd()
                let start = 800 + (round - 1) * 300
                try mbox.write(contentsOf: Data(FaultWorld.mboxMessages(start..<start + 300, bobMessages: 200).utf8))
                try mbox.close()
            }
            let now = String(format: "2026-11-26T%02d:00:00Z", 13 + round)
            let children = try (0..<together).map { _ in try BatonChild(FaultWorld.scan(at: now), in: world) }
            var ended = Array(repeating: -1.0, count: together)
            while ended.contains(-1) {
                for n in children.indices where ended[n] < 0 && !children[n].process.isRunning {
                    ended[n] = Date().timeIntervalSince(children[n].started)
                }
                Thread.sleep(forTimeInterval: 0.005)
            }
            let results = children.map { $0.wait() }
            let winners = results.indices.filter { results[$0].status == 0 }
            #expect(winners.count == 1, "round \(round): \(results.map(\.status)) \(results.map(\.stderr))")
            for n in results.indices where results[n].status != 0 {
                #expect(results[n].status == 75)
                #expect(results[n].stderr == lockMessage)
                refused += 1
                slowestRefusal = max(slowestRefusal, ended[n])
                // "At once": a refused scan ends long before the one that works.
                #expect(ended[n] < 5, "round \(round): a refused scan took \(ended[n]) s")
            }
            #expect(try FaultWorld.integrity(world) == "ok\n")
            let logged = FaultWorld.sent(world)
            #expect(Set(logged).count == logged.count, "round \(round): an alert went twice")
            #expect(try FaultWorld.sentInStore(world).sorted() == logged.sorted())
        }
        let alerts = FaultWorld.sent(world).count
        #expect(alerts > 0)
        print(
            "faults: \(rounds) overlap rounds of \(together) scans, \(refused) refused with 75 "
                + "(slowest refusal \(String(format: "%.2f", slowestRefusal)) s), \(alerts) alerts, 0 sent twice")
    }
}
