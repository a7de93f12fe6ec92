import BatonCore
import CalendarParsing
import Store

/// Folds every iCalendar input seen so far (calendar files and `text/calendar` parts of mail), in any order,
/// into the current occurrences of each meeting: iTIP ordering by the calendar module's `MeetingMerger`,
/// recurrence by its expander, within a window.
public enum MeetingBuilder {
    /// The occurrences overlapping `[from, to)`, sorted by UID and original start, and for each UID the
    /// inputs (by index) that mention it. With `only`, the same for those UIDs alone: every input is still read,
    /// for the time zones it defines (the first definition of a name wins, whichever input holds it), but the
    /// other UIDs' events are neither merged nor expanded. Merging and expanding go UID by UID, so the
    /// occurrences of a UID are the same either way.
    public static func meetings(
        inputs: [[UInt8]], from: Int64, to: Int64, maxOccurrences: Int, only: Set<String>? = nil
    ) -> (meetings: [MeetingRecord], inputsByUID: [String: [Int]]) {
        var merger = MeetingMerger()
        var zones: [String: CalendarComponent] = [:]
        var inputsByUID: [String: [Int]] = [:]
        for (index, bytes) in inputs.enumerated() {
            var document = CalendarDocument.parse(bytes)
            if let only {
                for c in document.calendars.indices {
                    document.calendars[c].events.removeAll { event in !(event.uid.map(only.contains) ?? false) }
                }
            }
            for calendar in document.calendars {
                zones.merge(calendar.timeZones) { first, _ in first }
                for uid in Set(calendar.events.compactMap(\.uid)) where inputsByUID[uid]?.last != index {
                    inputsByUID[uid, default: []].append(index)
                }
            }
            merger.apply(document)
        }
        let states = merger.meetings
        var calendar = ICalendar(method: "PUBLISH")
        calendar.timeZones = zones
        calendar.events = states.map(\.event)
        var expander = CalendarExpander(maxOccurrences: maxOccurrences)
        var result: [MeetingRecord] = []
        var seen = Set<String>()
        for occurrence in expander.occurrences(in: calendar, from: from, to: to) {
            guard let uid = occurrence.uid else { continue }
            let recurrence = occurrence.recurrenceID?.description ?? ""
            guard seen.insert(uid + "\u{0}" + recurrence).inserted else { continue }
            let master = merger.meeting(uid: uid)
            let own = occurrence.recurrenceID.flatMap { merger.meeting(uid: uid, recurrenceID: $0) }
            guard let state = own ?? master else { continue }
            let cancelled = state.isCancelled || (master?.isCancelled ?? false)
            let event = occurrence.event
            result.append(
                MeetingRecord(
                    uid: uid, recurrenceID: recurrence, startAt: occurrence.start.sortKey,
                    endAt: max(occurrence.end.sortKey, occurrence.start.sortKey), summary: event.summary,
                    organizer: event.organizer.map { $0.lowercased() }, status: cancelled ? .cancelled : .scheduled,
                    sequence: state.sequence, stamp: state.timestamp,
                    attendees: state.attendees.map {
                        MeetingAttendeeRecord(
                            address: $0.address.lowercased(), name: $0.name, partstat: $0.participationStatus,
                            role: $0.role)
                    }))
        }
        return (result.sorted { ($0.uid, $0.recurrenceID) < ($1.uid, $1.recurrenceID) }, inputsByUID)
    }
}
