import BatonCore
import CalendarParsing
import Foundation

/// `baton inspect calendar PATH`: JSON Lines, one event occurrence a line.
enum InspectCalendarCommand: BatonCommand {
    static let path = ["inspect", "calendar"]
    static let arguments = "PATH"
    static let summary = "parse an .ics file; JSON Lines, one event occurrence a line"
    static let options: [OptionSpec] = [
        .value("from", "ISO", "window start (default: a year before --now)"),
        .value("to", "ISO", "window end (default: a year after --now)"),
    ]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let path = invocation.resolve(try invocation.onePositional("PATH"))
        let now = try invocation.now()
        let from = try instant(invocation, "from") ?? yearsAfter(now, -1)
        let to = try instant(invocation, "to") ?? yearsAfter(now, 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InspectCalendarError.noSuchPath(path)
        }
        var files = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.lowercased().hasSuffix(".ics") }.sorted().map {
                (path as NSString).appendingPathComponent($0)
            }
        }
        // A large file is read, expanded and written on two threads where there are two cores.
        let readingThreads = min(2, ProcessInfo.processInfo.activeProcessorCount)
        var expander = CalendarExpander()
        expander.threads = readingThreads
        var occurrences: [EventOccurrence] = []
        var calendars = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw InspectCalendarError.unreadable(file)
            }
            let document = data.withUnsafeBytes { CalendarDocument.parse($0, threads: readingThreads) }
            defer { invocation.leaveForExit(document) }
            calendars += document.calendars.count
            for diagnostic in document.diagnostics { invocation.err.line("baton: \(file): \(diagnostic)") }
            let reported = expander.diagnostics.count
            let found = expander.occurrences(in: document, from: from, to: to)
            if occurrences.isEmpty { occurrences = found } else { occurrences += found }
            for diagnostic in expander.diagnostics.dropFirst(reported) {
                invocation.err.line("baton: \(file): \(diagnostic)")
            }
        }
        guard calendars > 0 else { throw InspectCalendarError.notICalendar(path) }
        let out = invocation.out
        // Each file's occurrences come sorted; only several files need sorting again.
        let ordered = files.count == 1 ? occurrences : CalendarExpander.sorted(occurrences)
        OccurrenceLines.write(ordered, threads: readingThreads) { out.write(bytes: $0) }
        invocation.leaveForExit((occurrences, ordered))
        return .ok
    }

    /// The same UTC wall-clock time `years` years later (29 February becomes 28 February).
    private static func yearsAfter(_ instant: Int64, _ years: Int) -> Int64 {
        let day = instant >= 0 ? instant / 86_400 : (instant - 86_399) / 86_400
        let (year, month, dayOfMonth) = Timestamp.civilDate(fromDays: day)
        let leapDayLost = !Timestamp.isValidDate(year: year + years, month: month, day: dayOfMonth)
        let moved = Timestamp.days(year: year + years, month: month, day: leapDayLost ? 28 : dayOfMonth)
        return moved * 86_400 + (instant - day * 86_400)
    }

    private static func instant(_ invocation: Invocation, _ name: String) throws -> Int64? {
        guard let text = invocation.arguments.value(name) else { return nil }
        guard let instant = Timestamp.parseInstant(text) else {
            throw UsageError.badValue(
                option: "--\(name)", value: text, expected: "an ISO 8601 time with Z or an offset")
        }
        return instant
    }
}

/// Why `baton inspect calendar` could not read its input.
enum InspectCalendarError: CommandLineError {
    case noSuchPath(String)
    case unreadable(String)
    case notICalendar(String)

    var exitCode: ExitCode {
        switch self {
        case .noSuchPath: .noInput
        case .unreadable: .ioError
        case .notICalendar: .dataError
        }
    }

    var description: String {
        switch self {
        case .noSuchPath(let path): "\(path): no such file or folder"
        case .unreadable(let path): "\(path): cannot read"
        case .notICalendar(let path): "\(path): no iCalendar data (no BEGIN:VCALENDAR)"
        }
    }
}
