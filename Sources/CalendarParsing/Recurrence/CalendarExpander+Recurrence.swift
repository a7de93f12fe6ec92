/// One recurring event and its overrides expanded into the occurrences that overlap the window.
extension CalendarExpander {
    struct Instance {
        var start: OccurrenceTime
        var local: Int64
        var periodEnd: OccurrenceTime?
    }

    mutating func expand(
        _ master: CalendarEvent, overrides: [Override], method: String?, from: Int64, to: Int64,
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
        let line = master.lineNumber
        func instant(local: Int64) -> OccurrenceTime {
            if isDate { return .date(CivilDate(days: CivilDate.floorDiv(local, 86_400))) }
            // Optional chaining reads the rules where they are; `if let` copied them (five retains) per instance.
            return .instant(rules?.instant(localSeconds: local) ?? local)
        }
        // EXDATE, RDATE and RECURRENCE-ID as this event means them: in an all-day event a date-time names its
        // (written) day; floating and zoned times are read against DTSTART's form.
        func read(_ time: CalendarTime) -> OccurrenceTime {
            if isDate, !time.isDate { return .date(CivilDate(days: CivilDate.floorDiv(time.localSeconds, 86_400))) }
            return occurrenceTime(time, line: line, anchor: written)
        }
        func localDay(_ key: Int64) -> Int64 {
            CivilDate.floorDiv(rules.map { $0.localSeconds(ofUTC: key) } ?? key, 86_400)
        }
        // How long an instance lasts, for the window's lower bound and for the end of each instance.
        let firstStart = instant(local: written.localSeconds)
        let firstEnd = end(of: master, start: firstStart, startLocal: written.localSeconds, zone: zoneID)
        let length = max(0, firstEnd.sortKey - firstStart.sortKey)
        var overrideByID: [Int64: Override] = [:]
        // A date RECURRENCE-ID on a date-time event names the instance on that local day.
        var overrideByDay: [Int64: Override] = [:]
        for entry in overrides {
            guard let rid = entry.event.recurrenceID else { continue }
            let time = read(rid)
            if case .date(let date) = time, !isDate {
                if let held = overrideByDay[date.days], !entry.event.supersedes(held.event) { continue }
                overrideByDay[date.days] = entry
                continue
            }
            if let held = overrideByID[time.sortKey], !entry.event.supersedes(held.event) { continue }
            overrideByID[time.sortKey] = entry
        }
        let futureOverrides = overrideByID.filter { $0.value.event.thisAndFuture }.map {
            (rid: $0.key, event: $0.value.event)
        }
        .sorted { $0.rid < $1.rid }
        var excluded: Set<Int64> = []
        var excludedDays: Set<Int64> = []
        for time in master.exceptionDates {
            let value = read(time)
            if case .date(let date) = value, !isDate {
                excludedDays.insert(date.days)
            } else {
                excluded.insert(value.sortKey)
            }
        }
        func isExcluded(_ key: Int64) -> Bool {
            excluded.contains(key) || (!excludedDays.isEmpty && excludedDays.contains(localDay(key)))
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
                // A DATE names its whole day, also for a date-time DTSTART (RFC 5545, 3.3.10: UNTIL is inclusive).
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
            let start = read(date.start)
            var periodEnd: OccurrenceTime?
            if case .period(let period) = date, case .instant(let seconds) = start {
                if let end = period.end {
                    periodEnd = .instant(max(seconds, occurrenceTime(end, line: line, anchor: written).sortKey))
                } else if let duration = period.duration {
                    var zone = period.start.tzid
                    if case .dateTime(_, .floating) = period.start { zone = zoneID }
                    periodEnd = .instant(
                        max(seconds, addNominal(duration, to: seconds, local: period.start.localSeconds, zone: zone)))
                }
            }
            let local: Int64
            switch start {
            case .date(let day): local = day.days * 86_400
            case .instant(let seconds): local = rules.map { $0.localSeconds(ofUTC: seconds) } ?? seconds
            }
            instances.append(Instance(start: start, local: local, periodEnd: periodEnd))
        }
        if !master.recurrenceDates.isEmpty || master.rules.count > 1 {
            instances.sort { $0.start.sortKey < $1.start.sortKey }
        }
        var seen: Set<Int64> = []
        var matched: Set<Int64> = []
        var matchedDays: Set<Int64> = []
        for instance in instances {
            let key = instance.start.sortKey
            guard seen.insert(key).inserted else { continue }
            if excluded.contains(key) { continue }
            if !excludedDays.isEmpty, excludedDays.contains(CivilDate.floorDiv(instance.local, 86_400)) { continue }
            var found = overrideByID[key]
            if found != nil {
                matched.insert(key)
            } else if !overrideByDay.isEmpty {
                let day = CivilDate.floorDiv(instance.local, 86_400)
                found = overrideByDay[day]
                if found != nil { matchedDays.insert(day) }
            }
            if let override = found {
                guard let span = span(of: override.event, instanceStart: nil) else { continue }
                if overlaps(span.start, span.end, from, to) {
                    result.append(
                        EventOccurrence(
                            recurrenceID: instance.start, start: span.start, end: span.end, event: override.event,
                            method: override.method))
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
                if let span = span(of: future.event, instanceStart: nil) {
                    let shift = span.start.sortKey - future.rid
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
        // An override whose instance the rule does not generate (any more, or not inside the range expanded)
        // stands at its own start, once; one whose instance an EXDATE removed is dropped with it.
        var leftOver: [(rid: OccurrenceTime, entry: Override)] = []
        for (key, entry) in overrideByID where !matched.contains(key) && !isExcluded(key) {
            leftOver.append((read(entry.event.recurrenceID!), entry))
        }
        for (day, entry) in overrideByDay where !matchedDays.contains(day) && !excludedDays.contains(day) {
            leftOver.append((.date(CivilDate(days: day)), entry))
        }
        for (rid, entry) in leftOver {
            guard let span = span(of: entry.event, instanceStart: nil) else { continue }
            if overlaps(span.start, span.end, from, to) {
                result.append(
                    EventOccurrence(
                        recurrenceID: rid, start: span.start, end: span.end, event: entry.event, method: entry.method))
            }
        }
    }
}
