import BatonCore
import Foundation

/// The store's leads and reps (`store.people`): the directories matching reads, the lists and details the commands
/// show, and the CRM imports (`People+Import.swift`). Like every topic of `BatonStore`, a value that holds the
/// store's connection and nothing else: cheap to copy, it adds no state, and it writes inside whatever unit of work
/// (`store.write { }`) its caller opened.
public struct People {
    /// The store's connection.
    let database: any Database

    /// Every rep, by address.
    public func reps() throws -> [RepSummary] {
        let rows = try database.query(
            "SELECT id, email, name, team, manager_email, timezone FROM reps ORDER BY email")
        return try rows.map { row in
            let id = try row.requiredInt("id")
            let aliases = try database.query(
                "SELECT address FROM rep_addresses WHERE rep_id = ? AND position > 0 ORDER BY position", id
            ).compactMap { $0.text("address") }
            return RepSummary(
                id: id, email: try row.requiredText("email"), name: row.text("name"), team: row.text("team"),
                managerEmail: row.text("manager_email"), timezoneID: row.text("timezone"), aliases: aliases)
        }
    }

    static let leadColumns = """
        l.id AS id, l.external_id AS external_id, l.name AS name, l.company AS company,
        l.company_domain AS company_domain, l.source AS source, l.stage AS stage, l.owner_email AS owner_email,
        r.email AS owner, r.team AS team, l.created_at AS created_at, l.mql_at AS mql_at, l.assigned_at AS assigned_at,
        l.amount_minor AS amount_minor, l.currency AS currency, l.closed_at AS closed_at,
        l.rejection_reason AS rejection_reason
        """
    static let leadJoin = """
        FROM leads l LEFT JOIN rep_addresses ra ON ra.address = l.owner_email LEFT JOIN reps r ON r.id = ra.rep_id
        """

    private func summary(_ row: Row) throws -> LeadSummary {
        let addresses = try database.query(
            "SELECT address FROM lead_addresses WHERE lead_id = ? ORDER BY position", try row.requiredInt("id")
        ).compactMap { $0.text("address") }
        return LeadSummary(
            id: try row.requiredInt("id"), externalID: row.text("external_id"), name: row.text("name"),
            addresses: addresses, company: row.text("company"), companyDomain: row.text("company_domain"),
            source: row.text("source"), stage: try row.requiredText("stage"), ownerEmail: row.text("owner_email"),
            owner: row.text("owner"), team: row.text("team"), createdAt: row.int("created_at"),
            mqlAt: row.int("mql_at"), assignedAt: row.int("assigned_at"),
            amount: Self.money(row.int("amount_minor"), row.text("currency")), closedAt: row.int("closed_at"),
            rejectionReason: row.text("rejection_reason"))
    }

    /// An amount stored as minor units beside its currency code; nil when either is empty.
    static func money(_ minor: Int64?, _ currency: String?) -> Money? {
        guard let minor, let currency else { return nil }
        return Money(minor: minor, currency: currency)
    }

    /// Each lead's first address in import order, by lead id, in one query.
    public func leadFirstAddresses() throws -> [Int64: String] {
        var map: [Int64: String] = [:]
        for row in try database.query("SELECT lead_id, address FROM lead_addresses WHERE position = 0") {
            map[try row.requiredInt("lead_id")] = row.text("address")
        }
        return map
    }

    /// Every lead, oldest first.
    public func leads() throws -> [LeadSummary] {
        try database.query("SELECT \(Self.leadColumns) \(Self.leadJoin) ORDER BY l.id").map(summary)
    }

    /// The lead with this address, external id or `#id`/numeric id; nil when there is none.
    public func lead(_ key: String) throws -> LeadDetail? {
        let trimmed = key.trimmingCharacters(in: .whitespaces)
        var row = try database.query(
            "SELECT \(Self.leadColumns) \(Self.leadJoin) JOIN lead_addresses la ON la.lead_id = l.id WHERE la.address = ?",
            EmailAddress.normalize(trimmed)
        ).first
        if row == nil {
            row = try database.query("SELECT \(Self.leadColumns) \(Self.leadJoin) WHERE l.external_id = ?", trimmed)
                .first
        }
        if row == nil, let id = Int64(trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed) {
            row = try database.query("SELECT \(Self.leadColumns) \(Self.leadJoin) WHERE l.id = ?", id).first
        }
        guard let row else { return nil }
        let lead = try summary(row)
        func history(_ table: String, _ old: String, _ new: String) throws -> [HistoryEntry] {
            // Table and column names are constants of this file, never input.
            try database.query(
                "SELECT \(old) AS old, \(new) AS new, changed_at, import_id FROM \(table) WHERE lead_id = ? ORDER BY changed_at, id",
                lead.id
            ).map {
                HistoryEntry(
                    old: $0.text("old"), new: $0.text("new"), changedAt: try $0.requiredInt("changed_at"),
                    importID: $0.int("import_id"))
            }
        }
        let amounts = try database.query(
            """
            SELECT old_minor, old_currency, new_minor, new_currency, changed_at, import_id FROM amount_history
            WHERE lead_id = ? ORDER BY changed_at, id
            """, lead.id
        ).map {
            AmountHistoryEntry(
                old: Self.money($0.int("old_minor"), $0.text("old_currency")),
                new: Self.money($0.int("new_minor"), $0.text("new_currency")),
                changedAt: try $0.requiredInt("changed_at"), importID: $0.int("import_id"))
        }
        return LeadDetail(
            lead: lead, stageHistory: try history("stage_history", "old_stage", "new_stage"),
            ownerHistory: try history("owner_history", "old_owner", "new_owner"), amountHistory: amounts,
            reasonHistory: try history("reason_history", "old_reason", "new_reason"))
    }

    /// Every rep address (primary and aliases), to tell known owners from unknown ones.
    public func repAddresses() throws -> Set<String> {
        Set(try database.query("SELECT address FROM rep_addresses").compactMap { $0.text("address") })
    }

    // MARK: Directory

    /// Every lead with its addresses, company domain and owner, for matching.
    public func leadDirectory() throws -> [LeadDirectoryEntry] {
        var leads: [LeadDirectoryEntry] = []
        try forEachLead { leads.append($0) }
        return leads
    }

    /// How many leads are stored.
    public func leadCount() throws -> Int64 { try database.scalar("SELECT COUNT(*) FROM leads")?.int64 ?? 0 }

    /// `leadDirectory`'s leads handed to `body` one at a time in id order, read as they are handed: loading the
    /// directory of a large store holds the directory, not also every row of its leads.
    public func forEachLead(_ body: (LeadDirectoryEntry) throws -> Void) throws {
        var current: LeadDirectoryEntry?
        // One row per address (one with none for a lead without), in the order of the leads and their addresses.
        try database.forEachRow(
            """
            SELECT l.id AS id, l.company_domain AS company_domain, l.owner_email AS owner_email, a.address AS address
            FROM leads l LEFT JOIN lead_addresses a ON a.lead_id = l.id ORDER BY l.id, a.position
            """, []
        ) { row in
            let id = try row.requiredInt("id")
            if current?.id != id {
                if let current { try body(current) }
                current = LeadDirectoryEntry(
                    id: id, addresses: [], companyDomain: row.text("company_domain"),
                    ownerEmail: row.text("owner_email"))
            }
            if let address = row.text("address") { current?.addresses.append(address) }
        }
        if let current { try body(current) }
    }

    /// A number that changes whenever anything `leadDirectory` or `repDirectory` returns changes (the store's
    /// triggers raise it): two equal readings mean the directory is the same, without loading it.
    public func directoryGeneration() throws -> Int64 {
        try database.scalar("SELECT generation FROM match_inputs WHERE id = 1")?.int64 ?? 0
    }

    /// Every rep with all its addresses.
    public func repDirectory() throws -> [RepDirectoryEntry] {
        var addresses: [Int64: [String]] = [:]
        for row in try database.query("SELECT rep_id, address FROM rep_addresses ORDER BY rep_id, position") {
            addresses[try row.requiredInt("rep_id"), default: []].append(try row.requiredText("address"))
        }
        return try database.query("SELECT id, email, timezone FROM reps ORDER BY id").map {
            let email = try $0.requiredText("email")
            return RepDirectoryEntry(
                email: email, addresses: addresses[try $0.requiredInt("id")] ?? [email], timezoneID: $0.text("timezone")
            )
        }
    }

    /// Creates a lead for an unknown sender to a sales address (`auto_create_leads`); returns it as
    /// `leadDirectory` would. Its company domain is the address's unless free mail (the shipped list or
    /// `freemailDomains`, `matching.freemail_domains`), as a CRM import decides it.
    public func insertAutoLead(
        address: String, name: String?, createdAt: Int64, at time: Int64, freemailDomains: [String]
    ) throws -> LeadDirectoryEntry {
        let domain = EmailAddress.domain(of: address).flatMap {
            FreemailDomains.contains($0, extra: freemailDomains) ? nil : $0
        }
        let id = try database.insertRow(
            """
            INSERT INTO leads (name, company_domain, source, stage, created_at, imported_at, updated_at)
            VALUES (?, ?, 'email', 'new', ?, ?, ?)
            """, name, domain, createdAt, time, time)
        try database.execute("INSERT INTO lead_addresses (address, lead_id, position) VALUES (?, ?, 0)", address, id)
        try database.execute(
            "INSERT INTO stage_history (lead_id, old_stage, new_stage, changed_at) VALUES (?, NULL, 'new', ?)", id,
            createdAt)
        return LeadDirectoryEntry(id: id, addresses: [address], companyDomain: domain)
    }

    /// The leads that have one of the person's addresses.
    public func personLeads(_ person: PersonSelector) throws -> [Int64] {
        var ids = Set<Int64>()
        for row in try database.query("SELECT address, lead_id FROM lead_addresses")
        where person.isPerson(try row.requiredText("address")) {
            ids.insert(try row.requiredInt("lead_id"))
        }
        return ids.sorted()
    }
}
