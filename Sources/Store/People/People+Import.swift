import BatonCore
import Foundation

/// Imports of the CRM's files: reps and leads upserted in one transaction each, with their history.
extension People {
    // MARK: Reps

    /// Upserts reps by address, in one transaction; aliases are replaced by the file's. `rejected` and `warnings`
    /// are the file's own findings, reported with the store's.
    public func importReps(
        _ records: [RepRecord], rejected: [RowProblem] = [], warnings: [RowProblem] = [], file: String, at now: Int64
    ) throws -> ImportSummary {
        let time = now
        var summary = ImportSummary(rejected: rejected, warnings: warnings)
        try database.transaction {
            for record in records {
                let addresses = [record.email] + record.aliases
                let list = inList(addresses.map(\.sqlValue))
                let owners = try database.query(
                    "SELECT address, rep_id FROM rep_addresses WHERE address IN (\(list.placeholders))", list.values)
                let existing = try database.query(
                    "SELECT id, name, team, manager_email, timezone FROM reps WHERE email = ?", record.email
                ).first
                let repID = existing?.int("id")
                if let clash = owners.first(where: { $0.int("rep_id") != repID }) {
                    let address = try clash.requiredText("address")
                    summary.rejected.append(
                        RowProblem(line: record.line, reason: "address \(address) already belongs to another rep"))
                    continue
                }
                guard let existing, let repID else {
                    let id = try database.insertRow(
                        "INSERT INTO reps (email, name, team, manager_email, timezone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        record.email, record.name, record.team, record.managerEmail, record.timezoneID, time, time)
                    try setRepAddresses(id, addresses)
                    summary.inserted += 1
                    continue
                }
                let name = record.name ?? existing.text("name")
                let team = record.team ?? existing.text("team")
                let manager = record.managerEmail ?? existing.text("manager_email")
                let zone = record.timezoneID ?? existing.text("timezone")
                let oldAddresses = try database.query(
                    "SELECT address FROM rep_addresses WHERE rep_id = ? ORDER BY position", repID
                ).compactMap { $0.text("address") }
                let fieldsChanged =
                    name != existing.text("name") || team != existing.text("team")
                    || manager != existing.text("manager_email") || zone != existing.text("timezone")
                if !fieldsChanged && oldAddresses == addresses {
                    summary.unchanged += 1
                    continue
                }
                try database.execute(
                    "UPDATE reps SET name = ?, team = ?, manager_email = ?, timezone = ?, updated_at = ? WHERE id = ?",
                    name, team, manager, zone, time, repID)
                if oldAddresses != addresses { try setRepAddresses(repID, addresses) }
                summary.updated += 1
            }
            try recordImport("reps", file: file, at: time, summary: summary)
        }
        return summary
    }

    private func setRepAddresses(_ repID: Int64, _ addresses: [String]) throws {
        try database.execute("DELETE FROM rep_addresses WHERE rep_id = ?", repID)
        for (position, address) in addresses.enumerated() {
            try database.execute(
                "INSERT INTO rep_addresses (address, rep_id, position) VALUES (?, ?, ?)", address, repID, position)
        }
    }

    // MARK: Leads

    /// Upserts leads by external id, else by address, in one transaction. A changed stage or owner writes a
    /// history row dated by the file's `stage_changed_at` (or `assigned_at`), else the import time.
    /// `rejected` and `warnings` are the file's own findings, reported with the store's.
    /// `skipsUnchanged: false` reads every record's lead by itself, four queries a record, where `unchangedLeads`
    /// would skip it (for the tests that compare the two ways).
    public func importLeads(
        _ records: [LeadRecord], rejected: [RowProblem] = [], warnings: [RowProblem] = [], file: String, at now: Int64,
        skipsUnchanged: Bool = true
    ) throws -> ImportSummary {
        let time = now
        var summary = ImportSummary(rejected: rejected, warnings: warnings)
        try database.transaction {
            let importID = try beginImport("leads", file: file, at: time)
            let unchanged =
                skipsUnchanged ? try unchangedLeads(records) : [Int64?](repeating: nil, count: records.count)
            // Leads a record of this file changed: a later record for one of them is read as it now stands.
            var changed: Set<Int64> = []
            for (index, record) in records.enumerated() {
                if let id = unchanged[index], !changed.contains(id) {
                    summary.unchanged += 1
                    continue
                }
                switch try findLead(for: record) {
                case .failure(let problem):
                    summary.rejected.append(problem)
                case .success(nil):
                    try insertLead(record, importID: importID, time: time)
                    summary.inserted += 1
                case .success(let id?):
                    if try updateLead(id, with: record, importID: importID, time: time) {
                        summary.updated += 1
                        changed.insert(id)
                    } else {
                        summary.unchanged += 1
                    }
                }
            }
            try finishImport(importID, summary: summary)
        }
        let reps = try repAddresses()
        for record in records where !summary.rejected.contains(where: { $0.line == record.line }) {
            if let owner = record.ownerEmail, !reps.contains(owner) {
                summary.warnings.append(
                    RowProblem(line: record.line, reason: "owner \(owner) is not a known rep: the lead is unassigned"))
            }
        }
        summary.rejected.sort { $0.line < $1.line }
        summary.warnings.sort { $0.line < $1.line }
        return summary
    }

    /// The lead a record updates, nil for a new one, or why the record clashes with the store.
    private func findLead(for record: LeadRecord) throws -> Result<Int64?, RowProblem> {
        let addresses = inList(record.addresses.map(\.sqlValue))
        let byAddress = try database.query(
            """
            SELECT a.address AS address, l.id AS lead_id, l.external_id AS external_id
            FROM lead_addresses a JOIN leads l ON l.id = a.lead_id
            WHERE a.address IN (\(addresses.placeholders))
            """, addresses.values)
        var target: Int64?
        if let externalID = record.externalID {
            target = try database.scalar("SELECT id FROM leads WHERE external_id = ?", externalID)?.int64
        }
        if target == nil, let first = byAddress.first {
            if let theirs = first.text("external_id"), record.externalID != nil {
                return .failure(
                    RowProblem(
                        line: record.line,
                        reason:
                            "address \(try first.requiredText("address")) belongs to the lead with external id \(theirs)"
                    ))
            }
            target = first.int("lead_id")
        }
        if let clash = byAddress.first(where: { $0.int("lead_id") != target }) {
            let other =
                try clash.text("external_id").map { "the lead with external id \($0)" }
                ?? "lead #\(try clash.requiredInt("lead_id"))"
            let address = try clash.requiredText("address")
            return .failure(RowProblem(line: record.line, reason: "address \(address) belongs to \(other)"))
        }
        return .success(target)
    }

    private func insertLead(_ record: LeadRecord, importID: Int64, time: Int64) throws {
        let stage = record.stage ?? .new
        let id = try database.insertRow(
            """
            INSERT INTO leads (external_id, name, company, company_domain, source, stage, owner_email, created_at,
                               mql_at, assigned_at, imported_at, updated_at, amount_minor, currency, closed_at,
                               rejection_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            record.externalID, record.name, record.company, record.companyDomain, record.source, stage.rawValue,
            record.ownerEmail, record.createdAt, record.mqlAt,
            record.assignedAt, time, time, record.amount?.minor, record.amount?.currency, record.closedAt,
            record.rejectionReason)
        try recordDealChanges(
            id, old: .none, new: DealValues(record.amount, record.rejectionReason), importID: importID, time: time)
        try setLeadAddresses(id, record.addresses)
        let stageDate =
            record.stageChangedAt ?? Self.closingDate(stage, record)
            ?? (stage == .mql ? record.mqlAt : stage == .new ? record.createdAt : nil)
        try database.execute(
            "INSERT INTO stage_history (lead_id, old_stage, new_stage, changed_at, import_id) VALUES (?, NULL, ?, ?, ?)",
            id, stage.rawValue, stageDate ?? time, importID)
        if let owner = record.ownerEmail {
            try database.execute(
                "INSERT INTO owner_history (lead_id, old_owner, new_owner, changed_at, import_id) VALUES (?, NULL, ?, ?, ?)",
                id, owner, record.assignedAt ?? time, importID)
        }
    }

    /// Applies the record's non-empty fields; true when anything changed.
    private func updateLead(_ id: Int64, with record: LeadRecord, importID: Int64, time: Int64) throws -> Bool {
        guard
            let old = try database.query("SELECT \(Self.comparedColumns) FROM leads WHERE id = ?", id).first
        else { return false }
        let (new, oldDeal, newDeal) = Self.merged(record, over: old)
        let oldAddresses = try database.query(
            "SELECT address FROM lead_addresses WHERE lead_id = ? ORDER BY position", id
        ).compactMap { $0.text("address") }
        let fieldsChanged = new != old.values
        let addressesChanged = oldAddresses != record.addresses
        guard fieldsChanged || addressesChanged else { return false }
        if fieldsChanged {
            try database.execute(
                """
                UPDATE leads SET external_id = ?, name = ?, company = ?, company_domain = ?, source = ?, stage = ?,
                       owner_email = ?, created_at = ?, mql_at = ?, assigned_at = ?, amount_minor = ?, currency = ?,
                       closed_at = ?, rejection_reason = ?, updated_at = ? WHERE id = ?
                """, new + [.integer(time), .integer(id)])
        }
        if addressesChanged { try setLeadAddresses(id, record.addresses) }
        if new[5] != old["stage"] {
            try database.execute(
                "INSERT INTO stage_history (lead_id, old_stage, new_stage, changed_at, import_id) VALUES (?, ?, ?, ?, ?)",
                id, old["stage"], new[5],
                record.stageChangedAt ?? record.stage.flatMap { Self.closingDate($0, record) } ?? time, importID)
        }
        if new[6] != old["owner_email"] {
            try database.execute(
                "INSERT INTO owner_history (lead_id, old_owner, new_owner, changed_at, import_id) VALUES (?, ?, ?, ?, ?)",
                id, old["owner_email"], new[6], record.assignedAt ?? time, importID)
        }
        try recordDealChanges(id, old: oldDeal, new: newDeal, importID: importID, time: time)
        return true
    }

    /// The columns of a lead an import compares with a record, in the order `merged` gives them.
    private static let comparedColumns = """
        external_id, name, company, company_domain, source, stage, owner_email, created_at, mql_at, assigned_at,
        amount_minor, currency, closed_at, rejection_reason
        """

    /// The lead's `comparedColumns` once `record` is applied over `old` (a row starting with them): the record's
    /// non-empty fields replace the stored ones. With the deal's values before and after.
    private static func merged(_ record: LeadRecord, over old: Row) -> (
        fields: [SQLValue], oldDeal: DealValues, newDeal: DealValues
    ) {
        let oldDeal = DealValues(
            old.int("amount_minor").flatMap { minor in old.text("currency").map { Money(minor: minor, currency: $0) } },
            old.text("rejection_reason"))
        let newDeal = DealValues(record.amount ?? oldDeal.amount, record.rejectionReason ?? oldDeal.reason)
        let fields: [SQLValue] = [
            (record.externalID ?? old.text("external_id")).sqlValue, (record.name ?? old.text("name")).sqlValue,
            (record.company ?? old.text("company")).sqlValue,
            (record.companyDomain ?? old.text("company_domain")).sqlValue,
            (record.source ?? old.text("source")).sqlValue, (record.stage?.rawValue ?? old.text("stage")).sqlValue,
            (record.ownerEmail ?? old.text("owner_email")).sqlValue,
            (record.createdAt ?? old.int("created_at")).sqlValue,
            (record.mqlAt ?? old.int("mql_at")).sqlValue,
            (record.assignedAt ?? old.int("assigned_at")).sqlValue,
            newDeal.amount?.minor.sqlValue ?? .null, newDeal.amount?.currency.sqlValue ?? .null,
            (record.closedAt ?? old.int("closed_at")).sqlValue, newDeal.reason.sqlValue,
        ]
        return (fields, oldDeal, newDeal)
    }

    /// For each record, the lead it leaves as it is, read in two passes over the stored leads: found by its external
    /// id, every field it gives equal to the stored one, and its addresses the stored ones in order. `findLead`
    /// would find that lead for it and `updateLead` change nothing: the import skips the four queries a record costs
    /// them (the growth benchmark's 100,000 leads, one changed: 1.9 s of queries, 0.9 s of passes instead).
    /// nil for every other record, which goes the long way.
    func unchangedLeads(_ records: [LeadRecord]) throws -> [Int64?] {
        // The last record of each external id: an earlier one that changed the lead makes the import read it again.
        var recordOf: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            if let externalID = record.externalID { recordOf[externalID] = index }
        }
        var unchanged = [Int64?](repeating: nil, count: records.count)
        guard !recordOf.isEmpty else { return unchanged }
        // Leads whose fields the record leaves as they are, by id: their addresses are compared next.
        var sameFields: [Int64: Int] = [:]
        try database.forEachRow(
            "SELECT \(Self.comparedColumns), id AS lead_id FROM leads WHERE external_id IS NOT NULL", []
        ) { row in
            guard let externalID = row.text("external_id"), let index = recordOf[externalID] else { return }
            let fields = Self.merged(records[index], over: row).fields
            if fields == Array(row.values.prefix(fields.count)) { sameFields[try row.requiredInt("lead_id")] = index }
        }
        // One lead's addresses at a time, in lead order: compared when the next lead's begin.
        var current: (id: Int64, addresses: [String])?
        func compare() {
            guard let (id, addresses) = current, let index = sameFields.removeValue(forKey: id) else { return }
            if addresses == records[index].addresses { unchanged[index] = id }
        }
        try database.forEachRow("SELECT lead_id, address FROM lead_addresses ORDER BY lead_id, position", []) { row in
            let id = try row.requiredInt("lead_id")
            guard sameFields[id] != nil else { return }
            if current?.id != id {
                compare()
                current = (id, [])
            }
            current?.addresses.append(try row.requiredText("address"))
        }
        compare()
        // Leads without an address: the same when the record gives none either.
        for (id, index) in sameFields where records[index].addresses.isEmpty { unchanged[index] = id }
        return unchanged
    }

    /// When a lead moved to `won` or `lost`, if the export does not say it in `stage_changed_at`: its `closed_at`
    /// (the deal's close date is the day it was won or lost); nil for every other stage.
    static func closingDate(_ stage: Stage, _ record: LeadRecord) -> Int64? {
        stage == .won || stage == .lost ? record.closedAt : nil
    }

    /// What of a lead's deal writes history when it changes: its amount and the reason sales gave.
    private struct DealValues: Equatable {
        var amount: Money?
        var reason: String?
        init(_ amount: Money?, _ reason: String?) {
            self.amount = amount
            self.reason = reason
        }
        static let none = DealValues(nil, nil)
    }

    /// Writes an amount-history and a reason-history row for what differs between `old` and `new`, dated by the
    /// import (the CRM's export does not say when a deal's value or a reason changed).
    private func recordDealChanges(
        _ id: Int64, old: DealValues, new: DealValues, importID: Int64, time: Int64
    ) throws {
        if old.amount != new.amount {
            try database.execute(
                """
                INSERT INTO amount_history (lead_id, old_minor, old_currency, new_minor, new_currency, changed_at,
                                            import_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, id, old.amount?.minor, old.amount?.currency, new.amount?.minor, new.amount?.currency, time,
                importID)
        }
        if old.reason != new.reason {
            try database.execute(
                "INSERT INTO reason_history (lead_id, old_reason, new_reason, changed_at, import_id) VALUES (?, ?, ?, ?, ?)",
                id, old.reason, new.reason, time, importID)
        }
    }

    private func setLeadAddresses(_ id: Int64, _ addresses: [String]) throws {
        try database.execute("DELETE FROM lead_addresses WHERE lead_id = ?", id)
        for (position, address) in addresses.enumerated() {
            try database.execute(
                "INSERT INTO lead_addresses (address, lead_id, position) VALUES (?, ?, ?)", address, id, position)
        }
    }

    private func beginImport(_ kind: String, file: String, at time: Int64) throws -> Int64 {
        try database.insertRow(
            "INSERT INTO imports (kind, file, imported_at, inserted, updated, unchanged, rejected) VALUES (?, ?, ?, 0, 0, 0, 0)",
            kind, file, time)
    }

    /// Keeps the import's row only when it changed something, so a repeated import leaves the store as it was.
    private func finishImport(_ id: Int64, summary: ImportSummary) throws {
        if summary.inserted + summary.updated == 0 {
            try database.execute("DELETE FROM imports WHERE id = ?", id)
        } else {
            try database.execute(
                "UPDATE imports SET inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?",
                summary.inserted, summary.updated, summary.unchanged, summary.rejected.count, id)
        }
    }

    private func recordImport(_ kind: String, file: String, at time: Int64, summary: ImportSummary) throws {
        guard summary.inserted + summary.updated > 0 else { return }
        let id = try beginImport(kind, file: file, at: time)
        try finishImport(id, summary: summary)
    }
}
