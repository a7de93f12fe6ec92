import Foundation

/// Turns `TZID`s into zone rules: Olson names through the system database, Windows names through CLDR's
/// mapping, vendor-prefixed ids (`/mozilla.org/20050126_1/Europe/Berlin`) by their Olson tail, and any other id
/// through the calendar's own `VTIMEZONE` (RFC 5545, 3.6.5).
public struct TimeZoneResolver {
    private var systemZones: [String: ZoneRules] = [:]
    private var calendarZones: [String: CalendarComponent] = [:]
    private var calendarRules: [String: ZoneRules?] = [:]
    private var reported: Set<String> = []
    /// Identifiers that could not be resolved (each reported once).
    public private(set) var diagnostics: [CalendarDiagnostic] = []

    /// A resolver for a calendar with these `VTIMEZONE`s (by `TZID`).
    public init(calendarZones: [String: CalendarComponent] = [:]) { self.calendarZones = calendarZones }

    /// Switches to another calendar's `VTIMEZONE`s, keeping system zones already loaded.
    public mutating func use(calendarZones: [String: CalendarComponent]) {
        self.calendarZones = calendarZones
        calendarRules = [:]
    }

    /// The rules for a `TZID`, or nil (with a diagnostic) when nothing defines it.
    public mutating func rules(for tzid: String, line: Int = 0) -> ZoneRules? {
        if let cached = systemZones[tzid] { return cached }
        if let cached = calendarRules[tzid] { return cached }
        if let olson = TimeZoneResolver.olsonName(for: tzid), let zone = TimeZone(identifier: olson) {
            let rules = ZoneRules(timeZone: zone)
            systemZones[tzid] = rules
            return rules
        }
        let component =
            calendarZones[tzid]
            ?? calendarZones.first { TimeZoneResolver.clean($0.key) == TimeZoneResolver.clean(tzid) }?.value
        let rules = component.flatMap { VTimeZoneRules.rules(from: $0, identifier: tzid) }
        calendarRules[tzid] = rules
        if rules == nil, reported.insert(tzid).inserted {
            diagnostics.append(CalendarDiagnostic(.unknownTimeZone, line: line, "unknown TZID '\(tzid)': read as UTC"))
        }
        return rules
    }

    private static func clean(_ tzid: String) -> String {
        var text = tzid.trimmingSpaces
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
        return TextEscaping.unescape(text)
    }

    /// The Olson name a `TZID` stands for, or nil when it names no system zone.
    public static func olsonName(for tzid: String) -> String? {
        let id = clean(tzid)
        guard !id.isEmpty else { return nil }
        if let windows = WindowsZones.olsonName(for: id) { return windows }
        if !id.contains(" "), TimeZone(identifier: id) != nil { return id }
        let parts = id.split(separator: "/")
        if parts.count >= 2 {
            for length in stride(from: min(3, parts.count), through: 2, by: -1) {
                let tail = parts.suffix(length).joined(separator: "/")
                if let first = parts.suffix(length).first, first.first?.isUppercase == true,
                    TimeZone(identifier: tail) != nil
                {
                    return tail
                }
            }
        }
        return nil
    }
}

/// Zone rules computed from a `VTIMEZONE`'s `STANDARD` and `DAYLIGHT` observances (RFC 5545, 3.6.5).
public enum VTimeZoneRules {
    /// Each observance's onsets (`DTSTART`, its `RRULE` up to 2100, its `RDATE`s) become transitions.
    public static func rules(from component: CalendarComponent, identifier: String) -> ZoneRules? {
        var entries: [(utc: Int64, from: Int, to: Int)] = []
        let horizon = CivilDate.days(year: 2100, month: 1, day: 1) * 86_400
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
            identifier: identifier, initialOffset: entries[0].from, transitions: entries.map { ($0.utc, $0.to) })
    }
}
