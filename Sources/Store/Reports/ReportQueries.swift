import BatonCore

/// What one configured source holds (a mailbox file, a Maildir or drop folder, the calendar files of a glob), as
/// `baton report`'s capture health reads it. A message or meeting sighted in several of the source's files
/// counts once.
public struct SourceActivity: Sendable, Equatable {
    /// Messages whose first sighting in the source falls in the period.
    public var messages: Int
    /// Of those, the ones whose outcome is `matched`.
    public var matchedMessages: Int
    /// Meetings whose first sighting in the source falls in the period.
    public var meetings: Int
    /// Of those, the ones with an interaction with a lead.
    public var matchedMeetings: Int
    /// The newest `sent_at` at or before `now` of any message ever seen there.
    public var lastMessageAt: Int64?
    /// The newest change (`DTSTAMP`, else start) at or before `now` of any meeting ever seen there.
    public var lastMeetingAt: Int64?

    /// Activity with the given counts (none by default).
    public init(
        messages: Int = 0, matchedMessages: Int = 0, meetings: Int = 0, matchedMeetings: Int = 0,
        lastMessageAt: Int64? = nil, lastMeetingAt: Int64? = nil
    ) {
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
    /// The meeting's row id.
    public var meetingID: Int64
    /// The lead's row id.
    public var leadID: Int64
    /// The meeting's start.
    public var startAt: Int64
    /// The meeting's status as stored (`cancelled` when called off).
    public var status: MeetingStatus
    /// One of the lead's addresses declined it.
    public var declinedByLead: Bool
    /// The rep of the interaction, when known.
    public var rep: String?

    /// A participation as the store reads it.
    public init(
        meetingID: Int64, leadID: Int64, startAt: Int64, status: MeetingStatus, declinedByLead: Bool, rep: String?
    ) {
        self.meetingID = meetingID
        self.leadID = leadID
        self.startAt = startAt
        self.status = status
        self.declinedByLead = declinedByLead
        self.rep = rep
    }
}

/// The queries `baton report` makes over the store (`store.reports`): what each source captured, the addresses of
/// unmatched mail, the meetings leads took part in. A topic of `BatonStore`: a value holding the store's connection
/// and nothing else; it only reads.
public struct ReportQueries {
    /// The store's connection.
    let database: any Database

    /// The messages and meetings first seen in `[since, until)` in the sources named `path` (with `isGlob`, the
    /// sightings whose source matches it as an SQLite `GLOB` pattern), and the newest item ever seen there at or
    /// before `now`.
    public func sourceActivity(path: String, isGlob: Bool, since: Int64, until: Int64, now: Int64) throws
        -> SourceActivity
    {
        let source: String
        var path = path
        switch (isGlob, database.dialect) {
        case (false, _): source = "s.source = ?"
        case (true, .sqlite): source = "s.source GLOB ?"
        case (true, .postgres):
            source = "s.source ~ ?"
            path = PostgresDialect.regex(glob: path)
        }
        var activity = SourceActivity()
        if let row = try database.query(
            """
            SELECT COUNT(*) AS messages, SUM(CASE WHEN m.outcome = 'matched' THEN 1 ELSE 0 END) AS matched
            FROM (SELECT s.message_id, MIN(s.seen_at) AS first_seen FROM sightings s
                  WHERE s.message_id IS NOT NULL AND \(source) GROUP BY s.message_id) f
            JOIN messages m ON m.id = f.message_id
            WHERE f.first_seen >= ? AND f.first_seen < ?
            """, path, since, until
        ).first {
            activity.messages = Int(row.int("messages") ?? 0)
            activity.matchedMessages = Int(row.int("matched") ?? 0)
        }
        if let row = try database.query(
            """
            SELECT COUNT(*) AS meetings,
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM interactions i WHERE i.meeting_id = f.meeting_id)
                       THEN 1 ELSE 0 END) AS matched
            FROM (SELECT s.meeting_id, MIN(s.seen_at) AS first_seen FROM sightings s
                  WHERE s.meeting_id IS NOT NULL AND \(source) GROUP BY s.meeting_id) f
            WHERE f.first_seen >= ? AND f.first_seen < ?
            """, path, since, until
        ).first {
            activity.meetings = Int(row.int("meetings") ?? 0)
            activity.matchedMeetings = Int(row.int("matched") ?? 0)
        }
        activity.lastMessageAt = try database.scalar(
            """
            SELECT MAX(m.sent_at) FROM sightings s JOIN messages m ON m.id = s.message_id
            WHERE \(source) AND m.sent_at <= ?
            """, path, now)?.int64
        activity.lastMeetingAt = try database.scalar(
            """
            SELECT MAX(COALESCE(g.stamp, g.start_at)) FROM sightings s JOIN meetings g ON g.id = s.meeting_id
            WHERE \(source) AND COALESCE(g.stamp, g.start_at) <= ?
            """, path, now)?.int64
        return activity
    }

    /// The addresses (every role) of the messages matched to nobody (`no_known_party`) whose first sighting
    /// anywhere falls in `[since, until)`, as (message row id, address), in message then address order.
    public func unmatchedMessageAddresses(since: Int64, until: Int64) throws -> [(message: Int64, address: String)] {
        try database.query(
            """
            SELECT DISTINCT a.message_id AS message_id, a.address AS address FROM message_addresses a JOIN messages m ON m.id = a.message_id
            WHERE m.outcome = 'no_known_party'
              AND (SELECT MIN(s.seen_at) FROM sightings s WHERE s.message_id = m.id) >= ?
              AND (SELECT MIN(s.seen_at) FROM sightings s WHERE s.message_id = m.id) < ?
            ORDER BY a.message_id, a.address
            """, since, until
        ).map { (try $0.requiredInt("message_id"), try $0.requiredText("address")) }
    }

    /// Every meeting interaction: which lead took part in which meeting, its status, and whether the lead
    /// declined; in meeting start, meeting and lead order.
    public func meetingParticipations() throws -> [MeetingParticipation] {
        try database.query(
            """
            SELECT g.id AS meeting_id, i.lead_id AS lead_id, g.start_at AS start_at, g.status AS status, i.rep AS rep,
                   EXISTS (SELECT 1 FROM meeting_attendees a JOIN lead_addresses la ON la.address = a.address
                           WHERE a.meeting_id = g.id AND la.lead_id = i.lead_id AND a.partstat = 'DECLINED')
                   AS declined
            FROM interactions i JOIN meetings g ON g.id = i.meeting_id
            WHERE i.type = 'meeting'
            ORDER BY g.start_at, g.id, i.lead_id
            """
        ).map {
            MeetingParticipation(
                meetingID: try $0.requiredInt("meeting_id"), leadID: try $0.requiredInt("lead_id"),
                startAt: try $0.requiredInt("start_at"), status: try $0.word("status"),
                declinedByLead: ($0.int("declined") ?? 0) != 0, rep: $0.text("rep"))
        }
    }
}
