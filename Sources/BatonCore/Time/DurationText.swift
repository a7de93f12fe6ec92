/// How every duration a person reads is printed: alerts, digests, `sla check`, `lead show`, `explain` and the
/// text and HTML reports (README.md, "Durations").
///
/// Below a minute it prints seconds (`45s`); from a minute on it rounds to the nearest minute, half up, and prints
/// minutes (`12m`) or hours and two-digit minutes (`2h 05m`). Calendar time from 48 hours on prints days of 24 h
/// and two-digit hours, rounded to the nearest hour (`3d 04h`); business time stays in hours, because a business
/// day is not 24 hours. A negative duration prints with a leading `-`. JSON output keeps whole seconds instead.
public enum DurationText {
    /// `seconds` as text: `45s`, `12m`, `2h 05m`, and with `calendar` from 48 h on `3d 04h`.
    public static func format(_ seconds: Int64, calendar: Bool = false) -> String {
        if seconds < 0 { return "-" + format(0 - seconds, calendar: calendar) }
        if seconds < 60 { return "\(seconds)s" }
        if calendar && seconds >= 48 * 3_600 {
            let hours = (seconds + 1_800) / 3_600
            return "\(hours / 24)d " + twoDigits(hours % 24) + "h"
        }
        let minutes = (seconds + 30) / 60
        if minutes < 60 { return "\(minutes)m" }
        return "\(minutes / 60)h " + twoDigits(minutes % 60) + "m"
    }

    private static func twoDigits(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
