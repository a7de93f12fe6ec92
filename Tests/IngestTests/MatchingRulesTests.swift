import BatonCore
import Testing

@testable import Ingest
@testable import Store

@Suite struct MatchingRulesTests {
    @Test(
        "addresses compare case-insensitively, without +tags, and Gmail without dots",
        arguments: [
            ("Dana@Acme.com", "dana@acme.com"), ("dana+crm@acme.com", "dana@acme.com"), ("+x@acme.com", "+x@acme.com"),
            ("Erik.Nilsen@gmail.com", "eriknilsen@gmail.com"), ("e.r.i.k+tag@googlemail.com", "erik@gmail.com"),
            ("first.last@outlook.com", "first.last@outlook.com"),
            // Already in key form, short (stored inline) and long, and the forms that only look like it.
            ("dana@acme.com", "dana@acme.com"),
            ("procurement.department@northwind-traders.example", "procurement.department@northwind-traders.example"),
            ("x@gmail.com", "x@gmail.com"), ("a.b@gmail.com", "ab@gmail.com"), ("x@googlemail.com", "x@gmail.com"),
            ("quote\"s@b@gmail.com", "quote\"s@b@gmail.com"), ("Ünï@acme.com", "ünï@acme.com"),
            ("ünï@acme.com", "ünï@acme.com"),
            ("no-at-sign", "no-at-sign"), ("gmail.com", "gmail.com"), ("a+b@acme.com", "a@acme.com"),
        ])
    func keys(address: String, key: String) {
        #expect(AddressRules().key(address) == key)
    }

    @Test("sub-addressing and Gmail dots can be turned off")
    func rulesOff() {
        let rules = AddressRules(subaddress: false, gmailDots: false)
        #expect(rules.key("A.B+c@gmail.com") == "a.b+c@gmail.com")
    }

    @Test(
        "subjects lose reply and forward prefixes in several languages",
        arguments: [
            ("Re: Fwd: Contract review", "contract review"), ("AW: WG: Angebot", "angebot"),
            ("TR: RE: Devis", "devis"), ("RV: Propuesta", "propuesta"),
            ("Re[2]: Pricing  for   you", "pricing for you"),
            ("[sales] Re: Demo", "demo"), ("Reminder: call", "reminder: call"), ("Re:", ""),
        ])
    func subjects(subject: String, key: String) {
        #expect(MessageFacts.subjectKey(subject) == key)
    }

    @Test(
        "Authentication-Results from the trusted server with a passing DKIM or SPF result for the domain",
        arguments: [
            ("mx.example.com; dkim=pass header.d=example.com header.s=s1", true),
            ("mx.example.com 1; dkim=pass (2048-bit key) header.i=@example.com", true),
            ("mx.example.com; spf=pass smtp.mailfrom=ann@example.com", true),
            ("mx.example.com; spf=pass smtp.mailfrom=example.com", true),
            ("mx.example.com; dkim=fail header.d=example.com; spf=softfail smtp.mailfrom=ann@example.com", false),
            ("mx.example.com; dkim=pass header.d=attacker.example", false),
            ("evil.example; dkim=pass header.d=example.com", false),
            ("mx.example.com; dkim=pass header.d=sub.example.com", false),
        ])
    func authentication(field: String, passes: Bool) {
        #expect(AuthenticationResults.passes([field], authservID: "mx.example.com", domain: "example.com") == passes)
    }

    static func config(blocklist: String = "[]", autoCreate: Bool = false) throws -> Config {
        let json = """
            {"store": "s", "internal_domains": ["example.com"], "sources": [], "blocklist": \(blocklist),
             "sales_addresses": ["sales@example.com"], "auto_create_leads": \(autoCreate),
             "teams": {"t": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}}, "policies": [],
             "alerts": {"from": "b@example.com", "transport": {"type": "folder", "path": "o"}}}
            """
        return try ConfigLoader.parse(Array(json.utf8), path: "/tmp/c.json")
    }

    static func directory(
        blocklist: String = "[]", autoCreate: Bool = false, extraLead: (id: Int64, address: String)? = nil,
        fingerprinted: Bool = false
    ) throws -> MatchDirectory {
        MatchDirectory(
            config: try config(blocklist: blocklist, autoCreate: autoCreate),
            leads: baseLeads + (extraLead.map { [LeadDirectoryEntry(id: $0.id, addresses: [$0.address])] } ?? []),
            reps: reps, fingerprinted: fingerprinted)
    }

    static func message(
        from: String, to: [String], cc: [String] = [], kind: MessageKind = .message, refs: [String] = []
    ) -> MessageRecord {
        MessageRecord(
            dedupeKey: "k", messageID: nil, sentAt: 1000, timeSource: .date, fromAddress: from, subject: "s",
            subjectKey: "s", kind: kind, mailboxRep: nil, failedRecipients: [],
            participants: [ParticipantRecord(role: .from, address: from, name: nil)]
                + to.map { ParticipantRecord(role: .to, address: $0, name: nil) }
                + cc.map { ParticipantRecord(role: .cc, address: $0, name: nil) },
            refs: refs)
    }

    static func summary(_ r: MatchResult) -> [String] {
        [r.outcome.rawValue]
            + r.interactions.map {
                "\($0.leadID) \($0.direction?.rawValue ?? "-") \($0.rep ?? "-") \($0.match.rawValue)"
            }
    }

    @Test(
        "an address is internal when a rep's or in an internal domain or below one, in any case or script",
        arguments: [
            ("ann@example.com", true), ("Ann@Example.COM", true), ("someone@example.com", true),
            ("someone@mail.example.com", true), ("someone@EU.Mail.Example.com", true),
            ("someone@notexample.com", false),
            ("someone@example.com.evil.test", false), ("someone@", false), ("no-at-sign", false),
            ("a@b@example.com", true), ("a@example.com@acme.com", false), ("ünï@example.com", true),
            ("ünï@exämple.com", false), ("long.address.of.someone.in.the.company@sales.emea.example.com", true),
        ])
    func internalAddresses(address: String, isInternal: Bool) throws {
        #expect(try Self.directory().isInternal(address) == isInternal)
    }

    @Test("a domain match goes to the company's leads owned by the rep in the conversation, else to all of them")
    func domainMatch() throws {
        let matcher = MessageMatcher(directory: try Self.directory())
        let toAnn = try matcher.match(
            Self.message(from: "jim@acme.com", to: ["ann@example.com"]), threadLeads: { _ in [] })
        #expect(Self.summary(toAnn) == ["matched", "1 inbound ann@example.com domain"])
        // No rep in the conversation: mail to the sales address goes to every lead of the company, each its owner's.
        let toSales = try matcher.match(
            Self.message(from: "jim@acme.com", to: ["sales@example.com"]), threadLeads: { _ in [] })
        #expect(
            Self.summary(toSales) == [
                "matched", "1 inbound ann@example.com domain", "2 inbound bob@example.com domain",
            ])
        // Read from no rep's mailbox with no rep among its parties, it is not the sales team's mail.
        let toMia = try matcher.match(
            Self.message(from: "jim@acme.com", to: ["mia@example.com"]), threadLeads: { _ in [] })
        #expect(Self.summary(toMia) == ["not_sales_team"])
        let freemail = try matcher.match(
            Self.message(from: "x@gmail.com", to: ["ann@example.com"]), threadLeads: { _ in [] })
        #expect(Self.summary(freemail) == ["no_known_party"])
    }

    @Test("a message to two leads is two interactions; rep aliases count as the rep")
    func twoLeads() throws {
        let matcher = MessageMatcher(directory: try Self.directory())
        let result = try matcher.match(
            Self.message(from: "b@example.com", to: ["Dana@Acme.com"], cc: ["hana+x@gmail.com"]),
            threadLeads: { _ in [] })
        #expect(
            Self.summary(result) == [
                "matched", "1 outbound bob@example.com address", "3 outbound bob@example.com address",
            ])
    }

    @Test("thread fallback only when nothing else matched; mail between reps only is ignored")
    func threadAndInternal() throws {
        let matcher = MessageMatcher(directory: try Self.directory())
        let reply = try matcher.match(
            Self.message(from: "dana.private@outlook.com", to: ["ann@example.com"], refs: ["m1"]),
            threadLeads: { $0 == ["m1"] ? [1] : [] })
        #expect(Self.summary(reply) == ["matched", "1 inbound ann@example.com thread"])
        let internalOnly = try matcher.match(
            Self.message(from: "ann@example.com", to: ["bob@example.com"], refs: ["m1"]), threadLeads: { _ in [1] })
        #expect(Self.summary(internalOnly) == ["internal"])
    }

    @Test("blocklisted addresses and domains, subdomains included, are never logged; bulk mail is skipped")
    func skipped() throws {
        let matcher = MessageMatcher(directory: try Self.directory(blocklist: #"["@acme.com"]"#))
        #expect(
            try matcher.match(Self.message(from: "dana@acme.com", to: ["ann@example.com"]), threadLeads: { _ in [] })
                .outcome == .blocklisted)
        #expect(
            try matcher.match(Self.message(from: "x@eu.acme.com", to: ["ann@example.com"]), threadLeads: { _ in [] })
                .outcome == .blocklisted)
        let bulk = MessageMatcher(directory: try Self.directory())
        #expect(
            try bulk.match(
                Self.message(from: "dana@acme.com", to: ["ann@example.com"], kind: .bulk), threadLeads: { _ in [] }
            ).outcome == .bulk)
    }

    @Test("an unknown sender to a sales address becomes a lead only when configured and never for auto-replies")
    func autoCreate() throws {
        let on = MessageMatcher(directory: try Self.directory(autoCreate: true))
        let message = Self.message(from: "new@prospect.io", to: ["Sales@example.com"])
        #expect(try on.match(message, threadLeads: { _ in [] }).createLead?.address == "new@prospect.io")
        let auto = Self.message(from: "new@prospect.io", to: ["sales@example.com"], kind: .autoReply)
        #expect(try on.match(auto, threadLeads: { _ in [] }).createLead == nil)
        let off = MessageMatcher(directory: try Self.directory(autoCreate: false))
        #expect(try off.match(message, threadLeads: { _ in [] }).createLead == nil)
    }

    /// The leads of `directory(...)`, and the reps, for directories made with other leads.
    static let baseLeads = [
        LeadDirectoryEntry(
            id: 1, addresses: ["dana@acme.com"], companyDomain: "acme.com", ownerEmail: "ann@example.com"),
        LeadDirectoryEntry(
            id: 2, addresses: ["lee@acme.com"], companyDomain: "acme.com", ownerEmail: "bob@example.com"),
        LeadDirectoryEntry(id: 3, addresses: ["hana@gmail.com"], companyDomain: nil, ownerEmail: "ann@example.com"),
    ]
    static let reps = [
        RepDirectoryEntry(email: "ann@example.com", addresses: ["ann@example.com"], timezoneID: nil),
        RepDirectoryEntry(email: "bob@example.com", addresses: ["bob@example.com", "b@example.com"], timezoneID: nil),
    ]

    @Test("leads added to a directory (auto_create_leads) are found and fingerprinted as a fresh load finds them")
    func adding() throws {
        let config = try Self.config(autoCreate: true)
        let base = try Self.directory(autoCreate: true, fingerprinted: true)
        let lead = LeadDirectoryEntry(
            id: 4, addresses: ["New+x@Prospect.io"], companyDomain: "prospect.io", ownerEmail: "b@example.com")
        let added = try #require(base.adding(lead, config: config))
        let fresh = MatchDirectory(config: config, leads: Self.baseLeads + [lead], reps: Self.reps, fingerprinted: true)
        #expect(added.fingerprint == fresh.fingerprint)
        #expect(base.fingerprint != added.fingerprint)
        let other = try Self.directory(autoCreate: true, extraLead: (4, "new@prospect.io"), fingerprinted: true)
        #expect(other.fingerprint != added.fingerprint)  // the same address, without the domain and the owner
        #expect(try added.leads(address: "new@prospect.io") == [4])
        #expect(try added.leads(domain: "Prospect.io") == [4])
        #expect(try added.owner(of: 4) == "bob@example.com")
        #expect(try added.owner(of: 1) == "ann@example.com")
        #expect(try added.leads(address: "dana@acme.com") == [1])
        #expect(try base.leads(address: "new@prospect.io") == [])
        // A second lead added after the first, sharing a loaded lead's address and company: listed after it.
        let fifth = LeadDirectoryEntry(id: 5, addresses: ["Dana@acme.com"], companyDomain: "acme.com")
        let twice = try #require(added.adding(fifth, config: config))
        let freshTwice = MatchDirectory(
            config: config, leads: Self.baseLeads + [lead, fifth], reps: Self.reps, fingerprinted: true)
        #expect(twice.fingerprint == freshTwice.fingerprint)
        for address in ["dana@acme.com", "new@prospect.io", "lee@acme.com"] {
            #expect(try twice.leads(address: address) == freshTwice.leads(address: address))
        }
        #expect(try twice.leads(address: "dana@acme.com") == [1, 5])
        #expect(try twice.leads(domain: "acme.com") == [1, 2, 5])
        #expect(try twice.leads(domain: "acme.com") == freshTwice.leads(domain: "acme.com"))
        #expect(try twice.owner(of: 5) == nil)
        // A lead whose id is not above every other, or a directory without a fingerprint: loaded again instead.
        #expect(base.adding(LeadDirectoryEntry(id: 3, addresses: ["z@z.io"]), config: config) == nil)
        #expect(twice.adding(LeadDirectoryEntry(id: 5, addresses: ["z@z.io"]), config: config) == nil)
        #expect(try Self.directory(autoCreate: true).adding(lead, config: config) == nil)
        // Free mail is never a company domain.
        let free = try #require(
            base.adding(
                LeadDirectoryEntry(id: 7, addresses: ["p@gmail.com"], companyDomain: "gmail.com"), config: config))
        #expect(try free.leads(domain: "gmail.com") == [])
        #expect(try free.leads(address: "p@gmail.com") == [7])
    }
}
