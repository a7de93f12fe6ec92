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
    /// The identifier each of `diagnostics` reports.
    private var diagnosedIDs: [String] = []

    /// A resolver for a calendar with these `VTIMEZONE`s (by `TZID`).
    public init(calendarZones: [String: CalendarComponent] = [:]) { self.calendarZones = calendarZones }

    /// Hands over the diagnostics gathered so far and forgets them.
    public mutating func takeDiagnostics() -> [CalendarDiagnostic] {
        defer {
            diagnostics = []
            diagnosedIDs = []
        }
        return diagnostics
    }

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
            diagnosedIDs.append(tzid)
        }
        return rules
    }

    /// Takes in what `other`, a copy of this resolver made when it held `count` diagnostics, resolved and
    /// reported since: its zones, and its diagnostics for identifiers this one has not reported.
    mutating func join(_ other: TimeZoneResolver, since count: Int) {
        systemZones.merge(other.systemZones) { mine, _ in mine }
        calendarRules.merge(other.calendarRules) { mine, _ in mine }
        for index in other.diagnostics.indices.dropFirst(count)
        where reported.insert(other.diagnosedIDs[index]).inserted {
            diagnostics.append(other.diagnostics[index])
            diagnosedIDs.append(other.diagnosedIDs[index])
        }
    }

    static func clean(_ tzid: String) -> String {
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
