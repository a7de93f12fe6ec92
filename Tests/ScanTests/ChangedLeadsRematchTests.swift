import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Ingest
@testable import Scan
@testable import Store

/// A change to a few leads matches again only the messages those leads can concern: the result must be the one
/// matching every message again gives. Two identical worlds take the same random changes to their leads file; one
/// scans as usual, the other has its match snapshot emptied first, which makes its scan match every message again.
@Suite struct ChangedLeadsRematchTests {
    struct Lead: Equatable {
        var addresses: [String]
        var domain: String
        var owner: String
    }

    static let domains = ["acme.com", "initech.com", "globex.com", "umbrella.io", "gmail.com"]
    /// The people of the world: four at each domain.
    static let people = domains.flatMap { d in (0..<4).map { "p\($0)@\(d)" } }
    static let owners = ["ann@example.com", "bob@example.com", ""]

    static func leadsFile(_ leads: [Lead]) -> String {
        "external_id,email,company_domain,owner_email\n"
            + leads.enumerated().map { n, l in
                "L\(n + 1),\(l.addresses.joined(separator: ";")),\(l.domain),\(l.owner)\n"
            }.joined()
    }

    /// An address someone writes from: a person's own, their subaddress, a dotted Gmail spelling, or someone
    /// unknown at one of the domains.
    static func sender(_ random: inout SplitMix64) -> String {
        let person = random.pick(people)
        let (local, domain) = (person.split(separator: "@")[0], person.split(separator: "@")[1])
        switch random.below(6) {
        case 0: return "\(local)+news@\(domain)"
        case 1: return domain == "gmail.com" ? "\(local.prefix(1)).\(local.dropFirst())@googlemail.com" : person
        case 2: return "x\(random.below(3))@\(domain)"
        default: return person
        }
    }

    /// The mbox: 120 messages an hour apart, inbound, outbound, replies by unknown people that name an earlier
    /// message (matched by thread, some replies to replies), and bounces for a person's address.
    static func mailbox(_ random: inout SplitMix64) -> String {
        var out = ""
        for n in 0..<120 {
            var headers: [String]
            let kind = random.below(10)
            if kind < 2, n > 0 {
                let earlier = random.below(n)
                headers = [
                    "From: stranger\(n)@nowhere.net", "To: ann@example.com", "In-Reply-To: <m\(earlier)@w>",
                    "References: <m\(earlier)@w>",
                ]
            } else if kind == 2 {
                headers = [
                    "From: MAILER-DAEMON@mx.example.com", "To: ann@example.com",
                    "X-Failed-Recipients: \(random.pick(people))", "Subject: Undelivered Mail Returned to Sender",
                ]
            } else if kind < 6 {
                headers = ["From: ann@example.com", "To: \(sender(&random))"]
                if random.below(3) == 0 { headers.append("Cc: \(sender(&random))") }
            } else {
                headers = ["From: \(sender(&random))", "To: \(random.pick(["ann@example.com", "bob@example.com"]))"]
            }
            if !headers.contains(where: { $0.hasPrefix("Subject:") }) { headers.append("Subject: note \(n)") }
            let day = ["Mon", "Tue", "Wed", "Thu", "Fri"][n / 24]
            let formatted = "\(day), \(16 + n / 24) Nov 2026 \(n % 24 < 10 ? "0" : "")\(n % 24):00:00 +0000"
            out +=
                "From x Mon Nov 16 08:00:00 2026\n" + headers.joined(separator: "\n")
                + "\nDate: \(formatted)\nMessage-ID: <m\(n)@w>\n\nBody \(n).\n\n"
        }
        return out
    }

    /// Interactions (lead, message, method, rep, direction) and each message's outcome.
    static func state(_ world: TinyWorld) throws -> [String] {
        let db = try world.store().database
        let interactions = try db.query(
            """
            SELECT i.lead_id, m.message_id, i.match, COALESCE(i.rep, '-'), i.direction FROM interactions i
            JOIN messages m ON m.id = i.message_id ORDER BY m.id, i.lead_id
            """
        ).map { r in (0..<5).map { r[$0].string ?? r[$0].int64.map(String.init) ?? "-" }.joined(separator: " ") }
        let outcomes = try db.query(
            "SELECT message_id, outcome, COALESCE(outcome_detail, '') FROM messages ORDER BY id"
        )
        .map { "\($0.text(0)!) \($0.text(1)!) \($0.text(2)!)" }
        return interactions + outcomes
    }

    @Test("random changes to leads, rematched from the snapshot, give what matching every message again gives")
    func sameAsEveryMessage() throws {
        try Self.check(seeds: [1, 2, 3]) { try TinyWorld() }
    }

    @Test(
        "the same on PostgreSQL",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func postgres() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        var databases: [String] = []
        defer { databases.forEach(PostgresServer.dropDatabase) }
        try Self.check(seeds: [4]) { try TinyWorld.onPostgres(&databases) }
    }

    /// For each seed: two worlds from `make`, the same mail and leads, then six rounds of random changes to the
    /// leads; one world scans as usual, the other matches every message again.
    static func check(seeds: [UInt64], make: () throws -> TinyWorld) throws {
        for seed in seeds {
            var random = SplitMix64(state: seed)
            var leads = (0..<10).map { n in
                Lead(addresses: [Self.people[(n * 3) % Self.people.count]], domain: "", owner: Self.owners[n % 3])
            }
            let mail = Self.mailbox(&random)
            let (incremental, full) = (try make(), try make())
            for world in [incremental, full] {
                try world.importReps()
                try world.importLeads(Self.leadsFile(leads))
                try world.write("mail/ann.mbox", mail)
                try world.scan()
            }
            #expect(try Self.state(incremental) == Self.state(full))
            for round in 1...6 {
                let before = try incremental.store().people.leadDirectory()
                for _ in 0...random.below(3) {
                    let n = random.below(leads.count)
                    switch random.below(5) {
                    case 0: leads[n].addresses = [random.pick(Self.people)]
                    case 1: leads[n].addresses.append(random.pick(Self.people))
                    case 2: leads[n].domain = random.pick(Self.domains.dropLast() + [""])
                    case 3: leads[n].owner = random.pick(Self.owners)
                    default:
                        leads.append(Lead(addresses: [random.pick(Self.people)], domain: "", owner: Self.owners[0]))
                    }
                }
                for world in [incremental, full] { try world.importLeads(Self.leadsFile(leads)) }
                let store = try incremental.store()
                let now = try store.people.leadDirectory()
                let expected = now.filter { lead in !before.contains(lead) }.map(\.id)
                let ingestor = try MessageIngestor(config: try incremental.config(), store: store, now: 0)
                let directory = try MatchDirectory.load(
                    from: store, config: try incremental.config(), fingerprinted: true)
                let previous = try #require(try store.settings.matchFingerprint)
                let changed = try ingestor.changedLeads(directory, previous: previous)
                #expect(changed?.map(\.id) == expected, "seed \(seed) round \(round)")
                try full.store().database.execute("DELETE FROM match_leads")
                let at = "2026-11-26T1\(round):00:00Z"
                let (a, b) = (try incremental.scan(at), try full.scan(at))
                #expect(a.rematched == b.rematched, "seed \(seed) round \(round)")
                #expect(try Self.state(incremental) == Self.state(full), "seed \(seed) round \(round)")
                #expect(
                    try store.settings.matchFingerprint == full.store().settings.matchFingerprint,
                    "seed \(seed) round \(round)")
            }
        }
    }
}
