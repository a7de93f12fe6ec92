import BatonCore

/// Reps, leads and the configuration's address rules, indexed for matching one message or meeting. A class: a
/// scan's matcher holds one directory for every message, and copies of a struct of a dozen tables retained each
/// table once per copy.
public final class MatchDirectory: Sendable {
    let rules: AddressRules
    let leadsByAddress: [String: [Int64]]
    let leadsByDomain: [String: [Int64]]
    let leadOwnerRep: [Int64: String]
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
    /// Whether any rep is known (none before the first import of the reps file).
    public var knowsReps: Bool { !repByAddress.isEmpty }

    /// Indexes the store's reps and leads under `config`'s rules; hashing them for `fingerprint` is a third of
    /// the work, done only when `fingerprinted` (what a scan compares to decide whether to match again; lookups need
    /// none).
    public init(config: Config, leads: [LeadDirectoryEntry], reps: [RepDirectoryEntry], fingerprinted: Bool = false) {
        let rules = AddressRules(config.matching)
        self.rules = rules
        var repByAddress: [String: String] = [:]
        var repZones: [String: String] = [:]
        for rep in reps {
            for address in rep.addresses { repByAddress[rules.key(address)] = rep.email }
            repZones[rep.email] = rep.timezoneID
        }
        var byAddress: [String: [Int64]] = [:]
        var byDomain: [String: [Int64]] = [:]
        var owners: [Int64: String] = [:]
        byAddress.reserveCapacity(leads.count)
        owners.reserveCapacity(leads.count)
        // Many leads share a company domain: each domain is checked against the free-mail list once.
        var freemailDomain: [String: Bool] = [:]
        for lead in leads {
            for address in lead.addresses {
                let key = rules.key(address)
                if !(byAddress[key]?.contains(lead.id) ?? false) { byAddress[key, default: []].append(lead.id) }
            }
            if let domain = lead.companyDomain {
                let free: Bool
                if let known = freemailDomain[domain] {
                    free = known
                } else {
                    free = FreemailDomains.contains(domain, extra: config.matching.freemailDomains)
                    freemailDomain[domain] = free
                }
                if !free { byDomain[domain, default: []].append(lead.id) }
            }
            if let owner = lead.ownerEmail, let rep = repByAddress[rules.key(owner)] { owners[lead.id] = rep }
        }
        leadsByAddress = byAddress
        leadsByDomain = byDomain
        leadOwnerRep = owners
        self.repByAddress = repByAddress
        self.repZones = repZones
        internalDomains = config.internalDomains
        internalSuffixes = config.internalDomains.map { "." + $0 }
        blocklist = config.blocklist
        freemail = config.matching.freemailDomains
        salesAddresses = Set(config.salesAddresses.map(rules.key))
        autoCreateLeads = config.autoCreateLeads

        guard fingerprinted else {
            fingerprint = ""
            return
        }
        var hasher = SHA256()
        for lead in leads {
            hasher.update("L\(lead.id)|\(lead.addresses.joined(separator: ","))|\(lead.companyDomain ?? "")|")
            hasher.update("\(owners[lead.id] ?? "")\n")
        }
        for rep in reps { hasher.update("R\(rep.email)|\(rep.addresses.joined(separator: ","))\n") }
        hasher.update(Self.configText(config))
        fingerprint = hasher.finish().prefix(16).map { String($0, radix: 16) }.joined()
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
    public func leads(address: String) -> [Int64] { leadsByAddress[rules.key(address)] ?? [] }

    /// Leads whose company domain is this one (never a free-mail domain).
    public func leads(domain: String) -> [Int64] { leadsByDomain[domain.lowercased()] ?? [] }

    /// The rep who owns a lead, when the owner is a known rep.
    public func owner(of lead: Int64) -> String? { leadOwnerRep[lead] }

    /// Whether the address is the company's own: a rep's, or in an internal domain or a subdomain of one.
    public func isInternal(_ address: String) -> Bool {
        if rep(address) != nil { return true }
        // Most addresses are lower-case ASCII already: no copy then, and the domain is a slice of the address.
        let lower =
            address.utf8.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) } ? address.lowercased() : address
        guard let at = lower.lastIndex(of: "@") else { return false }
        let domain = lower[lower.index(after: at)...]
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
