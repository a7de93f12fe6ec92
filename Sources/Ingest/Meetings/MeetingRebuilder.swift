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
                    let seenIn = inputIndexes.map { (source: inputs[$0].source, location: inputs[$0].location) }
                    var count = MeetingCount()
                    for meeting in built {
                        try save(
                            meeting, replacing: stored[meeting.recurrenceID], seenIn: seenIn, matcher: matcher,
                            count: &count)
                    }
                    if count != MeetingCount() { counts[uid] = count }
                    let kept = Set(built.map(\.recurrenceID))
                    stale += stored.values.filter { !kept.contains($0.recurrenceID) && $0.startAt >= from }.map {
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

    /// Stores one built occurrence over its stored row (`old`, if any): written only when it changed, seen in the
    /// inputs that name its UID, and matched to leads; what it added is counted in `count`.
    private func save(
        _ built: MeetingRecord, replacing old: MeetingRecord?, seenIn inputs: [(source: String, location: String)],
        matcher: MeetingMatcher, count: inout MeetingCount
    ) throws {
        var meeting = built
        if config.privacy.subjects != .store { meeting.summary = nil }
        meeting.id = old?.id
        let id: Int64
        if let old, let oldID = old.id, Self.sameRow(old, meeting) {
            id = oldID
        } else {
            let upsert = try store.mail.upsertMeeting(meeting)
            id = upsert.id
            if upsert.inserted { count.meetings += 1 }
        }
        meeting.id = id
        for input in inputs {
            try store.mail.addSighting(
                messageID: nil, meetingID: id, source: input.source, location: input.location, at: now)
        }
        count.interactions += try store.mail.replaceInteractions(meetingID: id, with: matcher.match(meeting))
    }

    /// Whether two rows of one occurrence hold the same, attendees in any order.
    private static func sameRow(_ a: MeetingRecord, _ b: MeetingRecord) -> Bool {
        var (a, b) = (a, b)
        a.attendees.sort { $0.address < $1.address }
        b.attendees.sort { $0.address < $1.address }
        return a == b
    }
}
