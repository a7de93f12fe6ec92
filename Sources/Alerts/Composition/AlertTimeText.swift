import BatonCore
import Foundation

/// How alerts print instants and durations: RFC 5322 dates for the `Date` header, the recipient's local time
/// (named by its zone id, which reads the same on every platform, unlike Foundation's abbreviations) beside UTC.
enum AlertTimeText {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date-time` of RFC 5322 section 3.3 in UTC: `Tue, 3 Mar 2026 14:30:00 +0000`.
    static func rfc5322(_ seconds: Int64) -> String {
        let parts = Parts(seconds)
        return "\(parts.weekday), \(parts.day) \(parts.month) \(parts.year) \(parts.hhmm):\(parts.ss) +0000"
    }

    /// The zone's name as shown: its id, or `UTC` for the zones that are UTC by another name.
    static func zoneLabel(_ zone: TimeZone) -> String {
        let id = zone.identifier
        return ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu"].contains(id)
            ? "UTC" : UntrustedText.line(id)
    }

    /// `Tue 3 Mar 2026 14:30 Europe/London`.
    static func local(_ seconds: Int64, in zone: TimeZone) -> String {
        let parts = Parts(localSeconds(seconds, zone))
        return "\(parts.weekday) \(parts.day) \(parts.month) \(parts.year) \(parts.hhmm) \(zoneLabel(zone))"
    }

    /// The local date: `Mon 16 Nov 2026`.
    static func dayDate(_ seconds: Int64, in zone: TimeZone) -> String {
        let parts = Parts(localSeconds(seconds, zone))
        return "\(parts.weekday) \(parts.day) \(parts.month) \(parts.year)"
    }

    /// The local time and UTC: `Tue 3 Mar 2026 14:30 Europe/London (2026-03-03T14:30:00Z)`.
    static func localAndUTC(_ seconds: Int64, in zone: TimeZone) -> String {
        "\(local(seconds, in: zone)) (\(Timestamp.format(epochSeconds: seconds)))"
    }

    /// A short local time for a subject: `14:30 Europe/London` on the same local day as `reference`, else
    /// `Wed 4 Mar 14:30 Europe/London`.
    static func short(_ seconds: Int64, in zone: TimeZone, reference: Int64) -> String {
        let local = localSeconds(seconds, zone)
        let parts = Parts(local)
        if floorDiv(local, 86_400) == floorDiv(localSeconds(reference, zone), 86_400) {
            return "\(parts.hhmm) \(zoneLabel(zone))"
        }
        return "\(parts.weekday) \(parts.day) \(parts.month) \(parts.hhmm) \(zoneLabel(zone))"
    }

    /// A duration with its time basis: `2h 15m business time`, `3d 04h calendar time` (`DurationText`).
    static func duration(_ seconds: Int64, basis: Config.Policy.TimeBasis) -> String {
        "\(DurationText.format(seconds, calendar: basis == .calendar)) \(basis.rawValue) time"
    }

    private static func localSeconds(_ seconds: Int64, _ zone: TimeZone) -> Int64 {
        ZonedTime.localSeconds(of: seconds, in: zone)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// The fields of a wall-clock time given as seconds since 1970-01-01T00:00 of that clock.
    private struct Parts {
        var weekday: String
        var day: Int
        var month: String
        var year: Int
        var hhmm: String
        var ss: String

        init(_ seconds: Int64) {
            let days = AlertTimeText.floorDiv(seconds, 86_400)
            let secondOfDay = seconds - days * 86_400
            let (y, m, d) = Timestamp.civilDate(fromDays: days)
            // 1970-01-01 was a Thursday.
            weekday = AlertTimeText.weekdays[Int(((days % 7) + 7 + 4) % 7)]
            day = d
            month = AlertTimeText.months[m - 1]
            year = y
            hhmm = String(format: "%02d:%02d", Int(secondOfDay / 3600), Int(secondOfDay % 3600 / 60))
            ss = String(format: "%02d", Int(secondOfDay % 60))
        }
    }
}
