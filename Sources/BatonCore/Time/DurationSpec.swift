/// A duration as written in the configuration: a whole number and a unit (Config/README.md, "Durations").
///
/// What it means depends on the policy's time: in business time `m` and `h` count working time, `d` is the same
/// local time on the n-th next working day and `w` five working days; in calendar time `1d` is 24 h, `1w` 7 d.
public struct DurationSpec: Sendable, Equatable, CustomStringConvertible {
    /// The unit of a duration.
    public enum Unit: String, Sendable {
        case seconds = "s", minutes = "m", hours = "h", days = "d", weeks = "w"
    }

    /// How many units.
    public let amount: Int
    /// Which unit.
    public let unit: Unit

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `4h`, `90m`, `1d`, `2w` (and `30s` when `allowSeconds`).
    public init?(_ text: String, allowSeconds: Bool = false) {
        guard let last = text.last, let unit = Unit(rawValue: String(last)) else { return nil }
        if unit == .seconds && !allowSeconds { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            digits.count <= 6, let amount = Int(digits)
        else { return nil }
        self.init(amount: amount, unit: unit)
    }

    /// The length in calendar time: `1d` is 24 h, `1w` 7 days.
    public var calendarSeconds: Int64 {
        let factor: Int64 =
            switch unit {
            case .seconds: 1
            case .minutes: 60
            case .hours: 3600
            case .days: 86_400
            case .weeks: 604_800
            }
        return Int64(amount) * factor
    }

    public var description: String { "\(amount)\(unit.rawValue)" }
}
