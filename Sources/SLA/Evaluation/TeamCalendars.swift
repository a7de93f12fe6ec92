import BatonCore
import CalendarParsing
import Foundation

/// The business calendars of the configured teams, one per (team, zone), built once per run; a team's
/// `holidays` file (`.ics`) is read here: every all-day event is a day off on each of its dates.
public final class TeamCalendars {
    let config: Config
    private var built: [String: BusinessCalendar] = [:]
    private var fileHolidays: [String: [CivilDate]] = [:]
    /// Problems met reading holiday files, one line each, for stderr.
    public private(set) var problems: [String] = []

    public init(config: Config) { self.config = config }

    /// The calendar for `team` (the default team when unknown) read in `repZone` when given.
    public func calendar(team: String?, repZone: String? = nil) throws -> BusinessCalendar {
        let team = config.team(named: team ?? config.defaultTeam) ?? config.team(named: config.defaultTeam)!
        let zone = repZone.flatMap(TimeZone.init(identifier:))
        let key = team.name + "\u{0}" + (zone?.identifier ?? "")
        if let calendar = built[key] { return calendar }
        var calendar = try BusinessCalendar(team: team, repTimeZone: zone)
        for date in holidays(from: team) {
            calendar = calendar.addingHoliday(year: date.year, month: date.month, day: date.day)
        }
        built[key] = calendar
        return calendar
    }

    private func holidays(from team: Config.Team) -> [CivilDate] {
        guard let file = team.holidaysFile else { return [] }
        if let cached = fileHolidays[file] { return cached }
        var found: [CivilDate] = []
        if let data = FileManager.default.contents(atPath: file) {
            let document = CalendarDocument.parse([UInt8](data))
            for calendar in document.calendars {
                for event in calendar.events {
                    guard case .date(let first)? = event.start else { continue }
                    var last = first.days
                    if case .date(let end)? = event.end { last = max(first.days, end.days - 1) }
                    for day in first.days...min(last, first.days + 366) {
                        found.append(CivilDate(days: day))
                    }
                }
            }
        } else {
            problems.append("\(file): cannot read the holidays file of team \(team.name)")
        }
        fileHolidays[file] = found
        return found
    }
}
