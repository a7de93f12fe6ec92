import BatonCore
import Foundation

/// Who `baton forget` and `baton export` are about: a person's addresses, told apart by the caller's rules.
public struct PersonSelector {
    /// Whether a stored address is one of the person's (under the configuration's matching rules).
    public var isPerson: (String) -> Bool
    /// Whether an address is the company's own (a rep's, or in an internal domain).
    public var isInternal: (String) -> Bool

    public init(isPerson: @escaping (String) -> Bool, isInternal: @escaping (String) -> Bool) {
        self.isPerson = isPerson
        self.isInternal = isInternal
    }
}

/// What `baton forget` removed, or with `--dry-run` would remove.
public struct ForgetSummary: Sendable, Equatable {
    public var leads = 0
    public var messages = 0
    public var interactions = 0
    public var meetings = 0
    /// Alerts turned into tombstones and digests whose stored bytes were rewritten.
    public var notifications = 0
    /// Every stored address of the person (the lead's and the ones seen in mail), normalized, for the hashes.
    public var addresses: [String] = []

    public init() {}
}

extension PersonalData {
    /// The random salt of this store's forgotten-address hashes.
    public func forgetSalt() throws -> String {
        if let salt = try StoreSettings(database: database).forgetSalt { return salt }
        // A store migrated by a build whose migration was interrupted has none yet.
        let salt = UUID().uuidString.lowercased()
        try database.transaction { try StoreSettings(database: database).setForgetSalt(salt) }
        return salt
    }

    /// The salted hashes of every forgotten address.
    public func forgottenHashes() throws -> Set<String> {
        Set(try database.query("SELECT hash FROM forgotten_addresses").compactMap { $0.text("hash") })
    }

    /// Ids of the stored messages that name the person (a participant or a failed recipient).
    func personMessages(_ person: PersonSelector) throws -> [Int64] {
        let addresses = try database.query("SELECT DISTINCT address FROM message_addresses").compactMap {
            $0.text("address")
        }
        .filter(person.isPerson)
        var ids = Set<Int64>()
        for chunk in addresses.chunked(500) {
            let list = inList(chunk.map(\.sqlValue))
            for row in try database.query(
                "SELECT DISTINCT message_id FROM message_addresses WHERE address IN (\(list.placeholders))", list.values
            ) {
                ids.insert(try row.requiredInt("message_id"))
            }
        }
        for row in try database.query("SELECT id, failed_recipients FROM messages WHERE failed_recipients IS NOT NULL")
        where (row.text("failed_recipients") ?? "").split(separator: " ").contains(where: {
            person.isPerson(String($0))
        }) {
            ids.insert(try row.requiredInt("id"))
        }
        return ids.sorted()
    }

    /// Ids of the stored meetings the person attends or organizes.
    func personMeetings(_ person: PersonSelector) throws -> [Int64] {
        var ids = Set<Int64>()
        for row in try database.query("SELECT meeting_id, address FROM meeting_attendees")
        where person.isPerson(try row.requiredText("address")) {
            ids.insert(try row.requiredInt("meeting_id"))
        }
        for row in try database.query("SELECT id, organizer FROM meetings WHERE organizer IS NOT NULL")
        where person.isPerson(try row.requiredText("organizer")) {
            ids.insert(try row.requiredInt("id"))
        }
        return ids.sorted()
    }

    /// Erases a person (`baton forget`): their leads with history and interactions, the messages and meetings
    /// whose only external party they were, their address and name from every other message and meeting (subjects
    /// kept), their notifications as tombstones, digests naming them rewritten, and a salted hash of each of their
    /// normalized addresses (`normalize`) kept so later scans and imports skip them. One transaction, with
    /// `secure_delete` on; `dryRun` counts and rolls back. The caller compacts the file afterwards
    /// (`eraseFreedSpace`).
    public func forget(
        _ person: PersonSelector, keys: Set<String> = [], normalize: @escaping (String) -> String, now: Int64,
        dryRun: Bool
    ) throws -> ForgetSummary {
        try database.setSecureDelete(true)
        defer { try? database.setSecureDelete(false) }
        var summary = ForgetSummary()
        do {
            try database.transaction {
                summary = try eraseInTransaction(person, keys: keys, normalize: normalize, now: now)
                if dryRun { throw DryRunRollback() }
            }
        } catch is DryRunRollback {}
        return summary
    }

    private struct DryRunRollback: Error {}

    private func eraseInTransaction(
        _ person: PersonSelector, keys given: Set<String>, normalize: @escaping (String) -> String, now: Int64
    )
        throws
        -> ForgetSummary
    {
        var summary = ForgetSummary()
        let leads = try People(database: database).personLeads(person)
        var names = Set<String>()
        var addresses = Set<String>()
        for id in leads {
            if let name = try database.scalar("SELECT name FROM leads WHERE id = ?", id)?.string, !name.isEmpty {
                names.insert(name)
            }
            for row in try database.query("SELECT address FROM lead_addresses WHERE lead_id = ?", id) {
                addresses.insert(try row.requiredText("address"))
            }
        }
        // Every address of the lead is the person, not only the one named on the command line.
        let leadKeys = Set(addresses.map(normalize))
        let selector = PersonSelector(
            isPerson: { person.isPerson($0) || leadKeys.contains(normalize($0)) }, isInternal: person.isInternal)

        let leadList = inList(leads.isEmpty ? [SQLValue.integer(-1)] : leads.map { SQLValue.integer($0) })
        let leadValues = leadList.values
        summary.interactions = Int(
            try database.scalar(
                "SELECT COUNT(*) FROM interactions WHERE lead_id IN (\(leadList.placeholders))", leadValues)?
                .int64 ?? 0)

        // Messages.
        for id in try personMessages(selector) {
            let parties = try database.query(
                "SELECT role, address, name FROM message_addresses WHERE message_id = ?", id
            ).map { (role: $0.text("role"), address: try $0.requiredText("address"), name: $0.text("name")) }
            guard let row = try database.query("SELECT kind, failed_recipients FROM messages WHERE id = ?", id).first
            else { continue }
            let failed = (row.text("failed_recipients") ?? "").split(separator: " ").map(String.init)
            // A bounce's sender is the mailer, not a party: the recipients it reports are.
            let isBounce = row.text("kind") == "bounce"
            var external = Set<String>()
            for party in parties where !(isBounce && party.role == "from") {
                let address = party.address
                if !selector.isInternal(address) { external.insert(address) }
                if selector.isPerson(address) {
                    addresses.insert(address)
                    if let name = party.name, !name.isEmpty { names.insert(name) }
                }
            }
            for address in failed where !selector.isInternal(address) {
                external.insert(address)
                if selector.isPerson(address) { addresses.insert(address) }
            }
            if external.allSatisfy(selector.isPerson) {
                summary.interactions += try othersInteractions("message_id", id, leadValues)
                try database.execute("DELETE FROM messages WHERE id = ?", id)
                summary.messages += 1
                continue
            }
            // Kept for the others: only the person's traces go.
            for party in parties where selector.isPerson(party.address) {
                try database.execute(
                    "DELETE FROM message_addresses WHERE message_id = ? AND address = ?", id, party.address)
            }
            let keptFailed = failed.filter { !selector.isPerson($0) }
            try database.execute(
                "UPDATE messages SET failed_recipients = ? WHERE id = ?",
                keptFailed.isEmpty ? nil : keptFailed.joined(separator: " "), id)
            if let from = try database.scalar("SELECT from_address FROM messages WHERE id = ?", id)?.string,
                selector.isPerson(from)
            {
                try database.execute("UPDATE messages SET from_address = NULL WHERE id = ?", id)
            }
        }

        // Meetings.
        for id in try personMeetings(selector) {
            let attendees = try database.query(
                "SELECT address, name FROM meeting_attendees WHERE meeting_id = ?", id
            ).map { (address: try $0.requiredText("address"), name: $0.text("name")) }
            let organizer = try database.scalar("SELECT organizer FROM meetings WHERE id = ?", id)?.string
            var external = Set<String>()
            for address in attendees.map(\.address) + [organizer].compactMap({ $0 })
            where !selector.isInternal(address) {
                external.insert(address)
                if selector.isPerson(address) { addresses.insert(address) }
            }
            for attendee in attendees where selector.isPerson(attendee.address) {
                if let name = attendee.name, !name.isEmpty { names.insert(name) }
            }
            if external.allSatisfy(selector.isPerson) {
                summary.interactions += try othersInteractions("meeting_id", id, leadValues)
                try MessageLog(database: database).deleteMeeting(id)
                summary.meetings += 1
                continue
            }
            for attendee in attendees where selector.isPerson(attendee.address) {
                try database.execute(
                    "DELETE FROM meeting_attendees WHERE meeting_id = ? AND address = ?", id, attendee.address)
            }
            if let organizer, selector.isPerson(organizer) {
                try database.execute("UPDATE meetings SET organizer = NULL WHERE id = ?", id)
            }
        }

        // The iCalendar inputs meetings are rebuilt from: the person's events and lines go too.
        for row in try database.query("SELECT source, location, content FROM calendar_inputs") {
            guard case .blob(let bytes) = row["content"] else { continue }
            guard
                let redacted = CalendarRedaction.redact(
                    bytes, isPerson: selector.isPerson, isInternal: selector.isInternal)
            else { continue }
            try database.execute(
                "UPDATE calendar_inputs SET content = ? WHERE source = ? AND location = ?", SQLValue.blob(redacted),
                try row.requiredText("source"), try row.requiredText("location"))
        }

        // Leads: interactions not counted above (manual touches), history, then the rows.
        if !leads.isEmpty {
            let ids = leadValues
            let list = leadList.placeholders
            let imports = try database.query(
                """
                SELECT import_id FROM stage_history WHERE lead_id IN (\(list)) AND import_id IS NOT NULL
                UNION SELECT import_id FROM owner_history WHERE lead_id IN (\(list)) AND import_id IS NOT NULL
                UNION SELECT import_id FROM amount_history WHERE lead_id IN (\(list)) AND import_id IS NOT NULL
                UNION SELECT import_id FROM reason_history WHERE lead_id IN (\(list)) AND import_id IS NOT NULL
                """, ids + ids + ids + ids
            ).compactMap { $0.int("import_id") }
            // Tombstones first: the notifications' foreign key would otherwise delete them with the lead.
            summary.notifications += Int(
                try database.scalar("SELECT COUNT(*) FROM notifications WHERE lead_id IN (\(list))", ids)?.int64 ?? 0)
            try database.execute(
                """
                UPDATE notifications SET lead_id = NULL, content = NULL, last_error = NULL, tombstoned_at = ?,
                    state = CASE state WHEN 'queued' THEN 'cancelled' ELSE state END
                WHERE lead_id IN (\(list))
                """, [.integer(now)] + ids)
            try database.execute("DELETE FROM interactions WHERE lead_id IN (\(list))", ids)
            try database.execute("DELETE FROM stage_history WHERE lead_id IN (\(list))", ids)
            try database.execute("DELETE FROM owner_history WHERE lead_id IN (\(list))", ids)
            try database.execute("DELETE FROM amount_history WHERE lead_id IN (\(list))", ids)
            try database.execute("DELETE FROM reason_history WHERE lead_id IN (\(list))", ids)
            try database.execute("DELETE FROM lead_addresses WHERE lead_id IN (\(list))", ids)
            // The match snapshot's line holds the lead's addresses; without it, the next scan matches every message
            // again rather than trust a snapshot that no longer hashes to the stored fingerprint.
            try database.execute("DELETE FROM match_leads WHERE lead_id IN (\(list))", ids)
            try database.execute("DELETE FROM match_keys WHERE lead_id IN (\(list))", ids)
            // The lookup setting keeps the fingerprint's hash state, whose bytes not yet hashed are the end of the
            // last lead's line (its addresses): no scan may look leads up until one writes the snapshot again.
            try database.execute("UPDATE settings SET value = '' WHERE key = 'match_lookup'", [])
            try database.execute("DELETE FROM leads WHERE id IN (\(list))", ids)
            summary.leads = leads.count
            // An import that touched only this person (one row inserted or updated, no history left) goes too.
            for importID in Set(imports) {
                let used =
                    try database.scalar(
                        """
                        SELECT 1 FROM stage_history WHERE import_id = ?1 UNION ALL
                        SELECT 1 FROM owner_history WHERE import_id = ?1 UNION ALL
                        SELECT 1 FROM amount_history WHERE import_id = ?1 UNION ALL
                        SELECT 1 FROM reason_history WHERE import_id = ?1 LIMIT 1
                        """, importID) != nil
                if !used {
                    try database.execute("DELETE FROM imports WHERE id = ? AND inserted + updated <= 1", importID)
                }
            }
        }

        for row in try database.query("SELECT address FROM undeliverable_addresses")
        where selector.isPerson(try row.requiredText("address")) {
            try database.execute(
                "DELETE FROM undeliverable_addresses WHERE address = ?", try row.requiredText("address"))
        }

        // Match explanations may name the address; they are rewritten where the message is kept.
        for address in addresses {
            try database.execute(
                """
                UPDATE messages SET outcome_detail = replace(outcome_detail, ?1, '(forgotten)')
                WHERE instr(outcome_detail, ?1) > 0
                """, address)
        }

        // Digests (and other leads' alerts) that name the person keep their key and state; their stored bytes
        // lose the person.
        let tokens = Array(addresses) + Array(names)
        for row in try database.query("SELECT id, content FROM notifications WHERE content IS NOT NULL") {
            guard case .blob(let bytes) = row["content"], let rewritten = ContentRedaction.redact(bytes, tokens: tokens)
            else { continue }
            try database.execute(
                "UPDATE notifications SET content = ? WHERE id = ?", SQLValue.blob(rewritten), try row.requiredInt("id")
            )
            summary.notifications += 1
        }

        let salt = try forgetSalt()
        // The address asked for is kept even when nothing stored names it yet: its mail may arrive later.
        let keys = given.union(addresses.map(normalize))
        for key in keys.sorted() {
            try database.execute(
                "INSERT OR IGNORE INTO forgotten_addresses (hash, forgotten_at) VALUES (?, ?)",
                Self.forgottenHash(key, salt: salt), now)
        }
        summary.addresses = keys.sorted()
        return summary
    }

    /// Interactions of other leads than the person's with one message or meeting (`column` a constant).
    private func othersInteractions(_ column: String, _ id: Int64, _ leads: [SQLValue]) throws -> Int {
        Int(
            try database.scalar(
                "SELECT COUNT(*) FROM interactions WHERE \(column) = ? AND lead_id NOT IN (\(placeholders(leads.count)))",
                [.integer(id)] + leads)?.int64 ?? 0)
    }

    /// The salted hash kept of a normalized address.
    public static func forgottenHash(_ normalizedAddress: String, salt: String) -> String {
        SHA256.hex("\(salt)\n\(normalizedAddress)")
    }

    /// Rewrites the whole file so that no freed page or cell keeps erased bytes, then empties the WAL
    /// (`VACUUM`, `wal_checkpoint(TRUNCATE)`); false when a reader kept the WAL from being emptied. On PostgreSQL,
    /// `VACUUM FULL` rewrites every table without the deleted rows (the server's WAL and backups age out under its
    /// own retention).
    public func eraseFreedSpace() throws -> Bool {
        if database.dialect == .postgres {
            try database.executeScript("VACUUM FULL")
            return true
        }
        try database.setSecureDelete(true)
        defer { try? database.setSecureDelete(false) }
        try database.executeScript("VACUUM")
        let result = try database.query("PRAGMA wal_checkpoint(TRUNCATE)").first
        return result?.int("busy") == 0
    }
}

extension Array {
    /// The array in consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
