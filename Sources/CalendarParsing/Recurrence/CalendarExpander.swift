import Foundation

/// Expands a calendar's events into occurrences overlapping a window: `RRULE`, `RDATE`, `EXDATE` and
/// `RECURRENCE-ID` overrides (RFC 5545, 3.8.5 and 3.8.4.4), converted to instants with each zone's offset at
/// each occurrence. Expansion is lazy and stops at the window's end; at most `maxOccurrences` instances are
/// generated per event, with a diagnostic when a rule is cut.
public struct CalendarExpander {
    /// The most instances generated for one event (`limits.max_occurrences`).
    public var maxOccurrences: Int
    /// Problems met while expanding (unknown zones, cut rules).
    public internal(set) var diagnostics: [CalendarDiagnostic] = []
    var resolver = TimeZoneResolver()
    /// Threads the events are expanded on (1 or 2): with two, a document of at least `splitThreshold` events is
    /// expanded half on this thread and half on another, and the halves joined; the result, diagnostics
    /// included, is the same as on one.
    public var threads = 1
    /// Fewer events than this are expanded on one thread: starting a thread costs more than it saves.
    static let splitThreshold = 2_000

    /// An expander.
    public init(maxOccurrences: Int = 100_000) { self.maxOccurrences = maxOccurrences }

    /// Reads times with `calendar`'s own `VTIMEZONE`s from now on.
    mutating func prepare(for calendar: ICalendar) { resolver.use(calendarZones: calendar.timeZones) }

    /// Every occurrence of every `VEVENT` in `document` overlapping `[from, to)` (seconds since the epoch),
    /// sorted by start, UID and recurrence id. The file is read as one calendar: of two versions of a `UID` (and
    /// `RECURRENCE-ID`) in it, even in different `VCALENDAR`s, only the newer counts (`CalendarEvent.supersedes`).
    public mutating func occurrences(in document: CalendarDocument, from: Int64, to: Int64) -> [EventOccurrence] {
        guard document.calendars.count > 1 else {
            return CalendarExpander.sorted(
                document.calendars.first.map { occurrences(in: $0, from: from, to: to) } ?? [])
        }
        var zones: [String: CalendarComponent] = [:]
        for calendar in document.calendars { zones.merge(calendar.timeZones) { first, _ in first } }
        resolver.use(calendarZones: zones)
        var result: [EventOccurrence] = []
        expandAll(document.calendars, from: from, to: to, into: &result)
        diagnostics += resolver.takeDiagnostics()
        return CalendarExpander.sorted(result)
    }

    /// Sorts by start, then UID, then recurrence id (none first).
    public static func sorted(_ occurrences: [EventOccurrence]) -> [EventOccurrence] {
        // Sort integer keys, not the occurrences: the UID becomes a rank computed once per distinct component.
        // Sized for the worst case up front (one component per occurrence), so the tables never rehash as they grow.
        // A master's occurrences come one after another: the tables are asked once per run of one component, not
        // once per occurrence.
        var firstOfBox = [ObjectIdentifier: Int](minimumCapacity: occurrences.count)
        var previous: ObjectIdentifier?
        for index in occurrences.indices {
            let box = occurrences[index].boxIdentity
            guard box != previous else { continue }
            previous = box
            if firstOfBox[box] == nil { firstOfBox[box] = index }
        }
        let boxes = firstOfBox.sorted { (occurrences[$0.value].uid ?? "") < (occurrences[$1.value].uid ?? "") }
        var rankOfBox = [ObjectIdentifier: Int](minimumCapacity: boxes.count)
        var rank = 0
        for (position, entry) in boxes.enumerated() {
            if position > 0, occurrences[boxes[position - 1].value].uid != occurrences[entry.value].uid { rank += 1 }
            rankOfBox[entry.key] = rank
        }
        var keys: [(start: Int64, uid: Int, rid: Int64, index: Int)] = []
        keys.reserveCapacity(occurrences.count)
        var rankedBox: ObjectIdentifier?
        var boxRank = 0
        for index in occurrences.indices {
            let box = occurrences[index].boxIdentity
            if box != rankedBox {
                boxRank = rankOfBox[box] ?? 0
                rankedBox = box
            }
            keys.append(
                (
                    start: occurrences[index].start.sortKey, uid: boxRank,
                    rid: occurrences[index].recurrenceID?.sortKey ?? Int64.min, index: index
                ))
        }
        keys.sort { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.uid != b.uid { return a.uid < b.uid }
            if a.rid != b.rid { return a.rid < b.rid }
            return a.index < b.index
        }
        return keys.map { occurrences[$0.index] }
    }

    /// The occurrences of one calendar's `VEVENT`s overlapping `[from, to)`, in no particular order; of two
    /// versions of a `UID` (and `RECURRENCE-ID`), only the newer counts.
    public mutating func occurrences(in calendar: ICalendar, from: Int64, to: Int64) -> [EventOccurrence] {
        resolver.use(calendarZones: calendar.timeZones)
        var result: [EventOccurrence] = []
        expandAll([calendar], from: from, to: to, into: &result)
        diagnostics += resolver.takeDiagnostics()
        return result
    }

    /// An override and the `METHOD` of the calendar it came in.
    typealias Override = (event: CalendarEvent, method: String?)

    private mutating func expandAll(
        _ calendars: [ICalendar], from: Int64, to: Int64, into result: inout [EventOccurrence]
    ) {
        // Calendar clients keep one version of each component on import: the newer replaces the older. Each UID
        // is hashed once here; winners are chosen only for the (rare) UIDs written more than once.
        var masters = Set<String>(minimumCapacity: calendars.reduce(0) { $0 + $1.events.count })
        var repeated: Set<String> = []
        var overrides: [String: [Override]] = [:]
        for calendar in calendars {
            let events = calendar.events
            for i in events.indices {
                guard let uid = events[i].uid else { continue }
                if events[i].recurrenceID != nil {
                    overrides[uid, default: []].append((events[i], calendar.method))
                } else if !masters.insert(uid).inserted {
                    repeated.insert(uid)
                }
            }
        }
        var winner: [String: (calendar: Int, index: Int)] = [:]
        if !repeated.isEmpty {
            for c in calendars.indices {
                let events = calendars[c].events
                for i in events.indices where events[i].recurrenceID == nil {
                    guard let uid = events[i].uid, repeated.contains(uid) else { continue }
                    if let held = winner[uid], !events[i].supersedes(calendars[held.calendar].events[held.index]) {
                        continue
                    }
                    winner[uid] = (c, i)
                }
            }
        }
        var work: [Master] = []
        for c in calendars.indices {
            let events = calendars[c].events
            for i in events.indices {
                var own: [Override] = []
                if let uid = events[i].uid {
                    guard events[i].recurrenceID == nil else { continue }
                    if !repeated.isEmpty, repeated.contains(uid), let held = winner[uid],
                        held.calendar != c || held.index != i
                    {
                        continue
                    }
                    if !overrides.isEmpty { own = overrides[uid] ?? [] }
                }
                work.append(Master(calendar: c, event: i, overrides: own))
            }
        }
        expand(work, of: calendars, from: from, to: to, into: &result)
        // Overrides without a master in the file: each (newest version) at its own start.
        for (uid, list) in overrides where !masters.contains(uid) {
            var chosen: [Int64: Override] = [:]
            var order: [Int64] = []
            for entry in list {
                guard let rid = entry.event.recurrenceID else { continue }
                let key = occurrenceTime(rid, line: entry.event.lineNumber).sortKey
                if let held = chosen[key] {
                    if !entry.event.supersedes(held.event) { continue }
                } else {
                    order.append(key)
                }
                chosen[key] = entry
            }
            for key in order {
                guard let entry = chosen[key], let rid = entry.event.recurrenceID,
                    let span = span(of: entry.event, instanceStart: nil)
                else { continue }
                if overlaps(span.start, span.end, from, to) {
                    result.append(
                        EventOccurrence(
                            recurrenceID: occurrenceTime(rid, line: entry.event.lineNumber), start: span.start,
                            end: span.end, event: entry.event, method: entry.method))
                }
            }
        }
    }

    /// A master component to expand (its calendar's index and its own), with its overrides.
    struct Master {
        var calendar: Int
        var event: Int
        var overrides: [Override]
    }

    /// Expands `masters` in order into `result`: on two threads when `threads` allows and there are enough.
    private mutating func expand(
        _ masters: [Master], of calendars: [ICalendar], from: Int64, to: Int64, into result: inout [EventOccurrence]
    ) {
        guard threads > 1, masters.count >= Self.splitThreshold else {
            for master in masters { expand(master, of: calendars, from: from, to: to, into: &result) }
            return
        }
        let cut = masters.count / 2
        let second = SecondHalf(expander: self, masters: masters[cut...], of: calendars, from: from, to: to)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            second.run()
            done.signal()
        }
        thread.start()
        let diagnosticsBefore = diagnostics.count
        let resolverBefore = resolver.diagnostics.count
        for master in masters[..<cut] { expand(master, of: calendars, from: from, to: to, into: &result) }
        done.wait()
        // The second half's own findings follow the first half's, as on one thread; a zone both halves could not
        // resolve is reported once, where the first half met it.
        result += second.result
        diagnostics += second.expander.diagnostics.dropFirst(diagnosticsBefore)
        resolver.join(second.expander.resolver, since: resolverBefore)
    }

    /// Expands one master.
    @inline(__always)
    private mutating func expand(
        _ master: Master, of calendars: [ICalendar], from: Int64, to: Int64, into result: inout [EventOccurrence]
    ) {
        expand(
            calendars[master.calendar].events[master.event], overrides: master.overrides,
            method: calendars[master.calendar].method, from: from, to: to, into: &result)
    }

    /// The half expanded on the other thread, on a copy of the expander; read after its thread has signalled.
    private final class SecondHalf: @unchecked Sendable {
        var expander: CalendarExpander
        let masters: ArraySlice<Master>
        let calendars: [ICalendar]
        let from: Int64
        let to: Int64
        var result: [EventOccurrence] = []

        init(expander: CalendarExpander, masters: ArraySlice<Master>, of calendars: [ICalendar], from: Int64, to: Int64)
        {
            self.expander = expander
            self.masters = masters
            self.calendars = calendars
            self.from = from
            self.to = to
        }

        func run() {
            for master in masters { expander.expand(master, of: calendars, from: from, to: to, into: &result) }
        }
    }

    @inline(__always)
    func overlaps(_ start: OccurrenceTime, _ end: OccurrenceTime, _ from: Int64, _ to: Int64) -> Bool {
        let s = start.sortKey, e = end.sortKey
        if e <= s { return s >= from && s < to }
        return s < to && e > from
    }

    /// An instant or date for a written time: floating and unknown zones read as UTC.
    mutating func occurrenceTime(_ time: CalendarTime, line: Int) -> OccurrenceTime {
        switch time {
        case .date(let date): return .date(date)
        case .dateTime(let seconds, .floating), .dateTime(let seconds, .utc): return .instant(seconds)
        case .dateTime(let seconds, .zoned(let id)):
            guard let rules = resolver.rules(for: id, line: line) else { return .instant(seconds) }
            return .instant(rules.instant(localSeconds: seconds))
        }
    }

    /// A value of an event whose `DTSTART` is `anchor`, read as that event means it: a floating time in an event
    /// with a zoned `DTSTART` is in that zone, and a zoned time in a floating event is its wall-clock time (both
    /// are invalid mixes, written by clients that drop or add `TZID` on some properties only).
    mutating func occurrenceTime(_ time: CalendarTime, line: Int, anchor: CalendarTime?) -> OccurrenceTime {
        switch (time, anchor) {
        case (.dateTime(let seconds, .floating), .dateTime(_, .zoned(let id))?):
            guard let rules = resolver.rules(for: id, line: line) else { return .instant(seconds) }
            return .instant(rules.instant(localSeconds: seconds))
        case (.dateTime(let seconds, .zoned), .dateTime(_, .floating)?): return .instant(seconds)
        default: return occurrenceTime(time, line: line)
        }
    }

    /// The span of a non-expanded component: `DTEND`, else `DURATION`, else one day for a DATE and zero
    /// length for a DATE-TIME (RFC 5545, 3.6.1).
    mutating func span(of event: CalendarEvent, instanceStart: OccurrenceTime?) -> (
        start: OccurrenceTime, end: OccurrenceTime
    )? {
        guard let written = event.start else {
            diagnostics.append(
                CalendarDiagnostic(.missingProperty, line: event.lineNumber, "\(event.kind) without DTSTART"))
            return nil
        }
        let start = instanceStart ?? occurrenceTime(written, line: event.lineNumber)
        return (start, end(of: event, start: start, startLocal: written.localSeconds, zone: written.tzid))
    }

    mutating func end(of event: CalendarEvent, start: OccurrenceTime, startLocal: Int64, zone: String?)
        -> OccurrenceTime
    {
        switch start {
        case .date(let date):
            if case .date(let endDate)? = event.end, endDate > date { return .date(endDate) }
            if let duration = event.duration, duration.days > 0 {
                return .date(CivilDate(days: date.days + Int64(duration.days)))
            }
            return .date(CivilDate(days: date.days + 1))
        case .instant(let seconds):
            if let written = event.end {
                let end = occurrenceTime(written, line: event.lineNumber, anchor: event.start).sortKey
                return .instant(max(end, seconds))
            }
            if let duration = event.duration {
                return .instant(max(seconds, addNominal(duration, to: seconds, local: startLocal, zone: zone)))
            }
            return .instant(seconds)
        }
    }

    /// Adds a DURATION: days on the wall clock of `zone`, then exact seconds.
    mutating func addNominal(_ duration: CalendarDuration, to instant: Int64, local: Int64, zone: String?)
        -> Int64
    {
        guard duration.days != 0 else { return instant + duration.seconds }
        if let zone, let rules = resolver.rules(for: zone) {
            return rules.instant(localSeconds: rules.localSeconds(ofUTC: instant) + Int64(duration.days) * 86_400)
                + duration.seconds
        }
        return instant + Int64(duration.days) * 86_400 + duration.seconds
    }
}
