import BatonCore

/// The outbox (`store.outbox`): every notification (alert or digest) queued, at most one per key, with its
/// composed bytes and the result of each delivery attempt. A topic of `BatonStore`: a value holding the store's
/// connection and nothing else, writing inside its caller's unit of work.
public struct Outbox {
    /// The store's connection.
    let database: any Database

    static let notificationColumns = """
        id, key, kind, lead_id, policy, clock, episode, episode_started_at, due_at, level, escalation, to_addresses,
        cc_addresses, state, created_at, not_before, next_attempt_at, attempts, last_error, message_id, content,
        sent_at, digest_id
        """

    private func notification(_ row: Row) throws -> NotificationRecord {
        func list(_ text: String?) -> [String] { (text ?? "").split(separator: "\n").map(String.init) }
        var record = NotificationRecord(
            key: try row.requiredText("key"), kind: try row.word("kind"), leadID: row.int("lead_id"),
            policy: row.text("policy"), clock: try row.optionalWord("clock"), episode: row.int("episode").map(Int.init),
            episodeStartedAt: row.int("episode_started_at"), dueAt: row.int("due_at"),
            level: try row.word("level"), escalation: row.int("escalation").map(Int.init),
            to: list(row.text("to_addresses")), cc: list(row.text("cc_addresses")),
            state: try row.word("state"), createdAt: try row.requiredInt("created_at"),
            notBefore: try row.requiredInt("not_before"), messageID: try row.requiredText("message_id"),
            lastError: row.text("last_error"))
        record.id = row.int("id")
        record.nextAttemptAt = try row.requiredInt("next_attempt_at")
        record.attempts = Int(try row.requiredInt("attempts"))
        if case .blob(let bytes) = row["content"] { record.content = bytes }
        record.sentAt = row.int("sent_at")
        record.digestID = row.int("digest_id")
        return record
    }

    /// Queues `record` unless a notification with its key exists (at most one per episode and level, ever);
    /// returns the new row's id, or nil when it existed.
    @discardableResult
    public func queue(_ record: NotificationRecord) throws -> Int64? {
        return try database.insert(
            """
            INSERT INTO notifications (key, kind, lead_id, policy, clock, episode, episode_started_at, due_at, level,
                escalation, to_addresses, cc_addresses, state, created_at, not_before, next_attempt_at, attempts,
                last_error, message_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            ON CONFLICT (key) DO NOTHING
            """,
            [
                .text(record.key), .text(record.kind.rawValue), record.leadID.sqlValue, record.policy.sqlValue,
                record.clock.map(\.rawValue).sqlValue, record.episode.map(Int64.init).sqlValue,
                record.episodeStartedAt.sqlValue,
                record.dueAt.sqlValue, .text(record.level.rawValue), record.escalation.map(Int64.init).sqlValue,
                .text(record.to.joined(separator: "\n")), .text(record.cc.joined(separator: "\n")),
                .text(record.state.rawValue), .integer(record.createdAt), .integer(record.notBefore),
                .integer(record.nextAttemptAt), record.lastError.sqlValue, .text(record.messageID),
            ])
    }

    /// The outbox, oldest first; only `state` when given.
    public func notifications(state: NotificationState? = nil) throws -> [NotificationRecord] {
        if let state {
            return try database.query(
                "SELECT \(Self.notificationColumns) FROM notifications WHERE state = ? ORDER BY id", state.rawValue
            ).map(notification)
        }
        return try database.query("SELECT \(Self.notificationColumns) FROM notifications ORDER BY id").map(notification)
    }

    /// Queued notifications whose time has come: not held by quiet hours or a digest hour, not waiting for a
    /// retry, not carried by a digest.
    public func deliverable(now: Int64) throws -> [NotificationRecord] {
        try database.query(
            """
            SELECT \(Self.notificationColumns) FROM notifications
            WHERE state = 'queued' AND digest_id IS NULL AND not_before <= ? AND next_attempt_at <= ? ORDER BY id
            """, now, now
        ).map(notification)
    }

    /// Keeps the composed bytes, so that every later attempt sends the same message.
    public func setContent(id: Int64, content: [UInt8]) throws {
        try database.execute("UPDATE notifications SET content = ? WHERE id = ?", SQLValue.blob(content), id)
    }

    /// Records an attempt's result; the alerts a digest carries follow its state.
    public func recordAttempt(
        id: Int64, state: NotificationState, attempts: Int, lastError: String?, nextAttemptAt: Int64, sentAt: Int64?
    ) throws {
        try database.transaction {
            try database.execute(
                """
                UPDATE notifications SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ?, sent_at = ?
                WHERE id = ?
                """, state.rawValue, attempts, lastError, nextAttemptAt, sentAt, id)
            try database.execute(
                "UPDATE notifications SET state = ?, last_error = ?, sent_at = ? WHERE digest_id = ?", state.rawValue,
                lastError, sentAt, id)
        }
    }

    /// Cancels a queued notification that no longer applies (its clock stopped before it could be sent).
    public func cancel(id: Int64, reason: String) throws {
        try database.execute(
            "UPDATE notifications SET state = 'cancelled', last_error = ? WHERE id = ? AND state = 'queued'", reason, id
        )
    }

    /// Puts queued alerts into a digest.
    public func attachToDigest(_ ids: [Int64], digestID: Int64) throws {
        for id in ids {
            try database.execute("UPDATE notifications SET digest_id = ? WHERE id = ?", digestID, id)
        }
    }

    /// The alerts a digest carries, oldest first.
    public func digestItems(_ digestID: Int64) throws -> [NotificationRecord] {
        try database.query(
            "SELECT \(Self.notificationColumns) FROM notifications WHERE digest_id = ? ORDER BY id", digestID
        ).map(notification)
    }

    /// Message-IDs of the alerts already queued or sent about a lead, oldest first (to thread the next one).
    public func alertMessageIDs(leadID: Int64) throws -> [String] {
        try database.query(
            """
            SELECT message_id FROM notifications
            WHERE lead_id = ? AND kind = 'alert' AND state IN ('queued', 'sent') ORDER BY id
            """, leadID
        ).compactMap { $0.text("message_id") }
    }
    /// The notifications about these leads, oldest first.
    public func notifications(leadIDs: [Int64]) throws -> [NotificationRecord] {
        guard !leadIDs.isEmpty else { return [] }
        return try notifications().filter { $0.leadID.map(leadIDs.contains) ?? false }
    }
}
