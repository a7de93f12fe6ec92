import BatonCore

/// The history clocks are worked out from (`store.clocks`): each lead's source, owner, dates, stage and owner
/// changes and interactions, read for every lead in four queries. A topic of `BatonStore`: a value holding the
/// store's connection and nothing else.
public struct ClockHistory {
    /// The store's connection.
    let database: any Database

    /// The interactions of the leads in `chunks` read in one pass over the table (`HistorySpill`), for
    /// `facts(leadIDs:spilled:)` to take chunk by chunk (`HistorySpill.chunk`); nil on PostgreSQL, or when no
    /// temporary file can be written next to the store.
    public func spill(_ chunks: [[Int64]]) throws -> HistorySpill? {
        guard let database = database as? SQLiteDatabase else { return nil }
        return try HistorySpill.read(database, chunks: chunks)
    }

    /// An upper bound of the number of interaction rows, read from the table's last row id without counting.
    public func interactionRowBound() throws -> Int {
        Int(try database.scalar("SELECT MAX(id) FROM interactions")?.int64 ?? 0)
    }

    /// Every lead's clock facts (or only `leadIDs`), in four queries whatever the number of leads. With
    /// `spilled` (a chunk whose leads are `leadIDs`), the interactions come from the spill instead of the fourth
    /// query, unless another connection has written since the spill read them.
    public func facts(leadIDs: [Int64]? = nil, spilled: HistorySpill.Chunk? = nil) throws -> [ClockFacts] {
        let list = leadIDs.map { inList($0.map(SQLValue.integer)) }
        let filter = list.map { "WHERE l.id IN (\($0.placeholders))" } ?? ""
        let ids = list?.values ?? []
        // An owner address that is an alias resolves to the rep's primary address; an unknown one to NULL.
        var facts: [Int64: ClockFacts] = [:]
        var order: [Int64] = []
        let leads = try database.query(
            """
            SELECT l.id AS id, l.source AS source, r.email AS owner, r.team AS owner_team, l.created_at AS created_at,
                   l.mql_at AS mql_at, l.assigned_at AS assigned_at
            FROM leads l LEFT JOIN rep_addresses ra ON ra.address = l.owner_email LEFT JOIN reps r ON r.id = ra.rep_id
            \(filter) ORDER BY l.id
            """, ids)
        let lead = ResultColumns(leads)
        let (leadRowID, source, owner, ownerTeam) = (lead["id"], lead["source"], lead["owner"], lead["owner_team"])
        let (createdAt, mqlAt, assignedAt) = (lead["created_at"], lead["mql_at"], lead["assigned_at"])
        for row in leads {
            let id = try row.requiredInt(leadRowID)
            order.append(id)
            facts[id] = ClockFacts(
                leadID: id, source: row.text(source), owner: row.text(owner), ownerTeam: row.text(ownerTeam),
                createdAt: row.int(createdAt), mqlAt: row.int(mqlAt), assignedAt: row.int(assignedAt), stages: [],
                owners: [], interactions: [])
        }
        let historyFilter = list.map { "WHERE h.lead_id IN (\($0.placeholders))" } ?? ""
        let stages = try database.query(
            """
            SELECT h.lead_id AS lead_id, h.changed_at AS changed_at, h.new_stage AS new_stage FROM stage_history h
            \(historyFilter) ORDER BY h.changed_at, h.id
            """, ids)
        let stage = ResultColumns(stages)
        let (stageLead, stageChangedAt, newStage) = (stage["lead_id"], stage["changed_at"], stage["new_stage"])
        for row in stages {
            facts[try row.requiredInt(stageLead)]?.stages.append(
                (try row.requiredInt(stageChangedAt), try row.requiredText(newStage)))
        }
        let owners = try database.query(
            """
            SELECT h.lead_id AS lead_id, h.changed_at AS changed_at, r.email AS owner FROM owner_history h
            LEFT JOIN rep_addresses ra ON ra.address = h.new_owner LEFT JOIN reps r ON r.id = ra.rep_id
            \(historyFilter) ORDER BY h.changed_at, h.id
            """, ids)
        let ownerRow = ResultColumns(owners)
        let (ownerLead, ownerChangedAt, newOwner) = (ownerRow["lead_id"], ownerRow["changed_at"], ownerRow["owner"])
        for row in owners {
            facts[try row.requiredInt(ownerLead)]?.owners.append(
                (try row.requiredInt(ownerChangedAt), row.text(newOwner)))
        }
        if let spilled, let database = database as? SQLiteDatabase, let byLead = try spilled.interactions(database) {
            for (lead, interactions) in byLead { facts[lead]?.interactions = interactions }
            return order.compactMap { facts[$0] }
        }
        let interactionFilter = list.map { "WHERE i.lead_id IN (\($0.placeholders))" } ?? ""
        // Each lead's interactions in time order is all the clocks need: ordered by lead first, SQLite walks the
        // index `interactions_lead` (lead_id, time, then the row id) and sorts nothing, which halves the query.
        // Whether a meeting is off is asked of meetings only: `OR` evaluates both sides, and the correlated
        // subquery, run for every email, opened and closed its four cursors for nothing (`EXPLAIN`: four `OpenRead`s).
        // Streamed, not gathered first: a long history (a lead of 100,000 interactions) would otherwise be held twice,
        // once as rows and once as facts.
        var columns: InteractionColumns?
        try database.forEachRow(
            """
            SELECT \(Self.interactionColumns)
            \(interactionFilter) ORDER BY i.lead_id, i.time, i.id
            """, ids
        ) { row in
            let column = columns ?? InteractionColumns(row)
            columns = column
            facts[try row.requiredInt(column.leadID)]?.interactions.append(
                ClockFacts.Interaction(
                    id: try row.requiredInt(column.id), messageID: row.int(column.messageID),
                    type: try row.word(column.type), direction: try row.optionalWord(column.direction),
                    kind: try row.optionalWord(column.kind), time: try row.requiredInt(column.time),
                    rep: row.text(column.rep), meetingEnd: row.int(column.meetingEnd),
                    meetingOff: (row.int(column.meetingOff) ?? 0) != 0))
        }
        return order.compactMap { facts[$0] }
    }
}

extension ClockHistory {
    /// What the clocks read of each interaction, with the `FROM` clause: the query by lead and `HistorySpill`'s
    /// pass read the same columns in this order (the pass reads them by index). A meeting is off when cancelled or
    /// declined by the lead.
    static let interactionColumns = """
        i.id AS id, i.message_id AS message_id, i.lead_id AS lead_id, i.type AS type,
               i.direction AS direction, i.kind AS kind, i.time AS time, i.rep AS rep, g.end_at AS meeting_end,
               CASE WHEN i.meeting_id IS NULL THEN 0 WHEN g.status = 'cancelled' OR EXISTS (
                   SELECT 1 FROM meeting_attendees a JOIN lead_addresses la ON la.address = a.address
                   WHERE a.meeting_id = i.meeting_id AND la.lead_id = i.lead_id AND a.partstat = 'DECLINED'
               ) THEN 1 ELSE 0 END AS meeting_off
        FROM interactions i LEFT JOIN meetings g ON g.id = i.meeting_id
        """
}

/// The columns of the interactions query, resolved once from its first row and read by index on every row.
private struct InteractionColumns {
    let id: ColumnKey
    let messageID: ColumnKey
    let leadID: ColumnKey
    let type: ColumnKey
    let direction: ColumnKey
    let kind: ColumnKey
    let time: ColumnKey
    let rep: ColumnKey
    let meetingEnd: ColumnKey
    let meetingOff: ColumnKey

    init(_ row: Row) {
        (id, messageID, leadID) = (row.key("id"), row.key("message_id"), row.key("lead_id"))
        (type, direction, kind, time) = (row.key("type"), row.key("direction"), row.key("kind"), row.key("time"))
        (rep, meetingEnd, meetingOff) = (row.key("rep"), row.key("meeting_end"), row.key("meeting_off"))
    }
}
