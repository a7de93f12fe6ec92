/// Expands a calendar's events into occurrences overlapping a window: `RRULE`, `RDATE`, `EXDATE` and
/// `RECURRENCE-ID` overrides (RFC 5545, 3.8.5 and 3.8.4.4), converted to instants with each zone's offset at
/// each occurrence. Expansion is lazy and stops at the window's end; at most `maxOccurrences` instances are
/// generated per event, with a diagnostic when a rule is cut.
public struct CalendarExpander {
    /// The most instances generated for one event (`limits.max_occurrences`).
    public var maxOccurrences: Int
    /// Problems met while expanding (unknown zones, cut rules).
    public private(set) var diagnostics: [CalendarDiagnostic] = []
    private var resolver = TimeZoneResolver()

    /// An expander.
    public init(maxOccurrences: Int = 100_000) { self.maxOccurrences = maxOccurrences }

    /// Reads times with `calendar`'s own `VTIMEZONE`s from now on.
    mutating func prepare(for calendar: ICalendar) { resolver.use(calendarZones: calendar.timeZones) }

    /// Every occurrence of every `VEVENT` in `document` overlapping `[from, to)` (seconds since the epoch),
    /// sorted by start, UID and recurrence id.
    public mutating func occurrences(in document: CalendarDocument, from: Int64, to: Int64) -> [EventOccurrence] {
        var result: [EventOccurrence] = []
        for calendar in document.calendars { result += occurrences(in: calendar, from: from, to: to) }
        return CalendarExpander.sorted(result)
    }

    /// Sorts by start, then UID, then recurrence id (none first).
    public static func sorted(_ occurrences: [EventOccurrence]) -> [EventOccurrence] {
        // Sort integer keys, not the occurrences: the UID becomes a rank computed once per distinct component.
        var firstOfBox: [ObjectIdentifier: Int] = [:]
        for index in occurrences.indices where firstOfBox[occurrences[index].boxIdentity] == nil {
            firstOfBox[occurrences[index].boxIdentity] = index
        }
        let boxes = firstOfBox.sorted { (occurrences[$0.value].uid ?? "") < (occurrences[$1.value].uid ?? "") }
        var rankOfBox: [ObjectIdentifier: Int] = [:]
        var rank = 0
        for (position, entry) in boxes.enumerated() {
            if position > 0, occurrences[boxes[position - 1].value].uid != occurrences[entry.value].uid { rank += 1 }
            rankOfBox[entry.key] = rank
        }
        var keys = occurrences.indices.map {
            (
                start: occurrences[$0].start.sortKey, uid: rankOfBox[occurrences[$0].boxIdentity] ?? 0,
                rid: occurrences[$0].recurrenceID?.sortKey ?? Int64.min, index: $0
            )
        }
        keys.sort { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.uid != b.uid { return a.uid < b.uid }
            if a.rid != b.rid { return a.rid < b.rid }
            return a.index < b.index
        }
        let order = keys.map(\.index)
        return order.map { occurrences[$0] }
    }

    /// The occurrences of one calendar's `VEVENT`s overlapping `[from, to)`, in no particular order.
    public mutating func occurrences(in calendar: ICalendar, from: Int64, to: Int64) -> [EventOccurrence] {
        resolver.use(calendarZones: calendar.timeZones)
        var overrides: [String: [CalendarEvent]] = [:]
        for event in calendar.events where event.recurrenceID != nil {
            if let uid = event.uid { overrides[uid, default: []].append(event) }
        }
        var result: [EventOccurrence] = []
        var mastersSeen: Set<String> = []
        for index in calendar.events.indices
        where calendar.events[index].recurrenceID == nil || calendar.events[index].uid == nil {
            var own: [CalendarEvent] = []
            if !overrides.isEmpty, let uid = calendar.events[index].uid, let list = overrides[uid],
                mastersSeen.insert(uid).inserted
            {
                own = list
            }
            expand(calendar.events[index], overrides: own, method: calendar.method, from: from, to: to, into: &result)
        }
        for (uid, list) in overrides where !mastersSeen.contains(uid) {
            for event in list {
                guard let rid = event.recurrenceID else { continue }
                let recurrenceID = occurrenceTime(rid, line: event.lineNumber)
                guard let span = span(of: event, instanceStart: nil) else { continue }
                if overlaps(span.start, span.end, from, to) {
                    result.append(
                        EventOccurrence(
                            recurrenceID: recurrenceID, start: span.start, end: span.end, event: event,
                            method: calendar.method))
                }
            }
        }
        diagnostics += resolver.takeDiagnostics()
        return result
    }

    @inline(__always)
    private func overlaps(_ start: OccurrenceTime, _ end: OccurrenceTime, _ from: Int64, _ to: Int64) -> Bool {
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

    /// The span of a non-expanded component: `DTEND`, else `DURATION`, else one day for a DATE and zero
    /// length for a DATE-TIME (RFC 5545, 3.6.1).
    private mutating func span(of event: CalendarEvent, instanceStart: OccurrenceTime?) -> (
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

    private mutating func end(of event: CalendarEvent, start: OccurrenceTime, startLocal: Int64, zone: String?)
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
                let end = occurrenceTime(written, line: event.lineNumber).sortKey
                return .instant(max(end, seconds))
            }
            if let duration = event.duration {
                return .instant(max(seconds, addNominal(duration, to: seconds, local: startLocal, zone: zone)))
            }
            return .instant(seconds)
        }
    }

    /// Adds a DURATION: days on the wall clock of `zone`, then exact seconds.
    private mutating func addNominal(_ duration: CalendarDuration, to instant: Int64, local: Int64, zone: String?)
        -> Int64
    {
        guard duration.days != 0 else { return instant + duration.seconds }
        if let zone, let rules = resolver.rules(for: zone) {
            return rules.instant(localSeconds: rules.localSeconds(ofUTC: instant) + Int64(duration.days) * 86_400)
                + duration.seconds
        }
        return instant + Int64(duration.days) * 86_400 + duration.seconds
    }

    private struct Instance {
        var start: OccurrenceTime
        var local: Int64
        var periodEnd: OccurrenceTime?
    }

    private mutating func expand(
        _ master: CalendarEvent, overrides: [CalendarEvent], method: String?, from: Int64, to: Int64,
        into result: inout [EventOccurrence]
    ) {
        guard master.isRecurring, let written = master.start else {
            guard let span = span(of: master, instanceStart: nil) else { return }
            if overlaps(span.start, span.end, from, to) {
                result.append(
                    EventOccurrence(recurrenceID: nil, start: span.start, end: span.end, event: master, method: method))
            }
            return
        }
        let masterBox = EventBox(master, method: method)
        var futureBoxes: [Int64: EventBox] = [:]
        let zoneID = written.tzid
        let rules = zoneID.flatMap { resolver.rules(for: $0, line: master.lineNumber) }
        let isDate = written.isDate
        func instant(local: Int64) -> OccurrenceTime {
            if isDate { return .date(CivilDate(days: CivilDate.floorDiv(local, 86_400))) }
            if let rules { return .instant(rules.instant(localSeconds: local)) }
            return .instant(local)
        }
        // How long an instance lasts, for the window's lower bound and for the end of each instance.
        let firstStart = instant(local: written.localSeconds)
        let firstEnd = end(of: master, start: firstStart, startLocal: written.localSeconds, zone: zoneID)
        let length = max(0, firstEnd.sortKey - firstStart.sortKey)
        var overrideByID: [Int64: CalendarEvent] = [:]
        var futureOverrides: [(rid: Int64, event: CalendarEvent)] = []
        for event in overrides {
            guard let rid = event.recurrenceID else { continue }
            let key = occurrenceTime(rid, line: event.lineNumber).sortKey
            if let existing = overrideByID[key],
                (existing.sequence, existing.timestamp ?? 0) > (event.sequence, event.timestamp ?? 0)
            {
                continue
            }
            overrideByID[key] = event
            if event.thisAndFuture { futureOverrides.append((key, event)) }
        }
        futureOverrides.sort { $0.rid < $1.rid }
        var excluded: Set<Int64> = []
        var excludedDays: Set<Int64> = []
        for time in master.exceptionDates {
            excluded.insert(occurrenceTime(time, line: master.lineNumber).sortKey)
            if case .date(let date) = time, !isDate { excludedDays.insert(date.days) }
        }
        // Wall-clock bounds: any zone's local time is within 14 hours of UTC; one more day of margin.
        let throughLocal = to + 2 * 86_400
        let skipBefore = from - length - 2 * 86_400
        var instances: [Instance] = []
        var generated = 0
        var cut = false
        for rule in master.rules {
            var untilLocal: Int64?
            if let until = rule.until {
                switch until {
                case .date(let date): untilLocal = date.days * 86_400 + (isDate ? 0 : 86_399)
                case .dateTime(let seconds, .utc): untilLocal = rules.map { $0.localSeconds(ofUTC: seconds) } ?? seconds
                case .dateTime(let seconds, _): untilLocal = seconds
                }
            }
            var iterator = RecurrenceIterator(
                rule: rule, start: written.localSeconds, untilLocal: untilLocal, through: throughLocal,
                skipBefore: skipBefore,
                maxPeriods: maxOccurrences * 50)
            while let local = iterator.next() {
                generated += 1
                if generated > maxOccurrences {
                    cut = true
                    break
                }
                if local < skipBefore { continue }
                instances.append(Instance(start: instant(local: local), local: local, periodEnd: nil))
            }
            if iterator.hitPeriodLimit { cut = true }
            if cut { break }
        }
        if cut {
            diagnostics.append(
                CalendarDiagnostic(
                    .occurrenceLimit, line: master.lineNumber,
                    "recurrence of '\(master.uid ?? "?")' cut at \(maxOccurrences) occurrences"))
        }
        if master.rules.isEmpty {
            instances.append(Instance(start: firstStart, local: written.localSeconds, periodEnd: nil))
        }
        for date in master.recurrenceDates {
            let start = occurrenceTime(date.start, line: master.lineNumber)
            var periodEnd: OccurrenceTime?
            if case .period(let period) = date {
                if let end = period.end {
                    periodEnd = occurrenceTime(end, line: master.lineNumber)
                } else if let duration = period.duration {
                    periodEnd = .instant(
                        addNominal(
                            duration, to: start.sortKey, local: period.start.localSeconds, zone: period.start.tzid))
                }
            }
            let local = rules.map { $0.localSeconds(ofUTC: start.sortKey) } ?? start.sortKey
            instances.append(Instance(start: start, local: local, periodEnd: periodEnd))
        }
        if !master.recurrenceDates.isEmpty || master.rules.count > 1 {
            instances.sort { $0.start.sortKey < $1.start.sortKey }
        }
        var seen: Set<Int64> = []
        var matched: Set<Int64> = []
        for instance in instances {
            let key = instance.start.sortKey
            guard seen.insert(key).inserted else { continue }
            if excluded.contains(key) { continue }
            if !excludedDays.isEmpty, excludedDays.contains(CivilDate.floorDiv(instance.local, 86_400)) { continue }
            if let override = overrideByID[key] {
                matched.insert(key)
                guard let span = span(of: override, instanceStart: nil) else { continue }
                if overlaps(span.start, span.end, from, to) {
                    result.append(
                        EventOccurrence(
                            recurrenceID: instance.start, start: span.start, end: span.end, event: override,
                            method: method))
                }
                continue
            }
            var box = masterBox
            var start = instance.start
            var end: OccurrenceTime
            if let future = futureOverrides.last(where: { $0.rid <= key }) {
                // RANGE=THISANDFUTURE: later instances move by the same offset and take the override's data.
                if let shared = futureBoxes[future.rid] {
                    box = shared
                } else {
                    box = EventBox(future.event, method: method)
                    futureBoxes[future.rid] = box
                }
                let ridTime = occurrenceTime(future.event.recurrenceID!, line: future.event.lineNumber)
                if let span = span(of: future.event, instanceStart: nil) {
                    let shift = span.start.sortKey - ridTime.sortKey
                    let duration = span.end.sortKey - span.start.sortKey
                    switch start {
                    case .date(let date):
                        start = .date(CivilDate(days: date.days + shift / 86_400))
                        end = .date(CivilDate(days: date.days + (shift + duration) / 86_400))
                    case .instant(let seconds):
                        start = .instant(seconds + shift)
                        end = .instant(seconds + shift + duration)
                    }
                } else {
                    end =
                        instance.periodEnd
                        ?? self.end(of: master, start: start, startLocal: instance.local, zone: zoneID)
                }
            } else if let periodEnd = instance.periodEnd {
                end = periodEnd
            } else {
                switch start {
                case .date(let date):
                    end = .date(CivilDate(days: date.days + max(1, length / 86_400)))
                case .instant(let seconds):
                    if master.end == nil, let duration = master.duration, duration.days != 0 {
                        end = .instant(addNominal(duration, to: seconds, local: instance.local, zone: zoneID))
                    } else {
                        end = .instant(seconds + length)
                    }
                }
            }
            if overlaps(start, end, from, to) {
                result.append(EventOccurrence(recurrenceID: instance.start, start: start, end: end, box: box))
            }
        }
        // Overrides whose instance lies outside the generated range may still fall inside the window.
        for (key, override) in overrideByID where !matched.contains(key) {
            if excluded.contains(key) { continue }
            guard let rid = override.recurrenceID, let span = span(of: override, instanceStart: nil) else { continue }
            if overlaps(span.start, span.end, from, to) {
                result.append(
                    EventOccurrence(
                        recurrenceID: occurrenceTime(rid, line: override.lineNumber), start: span.start, end: span.end,
                        event: override, method: method))
            }
        }
    }
}
