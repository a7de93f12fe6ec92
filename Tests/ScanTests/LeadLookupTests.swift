import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Ingest
@testable import Scan
@testable import Store

/// A scan that finds the leads, the reps and the matching rules unchanged since the last match looks leads up in
/// the match snapshot instead of loading them all. It must match exactly as a loaded directory does: two identical
/// worlds scan the same mail in three deliveries (the later ones with new senders to the sales address, which
/// `auto_create_leads` makes leads of); one looks leads up, the other has its lookup setting emptied before each
/// later scan, which makes that scan load every lead and write the snapshot whole again.
@Suite struct LeadLookupTests {
    typealias Lead = ChangedLeadsRematchTests.Lead

    /// Leads whose addresses and domains take every form the rules fold: upper case, a subaddress, a dotted
    /// Gmail spelling at googlemail.com, a company domain in capitals, a free-mail company domain, an owner who is
    /// no rep, two leads sharing an address key.
    static let leadsFile = """
        external_id,email,company_domain,owner_email
        L1,P0@Acme.com,acme.com,ann@example.com
        L2,p1+crm@acme.com,,bob@example.com
        L3,p.0@googlemail.com,Initech.COM,ann@example.com
        L4,p1@initech.com;p2@initech.com,initech.com,nobody@elsewhere.com
        L5,p3@globex.com,gmail.com,
        L6,p1@acme.com,globex.com,bob@example.com
        L7,P2@Umbrella.io,umbrella.io,Ann@Example.com
        """

    /// The mail to the sales address from people no lead has: `auto_create_leads` makes each a lead.
    static func salesMail(_ names: [String], day: Int) -> String {
        names.enumerated().map { n, name in
            TinyWorld.mbox(
                "s\(day)-\(n)", from: "\(name)@newco\(day)\(n).com", to: "sales@example.com",
                date: "\(["Sat", "Sun"][day - 1]), \(20 + day) Nov 2026 0\(n):00:00 +0000")
        }.joined()
    }

    /// Probes of every form, for comparing a looked-up directory with a loaded one.
    static let probes =
        ChangedLeadsRematchTests.people + [
            "P0@ACME.COM", "p0+x@acme.com", "p1+crm@acme.com", "p1@acme.com", "p0@gmail.com", "P.0@GoogleMail.com",
            "p2@umbrella.io", "x@newco10.com", "kim@newco20.com", "ann@example.com", "nobody@elsewhere.com", "",
        ]
    static let domains = ChangedLeadsRematchTests.domains + ["ACME.com", "Initech.COM", "newco10.com", "example.com"]

    @Test("a scan with nothing changed looks leads up, and matches, creates leads and fingerprints as loading does")
    func sameAsLoading() throws {
        try Self.check(seeds: [11, 12]) { try TinyWorld() }
    }

    @Test(
        "the same on PostgreSQL",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)))
    func postgres() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        var databases: [String] = []
        defer { databases.forEach(PostgresServer.dropDatabase) }
        try Self.check(seeds: [13]) { try TinyWorld.onPostgres(&databases) }
    }

    /// The match snapshot's entries: every line, and every key with its lead.
    static func snapshot(_ store: BatonStore) throws -> [String] {
        var lines: [String] = []
        try store.people.forEachMatchLine { lines.append("\($0) \($1)") }
        let keys = try store.database.query("SELECT key, lead_id FROM match_keys ORDER BY key, lead_id").map {
            "\($0.text(0)!) \($0.int(1)!)"
        }
        return lines + keys
    }

    static func check(seeds: [UInt64], make: () throws -> TinyWorld) throws {
        for seed in seeds {
            var random = SplitMix64(state: seed)
            let messages = ChangedLeadsRematchTests.mailbox(&random).components(
                separatedBy: "From x Mon Nov 16 08:00:00 2026\n"
            ).filter { !$0.isEmpty }.map { "From x Mon Nov 16 08:00:00 2026\n" + $0 }
            #expect(messages.count == 120)
            let deliveries = [
                messages[..<40].joined(),
                messages[40..<80].joined() + Self.salesMail(["ivy", "jon"], day: 1),
                messages[80...].joined() + Self.salesMail(["kim"], day: 2)
                    // A new lead of the day before writes again: found by the key its creation stored.
                    + TinyWorld.mbox(
                        "again", from: "ivy@newco10.com", to: "ann@example.com", date: "Sun, 22 Nov 2026 05:00:00 +0000"
                    ),
            ]
            let (lookingUp, loading) = (try make(), try make())
            for world in [lookingUp, loading] {
                world.autoCreate = true
                try world.importReps()
                try world.importLeads(Self.leadsFile)
            }
            for (day, delivery) in deliveries.enumerated() {
                let at = "2026-11-2\(3 + day)T12:00:00Z"
                if day > 0 {
                    // The looking-up world's next scan will look leads up; the other's will load them.
                    let ingestor = try MessageIngestor(
                        config: try lookingUp.config(), store: try lookingUp.store(), now: 0)
                    #expect(try ingestor.refreshDirectory() == (false, 0))
                    _ = try ingestor.directory
                    #expect(ingestor.looksLeadsUp, "seed \(seed) day \(day)")
                    try Self.compare(ingestor.directory, try lookingUp.store(), config: try lookingUp.config())
                    #expect(try ingestor.directory.stored?.tables == nil)
                    // Past its most questions, a looked-up directory loads the leads, and answers the same.
                    let saved = try #require(MatchLookup(try lookingUp.store().settings.matchLookup))
                    let few = try MatchDirectory.lookingUp(
                        store: try lookingUp.store(), config: try lookingUp.config(), lastID: saved.lastID,
                        leadsHash: try #require(SHA256(savedState: saved.leadsHash)), maxQueries: 5)
                    try Self.compare(few, try lookingUp.store(), config: try lookingUp.config())
                    #expect(few.stored?.tables != nil)
                    #expect(few.stored?.queries == 5)
                    try loading.store().settings.setMatchLookup("")
                    let other = try MessageIngestor(config: try loading.config(), store: try loading.store(), now: 0)
                    #expect(try other.refreshDirectory() == (false, 0))
                    #expect(!other.looksLeadsUp)
                    // Written again whole: the same lookup as the world that kept it.
                    #expect(try loading.store().settings.matchLookup == lookingUp.store().settings.matchLookup)
                    try loading.store().settings.setMatchLookup("")
                }
                for world in [lookingUp, loading] {
                    try world.append("mail/ann.mbox", delivery)
                    try world.scan(at)
                }
                let (a, b) = (try lookingUp.store(), try loading.store())
                #expect(try ChangedLeadsRematchTests.state(lookingUp) == ChangedLeadsRematchTests.state(loading))
                #expect(try a.people.leadCount() == [7, 9, 10][day], "seed \(seed) day \(day)")
                #expect(try b.people.leadCount() == [7, 9, 10][day], "seed \(seed) day \(day)")
                #expect(try Self.snapshot(a) == Self.snapshot(b), "seed \(seed) day \(day)")
                // The fingerprint the looked-up directory went on from its saved hash is the one hashing every lead
                // again makes.
                let fresh = try MatchDirectory.load(from: a, config: try lookingUp.config(), fingerprinted: true)
                #expect(try a.settings.matchFingerprint == fresh.fingerprint, "seed \(seed) day \(day)")
                #expect(try b.settings.matchFingerprint == fresh.fingerprint, "seed \(seed) day \(day)")
                let lookup = try #require(MatchLookup(try a.settings.matchLookup))
                #expect(lookup.lastID == fresh.lastLeadID)
                #expect(lookup.leadsHash == fresh.savedLeadsHash)
            }
            // The lead created on day 1 matched its own later mail, found by the key its creation stored.
            let again = try lookingUp.store().database.query(
                """
                SELECT a.address FROM interactions i JOIN messages m ON m.id = i.message_id
                JOIN lead_addresses a ON a.lead_id = i.lead_id AND a.address = 'ivy@newco10.com'
                WHERE m.message_id = 'again'
                """)
            #expect(again.count == 1)
        }
    }

    /// A looked-up directory answers as one loaded from the same store.
    static func compare(_ looked: MatchDirectory, _ store: BatonStore, config: Config) throws {
        let loaded = try MatchDirectory.load(from: store, config: config, fingerprinted: true)
        #expect(looked.stored != nil)
        #expect(looked.fingerprint == loaded.fingerprint)
        #expect(looked.lastLeadID == loaded.lastLeadID)
        for probe in Self.probes {
            #expect(try looked.leads(address: probe) == loaded.leads(address: probe), "\(probe)")
        }
        for domain in Self.domains {
            #expect(try looked.leads(domain: domain) == loaded.leads(domain: domain), "\(domain)")
        }
        for id in Int64(0)...(loaded.lastLeadID + 2) {
            #expect(try looked.owner(of: id) == loaded.owner(of: id), "lead \(id)")
        }
        for lead in try store.people.leadDirectory() {
            #expect(try looked.line(of: lead) == loaded.line(of: lead))
            #expect(looked.keys(of: lead) == loaded.keys(of: lead))
        }
    }

    /// A world with the reps and `leadsFile` imported and scanned once: its snapshot written whole.
    static func scannedWorld() throws -> TinyWorld {
        let world = try TinyWorld()
        try world.importReps()
        try world.importLeads(Self.leadsFile)
        try world.scan()
        return world
    }

    @Test("a snapshot without keys (a store from before them) is written whole by the next scan, then looked up")
    func snapshotWithoutKeys() throws {
        let world = try Self.scannedWorld()
        let store = try world.store()
        let written = try Self.snapshot(store)
        #expect(written.count == 7 + 8)
        try store.database.execute("DELETE FROM match_keys")
        try store.database.execute("DELETE FROM settings WHERE key = 'match_lookup'")
        let first = try MessageIngestor(config: try world.config(), store: store, now: 0)
        #expect(try first.refreshDirectory() == (false, 0))
        #expect(!first.looksLeadsUp)
        #expect(try Self.snapshot(store) == written)
        let second = try MessageIngestor(config: try world.config(), store: store, now: 0)
        #expect(try second.refreshDirectory() == (false, 0))
        _ = try second.directory
        #expect(second.looksLeadsUp)
        #expect(try second.directory.leads(address: "P.0@gmail.com") == [3])
        #expect(try second.directory.leads(address: "p1@acme.com") == [2, 6])
        #expect(try second.directory.leads(domain: "INITECH.com") == [3, 4])
        #expect(try second.directory.leads(domain: "gmail.com") == [])
        #expect(try second.directory.owner(of: 7) == "ann@example.com")
        #expect(try second.directory.owner(of: 4) == nil)
        #expect(try second.directory.owner(of: 99) == nil)
        // A lead created while leads are looked up is the added one, never the store's too: lookups stop at the
        // snapshot's highest id, although the new lead's entry is written at once.
        try store.write {
            let lead = try store.people.insertAutoLead(
                address: "new@newco.com", name: nil, createdAt: 0, at: 0, freemailDomains: [])
            #expect(lead.id == 8)
            let directory = try second.directory
            try store.people.setMatchEntries([try directory.entry(lead)])
            let added = try #require(directory.adding(lead, config: try world.config()))
            #expect(try added.leads(address: "New@newco.com") == [8])
            #expect(try added.leads(domain: "newco.com") == [8])
            #expect(try directory.leads(address: "new@newco.com") == [])
        }
    }

    @Test("a changed lead, a changed rule or a forgotten lead makes the next scan load the leads")
    func changesLoad() throws {
        let world = try Self.scannedWorld()
        func looksUp() throws -> Bool {
            let ingestor = try MessageIngestor(config: try world.config(), store: try world.store(), now: 0)
            _ = try ingestor.refreshDirectory()
            _ = try ingestor.directory
            return ingestor.looksLeadsUp
        }
        #expect(try looksUp())
        try world.importLeads(Self.leadsFile.replacingOccurrences(of: "p3@globex.com", with: "p9@globex.com"))
        let stale = try MessageIngestor(config: try world.config(), store: try world.store(), now: 0)
        #expect(try stale.refreshDirectory().changed)
        #expect(!stale.looksLeadsUp)
        #expect(try looksUp())
        #expect(try world.store().people.leadIDs(matchKey: "p9@globex.com", upTo: 7) == [5])
        #expect(try world.store().people.leadIDs(matchKey: "p3@globex.com", upTo: 7) == [])
        world.freemail = #"["initech.com"]"#
        let rules = try MessageIngestor(config: try world.config(), store: try world.store(), now: 0)
        #expect(try rules.refreshDirectory().changed)
        #expect(!rules.looksLeadsUp)
        #expect(try looksUp())
        let person = PersonSelector(isPerson: { $0 == "p9@globex.com" }, isInternal: { _ in false })
        #expect(try world.store().privacy.forget(person, normalize: { $0 }, now: 0, dryRun: false).leads == 1)
        #expect(try world.store().settings.matchLookup == "")
        #expect(try world.store().people.leadIDs(matchKey: "p9@globex.com", upTo: 7) == [])
        let forgotten = try MessageIngestor(config: try world.config(), store: try world.store(), now: 0)
        #expect(try forgotten.refreshDirectory().changed)
        #expect(!forgotten.looksLeadsUp)
        #expect(try looksUp())
    }
}
