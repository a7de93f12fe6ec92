/// `alerts.digest`: `off`, `run` or `daily HH:MM`.
public enum DigestMode: Sendable, Equatable {
    /// One mail per alert.
    case off
    /// One digest per recipient per run.
    case run
    /// One digest per recipient a day, at this many minutes after midnight in the recipient's zone.
    case daily(minutes: Int)

    /// The mode `text` spells (`off`, `run`, `daily 08:00`), or nil when it spells none.
    public init?(_ text: String) {
        if text == "off" {
            self = .off
        } else if text == "run" {
            self = .run
        } else if text.hasPrefix("daily "), let minutes = WeeklyHours.minutes(String(text.dropFirst(6))) {
            self = .daily(minutes: minutes)
        } else {
            return nil
        }
    }

    /// The configuration's spelling.
    public var text: String {
        switch self {
        case .off: "off"
        case .run: "run"
        case .daily(let minutes): "daily " + WeeklyHours.clock(minutes)
        }
    }

    /// The daily digest's time, minutes after midnight; nil unless daily.
    public var dailyMinutes: Int? { if case .daily(let m) = self { m } else { nil } }
}
