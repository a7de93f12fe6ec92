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
            let (built, inputsByUID) = MeetingBuilder.meetings(
                inputs: inputs.map(\.content), from: from, to: to, maxOccurrences: config.limits.maxOccurrences,
                only: only)
            var stored: [String: MeetingRecord] = [:]
            for m in try store.mail.meetings(uids: only.map { $0.sorted() }) {
                stored[m.uid + "\u{0}" + m.recurrenceID] = m
            }
            var keep = Set<String>()
            let matcher = MeetingMatcher(directory: try ingestor.directory)
            for var meeting in built {
                if config.privacy.subjects != .store { meeting.summary = nil }
                let key = meeting.uid + "\u{0}" + meeting.recurrenceID
                keep.insert(key)
                let old = stored[key]
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
                    if upsert.inserted { counts[meeting.uid, default: MeetingCount()].meetings += 1 }
                }
                meeting.id = id
                for index in inputsByUID[meeting.uid] ?? [] {
                    try store.mail.addSighting(
                        messageID: nil, meetingID: id, source: inputs[index].source, location: inputs[index].location,
                        at: now)
                }
                let added = try store.mail.replaceInteractions(meetingID: id, with: matcher.match(meeting))
                if added > 0 { counts[meeting.uid, default: MeetingCount()].interactions += added }
            }
            for (key, old) in stored where !keep.contains(key) && old.startAt >= from {
                try store.mail.deleteMeeting(old.id!)
            }
        }
        return counts
    }
}
