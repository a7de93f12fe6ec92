import BatonCore

/// New messages with their participants, references, sightings and interactions, held back and written together
/// (`flush`) table by table through `Database.insertRows` (one statement prepared once per table and reused, the
/// messages themselves several to a statement): a first scan stores about seven rows per message, and looking up,
/// binding and running a statement for each, interleaved with the lookups, was most of the writer's time. Each message gets its id when it is queued (one more than
/// the largest stored, which is what SQLite would give it), so its rows can refer to it before it is written.
///
/// Nothing reads what is queued: the caller flushes before anything that reads or changes these tables, and
/// before its transaction ends (`MessageIngestor` does it at the end of each batch and before every step off its
/// path for a plain new message). A batch that fails discards what is queued with its transaction (`discard`).
/// Each table's rows are written in the order they were queued, so the rows and their ids are those the same
/// inserts one at a time would have made.
public final class MessageBuffer {
    let database: Database
    private var nextID: Int64?
    private var messages: [SQLValue] = []
    private var addresses: [SQLValue] = []
    private var refs: [SQLValue] = []
    private var sightings: [SQLValue] = []
    private var interactions: [SQLValue] = []
    /// The dedupe keys of the queued messages: a copy of one of them must be looked up after a flush.
    private var keys: Set<String> = []

    init(database: Database) { self.database = database }

    /// Whether nothing is queued.
    public var isEmpty: Bool { messages.isEmpty && sightings.isEmpty && interactions.isEmpty }

    /// Whether a message with this dedupe key is queued.
    public func holds(key: String) -> Bool { keys.contains(key) }

    /// Queues a new message with its participants and references; returns the id it will have.
    public func insertMessage(_ m: MessageRecord, scannedAt: Int64) throws -> Int64 {
        let id: Int64
        if let nextID {
            id = nextID
        } else {
            id = (try database.scalar("SELECT MAX(id) FROM messages")?.int64 ?? 0) + 1
        }
        nextID = id + 1
        keys.insert(m.dedupeKey)
        messages += [
            .integer(id), .text(m.dedupeKey), m.messageID.sqlValue, m.sentAt.sqlValue, .text(m.timeSource.rawValue),
            m.fromAddress.sqlValue, m.subject.sqlValue, m.subjectKey.sqlValue, .text(m.kind.rawValue),
            m.mailboxRep.sqlValue,
            m.failedRecipients.isEmpty ? .null : .text(m.failedRecipients.joined(separator: " ")),
            .text(m.outcome.rawValue), m.outcomeDetail.sqlValue, .integer(scannedAt),
        ]
        var positions: [ParticipantRole: Int64] = [:]
        for p in m.participants {
            let position = positions[p.role, default: 0]
            positions[p.role] = position + 1
            addresses += [.integer(id), .text(p.role.rawValue), .integer(position), .text(p.address), p.name.sqlValue]
        }
        for ref in m.refs { refs += [.integer(id), .text(ref)] }
        return id
    }

    /// Queues a sighting of a queued or stored message.
    public func addSighting(messageID: Int64, source: String, location: String, at time: Int64) {
        sightings += [.integer(messageID), .text(source), .text(location), .integer(time)]
    }

    /// Queues an interaction of a queued or stored message.
    public func insertInteraction(_ i: InteractionRecord) {
        interactions += [
            .integer(i.leadID), .text(i.type.rawValue), i.messageID.sqlValue, i.meetingID.sqlValue,
            (i.direction?.rawValue).sqlValue, i.rep.sqlValue, .integer(i.time), (i.kind?.rawValue).sqlValue,
            .text(i.match.rawValue), i.note.sqlValue,
        ]
    }

    /// Writes everything queued, messages first (the other rows refer to them).
    public func flush() throws {
        defer { discard() }
        try database.insertRows(
            "INSERT OR FAIL", into: "messages",
            columns: [
                "id", "dedupe_key", "message_id", "sent_at", "time_source", "from_address", "subject", "subject_key",
                "kind", "mailbox_rep", "failed_recipients", "outcome", "outcome_detail", "scanned_at",
            ], values: messages, multiRow: true)
        try database.insertRows(
            into: "message_addresses", columns: ["message_id", "role", "position", "address", "name"],
            values: addresses)
        try database.insertRows("INSERT OR IGNORE", into: "message_refs", columns: ["message_id", "ref"], values: refs)
        try database.insertRows(
            "INSERT OR IGNORE", into: "sightings", columns: ["message_id", "source", "location", "seen_at"],
            values: sightings)
        try database.insertRows(
            into: "interactions",
            columns: [
                "lead_id", "type", "message_id", "meeting_id", "direction", "rep", "time", "kind", "match", "note",
            ],
            values: interactions)
    }

    /// Forgets everything queued (its transaction failed), and the next id with it.
    public func discard() {
        nextID = nil
        keys.removeAll(keepingCapacity: true)
        messages.removeAll(keepingCapacity: true)
        addresses.removeAll(keepingCapacity: true)
        refs.removeAll(keepingCapacity: true)
        sightings.removeAll(keepingCapacity: true)
        interactions.removeAll(keepingCapacity: true)
    }
}

extension MessageLog {
    /// A buffer writing new messages into this store (see `MessageBuffer`).
    public func buffer() -> MessageBuffer { MessageBuffer(database: database) }
}
