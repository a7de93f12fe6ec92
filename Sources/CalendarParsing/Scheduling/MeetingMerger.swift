/// Merges a stream of iTIP messages (RFC 5546) — `.ics` files and `text/calendar` parts of emails, in any
/// order — into the current state of each meeting, keyed by `UID` and `RECURRENCE-ID`.
///
/// A `REQUEST` or `PUBLISH` replaces the known version when its (`SEQUENCE`, `DTSTAMP`) is not older; a `CANCEL`
/// (or `STATUS:CANCELLED`) cancels when not older, and a `CANCEL` without `RECURRENCE-ID` cancels every instance; a
/// `REPLY` sets the replying attendees' `PARTSTAT` when its `SEQUENCE` is not older than the meeting's and its
/// `DTSTAMP` is the attendee's latest; a `COUNTER` is kept as a proposal.
public struct MeetingMerger {
    private struct Reply {
        var attendee: Attendee
        var sequence: Int
        var timestamp: Int64
    }

    private var states: [MeetingKey: MeetingState] = [:]
    private var replies: [MeetingKey: [String: Reply]] = [:]
    private var counters: [MeetingKey: [CalendarEvent]] = [:]
    private var expander = CalendarExpander()

    /// An empty merger.
    public init() {}

    /// Applies every `VCALENDAR` of a parsed document; with `zones`, times are read with those `VTIMEZONE`s
    /// (`SharedTimeZones.zones`, for inputs read together) instead of each calendar's own.
    public mutating func apply(_ document: CalendarDocument, zones: [String: CalendarComponent]? = nil) {
        for calendar in document.calendars { apply(calendar, zones: zones) }
    }

    /// Applies iCalendar bytes (a `.ics` file or the decoded body of a `text/calendar` part); `method` is the
    /// part's `Content-Type` `method` parameter, used when a `VCALENDAR` has no `METHOD` of its own.
    public mutating func apply(bytes: [UInt8], method: String? = nil) {
        for calendar in CalendarDocument.parse(bytes).calendars { apply(calendar, method: method) }
    }

    /// Applies one `VCALENDAR`; without `METHOD` (or a `method` given by the caller) it counts as `PUBLISH`.
    public mutating func apply(
        _ calendar: ICalendar, method fallback: String? = nil, zones: [String: CalendarComponent]? = nil
    ) {
        if let zones { expander.resolver.use(calendarZones: zones) } else { expander.prepare(for: calendar) }
        let method = calendar.method ?? fallback?.asciiUppercased ?? "PUBLISH"
        for event in calendar.events {
            guard let uid = event.uid else { continue }
            let key = MeetingKey(
                uid: uid, recurrenceID: event.recurrenceID.map { expander.occurrenceTime($0, line: event.lineNumber) })
            switch method {
            case "REQUEST", "PUBLISH", "ADD": request(event, key: key, method: method)
            case "CANCEL": cancel(event, key: key)
            case "REPLY": reply(event, key: key)
            case "COUNTER": counters[key, default: []].append(event)
            default: break
            }
        }
    }

    private static func isOlder(_ event: CalendarEvent, than state: MeetingState) -> Bool {
        (event.sequence, event.timestamp ?? Int64.min) < (state.sequence, state.timestamp ?? Int64.min)
    }

    private mutating func request(_ event: CalendarEvent, key: MeetingKey, method: String) {
        if let existing = states[key] {
            if Self.isOlder(event, than: existing) { return }
            // A re-sent version of a cancelled meeting at the same sequence does not revive it.
            if existing.isCancelled, existing.method == "CANCEL", event.sequence == existing.sequence { return }
            let moved =
                existing.event.start != event.start || existing.event.end != event.end
                || existing.event.duration != event.duration
            states[key] = MeetingState(
                key: key, event: event, sequence: event.sequence, timestamp: event.timestamp,
                status: event.status == "CANCELLED" ? .cancelled : .scheduled, method: method,
                rescheduled: existing.rescheduled || moved, attendees: event.attendees, counterProposals: [])
        } else {
            states[key] = MeetingState(
                key: key, event: event, sequence: event.sequence, timestamp: event.timestamp,
                status: event.status == "CANCELLED" ? .cancelled : .scheduled, method: method, rescheduled: false,
                attendees: event.attendees, counterProposals: [])
        }
    }

    private mutating func cancel(_ event: CalendarEvent, key: MeetingKey) {
        if let existing = states[key] {
            if Self.isOlder(event, than: existing) { return }
            var state = existing
            state.status = .cancelled
            state.sequence = event.sequence
            state.timestamp = event.timestamp
            state.method = "CANCEL"
            states[key] = state
        } else {
            states[key] = MeetingState(
                key: key, event: event, sequence: event.sequence, timestamp: event.timestamp, status: .cancelled,
                method: "CANCEL",
                rescheduled: false, attendees: event.attendees, counterProposals: [])
        }
        if key.recurrenceID == nil {
            for (other, state) in states
            where other.uid == key.uid && other.recurrenceID != nil && !Self.isOlder(event, than: state) {
                states[other]?.status = .cancelled
            }
        }
    }

    private mutating func reply(_ event: CalendarEvent, key: MeetingKey) {
        for attendee in event.attendees {
            let stamp = event.timestamp ?? Int64.min
            if let previous = replies[key]?[attendee.address],
                (previous.sequence, previous.timestamp) > (event.sequence, stamp)
            {
                continue
            }
            replies[key, default: [:]][attendee.address] = Reply(
                attendee: attendee, sequence: event.sequence, timestamp: stamp)
        }
    }

    /// The current state of every meeting seen in a `REQUEST`, `PUBLISH` or `CANCEL`, ordered by key.
    public var meetings: [MeetingState] { states.keys.sorted().compactMap { meeting($0) } }

    /// The current state of one meeting (or instance).
    public func meeting(_ key: MeetingKey) -> MeetingState? {
        guard var state = states[key] else { return nil }
        let ownReplies = replies[key] ?? [:]
        let seriesReplies = key.recurrenceID == nil ? [:] : replies[MeetingKey(uid: key.uid)] ?? [:]
        state.attendees = state.attendees.map { attendee in
            var merged = attendee
            for reply in [seriesReplies[attendee.address], ownReplies[attendee.address]] {
                if let reply, reply.sequence >= state.sequence {
                    merged.participationStatus = reply.attendee.participationStatus
                }
            }
            return merged
        }
        for (address, reply) in ownReplies
        where !state.attendees.contains(where: { $0.address == address }) && reply.sequence >= state.sequence {
            state.attendees.append(reply.attendee)
        }
        state.counterProposals = counters[key] ?? []
        // A cancelled instance whose CANCEL gives no end lasts as long as its series: a CANCEL seldom repeats the
        // times, while an instance sent by a REQUEST without an end is one of no length (RFC 5545, 3.6.1).
        if key.recurrenceID != nil, state.method == "CANCEL", state.event.end == nil, state.event.duration == nil,
            let series = states[MeetingKey(uid: key.uid)]?.event
        {
            state.event.duration = Self.length(of: series)
        }
        return state
    }

    /// How long an event lasts: its `DURATION`, or from its start to its end as written; nil without either.
    private static func length(of event: CalendarEvent) -> CalendarDuration? {
        if let duration = event.duration { return duration }
        guard let start = event.start, let end = event.end else { return nil }
        switch (start, end) {
        case (.date, .date): break
        case (.dateTime(_, let from), .dateTime(_, let to)) where from == to: break
        default: return nil
        }
        let seconds = end.localSeconds - start.localSeconds
        return start.isDate ? CalendarDuration(days: Int(seconds / 86_400)) : CalendarDuration(seconds: seconds)
    }

    /// The current state of one meeting by `UID` (and the instance's original start).
    public func meeting(uid: String, recurrenceID: OccurrenceTime? = nil) -> MeetingState? {
        meeting(MeetingKey(uid: uid, recurrenceID: recurrenceID))
    }
}
