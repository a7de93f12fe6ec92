import Foundation

/// Working hours per weekday, as minutes after local midnight (`"mon-fri": "09:00-12:30,13:30-17:30"`).
public struct WeeklyHours: Sendable, Equatable {
    /// A span of working time within one day, in minutes after midnight; `end` may be 1440.
    public struct Span: Sendable, Equatable, CustomStringConvertible {
        public let start: Int
        public let end: Int
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
        public var description: String { "\(WeeklyHours.clock(start))-\(WeeklyHours.clock(end))" }
    }

    /// Index 0 is Monday, 6 is Sunday (ISO order).
    public var days: [[Span]] = Array(repeating: [], count: 7)

    public init() {}

    /// The day keys in ISO order.
    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Parses a day key: `mon`, or a range `mon-fri` (wrapping ranges like `fri-mon` are allowed).
    public static func parseDays(_ key: String) -> [Int]? {
        let parts = key.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, let a = dayNames.firstIndex(of: first) else { return nil }
        if parts.count == 1 { return [a] }
        guard parts.count == 2, let b = dayNames.firstIndex(of: parts[1]) else { return nil }
        var result = [a]
        var d = a
        while d != b {
            d = (d + 1) % 7
            result.append(d)
        }
        return result
    }

    /// Parses `09:00-12:30,13:30-17:30` into ordered, non-overlapping spans; nil with a reason when malformed.
    public static func parseSpans(_ text: String) -> Result<[Span], SpanError> {
        var spans: [Span] = []
        for piece in text.split(separator: ",") {
            let bounds = piece.trimmingCharacters(in: .whitespaces).split(
                separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2, let start = minutes(String(bounds[0])), let end = minutes(String(bounds[1])) else {
                return .failure(.malformed(String(piece)))
            }
            guard start < end else { return .failure(.backwards(String(piece))) }
            if let last = spans.last, start < last.end { return .failure(.overlapping(String(piece))) }
            spans.append(Span(start: start, end: end))
        }
        return spans.isEmpty ? .failure(.malformed(text)) : .success(spans)
    }

    /// Why a list of spans was refused.
    public enum SpanError: Error, Equatable, CustomStringConvertible {
        case malformed(String), backwards(String), overlapping(String)
        public var description: String {
            switch self {
            case .malformed(let s): "'\(s)' is not a time range like 09:00-17:30"
            case .backwards(let s): "'\(s)' ends before it starts (overnight ranges are not supported)"
            case .overlapping(let s): "'\(s)' overlaps or precedes the range before it"
            }
        }
    }

    /// `HH:MM` as minutes after midnight; `24:00` allowed.
    public static func minutes(_ text: String) -> Int? {
        let p = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard p.count == 2, p[0].count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]),
            (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }

    /// Minutes after midnight as `HH:MM`.
    public static func clock(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
