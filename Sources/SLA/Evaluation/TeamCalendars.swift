import BatonCore
import CalendarParsing
import Foundation

/// The business calendars of the configured teams, one per (team, zone), built once per run.
///
/// A team's `holidays` file (`.ics`) is expanded by `CalendarExpander` over `window`, so yearly `RRULE`s, `RDATE`
/// lists, `EXDATE`s and `DURATION`s count as they do everywhere else: every all-day occurrence is a day off on each
/// of its dates; a timed occurrence takes the hours it covers out of the days it touches, read in the calendar's own
/// zone (a half day, or a day off when it covers all the day's hours). Cancelled occurrences do not count.
public final class TeamCalendars {
    /// The instants a holidays file is expanded over: 2000-01-01 to 2100-01-01, which holds every clock's span, from
    /// a lead's first mail to the ten-year search for working time after now.
    public static let defaultWindow: Range<Int64> = 946_684_800..<4_102_444_800

    /// The most occurrences expanded per event of a holidays file.
    public static let maxOccurrences = 50_000

    let config: Config
    /// The instants each holidays file is expanded over.
    public let window: Range<Int64>
    private var built: [String: BusinessCalendar] = [:]
    private var fileHolidays: [String: Holidays] = [:]
    /// Problems met reading holiday files, one line each, for stderr.
    public private(set) var problems: [String] = []

    /// The occurrences of one holidays file that take working time away.
    struct Holidays {
        /// All-day occurrences: each local date (days since 1970-01-01) they cover.
        var days: [Int64] = []
        /// Timed occurrences: their instants, end exclusive.
        var timed: [(start: Int64, end: Int64)] = []
    }

    /// The calendars of `config`'s teams, with holidays files expanded over `window`.
    public init(config: Config, window: Range<Int64> = TeamCalendars.defaultWindow) {
        self.config = config
        self.window = window
    }

    /// The calendar for `team` (the default team when unknown) read in `repZone` when given.
    public func calendar(team: String?, repZone: String? = nil) throws -> BusinessCalendar {
        let team = config.team(named: team ?? config.defaultTeam) ?? config.team(named: config.defaultTeam)!
        let zone = repZone.flatMap(TimeZone.init(identifier:))
        let key = team.name + "\u{0}" + (zone?.identifier ?? "")
        if let calendar = built[key] { return calendar }
        var calendar = try BusinessCalendar(team: team, repTimeZone: zone)
        if let holidays = holidays(from: team) {
            var changes: [Int64: [WeeklyHours.Span]] = [:]
            for day in holidays.days { changes[day] = [] }
            for span in holidays.timed {
                let first = BusinessCalendar.floorDiv(span.start + calendar.offset(at: span.start), 86_400)
                let localEnd = span.end + calendar.offset(at: span.end)
                var day = first
                while day * 86_400 < localEnd {
                    let dayStart = day * 86_400
                    let from = max(span.start + calendar.offset(at: span.start), dayStart) - dayStart
                    let to = min(localEnd, dayStart + 86_400) - dayStart
                    let hours = changes[day] ?? calendar.spans(onDay: day)
                    changes[day] = Self.removing(minutes: Int(from / 60)..<Int((to + 59) / 60), from: hours)
                    day += 1
                }
            }
            calendar = calendar.addingHolidays(changes)
        }
        built[key] = calendar
        return calendar
    }

    /// `spans` without the minutes of `covered`.
    static func removing(minutes covered: Range<Int>, from spans: [WeeklyHours.Span]) -> [WeeklyHours.Span] {
        var result: [WeeklyHours.Span] = []
        for span in spans {
            if span.end <= covered.lowerBound || span.start >= covered.upperBound {
                result.append(span)
                continue
            }
            if span.start < covered.lowerBound {
                result.append(WeeklyHours.Span(start: span.start, end: covered.lowerBound))
            }
            if covered.upperBound < span.end {
                result.append(WeeklyHours.Span(start: covered.upperBound, end: span.end))
            }
        }
        return result
    }

    private func holidays(from team: Config.Team) -> Holidays? {
        guard let file = team.holidaysFile else { return nil }
        if let cached = fileHolidays[file] { return cached }
        var found = Holidays()
        if let data = FileManager.default.contents(atPath: file) {
            let document = data.withUnsafeBytes { CalendarDocument.parse($0) }
            if document.calendars.isEmpty {
                problems.append("\(file): no iCalendar data in the holidays file of team \(team.name)")
            }
            var expander = CalendarExpander(maxOccurrences: Self.maxOccurrences)
            let occurrences = expander.occurrences(in: document, from: window.lowerBound, to: window.upperBound)
            for diagnostic in document.diagnostics + expander.diagnostics {
                problems.append("\(file): \(diagnostic)")
            }
            for occurrence in occurrences where occurrence.event.status != "CANCELLED" {
                switch (occurrence.start, occurrence.end) {
                case (.date(let first), let end):
                    let last = max(first.days, end.sortKey / 86_400 - 1)
                    found.days += Array(first.days...last)
                case (.instant(let start), let end):
                    if end.sortKey > start { found.timed.append((start, end.sortKey)) }
                }
            }
        } else {
            problems.append("\(file): cannot read the holidays file of team \(team.name)")
        }
        fileHolidays[file] = found
        return found
    }
}
