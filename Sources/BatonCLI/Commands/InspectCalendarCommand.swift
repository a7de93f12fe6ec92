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
        // A large file is read on two threads where there are two cores.
        let readingThreads = min(2, ProcessInfo.processInfo.activeProcessorCount)
        var expander = CalendarExpander()
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
        let writer = JSONByteWriter { out.write(bytes: $0) }
        // What every occurrence of a component shares is written once, kept as bytes, and copied.
        var shared: [ObjectIdentifier: (head: [UInt8], tail: [UInt8])] = [:]
        let scratch = ByteCollector()
        let pieceWriter = JSONByteWriter(capacity: 64 << 10) { scratch.bytes += $0.assumingMemoryBound(to: UInt8.self) }
        // Each file's occurrences come sorted; only several files need sorting again.
        for occurrence in files.count == 1 ? occurrences : CalendarExpander.sorted(occurrences) {
            let component = occurrence.componentIdentity
            var pieces: (head: [UInt8], tail: [UInt8])! = shared[component]
            if pieces == nil {
                pieces = sharedPieces(occurrence, writer: pieceWriter, scratch: scratch)
                shared[component] = pieces
            }
            writer.beginObject()
            writer.raw(pieces.head)
            writer.key("recurrence_id")
            if let recurrenceID = occurrence.recurrenceID { time(recurrenceID, to: writer) } else { writer.null() }
            writer.key("start")
            time(occurrence.start, to: writer)
            writer.key("end")
            time(occurrence.end, to: writer)
            writer.raw(pieces.tail)
            writer.endObject()
            writer.newline()
        }
        writer.flush()
        invocation.leaveForExit((occurrences, shared))
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

    /// A line of output has its keys in a fixed order that scripts may rely on: `uid`, then `recurrence_id`,
    /// `start` and `end` (the occurrence's own), then what every occurrence of the component shares, from
    /// `summary` to `sequence`. These are the shared pieces, `"uid":…` and `,"summary":…,"sequence":…`.
    private static func sharedPieces(
        _ occurrence: EventOccurrence, writer w: JSONByteWriter, scratch: ByteCollector
    ) -> (head: [UInt8], tail: [UInt8]) {
        w.key("uid")
        w.string(occurrence.uid)
        w.flush()
        let head = scratch.bytes
        scratch.bytes = []
        w.needsComma = true  // the tail follows a value
        let event = occurrence.event
        w.key("summary")
        w.string(event.summary)
        w.key("status")
        w.string(event.status)
        w.key("organizer")
        w.string(event.organizer)
        w.key("attendees")
        w.beginArray()
        for attendee in event.attendees {
            w.beginObject()
            w.key("address")
            w.string(attendee.address)
            w.key("name")
            w.string(attendee.name)
            w.key("partstat")
            w.string(attendee.participationStatus)
            w.key("role")
            w.string(attendee.role)
            w.endObject()
        }
        w.endArray()
        w.key("method")
        w.string(occurrence.method)
        w.key("sequence")
        w.int(event.sequence)
        w.flush()
        let tail = scratch.bytes
        scratch.bytes = []
        w.needsComma = false  // the next head starts a piece
        return (head, tail)
    }

    /// `OccurrenceTime.description`'s text, written without building it for the years 0 to 9999.
    private static func time(_ time: OccurrenceTime, to w: JSONByteWriter) {
        switch time {
        case .date(let date)
        where (0...9999).contains(date.year) && (1...12).contains(date.month)
            && (1...31).contains(date.day):
            w.date(year: date.year, month: date.month, day: date.day)
        case .instant(let seconds) where (-62_167_219_200...253_402_300_799).contains(seconds):
            w.time(epochSeconds: seconds)
        default: w.string(time.description)
        }
    }
}

/// The bytes a writer hands over, kept.
final class ByteCollector { var bytes: [UInt8] = [] }

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
