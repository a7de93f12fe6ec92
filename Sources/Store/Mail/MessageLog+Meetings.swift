import BatonCore

extension MessageLog {
    /// What saving a calendar input did.
    public enum CalendarInputSaved: Sendable, Equatable {
        /// The same content was kept there already.
        case unchanged
        /// Nothing was kept there before.
        case added
        /// Other content was kept there, now replaced.
        case replaced
    }

    /// Keeps one iCalendar input, and says whether it is new there or replaced other content.
    @discardableResult
    public func saveCalendarInput(source: String, location: String, hash: String, content: [UInt8]) throws
        -> CalendarInputSaved
    {
        let old = try database.scalar(
            "SELECT content_hash FROM calendar_inputs WHERE source = ? AND location = ?", source, location)?.string
        if old == hash { return .unchanged }
        try database.execute(
            """
            INSERT INTO calendar_inputs (source, location, content_hash, content) VALUES (?, ?, ?, ?)
            ON CONFLICT (source, location) DO UPDATE SET content_hash = excluded.content_hash,
                content = excluded.content
            """, source, location, hash, SQLValue.blob(content))
        return old == nil ? .added : .replaced
    }

    /// Every iCalendar input kept, with where it was seen, in a stable order.
    public func calendarInputs() throws -> [(source: String, location: String, content: [UInt8])] {
        try database.query("SELECT source, location, content FROM calendar_inputs ORDER BY source, location").map {
            let bytes: [UInt8]
            if case .blob(let b) = $0["content"] { bytes = b } else { bytes = Array(($0.text("content") ?? "").utf8) }
            return (try $0.requiredText("source"), try $0.requiredText("location"), bytes)
        }
    }

    /// The stored meeting occurrences with their ids: all of them, or those of the UIDs `uids` (a few hundred at
    /// most: one parameter each).
    public func meetings(uids: [String]? = nil) throws -> [MeetingRecord] {
        let list = uids.map { inList($0.map(SQLValue.text)) }
        let only = list.map { "uid IN (\($0.placeholders))" }
        let parameters = list?.values ?? []
        var attendees: [Int64: [MeetingAttendeeRecord]] = [:]
        for row in try database.query(
            """
            SELECT meeting_id, address, name, partstat, role FROM meeting_attendees
            \(only.map { "WHERE meeting_id IN (SELECT id FROM meetings WHERE \($0))" } ?? "") ORDER BY meeting_id, rowid
            """, parameters)
        {
            attendees[try row.requiredInt("meeting_id"), default: []].append(
                MeetingAttendeeRecord(
                    address: try row.requiredText("address"), name: row.text("name"),
                    partstat: try row.requiredText("partstat"), role: try row.requiredText("role")))
        }
        return try database.query(
            """
            SELECT id, uid, recurrence_id, start_at, end_at, summary, organizer, status, sequence, stamp
            FROM meetings \(only.map { "WHERE \($0)" } ?? "") ORDER BY uid, recurrence_id
            """, parameters
        ).map { row in
            let id = try row.requiredInt("id")
            var record = MeetingRecord(
                uid: try row.requiredText("uid"), recurrenceID: try row.requiredText("recurrence_id"),
                startAt: try row.requiredInt("start_at"), endAt: try row.requiredInt("end_at"),
                summary: row.text("summary"), organizer: row.text("organizer"), status: try row.word("status"),
                sequence: Int(try row.requiredInt("sequence")), stamp: row.int("stamp"), attendees: attendees[id] ?? [])
            record.id = id
            return record
        }
    }

    /// The UIDs of the stored meetings, in order.
    public func meetingUIDs() throws -> [String] {
        try database.query("SELECT DISTINCT uid FROM meetings ORDER BY uid").map { try $0.requiredText("uid") }
    }

    /// Inserts or updates a meeting occurrence by UID and recurrence id; returns its id and whether it is new.
    public func upsertMeeting(_ m: MeetingRecord) throws -> (id: Int64, inserted: Bool) {
        let existing = try database.scalar(
            "SELECT id FROM meetings WHERE uid = ? AND recurrence_id = ?", m.uid, m.recurrenceID)?.int64
        let id: Int64
        if let existing {
            try database.execute(
                """
                UPDATE meetings SET start_at = ?, end_at = ?, summary = ?, organizer = ?, status = ?, sequence = ?,
                    stamp = ? WHERE id = ?
                """, m.startAt, m.endAt, m.summary, m.organizer, m.status.rawValue, m.sequence, m.stamp, existing)
            try database.execute("DELETE FROM meeting_attendees WHERE meeting_id = ?", existing)
            id = existing
        } else {
            id = try database.insertRow(
                """
                INSERT INTO meetings (uid, recurrence_id, start_at, end_at, summary, organizer, status, sequence, stamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, m.uid, m.recurrenceID, m.startAt, m.endAt, m.summary, m.organizer, m.status.rawValue, m.sequence,
                m.stamp)
        }
        // An address listed twice keeps its last listing, in that listing's place.
        var last: [String: Int] = [:]
        for (index, a) in m.attendees.enumerated() { last[a.address] = index }
        for (index, a) in m.attendees.enumerated() where last[a.address] == index {
            try database.execute(
                "INSERT INTO meeting_attendees (meeting_id, address, name, partstat, role) VALUES (?, ?, ?, ?, ?)", id,
                a.address, a.name, a.partstat, a.role)
        }
        return (id, existing == nil)
    }

    /// Removes an occurrence that no longer exists (a rescheduled series, a new EXDATE) with its interactions.
    public func deleteMeeting(_ id: Int64) throws {
        try database.execute("DELETE FROM interactions WHERE meeting_id = ?", id)
        try database.execute("DELETE FROM sightings WHERE meeting_id = ?", id)
        try database.execute("DELETE FROM meetings WHERE id = ?", id)
    }
}
