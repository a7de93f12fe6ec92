import BatonCore

/// The history clocks are worked out from (`store.clocks`): each lead's source, owner, dates, stage and owner
/// changes and interactions, read for every lead in four queries. A topic of `BatonStore`: a value holding the
/// store's connection and nothing else.
public struct ClockHistory {
    /// The store's connection.
    let database: Database

    /// Every lead's clock facts (or only `leadIDs`), in four queries whatever the number of leads.
    public func facts(leadIDs: [Int64]? = nil) throws -> [ClockFacts] {
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
            SELECT i.lead_id, i.type AS type, i.direction AS direction, i.kind AS kind, i.time, i.rep, g.end_at,
                   g.status = 'cancelled' OR EXISTS (
                       SELECT 1 FROM meeting_attendees a JOIN lead_addresses la ON la.address = a.address
                       WHERE a.meeting_id = i.meeting_id AND la.lead_id = i.lead_id AND a.partstat = 'DECLINED')
            FROM interactions i LEFT JOIN meetings g ON g.id = i.meeting_id
            \(interactionFilter) ORDER BY i.time, i.id
            """, ids)
        {
            facts[row.int(0)!]?.interactions.append(
                ClockFacts.Interaction(
                    type: try row.word("type"), direction: try row.optionalWord("direction"),
                    kind: try row.optionalWord("kind"), time: row.int(4)!, rep: row.text(5), meetingEnd: row.int(6),
                    meetingOff: (row.int(7) ?? 0) != 0))
        }
        return order.map { facts[$0]! }
    }
}
