import BatonCore

/// One entry of a lead's timeline (`baton lead show`).
public struct TimelineEntry: Sendable, Equatable {
    public var time: Int64
    /// `email`, `meeting` or `manual`.
    public var type: InteractionType
    public var direction: Direction?
    public var rep: String?
    public var messageID: String?
    /// The email's subject or the meeting's summary.
    public var subject: String?
    public var match: MatchMethod
    /// The email's kind (`message`, `auto_reply`, `bounce`).
    public var kind: MessageKind?
    /// A meeting's state for this lead as of `now` (`scheduled`, `held`, `cancelled`, `declined`); nil for mail.
    public var state: LeadMeetingState?
    public var note: String?
    /// Where an email's time came from: `date` (its Date header), `from_line`, `delivery`, `forward` or `scan`
    /// when the header was missing or absurd; nil for meetings.
    public var timeSource: TimeSource?
    /// Every place it was seen: (source, location).
    public var sightings: [Sighting]

    /// Where a message or meeting was seen.
    public struct Sighting: Sendable, Equatable {
        public var source: String
        public var location: String
    }
}

extension MessageLog {
    /// A lead's interactions in time order, with sightings; meeting states as of `now`.
    public func timeline(leadID: Int64, now: Int64) throws -> [TimelineEntry] {
        let addresses = Set(
            try database.query("SELECT address FROM lead_addresses WHERE lead_id = ?", leadID).compactMap {
                $0.text("address")
            }
        )
        let rows = try database.query(
            """
            SELECT i.time AS time, i.type AS type, i.direction AS direction, i.rep AS rep, m.message_id AS message_id,
                   COALESCE(m.subject, g.summary) AS subject, i.match AS match, i.kind AS kind,
                   g.status AS meeting_status, g.start_at AS meeting_start, i.note AS note, i.message_id AS message_row,
                   i.meeting_id AS meeting_row, m.time_source AS time_source
            FROM interactions i LEFT JOIN messages m ON m.id = i.message_id LEFT JOIN meetings g ON g.id = i.meeting_id
            WHERE i.lead_id = ? ORDER BY i.time, i.id
            """, leadID)
        return try rows.map { row in
            var state: LeadMeetingState?
            if let meetingID = row.int("meeting_row") {
                let declined = try database.query(
                    "SELECT address FROM meeting_attendees WHERE meeting_id = ? AND partstat = 'DECLINED'", meetingID
                ).contains { addresses.contains($0.text("address") ?? "") }
                if row.text("meeting_status") == "cancelled" {
                    state = .cancelled
                } else if declined {
                    state = .declined
                } else {
                    state = (row.int("meeting_start") ?? 0) <= now ? .held : .scheduled
                }
            }
            let sightings = try database.query(
                """
                SELECT source, location FROM sightings WHERE IFNULL(message_id, -1) = ? AND IFNULL(meeting_id, -1) = ?
                ORDER BY id
                """, row.int("message_row") ?? -1, row.int("meeting_row") ?? -1
            ).map {
                TimelineEntry.Sighting(source: try $0.requiredText("source"), location: try $0.requiredText("location"))
            }
            return TimelineEntry(
                time: try row.requiredInt("time"), type: try row.word("type"),
                direction: try row.optionalWord("direction"),
                rep: row.text("rep"), messageID: row.text("message_id"), subject: row.text("subject"),
                match: try row.word("match"),
                kind: try row.optionalWord("kind"), state: state, note: row.text("note"),
                timeSource: try row.optionalWord("time_source"), sightings: sightings)
        }
    }
}
