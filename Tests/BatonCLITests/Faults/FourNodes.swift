import Foundation
import TestSupport
import Testing

/// The four nodes' side of `PostgresFourNodesTests`: their worlds, their hosts, the loop that runs and kills their
/// scans, and the mail that keeps arriving meanwhile.
extension PostgresFourNodesTests {
    /// Each node's sources: the journal holds a copy of one of Ann's messages, so nodes a and c see the same
    /// message from two hosts; Bob's Maildir holds the originals the partners' orphans in Ann's mailbox answer.
    static let shares = [
        "a": ["../Mail/ann.mbox"], "b": ["../Mail/bob"], "c": ["../Mail/journal", "../Mail/calendars/*.ics"],
        "d": ["../Mail/drop"],
    ]

    /// One node: its world, its host, the scan it runs now and what its runs added up to.
    final class Node {
        let name: String
        let world: TemporaryFolder
        var child: BatonChild?
        var killAt: Date?
        /// How long the last run that ended by itself took: the next kill lands within one and a half of it.
        var lastRun = 3.0
        var runs = 0
        var kills = 0
        var finished = 0
        /// Runs that exited 75: another node's scan held the lease too long.
        var busy = 0

        init(_ name: String, world: TemporaryFolder) {
            self.name = name
            self.world = world
        }

        var host: String { "mail-\(name)" }
        var machineID: String { String(repeating: name + "0", count: 16) }
    }

    /// A copy of `template` in a folder of its own; with `uri`, node `name` of that store with only its share of
    /// the sources.
    static func world(_ template: String, node name: String? = nil, store uri: String? = nil) throws -> TemporaryFolder
    {
        let world = try TemporaryFolder()
        for item in try FileManager.default.contentsOfDirectory(atPath: template) {
            try FileManager.default.copyItem(atPath: template + "/" + item, toPath: world.file(item))
        }
        guard let name, let uri else { return world }
        // The store first: it is patched as text, which the configuration rewritten below no longer matches.
        try FaultWorld.useStore(uri, in: world.path)
        let config = world.file("Config/baton.json")
        var json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: config))) as! [String: Any]
        let share = Set(shares[name]!)
        json["sources"] = (json["sources"] as! [[String: Any]]).filter { share.contains($0["path"] as! String) }
        #expect((json["sources"] as! [Any]).count == share.count, "node \(name)'s share: \(share)")
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: config))
        try PostgresTwoHostsTests.setNode("node-\(name)", in: world)
        return world
    }

    /// `node`'s scan started as `PostgresTwoHostsTests.asHost` runs it, on the node's own host, but left running:
    /// the loop waits for it or kills it.
    static func start(_ node: Node) throws -> BatonChild {
        let idFile = node.world.file("machine-id")
        try (node.machineID + "\n").write(toFile: idFile, atomically: true, encoding: .utf8)
        let script = "mount --bind \(idFile) /etc/machine-id && hostname \(node.host) && exec \"$0\" \"$@\""
        let prefix = ["/usr/bin/unshare", "--mount", "--uts", "/bin/sh", "-c", script]
        return try BatonChild(scan + ["--config", "Config/baton.json"], in: node.world.path, prefix: prefix)
    }

    /// Runs every node's scan again and again, all at once, for `seconds`, while mail arrives every second. Four
    /// runs in five are to be killed at a random moment within one and a half times the node's last whole run, at
    /// most 3 s (most runs find nothing new and take a tenth of a second; one that finds mail takes longer): some
    /// die before Baton starts, some while they wait for the lease, some end first. The fifth is left to end. A run
    /// that ends by itself exits 0, or 75 when another node held the lease too long; anything else is returned.
    static func loop(
        _ nodes: [Node], seconds: Double, mail: inout Arrivals, random: inout SplitMix64
    ) throws -> [String] {
        var failures: [String] = []
        let end = Date().addingTimeInterval(seconds)
        var nextMail = Date()
        while Date() < end || nodes.contains(where: { $0.child != nil }) {
            if Date() >= nextMail && Date() < end {
                try mail.arrive(&random)
                nextMail = Date().addingTimeInterval(1)
            }
            for node in nodes {
                if let child = node.child {
                    var killed = false
                    if child.process.isRunning {
                        guard let at = node.killAt, Date() >= at else { continue }
                        killed = child.kill()
                    }
                    let result = child.wait()
                    node.child = nil
                    switch result.status {
                    case _ where killed: node.kills += 1
                    case 0:
                        node.finished += 1
                        node.lastRun = Date().timeIntervalSince(child.started)
                    case 75: node.busy += 1
                    default:
                        failures.append("node \(node.name) run \(node.runs): exit \(result.status): \(result.stderr)")
                    }
                }
                guard Date() < end else { continue }
                node.runs += 1
                let moment = Double.random(in: 0...min(3, max(0.1, 1.5 * node.lastRun)), using: &random)
                node.killAt = Int.random(in: 0..<5, using: &random) == 0 ? nil : Date().addingTimeInterval(moment)
                node.child = try start(node)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return failures
    }

    /// Mail that arrives while the nodes scan, in the node's source and in the same source of the one SQLite world:
    /// generated messages appended to Ann's mailbox, Bob's delivered to his Maildir, forwards dropped.
    struct Arrivals {
        let nodes: [Node]
        let single: TemporaryFolder
        var message = PostgresFaultTests.messages
        var bob = PostgresFaultTests.messages / 4
        var forward = 0

        /// One second's mail.
        mutating func arrive(_ random: inout SplitMix64) throws {
            let count = Int.random(in: 0..<12, using: &random)
            let text = FaultWorld.mboxMessages(message..<message + count, bobMessages: bob)
            message += count
            for world in [nodes[0].world, single] { try SoakTests.append(text, to: world.file("Mail/ann.mbox")) }
            if Bool.random(using: &random) {
                let name = "\(FaultWorld.base + bob).M\(bob)P1.gen"
                try deliver(FaultWorld.maildirMessage(bob), "Mail/bob", name, in: [nodes[1].world, single])
                bob += 1
            }
            // A forward of a late lead's mail: it starts the lead's reply clock, which breaches, and its alert goes
            // out while the nodes scan.
            if forward < lateLeads, Int.random(in: 0..<3, using: &random) == 0 {
                let text = SoakTests.forward(forward).replacingOccurrences(
                    of: "lead\(forward % 200)@company\(forward % 50).com", with: lateLead(forward))
                try deliver(text, "Mail/drop", "fwd\(forward).mx.example.com", in: [nodes[3].world, single])
                forward += 1
            }
        }

        /// Delivers `text` into the Maildir `folder` of each world, written in `tmp/` and renamed into `new/` as
        /// a mail server does.
        func deliver(_ text: String, _ folder: String, _ name: String, in worlds: [TemporaryFolder]) throws {
            for world in worlds {
                let tmp = world.file("\(folder)/tmp/\(name)")
                try Data(text.utf8).write(to: URL(fileURLWithPath: tmp))
                #expect(rename(tmp, world.file("\(folder)/new/\(name)")) == 0, "\(folder)/new/\(name)")
            }
        }
    }

    /// Leads whose only mail is a forward that arrives while the nodes scan. The generated mail touches every other
    /// lead sooner or later, dated days before: arriving after a forward, it would have opened the lead's reply
    /// clock before the forward did, and the alert already sent for the episode the forward opened would be one
    /// that a scan of everything at once never sends.
    static let lateLeads = 40

    static func lateLead(_ n: Int) -> String { "late\(n)@late\(n).example.net" }

    /// Readies the template world for four nodes: the late leads in the CRM file, and the one pair of generated
    /// messages that fall in the same second for the same lead (Ann's first to lead 0 and lead 0's first to Bob)
    /// moved a second apart. Interactions in the same second are taken in the order they were stored, so that
    /// whichever host scanned first would decide whether the reply clock they share started before it stopped,
    /// and the stores could not agree.
    static func prepare(_ template: String) throws {
        var leads = ""
        for n in 0..<lateLeads {
            let owner = n % 2 == 0 ? "ann@example.com" : "bob@example.com"
            leads += "F-\(n),\(lateLead(n)),Late \(n),Late \(n),,webinar,mql,\(owner),"
            leads += "2026-11-20 07:00,2026-11-20 07:00,2026-11-20 09:00\n"
        }
        try SoakTests.append(leads, to: template + "/Config/leads.csv")
        let path = template + "/Mail/bob/cur/\(FaultWorld.base).M0P1.gen:2,S"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let moved = text.replacingOccurrences(
            of: "Date: \(FaultWorld.httpDate(FaultWorld.base))",
            with: "Date: \(FaultWorld.httpDate(FaultWorld.base + 1))")
        #expect(moved != text)
        try Data(moved.utf8).write(to: URL(fileURLWithPath: path))
        // Settled again, as `FaultWorld.make` leaves it.
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: template + "/Mail/bob/cur")
    }
}
