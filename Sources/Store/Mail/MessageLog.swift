import BatonCore
import Foundation

/// The message log (`store.mail`): every message read with its participants and references, where each was seen
/// (sightings), the interactions matching gave it, the iCalendar inputs and the meetings built from them, and the
/// lookups `baton explain` and `baton lead show` make over them. A topic of `BatonStore`: a value holding the
/// store's connection and nothing else, writing inside its caller's unit of work.
public struct MessageLog {
    /// The store's connection.
    let database: any Database

    // MARK: Messages

    /// The message stored under a dedupe key.
    public func messageID(forKey key: String) throws -> Int64? {
        try database.scalar("SELECT id FROM messages WHERE dedupe_key = ?", key)?.int64
    }

    /// The stored message `record` is another copy of: the same dedupe key; else, for an inline-forwarded original
    /// (no Message-ID), a stored message with the same sender, minute and subject; else, when `inlineTwins`, the
    /// inline-forwarded original that this mailbox copy (with a Message-ID) was first seen as (`inlineTwin` true:
    /// the caller may give it its real identity).
    public func storedCopy(of record: MessageRecord, inlineTwins: Bool) throws -> StoredCopy? {
        if let row = try database.query("SELECT id, mailbox_rep FROM messages WHERE dedupe_key = ?", record.dedupeKey)
            .first
        {
            return StoredCopy(id: try row.requiredInt("id"), inlineTwin: false, mailboxRep: row.text("mailbox_rep"))
        }
        guard let from = record.fromAddress, let subject = record.subjectKey, let sent = record.sentAt else {
            return nil
        }
        let minute = sent - ((sent % 60) + 60) % 60
        let form = DedupeKey(rawValue: record.dedupeKey)?.form
        if form == .inline {
            return try fuzzyMessage(from: from, subjectKey: subject, minute: minute, form: nil).map {
                StoredCopy(id: $0, inlineTwin: false, mailboxRep: try mailboxRep(messageID: $0))
            }
        }
        if form == .messageID, inlineTwins,
            let id = try fuzzyMessage(from: from, subjectKey: subject, minute: minute, form: .inline)
        {
            return StoredCopy(id: id, inlineTwin: true, mailboxRep: try mailboxRep(messageID: id))
        }
        return nil
    }

    /// The rep whose mailbox a stored message came from, or nil.
    func mailboxRep(messageID id: Int64) throws -> String? {
        try database.scalar("SELECT mailbox_rep FROM messages WHERE id = ?", id)?.string
    }

    /// Gives a stored message the mailbox rep a later copy of it came with (it had none).
    public func setMailboxRep(messageID id: Int64, rep: String) throws {
        try database.execute("UPDATE messages SET mailbox_rep = ? WHERE id = ?", rep, id)
    }

    /// Replaces a stored message's envelope recipients (`bcc` participants) with `addresses`, in that order.
    public func replaceEnvelopeRecipients(messageID id: Int64, with addresses: [String]) throws {
        try database.execute("DELETE FROM message_addresses WHERE message_id = ? AND role = 'bcc'", id)
        for (position, address) in addresses.enumerated() {
            try database.execute(
                "INSERT INTO message_addresses (message_id, role, position, address) VALUES (?, 'bcc', ?, ?)", id,
                position, address)
        }
    }

    /// A stored message from `from` with this subject key, sent within the minute starting at `minute`, whose key
    /// has the form `form` (any when nil): how a forwarded original meets its mailbox copy.
    public func fuzzyMessage(from: String, subjectKey: String, minute: Int64, form: DedupeKey.Form?) throws -> Int64? {
        let rows = try database.query(
            """
            SELECT id, dedupe_key FROM messages WHERE from_address = ? AND subject_key = ? AND sent_at >= ?
            AND sent_at < ? ORDER BY id
            """, from, subjectKey, minute, minute + 60)
        return rows.first { row in
            form == nil || row.text("dedupe_key").flatMap(DedupeKey.init(rawValue:))?.form == form
        }?
        .int("id")
    }

    /// Whether any message is known only as an inline-forwarded original.
    public func hasInlineMessages() throws -> Bool {
        try database.scalar("SELECT 1 FROM messages WHERE dedupe_key >= 'inline:' AND dedupe_key < 'inline;' LIMIT 1")
            != nil
    }

    /// Gives a message found first as a forwarded original its real Message-ID and key.
    public func rekeyMessage(_ id: Int64, key: String, messageID: String?) throws {
        try database.execute("UPDATE messages SET dedupe_key = ?, message_id = ? WHERE id = ?", key, messageID, id)
    }

    /// Stores a new message with its participants and references; returns its id.
    public func insertMessage(_ m: MessageRecord, scannedAt: Int64) throws -> Int64 {
        let id = try database.insertRow(
            """
            INSERT INTO messages (dedupe_key, message_id, sent_at, time_source, from_address, subject, subject_key,
                                  kind, mailbox_rep, failed_recipients, outcome, outcome_detail, scanned_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            m.dedupeKey, m.messageID, m.sentAt, m.timeSource.rawValue, m.fromAddress, m.subject, m.subjectKey,
            m.kind.rawValue, m.mailboxRep, m.failedRecipients.isEmpty ? nil : m.failedRecipients.joined(separator: " "),
            m.outcome.rawValue,
            m.outcomeDetail, scannedAt)
        var positions: [ParticipantRole: Int] = [:]
        var rows: [[SQLValue]] = []
        for p in m.participants {
            let position = positions[p.role, default: 0]
            positions[p.role] = position + 1
            rows.append([
                .integer(id), .text(p.role.rawValue), .integer(Int64(position)), .text(p.address), p.name.sqlValue,
            ])
        }
        try insertRows(Self.addressInserts, rows)
        try insertRows(Self.refInserts, m.refs.map { [.integer(id), .text($0)] })
        return id
    }

    /// A message's addresses and references go in up to 16 rows a statement: one round trip for a message's
    /// addresses on PostgreSQL, and at most 16 statement shapes to prepare, written once.
    private static let rowsPerInsert = 16
    private static let addressInserts = inserts(
        "INSERT INTO message_addresses (message_id, role, position, address, name) VALUES", columns: 5)
    private static let refInserts = inserts("INSERT OR IGNORE INTO message_refs (message_id, ref) VALUES", columns: 2)

    /// `insert` (an `INSERT … VALUES` without its tuples) with 1 to `rowsPerInsert` tuples of `columns`
    /// parameters: element `n - 1` inserts `n` rows.
    static func inserts(_ insert: String, columns: Int) -> [String] {
        let tuple = "(" + placeholders(columns) + ")"
        return (1...rowsPerInsert).map { insert + " " + Array(repeating: tuple, count: $0).joined(separator: ", ") }
    }

    /// Runs `inserts` (from `inserts(_:columns:)`) for `rows`.
    func insertRows(_ inserts: [String], _ rows: [[SQLValue]]) throws {
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerInsert) {
            let batch = rows[start..<min(start + Self.rowsPerInsert, rows.count)]
            try database.execute(inserts[batch.count - 1], batch.flatMap { $0 })
        }
    }

    /// Records how a message was handled.
    public func setOutcome(_ id: Int64, outcome: MessageOutcome, detail: String?) throws {
        try database.execute(
            "UPDATE messages SET outcome = ?, outcome_detail = ? WHERE id = ?", outcome.rawValue, detail, id)
    }

    /// Every stored message, in time order.
    public func allMessages() throws -> [MessageRecord] {
        var all: [MessageRecord] = []
        try forEachMessagePage { all += $0 }
        return all
    }

    /// Every stored message in time order, handed to `body` a page (`messagePage`) at a time: what matching every
    /// message again holds does not grow with the store.
    public func forEachMessagePage(_ body: ([MessageRecord]) throws -> Void) throws {
        var page = try messagePage(after: nil)
        while let last = page.last, let id = last.id {
            try body(page)
            page = try messagePage(after: MessagePageKey(sentAt: last.sentAt, id: id))
        }
    }

    /// Where a page of `messagePage` ends: the last message's date and id.
    public struct MessagePageKey: Sendable, Equatable {
        public var sentAt: Int64?
        public var id: Int64

        public init(sentAt: Int64?, id: Int64) {
            self.sentAt = sentAt
            self.id = id
        }
    }

    /// The next `limit` stored messages in time order after `after` (from the first when nil): messages without a
    /// date first, by id, then by date and id; a page holds messages of one kind, so the last undated page may be
    /// short. Matching every message again reads them a page at a time, so that what it holds does not grow with
    /// the store. The page is a range of that order, bound as parameters: one statement text whatever the page.
    public func messagePage(after: MessagePageKey?, limit: Int = 1000) throws -> [MessageRecord] {
        let skip = Int64(max(limit, 1) - 1)
        if after == nil || after?.sentAt == nil {
            let from = after?.id ?? Int64.min
            let last = try database.scalar(
                "SELECT id FROM messages WHERE sent_at IS NULL AND id > ? ORDER BY id LIMIT 1 OFFSET ?", from, skip)
            let page = try messages(
                where: "m.sent_at IS NULL AND m.id > ? AND m.id <= ?", [from, last?.int64 ?? Int64.max])
            if !page.isEmpty { return page }
        }
        let (fromTime, fromID) = after.flatMap { a in a.sentAt.map { ($0, a.id) } } ?? (Int64.min, Int64.min)
        let last = try database.query(
            """
            SELECT sent_at, id FROM messages WHERE sent_at >= ? AND (sent_at > ? OR id > ?)
            ORDER BY sent_at, id LIMIT 1 OFFSET ?
            """, fromTime, fromTime, fromID, skip
        ).first
        let (toTime, toID) = (last?.int("sent_at") ?? Int64.max, last?.int("id") ?? Int64.max)
        return try messages(
            where: """
                m.sent_at >= ? AND (m.sent_at > ? OR m.id > ?) AND m.sent_at <= ? AND (m.sent_at < ? OR m.id <= ?)
                """, [fromTime, fromTime, fromID, toTime, toTime, toID])
    }

    /// Messages that matched no lead but name earlier messages: a thread may claim them later.
    public func orphanMessages() throws -> [MessageRecord] {
        // `messages_orphans` (a partial index) finds them without reading every message.
        try messages(
            where: "m.outcome = 'no_known_party' AND EXISTS (SELECT 1 FROM message_refs r WHERE r.message_id = m.id)")
    }

    /// Messages selected by a fixed condition of this module (never input; `values` bound to its parameters), with
    /// participants and references. The condition picks few messages through an index, so each query starts from
    /// the messages it picks (a `CROSS JOIN` keeps SQLite to that order, and `+m.sent_at` keeps it from walking
    /// every message in time order to avoid a sort).
    func messages(where condition: String, _ values: [any SQLBindable] = []) throws -> [MessageRecord] {
        let values = values.map(\.sqlValue)
        var participants: [Int64: [ParticipantRecord]] = [:]
        let addressRows = try database.query(
            """
            SELECT a.message_id AS message_id, a.role AS role, a.address AS address, a.name AS name
            FROM messages m CROSS JOIN message_addresses a ON a.message_id = m.id
            WHERE \(condition) ORDER BY a.message_id, a.role, a.position
            """, values)
        let address = ResultColumns(addressRows)
        let (addressMessage, role, addressText, name) = (
            address["message_id"], address["role"], address["address"], address["name"]
        )
        for row in addressRows {
            participants[try row.requiredInt(addressMessage), default: []].append(
                ParticipantRecord(
                    role: try row.word(role), address: try row.requiredText(addressText), name: row.text(name)))
        }
        var refs: [Int64: [String]] = [:]
        let refRows = try database.query(
            """
            SELECT r.message_id AS message_id, r.ref AS ref
            FROM messages m CROSS JOIN message_refs r ON r.message_id = m.id WHERE \(condition) ORDER BY r.message_id, r.rowid
            """, values)
        let refColumns = ResultColumns(refRows)
        let (refMessage, ref) = (refColumns["message_id"], refColumns["ref"])
        for row in refRows {
            refs[try row.requiredInt(refMessage), default: []].append(try row.requiredText(ref))
        }
        // Messages without a date first, as SQLite sorts NULL; PostgreSQL sorts it last unless told.
        let nullsFirst = database.dialect == .postgres ? " NULLS FIRST" : ""
        let rows = try database.query(
            """
            SELECT m.id AS id, m.dedupe_key AS dedupe_key, m.message_id AS message_id, m.sent_at AS sent_at,
                   m.time_source AS time_source, m.from_address AS from_address, m.subject AS subject,
                   m.subject_key AS subject_key, m.kind AS kind, m.mailbox_rep AS mailbox_rep,
                   m.failed_recipients AS failed_recipients, m.outcome AS outcome, m.outcome_detail AS outcome_detail
            FROM messages m WHERE \(condition) ORDER BY +m.sent_at\(nullsFirst), m.id
            """, values)
        let columns = MessageColumns(ResultColumns(rows))
        return try rows.map { row in
            let id = try row.requiredInt(columns.id)
            // Participants come back grouped by role; put them in from, to, cc, bcc order as written.
            let order: [ParticipantRole: Int] = [.from: 0, .to: 1, .cc: 2, .bcc: 3]
            let people = (participants[id] ?? []).enumerated().sorted {
                (order[$0.element.role] ?? 3, $0.offset) < (order[$1.element.role] ?? 3, $1.offset)
            }.map(\.element)
            return try Self.message(row, columns: columns, participants: people, refs: refs[id] ?? [])
        }
    }

    /// A `messages` row (selected with its column names, resolved in `columns`) with its participants and
    /// references.
    static func message(_ row: Row, columns c: MessageColumns, participants: [ParticipantRecord], refs: [String])
        throws -> MessageRecord
    {
        var record = MessageRecord(
            dedupeKey: try row.requiredText(c.dedupeKey), messageID: row.text(c.messageID),
            sentAt: row.int(c.sentAt), timeSource: try row.word(c.timeSource),
            fromAddress: row.text(c.fromAddress), subject: row.text(c.subject), subjectKey: row.text(c.subjectKey),
            kind: try row.word(c.kind), mailboxRep: row.text(c.mailboxRep),
            failedRecipients: row.text(c.failedRecipients)?.split(separator: " ").map(String.init) ?? [],
            participants: participants, refs: refs, outcome: try row.word(c.outcome),
            outcomeDetail: row.text(c.outcomeDetail))
        record.id = try row.requiredInt(c.id)
        return record
    }

    /// Adds a place a message or meeting was seen; false when it was already recorded there.
    @discardableResult
    public func addSighting(messageID: Int64?, meetingID: Int64?, source: String, location: String, at time: Int64)
        throws -> Bool
    {
        try database.execute(
            """
            INSERT OR IGNORE INTO sightings (message_id, meeting_id, source, location, seen_at) VALUES (?, ?, ?, ?, ?)
            """, messageID, meetingID, source, location, time)
        return database.changes > 0
    }

    /// Forgets where messages were seen in a source (an mbox rewritten by its client is read again).
    public func deleteSightings(source: String) throws {
        try database.execute("DELETE FROM sightings WHERE source = ? AND message_id IS NOT NULL", source)
    }

    /// The messages seen in a source.
    public func messagesSighted(source: String) throws -> Set<Int64> {
        Set(
            try database.query(
                "SELECT DISTINCT message_id FROM sightings WHERE source = ? AND message_id IS NOT NULL", source
            )
            .compactMap { $0.int("message_id") })
    }

    /// Whether a message was already seen in a source (any location).
    public func seen(messageID: Int64, source: String) throws -> Bool {
        try database.scalar(
            "SELECT 1 FROM sightings WHERE IFNULL(message_id, -1) = ? AND IFNULL(meeting_id, -1) = -1 AND source = ? LIMIT 1",
            messageID, source)
            != nil
    }
}

/// The `messages` columns `MessageLog.message(_:columns:participants:refs:)` decodes, resolved once per query.
struct MessageColumns {
    let id: ColumnKey
    let dedupeKey: ColumnKey
    let messageID: ColumnKey
    let sentAt: ColumnKey
    let timeSource: ColumnKey
    let fromAddress: ColumnKey
    let subject: ColumnKey
    let subjectKey: ColumnKey
    let kind: ColumnKey
    let mailboxRep: ColumnKey
    let failedRecipients: ColumnKey
    let outcome: ColumnKey
    let outcomeDetail: ColumnKey

    /// The keys of a query that selects the `messages` columns under their own names.
    init(_ columns: ResultColumns) {
        id = columns["id"]
        dedupeKey = columns["dedupe_key"]
        messageID = columns["message_id"]
        sentAt = columns["sent_at"]
        timeSource = columns["time_source"]
        fromAddress = columns["from_address"]
        subject = columns["subject"]
        subjectKey = columns["subject_key"]
        kind = columns["kind"]
        mailboxRep = columns["mailbox_rep"]
        failedRecipients = columns["failed_recipients"]
        outcome = columns["outcome"]
        outcomeDetail = columns["outcome_detail"]
    }
}
