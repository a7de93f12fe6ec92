import BatonCore
import Store

/// What rebuilding meetings added for one UID.
public struct MeetingCount: Sendable, Equatable {
    /// New meeting occurrences.
    public var meetings = 0
    /// New (meeting, lead) pairs.
    public var interactions = 0

    /// Nothing added yet.
    public init() {}
}

/// Rebuilds the stored meetings from every stored iCalendar input (`MeetingBuilder`) and matches their attendees
/// to leads (`MeetingMatcher`) with the ingestor's directory.
public struct MeetingRebuilder {
    let ingestor: MessageIngestor
    var config: Config { ingestor.config }
    var store: BatonStore { ingestor.store }
    var now: Int64 { ingestor.now }

    /// A rebuilder matching with `ingestor`'s directory.
    public init(ingestor: MessageIngestor) { self.ingestor = ingestor }

    /// How many UIDs' stored meetings one query reads.
    static let uidsPerQuery = 200

    /// Folds every calendar input into meeting occurrences within the window and matches them, in one
    /// transaction; returns, by UID, the occurrences and meeting interactions it added. With `only`, the meetings
    /// of those UIDs alone, the others left as stored: what a scan does when all it brought is new inputs naming
    /// them (a full rebuild at the same moment would store the same rows for them, and change nothing else).
    public func rebuild(only: Set<String>? = nil) throws -> [String: MeetingCount] {
        if let only, only.isEmpty { return [:] }
        var counts: [String: MeetingCount] = [:]
        // Two years back: meetings older than that no longer move a clock or a report; never before the horizon.
        let from = max(now - 2 * 366 * 86_400, ingestor.horizon ?? .min)
        let to = now + config.meetingsHorizon.calendarSeconds
        try store.write {
            let inputs = try store.mail.calendarInputs()
            let matcher = MeetingMatcher(directory: try ingestor.directory)
            // UID by UID: each UID's occurrences built, compared with its stored rows, stored and matched; the
            // stored rows read for 200 UIDs at a time (one query, not one per UID, which a PostgreSQL store pays as
            // a round trip each). Stale rows are deleted after every UID is stored, as when all were built at
            // once (a new row's id is the next after the highest: deleting first could hand a deleted id on).
            var builtUIDs = Set<String>()
            var stale: [Int64] = []
            var pending: [(uid: String, built: [MeetingRecord], inputs: [Int])] = []
            func storePending() throws {
                var storedByUID: [String: [String: MeetingRecord]] = [:]
                for m in try store.mail.meetings(uids: pending.map(\.uid)) {
                    storedByUID[m.uid, default: [:]][m.recurrenceID] = m
                }
                for (uid, built, inputIndexes) in pending {
                    let stored = storedByUID[uid] ?? [:]
                    var keep = Set<String>()
                    for var meeting in built {
                        if config.privacy.subjects != .store { meeting.summary = nil }
                        keep.insert(meeting.recurrenceID)
                        let old = stored[meeting.recurrenceID]
                        var unchanged = false
                        if var old {
                            meeting.id = old.id
                            old.attendees.sort { $0.address < $1.address }
                            var sortedNew = meeting
                            sortedNew.attendees.sort { $0.address < $1.address }
                            unchanged = old == sortedNew
                        }
                        let id: Int64
                        if unchanged {
                            id = old!.id!
                        } else {
                            let upsert = try store.mail.upsertMeeting(meeting)
                            id = upsert.id
                            if upsert.inserted { counts[uid, default: MeetingCount()].meetings += 1 }
                        }
                        meeting.id = id
                        for index in inputIndexes {
                            try store.mail.addSighting(
                                messageID: nil, meetingID: id, source: inputs[index].source,
                                location: inputs[index].location, at: now)
                        }
                        let added = try store.mail.replaceInteractions(meetingID: id, with: matcher.match(meeting))
                        if added > 0 { counts[uid, default: MeetingCount()].interactions += added }
                    }
                    stale += stored.values.filter { !keep.contains($0.recurrenceID) && $0.startAt >= from }.map {
                        $0.id!
                    }
                }
                pending.removeAll()
            }
            try MeetingBuilder.forEachUID(
                inputs: inputs.map(\.content), from: from, to: to, maxOccurrences: config.limits.maxOccurrences,
                only: only
            ) { uid, built, inputIndexes in
                builtUIDs.insert(uid)
                pending.append((uid, built, inputIndexes))
                if pending.count == Self.uidsPerQuery { try storePending() }
            }
            if !pending.isEmpty { try storePending() }
            // UIDs stored but built no more (no input names them, or nothing of them is in the window).
            let gone = try (only.map { $0.sorted() } ?? store.mail.meetingUIDs()).filter { !builtUIDs.contains($0) }
            for start in stride(from: 0, to: gone.count, by: Self.uidsPerQuery) {
                let uids = Array(gone[start..<min(start + Self.uidsPerQuery, gone.count)])
                stale += try store.mail.meetings(uids: uids).filter { $0.startAt >= from }.map { $0.id! }
            }
            for id in stale { try store.mail.deleteMeeting(id) }
        }
        return counts
    }
}
