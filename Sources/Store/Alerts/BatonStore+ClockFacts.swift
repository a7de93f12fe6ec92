/// One lead's facts as SLA clocks read them, straight from the store's rows.
public struct ClockFacts: Sendable, Equatable {
    public var leadID: Int64
    public var source: String?
    /// The owner's primary rep address, or nil when the lead has no owner or its owner is not a known rep.
    public var owner: String?
    /// The owner's team, when the owner is a known rep with one.
    public var ownerTeam: String?
    public var createdAt: Int64?
    public var mqlAt: Int64?
    public var assignedAt: Int64?
    /// Stage history in time order: (time, stage id).
    public var stages: [(at: Int64, stage: String)]
    /// Owner history in time order: (time, primary rep address or nil).
    public var owners: [(at: Int64, owner: String?)]
    /// Interactions in time order.
    public var interactions: [Interaction]

    /// One interaction row with what clocks need of its meeting.
    public struct Interaction: Sendable, Equatable {
        /// `email`, `meeting` or `manual`.
        public var type: String
        public var direction: String?
        /// The email's kind (`message`, `auto_reply`, `bounce`, `bulk`).
        public var kind: String?
        public var time: Int64
        public var rep: String?
        public var meetingEnd: Int64?
        /// The meeting is cancelled, or the lead declined it.
        public var meetingOff: Bool
    }

    public static func == (a: ClockFacts, b: ClockFacts) -> Bool {
        a.leadID == b.leadID && a.source == b.source && a.owner == b.owner && a.ownerTeam == b.ownerTeam
            && a.createdAt == b.createdAt && a.mqlAt == b.mqlAt && a.assignedAt == b.assignedAt
            && a.stages.map(\.at) == b.stages.map(\.at) && a.stages.map(\.stage) == b.stages.map(\.stage)
            && a.owners.map(\.at) == b.owners.map(\.at) && a.owners.map(\.owner) == b.owners.map(\.owner)
            && a.interactions == b.interactions
    }
}

extension BatonStore {
    /// Every lead's clock facts (or only `leadIDs`), in four queries whatever the number of leads.
    public func clockFacts(leadIDs: [Int64]? = nil) throws -> [ClockFacts] {
        let filter = leadIDs.map { "WHERE l.id IN (\(placeholders($0.count)))" } ?? ""
        let ids = (leadIDs ?? []).map { SQLValue.integer($0) }
        // An owner address that is an alias resolves to the rep's primary address; an unknown one to NULL.
        var facts: [Int64: ClockFacts] = [:]
        var order: [Int64] = []
        for row in try database.query(
            """
            SELECT l.id, l.source, r.email, r.team, l.created_at, l.mql_at, l.assigned_at
            FROM leads l LEFT JOIN rep_addresses ra ON ra.address = l.owner_email LEFT JOIN reps r ON r.id = ra.rep_id
            \(filter) ORDER BY l.id
            """, ids)
        {
            let id = row.int(0)!
            order.append(id)
            facts[id] = ClockFacts(
                leadID: id, source: row.text(1), owner: row.text(2), ownerTeam: row.text(3), createdAt: row.int(4),
                mqlAt: row.int(5), assignedAt: row.int(6), stages: [], owners: [], interactions: [])
        }
        let historyFilter = leadIDs.map { "WHERE h.lead_id IN (\(placeholders($0.count)))" } ?? ""
        for row in try database.query(
            "SELECT h.lead_id, h.changed_at, h.new_stage FROM stage_history h \(historyFilter) ORDER BY h.changed_at, h.id",
            ids)
        {
            facts[row.int(0)!]?.stages.append((row.int(1)!, row.text(2)!))
        }
        for row in try database.query(
            """
            SELECT h.lead_id, h.changed_at, r.email FROM owner_history h
            LEFT JOIN rep_addresses ra ON ra.address = h.new_owner LEFT JOIN reps r ON r.id = ra.rep_id
            \(historyFilter) ORDER BY h.changed_at, h.id
            """, ids)
        {
            facts[row.int(0)!]?.owners.append((row.int(1)!, row.text(2)))
        }
        let interactionFilter = leadIDs.map { "WHERE i.lead_id IN (\(placeholders($0.count)))" } ?? ""
        for row in try database.query(
            """
            SELECT i.lead_id, i.type, i.direction, i.kind, i.time, i.rep, g.end_at,
                   g.status = 'cancelled' OR EXISTS (
                       SELECT 1 FROM meeting_attendees a JOIN lead_addresses la ON la.address = a.address
                       WHERE a.meeting_id = i.meeting_id AND la.lead_id = i.lead_id AND a.partstat = 'DECLINED')
            FROM interactions i LEFT JOIN meetings g ON g.id = i.meeting_id
            \(interactionFilter) ORDER BY i.time, i.id
            """, ids)
        {
            facts[row.int(0)!]?.interactions.append(
                ClockFacts.Interaction(
                    type: row.text(1)!, direction: row.text(2), kind: row.text(3), time: row.int(4)!, rep: row.text(5),
                    meetingEnd: row.int(6), meetingOff: (row.int(7) ?? 0) != 0))
        }
        return order.map { facts[$0]! }
    }

    /// Logs a touch made outside mail (`baton lead touch`): an outbound interaction matched `manual`. False when
    /// the same touch (lead, time, rep, note) is already logged.
    public func insertManualTouch(leadID: Int64, at time: Int64, rep: String?, note: String?) throws -> Bool {
        try database.transaction {
            let existing = try database.scalar(
                """
                SELECT COUNT(*) FROM interactions WHERE lead_id = ? AND type = 'manual' AND time = ?
                AND rep IS ? AND note IS ?
                """, leadID, time, rep, note)
            if (existing?.int64 ?? 0) > 0 { return false }
            try database.execute(
                """
                INSERT INTO interactions (lead_id, type, direction, rep, time, kind, match, note)
                VALUES (?, 'manual', 'outbound', ?, ?, NULL, 'manual', ?)
                """, leadID, rep, time, note)
            return true
        }
    }
}
