/// What one source (a `sightings.source` value: a mailbox file, a Maildir or drop folder, a calendar file) holds,
/// as `baton report`'s capture health reads it.
public struct SourceActivity: Sendable, Equatable {
    /// The source as sightings name it (an expanded path).
    public var source: String
    /// Messages whose first sighting in this source falls in the period.
    public var messages: Int
    /// Of those, the ones whose outcome is `matched`.
    public var matchedMessages: Int
    /// Meetings whose first sighting in this source falls in the period.
    public var meetings: Int
    /// Of those, the ones with an interaction with a lead.
    public var matchedMeetings: Int
    /// The newest `sent_at` at or before `now` of any message ever seen here.
    public var lastMessageAt: Int64?
    /// The newest start at or before `now` of any meeting ever seen here.
    public var lastMeetingAt: Int64?

    public init(
        source: String, messages: Int = 0, matchedMessages: Int = 0, meetings: Int = 0, matchedMeetings: Int = 0,
        lastMessageAt: Int64? = nil, lastMeetingAt: Int64? = nil
    ) {
        self.source = source
        self.messages = messages
        self.matchedMessages = matchedMessages
        self.meetings = meetings
        self.matchedMeetings = matchedMeetings
        self.lastMessageAt = lastMessageAt
        self.lastMeetingAt = lastMeetingAt
    }
}

/// One lead's part in one meeting, as the report's meeting section reads it.
public struct MeetingParticipation: Sendable, Equatable {
    public var meetingID: Int64
    public var leadID: Int64
    public var startAt: Int64
    /// The meeting's status as stored (`cancelled` when called off).
    public var status: String
    /// One of the lead's addresses declined it.
    public var declinedByLead: Bool
    /// The rep of the interaction, when known.
    public var rep: String?

    public init(meetingID: Int64, leadID: Int64, startAt: Int64, status: String, declinedByLead: Bool, rep: String?) {
        self.meetingID = meetingID
        self.leadID = leadID
        self.startAt = startAt
        self.status = status
        self.declinedByLead = declinedByLead
        self.rep = rep
    }
}

extension BatonStore {
    /// Per source, the messages and meetings first seen there in `[since, until)` and the newest item ever seen
    /// there at or before `now`; sources in name order.
    public func sourceActivity(since: Int64, until: Int64, now: Int64) throws -> [SourceActivity] {
        var bySource: [String: SourceActivity] = [:]
        func update(_ source: String, _ body: (inout SourceActivity) -> Void) {
            var activity = bySource[source] ?? SourceActivity(source: source)
            body(&activity)
            bySource[source] = activity
        }
        for row in try database.query(
            """
            SELECT f.source, COUNT(*), SUM(CASE WHEN m.outcome = 'matched' THEN 1 ELSE 0 END)
            FROM (SELECT source, message_id, MIN(seen_at) AS first_seen FROM sightings
                  WHERE message_id IS NOT NULL GROUP BY source, message_id) f
            JOIN messages m ON m.id = f.message_id
            WHERE f.first_seen >= ? AND f.first_seen < ?
            GROUP BY f.source
            """, since, until)
        {
            update(row.text(0)!) {
                $0.messages = Int(row.int(1) ?? 0)
                $0.matchedMessages = Int(row.int(2) ?? 0)
            }
        }
        for row in try database.query(
            """
            SELECT f.source, COUNT(*),
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM interactions i WHERE i.meeting_id = f.meeting_id)
                       THEN 1 ELSE 0 END)
            FROM (SELECT source, meeting_id, MIN(seen_at) AS first_seen FROM sightings
                  WHERE meeting_id IS NOT NULL GROUP BY source, meeting_id) f
            WHERE f.first_seen >= ? AND f.first_seen < ?
            GROUP BY f.source
            """, since, until)
        {
            update(row.text(0)!) {
                $0.meetings = Int(row.int(1) ?? 0)
                $0.matchedMeetings = Int(row.int(2) ?? 0)
            }
        }
        for row in try database.query(
            """
            SELECT s.source, MAX(m.sent_at) FROM sightings s JOIN messages m ON m.id = s.message_id
            WHERE m.sent_at <= ? GROUP BY s.source
            """, now)
        {
            update(row.text(0)!) { $0.lastMessageAt = row.int(1) }
        }
        for row in try database.query(
            """
            SELECT s.source, MAX(g.start_at) FROM sightings s JOIN meetings g ON g.id = s.meeting_id
            WHERE g.start_at <= ? GROUP BY s.source
            """, now)
        {
            update(row.text(0)!) { $0.lastMeetingAt = row.int(1) }
        }
        return bySource.keys.sorted().map { bySource[$0]! }
    }

    /// The addresses (every role) of the messages matched to nobody (`no_known_party`) whose first sighting
    /// anywhere falls in `[since, until)`, as (message row id, address), in message then address order.
    public func unmatchedMessageAddresses(since: Int64, until: Int64) throws -> [(message: Int64, address: String)] {
        try database.query(
            """
            SELECT DISTINCT a.message_id, a.address FROM message_addresses a JOIN messages m ON m.id = a.message_id
            WHERE m.outcome = 'no_known_party'
              AND (SELECT MIN(s.seen_at) FROM sightings s WHERE s.message_id = m.id) >= ?
              AND (SELECT MIN(s.seen_at) FROM sightings s WHERE s.message_id = m.id) < ?
            ORDER BY a.message_id, a.address
            """, since, until
        ).map { ($0.int(0)!, $0.text(1)!) }
    }

    /// Every meeting interaction: which lead took part in which meeting, its status, and whether the lead
    /// declined; in meeting start, meeting and lead order.
    public func meetingParticipations() throws -> [MeetingParticipation] {
        try database.query(
            """
            SELECT g.id, i.lead_id, g.start_at, g.status, i.rep,
                   EXISTS (SELECT 1 FROM meeting_attendees a JOIN lead_addresses la ON la.address = a.address
                           WHERE a.meeting_id = g.id AND la.lead_id = i.lead_id AND a.partstat = 'DECLINED')
            FROM interactions i JOIN meetings g ON g.id = i.meeting_id
            WHERE i.type = 'meeting'
            ORDER BY g.start_at, g.id, i.lead_id
            """
        ).map {
            MeetingParticipation(
                meetingID: $0.int(0)!, leadID: $0.int(1)!, startAt: $0.int(2)!, status: $0.text(3)!,
                declinedByLead: ($0.int(5) ?? 0) != 0, rep: $0.text(4))
        }
    }
}
