import BatonCore
import Store

/// Reps, leads and the configuration's address rules, indexed for matching one message or meeting. A class: a
/// scan's matcher holds one directory for every message, and copies of a struct of a dozen tables retained each
/// table once per copy.
///
/// The leads are either loaded (every lead indexed in memory: `load`, and the first scan, and any scan after the
/// leads, the reps or the matching rules changed) or looked up (`lookingUp`: each address, company domain and owner
/// asked of the store's match snapshot as matching asks for it, which a scan that finds nothing changed uses, so
/// that its cost grows with its new mail and not with the leads stored). Both give the same answers.
public final class MatchDirectory {
    let rules: AddressRules
    /// The leads loaded from the store; empty when they are looked up (`stored`).
    let leads: LeadTables
    /// The store's leads up to its `lastID`, looked up as matching asks for them; nil when they are loaded.
    let stored: StoredLeads?
    /// The leads `adding` added since, each with an id above every loaded one: a few, kept apart so that adding
    /// one copies only them, never the loaded tables.
    let added: LeadTables
    let repByAddress: [String: String]
    let repZones: [String: String]
    let internalDomains: [String]
    /// `internalDomains`, each with a dot before it: the ends of their subdomains.
    let internalSuffixes: [String]
    let blocklist: [String]
    let freemail: [String]
    let salesAddresses: Set<String>
    /// Whether unknown senders to `salesAddresses` become leads.
    public let autoCreateLeads: Bool
    /// A hash of everything matching depends on: when it changes, stored messages are matched again. Empty when
    /// the directory was built without it (`fingerprinted: false`), for matching only.
    public let fingerprint: String
    /// The fingerprint's hash after the last lead, and what follows the leads in it (the reps and the
    /// configuration): `adding` a lead continues from there. Nil when not fingerprinted.
    let leadsHash: (hash: SHA256, tail: String)?
    /// Whether any rep is known (none before the first import of the reps file).
    public var knowsReps: Bool { !repByAddress.isEmpty }

    /// The leads indexed for matching: by address (in the rules' form), by company domain (never free mail), and
    /// the rep who owns each.
    struct LeadTables: Sendable {
        var byAddress: [String: [Int64]] = [:]
        var byDomain: [String: [Int64]] = [:]
        var owners: [Int64: String] = [:]
        /// The highest lead id indexed: leads are hashed into the fingerprint in id order.
        var lastID: Int64 = .min

        /// Indexes one lead; `isFreemail` tells a company domain that is free mail.
        mutating func add(
            _ lead: LeadDirectoryEntry, rules: AddressRules, reps: [String: String], isFreemail: (String) -> Bool
        ) {
            for address in lead.addresses {
                let key = rules.key(address)
                if !(byAddress[key]?.contains(lead.id) ?? false) { byAddress[key, default: []].append(lead.id) }
            }
            if let domain = lead.companyDomain, !isFreemail(domain) { byDomain[domain, default: []].append(lead.id) }
            if let owner = lead.ownerEmail, let rep = reps[rules.key(owner)] { owners[lead.id] = rep }
            lastID = max(lastID, lead.id)
        }

        /// A lead's line in the fingerprint.
        func hashLine(_ lead: LeadDirectoryEntry) -> String { MatchDirectory.line(lead, owner: owners[lead.id]) }
    }

    /// Whether a company domain is free mail, each domain checked once: many leads share a company domain.
    struct FreemailMemo {
        let extra: [String]
        var known: [String: Bool] = [:]

        mutating func contains(_ domain: String) -> Bool {
            if let free = known[domain] { return free }
            let free = FreemailDomains.contains(domain, extra: extra)
            known[domain] = free
            return free
        }
    }

    /// Indexes the store's reps and leads under `config`'s rules; hashing them for `fingerprint` is a third of
    /// the work, done only when `fingerprinted` (what a scan compares to decide whether to match again; lookups need
    /// none).
    public convenience init(
        config: Config, leads: [LeadDirectoryEntry], reps: [RepDirectoryEntry], fingerprinted: Bool = false
    ) {
        self.init(config: config, reps: reps, fingerprinted: fingerprinted, leadCount: leads.count) { add in
            for lead in leads { add(lead) }
        }
    }

    /// The same from leads handed one at a time, in id order, by `feed` (`People.forEachLead`: the store's rows
    /// are read as they are indexed, never all held). `leadCount` is a hint for the tables' capacity.
    public convenience init(
        config: Config, reps: [RepDirectoryEntry], fingerprinted: Bool, leadCount: Int = 0,
        leads feed: ((LeadDirectoryEntry) -> Void) throws -> Void
    ) rethrows {
        let rules = AddressRules(config.matching)
        let (repByAddress, repZones) = Self.index(reps, rules: rules)
        var tables = LeadTables()
        tables.byAddress.reserveCapacity(leadCount)
        tables.owners.reserveCapacity(leadCount)
        var freemail = FreemailMemo(extra: config.matching.freemailDomains)
        var hasher = fingerprinted ? SHA256() : nil
        try feed { lead in
            tables.add(lead, rules: rules, reps: repByAddress) { freemail.contains($0) }
            hasher?.update(tables.hashLine(lead))
        }
        self.init(
            config: config, rules: rules, leads: tables, stored: nil, added: LeadTables(), repByAddress: repByAddress,
            repZones: repZones, leadsHash: hasher.map { ($0, Self.tail(reps: reps, config: config)) })
    }

    /// A directory that looks the store's leads up as matching asks for them instead of loading them: valid only
    /// while the match snapshot's entries (`People.setMatchEntries`) are those of the store's leads under `config`'s
    /// rules, which the scan checks first (`MatchLookup`). `lastID` is the highest lead id in the snapshot, and
    /// `leadsHash` the fingerprint's hash after its lines: a lead created is added as to a loaded directory, and the
    /// fingerprint goes on from there.
    public static func lookingUp(
        store: BatonStore, config: Config, lastID: Int64, leadsHash: SHA256,
        maxQueries: Int = StoredLeads.maxQueries
    ) throws -> MatchDirectory {
        let reps = try store.people.repDirectory()
        let rules = AddressRules(config.matching)
        let (repByAddress, repZones) = Self.index(reps, rules: rules)
        return MatchDirectory(
            config: config, rules: rules, leads: LeadTables(),
            stored: StoredLeads(
                people: store.people, lastID: lastID, rules: rules, reps: repByAddress,
                freemail: config.matching.freemailDomains, maxQueries: maxQueries),
            added: LeadTables(), repByAddress: repByAddress, repZones: repZones,
            leadsHash: (leadsHash, tail(reps: reps, config: config)))
    }

    /// The reps by each of their addresses in the rules' form, and each rep's own time zone.
    private static func index(_ reps: [RepDirectoryEntry], rules: AddressRules) -> (
        byAddress: [String: String], zones: [String: String]
    ) {
        var byAddress: [String: String] = [:]
        var zones: [String: String] = [:]
        for rep in reps {
            for address in rep.addresses { byAddress[rules.key(address)] = rep.email }
            zones[rep.email] = rep.timezoneID
        }
        return (byAddress, zones)
    }

    /// What the fingerprint hashes after the leads: the reps, then the configuration.
    private static func tail(reps: [RepDirectoryEntry], config: Config) -> String {
        reps.map { "R\($0.email)|\($0.addresses.joined(separator: ","))\n" }.joined() + configText(config)
    }

    /// The store's reps and leads, the leads indexed as they are read (`People.forEachLead`).
    public static func load(from store: BatonStore, config: Config, fingerprinted: Bool = false) throws
        -> MatchDirectory
    {
        try MatchDirectory(
            config: config, reps: try store.people.repDirectory(), fingerprinted: fingerprinted,
            leadCount: Int(try store.people.leadCount())
        ) { add in try store.people.forEachLead(add) }
    }

    private init(
        config: Config, rules: AddressRules, leads: LeadTables, stored: StoredLeads?, added: LeadTables,
        repByAddress: [String: String], repZones: [String: String], leadsHash: (hash: SHA256, tail: String)?
    ) {
        self.rules = rules
        self.leads = leads
        self.stored = stored
        self.added = added
        self.repByAddress = repByAddress
        self.repZones = repZones
        internalDomains = config.internalDomains
        internalSuffixes = config.internalDomains.map { "." + $0 }
        blocklist = config.blocklist
        freemail = config.matching.freemailDomains
        salesAddresses = Set(config.salesAddresses.map(rules.key))
        autoCreateLeads = config.autoCreateLeads
        self.leadsHash = leadsHash
        fingerprint = leadsHash.map { Self.finish($0.hash, tail: $0.tail) } ?? ""
    }

    /// This directory with one more lead, as loading the store again would make it, fingerprint included, without
    /// reading or hashing the other leads again: what a scan does after creating a lead (`auto_create_leads`).
    /// Nil when it cannot: without a fingerprint, or when the lead's id is not above every other (the fingerprint
    /// hashes leads in id order).
    public func adding(_ lead: LeadDirectoryEntry, config: Config) -> MatchDirectory? {
        guard let leadsHash, lead.id > lastLeadID else { return nil }
        var hasher = leadsHash.hash
        var tables = added
        tables.add(lead, rules: rules, reps: repByAddress) { FreemailDomains.contains($0, extra: freemail) }
        hasher.update(tables.hashLine(lead))
        return MatchDirectory(
            config: config, rules: rules, leads: leads, stored: stored, added: tables, repByAddress: repByAddress,
            repZones: repZones, leadsHash: (hasher, leadsHash.tail))
    }

    /// The highest lead id this directory holds (`Int64.min` with none): the fingerprint hashes leads in id order.
    public var lastLeadID: Int64 { max(stored?.lastID ?? .min, leads.lastID, added.lastID) }

    /// The fingerprint's hash after the last lead, saved as text (`SHA256.savedState`) for a later scan to go on
    /// from (`lookingUp`); nil when not fingerprinted.
    public var savedLeadsHash: String? { leadsHash?.hash.savedState }

    /// A lead's entry in the match snapshot as this directory makes it: its line and its addresses' keys.
    public func entry(_ lead: LeadDirectoryEntry) throws -> People.MatchEntry {
        People.MatchEntry(leadID: lead.id, line: try line(of: lead), keys: keys(of: lead))
    }

    /// The keys of a lead's addresses under this directory's rules, each once, in the order of its addresses: what
    /// the match snapshot stores for looking it up.
    public func keys(of lead: LeadDirectoryEntry) -> [String] {
        var keys: [String] = []
        for address in lead.addresses {
            let key = rules.key(address)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// A lead's line in the fingerprint: its id, addresses, company domain and owning rep.
    static func line(_ lead: LeadDirectoryEntry, owner: String?) -> String {
        "L\(lead.id)|\(lead.addresses.joined(separator: ","))|\(lead.companyDomain ?? "")|\(owner ?? "")\n"
    }

    /// The line this directory hashes for `lead` (one of its leads, or one as the store now holds it): what the
    /// match snapshot stores per lead.
    public func line(of lead: LeadDirectoryEntry) throws -> String { Self.line(lead, owner: try owner(of: lead.id)) }

    /// The fingerprint a directory with these reps and this configuration would have over the lead lines `hashed`
    /// holds (in id order); nil when this directory was built without a fingerprint. Equal to a stored fingerprint,
    /// those lines are the ones the stored matches were made with, and nothing but leads changed since.
    public func fingerprint(overLeadLines hashed: SHA256) -> String? {
        guard let leadsHash else { return nil }
        return Self.finish(hashed, tail: leadsHash.tail)
    }

    /// The fingerprint's text: the hash over the lead lines, continued with `tail`.
    private static func finish(_ leadLines: SHA256, tail: String) -> String {
        var hasher = leadLines
        hasher.update(tail)
        return hasher.finish().prefix(16).map { String($0, radix: 16) }.joined()
    }

    /// What matching reads from the configuration, as one text (part of the fingerprint).
    public static func configText(_ config: Config) -> String {
        "I\(config.internalDomains.joined(separator: ","))|B\(config.blocklist.joined(separator: ","))"
            + "|S\(config.salesAddresses.joined(separator: ","))|A\(config.autoCreateLeads)"
            + "|M\(config.matching.subaddress)\(config.matching.gmailDots)"
            + config.matching.freemailDomains.joined(separator: ",")
    }

    /// The rep an address belongs to (their primary address).
    public func rep(_ address: String) -> String? { repByAddress[rules.key(address)] }

    /// A rep's own time zone, if the reps file gave one.
    public func repZone(_ rep: String) -> String? { repZones[rep] ?? nil }

    /// Leads with this address.
    public func leads(address: String) throws -> [Int64] {
        let key = rules.key(address)
        let loaded = try stored?.leads(key: key) ?? leads.byAddress[key] ?? []
        // The added leads' ids are above the loaded ones': in id order, as a fresh load lists them.
        guard let more = added.byAddress[key] else { return loaded }
        return loaded + more
    }

    /// Leads whose company domain is this one (never a free-mail domain).
    public func leads(domain: String) throws -> [Int64] {
        let key = domain.lowercased()
        // A loaded lead is indexed under its company domain as the CRM wrote it, never a free-mail one.
        let loaded = try stored.map { isFreemail(key) ? [] : try $0.leads(domain: key) } ?? leads.byDomain[key] ?? []
        guard let more = added.byDomain[key] else { return loaded }
        return loaded + more
    }

    /// The rep who owns a lead, when the owner is a known rep.
    public func owner(of lead: Int64) throws -> String? {
        if let stored, lead <= stored.lastID { return try stored.owner(of: lead) }
        return leads.owners[lead] ?? added.owners[lead]
    }

    /// Whether the address is the company's own: a rep's, or in an internal domain or a subdomain of one.
    public func isInternal(_ address: String) -> Bool {
        if rep(address) != nil { return true }
        // Most addresses are lower-case ASCII without a CR (a byte is then a character): no copy, and the domain
        // is found by bytes, not by walking characters.
        let plain = address.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x0D }
        }
        let domain: Substring
        if plain == true {
            guard let at = address.utf8.lastIndex(of: UInt8(ascii: "@")) else { return false }
            domain = Substring(address.utf8[address.utf8.index(after: at)...])
        } else {
            let lower = address.lowercased()
            guard let at = lower.lastIndex(of: "@") else { return false }
            domain = lower[lower.index(after: at)...]
        }
        guard !domain.isEmpty else { return false }
        return internalDomains.contains { domain == $0 } || internalSuffixes.contains { domain.hasSuffix($0) }
    }

    /// Whether the blocklist names the address or its domain (subdomains included).
    public func isBlocked(_ address: String) -> Bool {
        if blocklist.isEmpty { return false }
        let lower = address.lowercased()
        let key = rules.key(lower)
        let domain = EmailAddress.domain(of: lower) ?? ""
        return blocklist.contains { entry in
            if entry.hasPrefix("@") {
                let d = String(entry.dropFirst())
                return domain == d || domain.hasSuffix("." + d)
            }
            return lower == entry || key == rules.key(entry)
        }
    }

    /// Whether a domain is free mail.
    public func isFreemail(_ domain: String) -> Bool { FreemailDomains.contains(domain, extra: freemail) }

    /// Whether the address is one of the shared sales inboxes.
    public func isSalesAddress(_ address: String) -> Bool { salesAddresses.contains(rules.key(address)) }
}

/// The store's leads up to `lastID`, looked up in the match snapshot's keys (addresses) and the leads table (company
/// domains, owners) as a directory is asked for them, each answer kept for the rest of the scan. A scan asks the
/// same few addresses again and again; it asks nothing of the leads its mail does not name. A scan with a great deal
/// of new mail (a mailbox archive added) would ask more than loading costs and keep an answer per address: past
/// `maxQueries` questions, the leads are loaded after all, and the tables answer.
public final class StoredLeads {
    /// How many questions, at most, go to the store before the leads are loaded. A scan that asks this many has
    /// thousands of new messages, and loading the leads adds little to its time; an everyday scan asks far fewer.
    public static let maxQueries = 20_000
    let people: People
    let lastID: Int64
    let rules: AddressRules
    /// Reps by their addresses in the rules' form: an owner's address to the rep it names.
    let reps: [String: String]
    let freemail: [String]
    let maxQueries: Int
    private var byKey: [String: [Int64]] = [:]
    private var byDomain: [String: [Int64]] = [:]
    private var owners: [Int64: String?] = [:]
    /// The leads up to `lastID`, once loaded.
    private(set) var tables: MatchDirectory.LeadTables?
    /// How many questions went to the store.
    private(set) var queries = 0

    init(
        people: People, lastID: Int64, rules: AddressRules, reps: [String: String], freemail: [String], maxQueries: Int
    ) {
        self.people = people
        self.lastID = lastID
        self.rules = rules
        self.reps = reps
        self.freemail = freemail
        self.maxQueries = maxQueries
    }

    /// The leads with this address key, in id order.
    func leads(key: String) throws -> [Int64] {
        if let tables { return tables.byAddress[key] ?? [] }
        return try answer(\.byKey, key) { try people.leadIDs(matchKey: key, upTo: lastID) }
    }

    /// The leads whose company domain is exactly `domain` (not a free-mail one), in id order.
    func leads(domain: String) throws -> [Int64] {
        if let tables { return tables.byDomain[domain] ?? [] }
        return try answer(\.byDomain, domain) { try people.leadIDs(companyDomain: domain, upTo: lastID) }
    }

    /// The rep who owns a lead, when the CRM's owner is a known rep.
    func owner(of lead: Int64) throws -> String? {
        if let tables { return tables.owners[lead] }
        return try answer(\.owners, lead) { try people.ownerEmail(of: lead).flatMap { reps[rules.key($0)] } }
    }

    /// The answer kept in `cache` for `key`, or the store's (`ask`), then kept. A question counts: at `maxQueries`,
    /// the leads are loaded and the answers kept forgotten.
    private func answer<Key: Hashable, Value>(
        _ cache: ReferenceWritableKeyPath<StoredLeads, [Key: Value]>, _ key: Key, ask: () throws -> Value
    ) throws -> Value {
        if let known = self[keyPath: cache][key] { return known }
        let found = try ask()
        self[keyPath: cache][key] = found
        queries += 1
        guard queries >= maxQueries else { return found }
        var loaded = MatchDirectory.LeadTables()
        var memo = MatchDirectory.FreemailMemo(extra: freemail)
        try people.forEachLead { lead in
            if lead.id <= lastID { loaded.add(lead, rules: rules, reps: reps) { memo.contains($0) } }
        }
        tables = loaded
        (byKey, byDomain, owners) = ([:], [:], [:])
        return found
    }
}
