import BatonCore

/// What matching again after a change to a few leads reads: the messages those leads can concern, found without
/// reading every message (`MessageIngestor.matchChanged` in the Ingest module decides which).
extension MessageLog {
    /// How many values one `IN` list binds: lists are cut into pieces of this size and the last piece is padded
    /// with NULLs (which match nothing), so that each query has one statement text whatever the list.
    static let inListSize = 500

    /// `values` in pieces of `inListSize`, each padded to that size with NULLs.
    static func inLists(_ values: [SQLValue]) -> [[SQLValue]] {
        stride(from: 0, to: values.count, by: inListSize).map { start in
            let piece = Array(values[start..<min(start + inListSize, values.count)])
            return piece + Array(repeating: .null, count: inListSize - piece.count)
        }
    }

    /// The ids of the messages with an interaction of one of `leads`.
    public func messageIDs(interactingWith leads: [Int64]) throws -> Set<Int64> {
        var ids: Set<Int64> = []
        for list in Self.inLists(leads.map(SQLValue.integer)) {
            try database.forEachRow(
                """
                SELECT DISTINCT message_id AS id FROM interactions
                WHERE lead_id IN (\(placeholders(Self.inListSize))) AND message_id IS NOT NULL
                """, list
            ) { row in ids.insert(try row.requiredInt("id")) }
        }
        return ids
    }

    /// Each party (message id and address) whose address's domain is one of `domains` (lower case), and each whose
    /// address holds more than one `@`: more than the caller wants, never less; it narrows them with its own rules.
    /// One read of `message_addresses` per `inListSize` domains.
    public func forEachParty(
        inDomains domains: Set<String>, _ body: (_ messageID: Int64, _ address: String) throws -> Void
    ) throws {
        let position = database.dialect == .postgres ? "strpos(address, '@')" : "instr(address, '@')"
        for list in Self.inLists(domains.sorted().map(SQLValue.text)) {
            try database.forEachRow(
                """
                SELECT message_id AS id, address FROM message_addresses
                WHERE substr(address, \(position) + 1) IN (\(placeholders(Self.inListSize)))
                   OR address LIKE '%@%@%'
                """, list
            ) { row in try body(try row.requiredInt("id"), try row.requiredText("address")) }
        }
    }

    /// Each message that names failed recipients (a bounce), with them (`messages_bounces` finds them).
    public func forEachBounce(_ body: (_ messageID: Int64, _ failedRecipients: [String]) throws -> Void) throws {
        try database.forEachRow(
            "SELECT id, failed_recipients FROM messages WHERE failed_recipients IS NOT NULL", []
        ) { row in
            let failed = try row.requiredText("failed_recipients").split(separator: " ").map(String.init)
            try body(try row.requiredInt("id"), failed)
        }
    }

    /// The ids of the messages that name one of `messageIDs` (Message-IDs) in their references.
    public func messagesReferencing(_ messageIDs: [String]) throws -> Set<Int64> {
        var ids: Set<Int64> = []
        for list in Self.inLists(messageIDs.map(SQLValue.text)) {
            try database.forEachRow(
                "SELECT DISTINCT message_id AS id FROM message_refs WHERE ref IN (\(placeholders(Self.inListSize)))",
                list
            ) { row in ids.insert(try row.requiredInt("id")) }
        }
        return ids
    }

    /// `ids` in the order matching reads messages (`messagePage`): without a date first, by id, then by date and
    /// id. Ids of no stored message are left out.
    public func matchOrder(_ ids: Set<Int64>) throws -> [Int64] {
        var keys: [(sentAt: Int64?, id: Int64)] = []
        for list in Self.inLists(ids.sorted().map(SQLValue.integer)) {
            try database.forEachRow(
                "SELECT id, sent_at FROM messages WHERE id IN (\(placeholders(Self.inListSize)))", list
            ) { row in keys.append((row.int("sent_at"), try row.requiredInt("id"))) }
        }
        return keys.sorted { a, b in
            switch (a.sentAt, b.sentAt) {
            case (nil, nil): a.id < b.id
            case (nil, _): true
            case (_, nil): false
            case (let x?, let y?): x != y ? x < y : a.id < b.id
            }
        }.map(\.id)
    }

    /// The stored messages with `ids` (in `matchOrder`), with their parties and references, handed to `body` a
    /// piece of at most `inListSize` at a time, in that order.
    public func forEachMessage(inMatchOrder ids: [Int64], _ body: ([MessageRecord]) throws -> Void) throws {
        for list in Self.inLists(ids.map(SQLValue.integer)) {
            try body(try messages(where: "m.id IN (\(placeholders(Self.inListSize)))", list))
        }
    }
}
