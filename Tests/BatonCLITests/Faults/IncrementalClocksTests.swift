import Foundation
import TestSupport
import Testing

/// Incremental clocks against full evaluation: two copies of the fault suite's world get the same changes and
/// the same scans at 50 moments over ten days (and one back in time). Copy A's scans evaluate only the leads the
/// store marks dirty or due; copy B's store is made to evaluate every lead before each scan. After every scan
/// both must hold the same clock states, the same notifications and as many alerts handed to sendmail, and A's
/// totals must equal what `baton sla check` replays at that moment.
@Suite struct IncrementalClocksTests {
    /// 2026-11-16T06:00:00Z, two hours before the first generated message.
    static let start = 1_794_808_800
    static let step = 5 * 3_600

    static let stateColumns = "lead_id, next_at, running, warning, breached, paused, met, met_late, cancelled"

    /// What must be equal between the two copies after a scan.
    static func outcome(_ world: String) throws -> [String] {
        let store = world + "/var/baton.sqlite"
        var lines = ["== clock_state"]
        lines += try BatonProcess.sqlite(store, "SELECT \(stateColumns) FROM clock_state ORDER BY lead_id")
            .split(separator: "\n").map(String.init)
        let notifications = FaultWorld.dumpQueries.first { $0.0 == "notifications" }!.1
        lines.append("== notifications")
        lines += try BatonProcess.sqlite(store, notifications).split(separator: "\n").map(String.init).sorted()
        // Message-IDs hold each store's random instance id: what was handed to sendmail is compared by count.
        lines.append("== sent \(FaultWorld.sent(world).count)")
        return lines
    }

    /// The `clocks` and `clocks_evaluated` objects of `baton scan --json`.
    static func clocks(_ json: String) throws -> (clocks: [String: Int], evaluated: Int, of: Int, all: String?) {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "scan --json: \(json)")
        let clocks = try #require(object["clocks"] as? [String: Int])
        let evaluated = try #require(object["clocks_evaluated"] as? [String: Any])
        return (
            clocks, try #require(evaluated["leads"] as? Int), try #require(evaluated["of"] as? Int),
            evaluated["all"] as? String
        )
    }

    /// Episodes by state as `baton sla check --json --now now` replays them from the history.
    static func replayed(_ world: String, now: String) throws -> [String: Int] {
        let check = try BatonProcess.run(
            ["sla", "check", "--json", "--config", "Config/baton.json", "--now", now], in: world)
        #expect(check.status == 0, "\(check.stderr)")
        let episodes = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]])
        var counts: [String: Int] = [:]
        for episode in episodes { counts[episode["state"] as? String ?? "?", default: 0] += 1 }
        return counts
    }

    /// The same change to both copies: `edit` gets each copy's folder.
    static func change(_ worlds: [String], _ edit: (String) throws -> Void) rethrows {
        for world in worlds { try edit(world) }
    }

    static func replace(in file: String, _ edit: (String) -> String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "\(file) unchanged")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: file))
    }

    @Test("incremental and full evaluation agree at 50 moments, through new mail, CRM and configuration changes")
    func incrementalEqualsFull() throws {
        let root = try TemporaryFolder()
        let incremental = root.file("a")
        let full = root.file("b")
        try FaultWorld.make(at: incremental, messages: 200)
        try FileManager.default.copyItem(atPath: incremental, toPath: full)
        let worlds = [incremental, full]
        var moments = (0..<50).map { Self.start + $0 * Self.step }
        moments.append(Self.start + 20 * Self.step)  // back in time: every lead is evaluated again
        var evaluated: [Int] = []
        var reasons: [Int: String] = [:]
        for (index, moment) in moments.enumerated() {
            switch index {
            case 15:  // late mail about the past, then mail dated days ahead of the scan
                try Self.change(worlds) {
                    try SoakTests.append(
                        FaultWorld.mboxMessages(200..<260, bobMessages: 0), to: $0 + "/Mail/ann.mbox")
                }
            case 25:
                try Self.change(worlds) {
                    try SoakTests.append(
                        FaultWorld.mboxMessages(6_000..<6_030, bobMessages: 0), to: $0 + "/Mail/ann.mbox")
                }
            case 30:  // the CRM moves some of Bob's leads to Ann and on to SQL
                try Self.change(worlds) {
                    try Self.replace(in: $0 + "/Config/leads.csv") { text in
                        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                            line.hasPrefix("G-1")
                                ? line.replacingOccurrences(
                                    of: ",webinar,mql,bob@example.com,", with: ",webinar,sql,ann@example.com,")
                                : String(line)
                        }.joined(separator: "\n")
                    }
                }
            case 40:  // a tighter first-response target: what the clocks read changed
                try Self.change(worlds) {
                    try Self.replace(in: $0 + "/Config/baton.json") {
                        $0.replacingOccurrences(
                            of: #""clock": "first_response", "target": "4h""#,
                            with: #""clock": "first_response", "target": "3h""#)
                    }
                }
            default: break
            }
            let now = SoakTests.iso(moment)
            if index > 0 {
                _ = try BatonProcess.sqlite(full + "/var/baton.sqlite", "UPDATE clock_state SET dirty = 1")
            }
            var results: [(clocks: [String: Int], evaluated: Int, of: Int, all: String?)] = []
            for world in worlds {
                let scan = try BatonProcess.run(FaultWorld.scan(at: now) + ["--json"], in: world)
                #expect(scan.status == 0, "\(now): \(scan.stderr)")
                results.append(try Self.clocks(scan.stdout))
            }
            #expect(results[0].clocks == results[1].clocks, "\(now)")
            #expect(results[1].evaluated == results[1].of, "\(now)")
            let a = try Self.outcome(incremental)
            let b = try Self.outcome(full)
            if a != b { Issue.record("\(index) \(now), incremental vs full: \(FaultWorld.difference(b, a))") }
            if index % 5 == 0 || index >= 49 {
                #expect(try Self.replayed(incremental, now: now) == results[0].clocks, "\(now)")
            }
            evaluated.append(results[0].evaluated)
            reasons[index] = results[0].all
            #expect(results[0].of == 208, "\(now)")
        }
        #expect(
            reasons == [
                0: "first evaluation", 40: "what the clocks read changed", 50: "now is before the last evaluation",
            ])
        // Most scans evaluate few leads or none: mail dated ahead of the first scans, the new mail, the CRM change
        // and the deadlines passing are what bring leads back.
        #expect(
            evaluated == [
                208, 201, 176, 28, 0, 0, 153, 202, 0, 0, 100, 102, 2, 0, 0, 203, 99, 23, 0, 0, 1, 0, 2, 0, 0, 31, 0, 0,
                0, 0, 100, 0, 0, 30, 0, 1, 9, 0, 0, 9, 208, 0, 0, 0, 3, 22, 14, 0, 0, 14, 208,
            ])
    }
}
