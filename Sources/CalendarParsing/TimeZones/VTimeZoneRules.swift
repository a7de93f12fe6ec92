/// Zone rules computed from a `VTIMEZONE`'s `STANDARD` and `DAYLIGHT` observances (RFC 5545, 3.6.5).
public enum VTimeZoneRules {
    /// Each observance's onsets (`DTSTART`, its `RRULE` up to 2100, its `RDATE`s) become transitions; after
    /// 2100 the `RRULE`s that have not ended go on being applied year by year.
    public static func rules(from component: CalendarComponent, identifier: String) -> ZoneRules? {
        var entries: [(utc: Int64, from: Int, to: Int)] = []
        var recurring: [ZoneTail.RecurringObservance] = []
        let horizon = ZoneRules.tableHorizon
        for observance in component.components where observance.name == "STANDARD" || observance.name == "DAYLIGHT" {
            guard let fromText = observance.property("TZOFFSETFROM")?.value, let from = UTCOffset.parse(fromText),
                let toText = observance.property("TZOFFSETTO")?.value, let to = UTCOffset.parse(toText),
                let startText = observance.property("DTSTART")?.value, let start = CalendarTime.parse(startText)
            else { continue }
            let startLocal = start.localSeconds
            entries.append((startLocal - Int64(from), from, to))
            for line in observance.properties("RRULE") {
                guard let rule = try? RecurrenceRule.parse(line.value) else { continue }
                var untilLocal: Int64?
                if let until = rule.until {
                    switch until {
                    case .date(let date): untilLocal = date.days * 86_400 + 86_399
                    case .dateTime(let seconds, .utc): untilLocal = seconds + Int64(from)
                    case .dateTime(let seconds, _): untilLocal = seconds
                    }
                }
                var iterator = RecurrenceIterator(
                    rule: rule, start: startLocal, untilLocal: untilLocal, through: horizon, maxPeriods: 5000)
                _ = iterator.next()
                while let onset = iterator.next() { entries.append((onset - Int64(from), from, to)) }
                // Only a rule without COUNT whose UNTIL (if any) lies past the table goes on after it.
                if rule.count == nil, (untilLocal ?? Int64.max) >= horizon, !iterator.hitPeriodLimit {
                    recurring.append(
                        ZoneTail.RecurringObservance(
                            rule: rule, startLocal: startLocal, untilLocal: untilLocal, offsetFrom: from, offsetTo: to))
                }
            }
            for line in observance.properties("RDATE") {
                for item in line.value.split(separator: ",") {
                    let text = item.split(separator: "/").first.map(String.init) ?? ""
                    guard let time = CalendarTime.parse(text) else { continue }
                    if case .dateTime(let seconds, .utc) = time {
                        entries.append((seconds, from, to))
                    } else {
                        entries.append((time.localSeconds - Int64(from), from, to))
                    }
                }
            }
        }
        guard !entries.isEmpty else { return nil }
        entries.sort { $0.utc < $1.utc }
        return ZoneRules(
            identifier: identifier, initialOffset: entries[0].from, transitions: entries.map { ($0.utc, $0.to) },
            tail: recurring.isEmpty ? nil : .observances(recurring, from: horizon))
    }
}
