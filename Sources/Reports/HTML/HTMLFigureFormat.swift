import BatonCore
import Foundation

/// How the HTML report prints figures: `75%`, `2h 05m`, `1.5`, and `-` for a figure that does not exist.
enum HTMLFigureFormat {
    /// What is printed for a nil figure.
    static let missing = "-"

    /// A share as a whole percentage, rounded half away from zero: `0.754` → `75%`.
    static func percent(_ share: Double?) -> String {
        guard let share, share.isFinite else { return missing }
        return "\(Int((share * 100).rounded()))%"
    }

    /// Seconds as `DurationText` prints them (`2h 05m`, `45m`, `40s`); with `calendar` (the funnel's
    /// stage-to-stage medians) from 48 hours on as days and hours (`3d 04h`).
    static func duration(_ seconds: Int64?, calendar: Bool = false) -> String {
        guard let seconds else { return missing }
        return DurationText.format(seconds, calendar: calendar)
    }

    /// `s` shortened to at most `limit` characters (the last one an ellipsis) so that a label fits its column;
    /// callers escape the result and keep the full string in a `<title>`.
    static func truncate(_ s: String, to limit: Int) -> String {
        guard s.count > limit, limit > 1 else { return s }
        return String(s.prefix(limit - 1)) + "…"
    }

    /// A ratio with one decimal: `1.25` → `1.3`, `2` → `2.0`.
    static func decimal(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        let tenths = Int((abs(value) * 10).rounded())
        return (value < 0 && tenths > 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
    }

    /// A count with thin thousands separators: `12345` → `12 345`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        guard digits.count > 4 else { return value < 0 ? "-" + digits : digits }
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "\u{202F}" }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}

/// Dates of the report in its configured zone: `2026-11-23`, `2026-11-23 09:30`. An unknown zone name falls back
/// to UTC (and says so in the page).
struct HTMLDateFormat {
    /// Whether the report's zone name was found in the system's zone database.
    let zoneKnown: Bool
    private let calendar: Calendar

    /// Reads dates in the zone `identifier` (an IANA name).
    init(timezone identifier: String) {
        var calendar = Calendar(identifier: .gregorian)
        let zone = TimeZone(identifier: identifier)
        zoneKnown = zone != nil
        calendar.timeZone = zone ?? TimeZone(secondsFromGMT: 0)!
        self.calendar = calendar
    }

    /// `2026-11-23`.
    func date(_ epoch: Int64) -> String {
        let parts = components(epoch)
        return "\(parts.year)-\(Self.pad(parts.month))-\(Self.pad(parts.day))"
    }

    /// `2026-11-23 09:30`.
    func dateTime(_ epoch: Int64) -> String {
        let parts = components(epoch)
        return
            "\(parts.year)-\(Self.pad(parts.month))-\(Self.pad(parts.day)) \(Self.pad(parts.hour)):\(Self.pad(parts.minute))"
    }

    /// Whether `epoch` is a local midnight (then the period prints as dates only).
    func isMidnight(_ epoch: Int64) -> Bool {
        let parts = components(epoch)
        return parts.hour == 0 && parts.minute == 0 && parts.second == 0
    }

    private func components(_ epoch: Int64) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    ) {
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: UnixTime.date(epoch))
        return (c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
