import BatonCore

/// A stored message with everything `baton explain` shows about it: the record as matching sees it, when it was
/// first scanned, every place it was seen and the interactions it gave.
public struct StoredMessage: Sendable, Equatable {
    /// The message as matching sees it (participants in from, to, cc order), with its id, outcome and detail.
    public var record: MessageRecord
    /// When a scan first stored it (UTC seconds).
    public var scannedAt: Int64
    /// Every place it was seen, in the order they were recorded.
    public var sightings: [StoredSighting]
    /// Its interactions, one per lead, by lead id.
    public var interactions: [InteractionRecord]
}

/// One place a message was seen, and when a scan first saw it there.
public struct StoredSighting: Sendable, Equatable {
    /// The configured source's path (mbox file, Maildir or drop folder).
    public var source: String
    /// Where in the source: `@offset` in an mbox, the unique name in a Maildir, `processed/NAME#n` in a drop folder.
    public var location: String
    /// When a scan recorded it (UTC seconds).
    public var seenAt: Int64
}

extension MessageLog {
    /// The stored message whose Message-ID is `messageID` (without angle brackets); an exact match first, else
    /// one that differs only in case.
    public func storedMessage(messageID: String) throws -> StoredMessage? {
        if let id = try database.scalar("SELECT id FROM messages WHERE message_id = ? ORDER BY id LIMIT 1", messageID)?
            .int64
        {
            return try storedMessage(id: id)
        }
        guard
            let id = try database.scalar(
                "SELECT id FROM messages WHERE lower(message_id) = lower(?) ORDER BY id LIMIT 1", messageID)?.int64
        else { return nil }
        return try storedMessage(id: id)
    }

    /// The stored message with this row id, with its participants, references, sightings and interactions.
    public func storedMessage(id: Int64) throws -> StoredMessage? {
        guard
            let row = try database.query(
                """
                SELECT id, dedupe_key, message_id, sent_at, time_source, from_address, subject, subject_key, kind,
                       mailbox_rep, failed_recipients, outcome, outcome_detail, scanned_at
                FROM messages WHERE id = ?
                """, id
            ).first
        else { return nil }
        let order: [ParticipantRole: Int] = [.from: 0, .to: 1, .cc: 2, .bcc: 3]
        let participants = try database.query(
            "SELECT role, address, name, position FROM message_addresses WHERE message_id = ?", id
        ).map {
            (
                ParticipantRecord(
                    role: try $0.word("role"), address: try $0.requiredText("address"), name: $0.text("name")),
                $0.int("position") ?? 0
            )
        }
        .sorted { (order[$0.0.role] ?? 3, $0.1) < (order[$1.0.role] ?? 3, $1.1) }.map(\.0)
        let refs = try database.query("SELECT ref FROM message_refs WHERE message_id = ? ORDER BY rowid", id)
            .compactMap { $0.text("ref") }
        let record = try Self.message(
            row, columns: MessageColumns(ResultColumns([row])), participants: participants, refs: refs)
        let sightings = try database.query(
            "SELECT source, location, seen_at FROM sightings WHERE message_id = ? ORDER BY id", id
        ).map {
            StoredSighting(
                source: try $0.requiredText("source"), location: try $0.requiredText("location"),
                seenAt: try $0.requiredInt("seen_at"))
        }
        return StoredMessage(
            record: record, scannedAt: try row.requiredInt("scanned_at"), sightings: sightings,
            interactions: try interactions(messageID: id))
    }

    /// The ids among `refs` (Message-IDs without brackets) that belong to stored messages, in the order given.
    public func storedReferences(_ refs: [String]) throws -> [String] {
        guard !refs.isEmpty else { return [] }
        let list = inList(refs.map { SQLValue.text(DedupeKey.messageID($0).rawValue) })
        let stored = Set(
            try database.query(
                "SELECT dedupe_key FROM messages WHERE dedupe_key IN (\(list.placeholders))", list.values
            ).compactMap {
                if case .messageID(let id)? = $0.text("dedupe_key").flatMap(DedupeKey.init(rawValue:)) {
                    id
                } else {
                    nil
                }
            })
        return refs.filter { stored.contains($0) }
    }

}
