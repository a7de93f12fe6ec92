import BatonCore
import CalendarParsing
import Store

/// Folds every iCalendar input seen so far (calendar files and `text/calendar` parts of mail), in any order,
/// into the current occurrences of each meeting: iTIP ordering by the calendar module's `MeetingMerger`,
/// recurrence by its expander, within a window.
public enum MeetingBuilder {
    /// Hands `body` the occurrences overlapping `[from, to)` one UID at a time, in UID order, each UID's sorted by
    /// original start, with the inputs (by index) that mention the UID: a calendar of many meetings is never held
    /// as records all at once. Each input's times read with the zones it defines, and a zone it only names with
    /// the first definition of that name (`SharedTimeZones`). With `only`, those UIDs alone: every input is still
    /// parsed, but the other UIDs' events are neither merged nor expanded. Merging and expanding go UID by UID, so
    /// the occurrences of a UID are the same either way.
    public static func forEachUID(
        inputs: [[UInt8]], from: Int64, to: Int64, maxOccurrences: Int, only: Set<String>? = nil,
        _ body: (_ uid: String, _ meetings: [MeetingRecord], _ inputs: [Int]) throws -> Void
    ) rethrows {
        // Every input's zones first: an iTIP message names its instance in a zone another input may define.
        var zones = SharedTimeZones()
        let renames = inputs.map { zones.add($0) }
        var merger = MeetingMerger()
        var inputsByUID: [String: [Int]] = [:]
        for (index, bytes) in inputs.enumerated() {
            var document = CalendarDocument.parse(bytes)
            for c in document.calendars.indices {
                if let only {
                    document.calendars[c].events.removeAll { event in !(event.uid.map(only.contains) ?? false) }
                }
                if !renames[index].isEmpty {
                    document.calendars[c].events = document.calendars[c].events.map {
                        $0.renamingZones(renames[index])
                    }
                }
                for uid in Set(document.calendars[c].events.compactMap(\.uid)) where inputsByUID[uid]?.last != index {
                    inputsByUID[uid, default: []].append(index)
                }
            }
            merger.apply(document, zones: zones.zones)
        }
        var calendar = ICalendar(method: "PUBLISH")
        calendar.timeZones = zones.zones
        calendar.events = merger.meetings.map(\.event)
        var expander = CalendarExpander(maxOccurrences: maxOccurrences)
        let occurrences = expander.occurrences(in: calendar, from: from, to: to)
        // Each (UID, original start) once, the first in expansion order; then in UID and start order.
        var keys: [(uid: String, recurrence: String, index: Int)] = []
        var seen = Set<String>()
        for (index, occurrence) in occurrences.enumerated() {
            guard let uid = occurrence.uid else { continue }
            let recurrence = occurrence.recurrenceID?.description ?? ""
            guard seen.insert(uid + "\u{0}" + recurrence).inserted else { continue }
            keys.append((uid, recurrence, index))
        }
        seen = []
        keys.sort { ($0.uid, $0.recurrence) < ($1.uid, $1.recurrence) }
        var start = keys.startIndex
        while start < keys.endIndex {
            let uid = keys[start].uid
            let end = keys[start...].firstIndex { $0.uid != uid } ?? keys.endIndex
            let meetings = keys[start..<end].compactMap { key in
                record(occurrences[key.index], uid: uid, recurrence: key.recurrence, merger: merger)
            }
            try body(uid, meetings, inputsByUID[uid] ?? [])
            start = end
        }
    }

    /// The stored form of one occurrence, with the merged state of its meeting (or instance); nil when none.
    private static func record(
        _ occurrence: EventOccurrence, uid: String, recurrence: String, merger: MeetingMerger
    ) -> MeetingRecord? {
        let master = merger.meeting(uid: uid)
        let own = occurrence.recurrenceID.flatMap { merger.meeting(uid: uid, recurrenceID: $0) }
        guard let state = own ?? master else { return nil }
        let cancelled = state.isCancelled || (master?.isCancelled ?? false)
        let event = occurrence.event
        return MeetingRecord(
            uid: uid, recurrenceID: recurrence, startAt: occurrence.start.sortKey,
            endAt: max(occurrence.end.sortKey, occurrence.start.sortKey), summary: event.summary,
            organizer: event.organizer.map { $0.lowercased() }, status: cancelled ? .cancelled : .scheduled,
            sequence: state.sequence, stamp: state.timestamp,
            attendees: state.attendees.map {
                MeetingAttendeeRecord(
                    address: $0.address.lowercased(), name: $0.name, partstat: $0.participationStatus, role: $0.role)
            })
    }
}
