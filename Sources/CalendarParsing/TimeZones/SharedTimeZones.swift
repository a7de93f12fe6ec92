import Foundation

/// The `VTIMEZONE`s of many iCalendar inputs (a calendar file and the invitations of many senders) read together
/// as one calendar. A zone name that resolves through the system (Olson, Windows, vendor-prefixed) means the
/// same everywhere; a custom one does not: Outlook calls every zone it cannot name "Customized Time Zone", with
/// rules that differ from sender to sender. The first definition of a custom name keeps it; a later, different
/// definition gets a name of its own, and the events of its input are renamed to match (`renames`). A name an
/// input uses without defining it reads with the first definition, whichever input holds it.
public struct SharedTimeZones {
    /// Every definition, by the name events use after renaming.
    public private(set) var zones: [String: CalendarComponent] = [:]
    /// The text of the definition each custom name stands for (by cleaned name).
    private var definitions: [String: ArraySlice<UInt8>] = [:]
    /// The name given to each later, different definition (by cleaned name, then its text).
    private var aliases: [String: [ArraySlice<UInt8>: String]] = [:]

    /// No zones yet.
    public init() {}

    /// Registers the zones `bytes` defines and returns the renames its events need (cleaned `TZID` → name
    /// in `zones`). Only the `VTIMEZONE` blocks are read; within one input the first definition of a name wins.
    public mutating func add(_ bytes: [UInt8]) -> [String: String] {
        var renames: [String: String] = [:]
        var seen: Set<String> = []
        for block in Self.zoneBlocks(bytes) {
            let document = CalendarDocument.parse(Array(Self.prefix) + block + Array(Self.suffix))
            guard let (name, zone) = document.calendars.first?.timeZones.first else { continue }
            let key = TimeZoneResolver.clean(name)
            guard seen.insert(key).inserted else { continue }
            guard let first = definitions[key] else {
                definitions[key] = block
                zones[name] = zone
                continue
            }
            // The same definition again, or a name the system resolves whatever the block says: nothing to rename.
            if first == block || TimeZoneResolver.olsonName(for: name) != nil { continue }
            let alias = aliases[key]?[block] ?? "\(key)\u{1}\(aliases[key]?.count ?? 0)"
            aliases[key, default: [:]][block] = alias
            zones[alias] = zone
            renames[key] = alias
        }
        return renames
    }

    private static let prefix = "BEGIN:VCALENDAR\r\n".utf8
    private static let suffix = "\r\nEND:VCALENDAR\r\n".utf8

    /// The `BEGIN:VTIMEZONE` … `END:VTIMEZONE` lines of `bytes`, each block from the start of its first line to
    /// the end of its last.
    static func zoneBlocks(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        let begin = Array("BEGIN:VTIMEZONE".utf8)
        let end = Array("END:VTIMEZONE".utf8)
        var blocks: [ArraySlice<UInt8>] = []
        var from = 0
        while let start = lineStart(of: begin, in: bytes, from: from) {
            guard let last = lineStart(of: end, in: bytes, from: start + begin.count) else { break }
            var stop = last + end.count
            while stop < bytes.count, bytes[stop] != UInt8(ascii: "\n") { stop += 1 }
            blocks.append(bytes[start..<min(stop + 1, bytes.count)])
            from = stop
        }
        return blocks
    }

    /// The offset of the first line at or after `from` that starts with `needle`.
    private static func lineStart(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBytes { haystack -> Int? in
            guard let base = haystack.baseAddress else { return nil }
            var line = from
            while line < haystack.count {
                if haystack.count - line >= needle.count, memcmp(base + line, needle, needle.count) == 0 { return line }
                guard let newline = memchr(base + line, 0x0A, haystack.count - line) else { return nil }
                line = base.distance(to: UnsafeRawPointer(newline)) + 1
            }
            return nil
        }
    }
}

extension CalendarEvent {
    /// The event with its zoned times moved to the names `renames` gives (by cleaned `TZID`).
    public func renamingZones(_ renames: [String: String]) -> CalendarEvent {
        guard !renames.isEmpty else { return self }
        func rename(_ time: CalendarTime) -> CalendarTime {
            guard case .dateTime(let seconds, .zoned(let id)) = time, let new = renames[TimeZoneResolver.clean(id)]
            else { return time }
            return .dateTime(localSeconds: seconds, form: .zoned(new))
        }
        var event = self
        event.start = start.map(rename)
        event.end = end.map(rename)
        event.recurrenceID = recurrenceID.map(rename)
        event.exceptionDates = exceptionDates.map(rename)
        event.recurrenceDates = recurrenceDates.map { date in
            switch date {
            case .time(let time): return .time(rename(time))
            case .period(var period):
                period.start = rename(period.start)
                period.end = period.end.map(rename)
                return .period(period)
            }
        }
        for index in event.rules.indices { event.rules[index].until = event.rules[index].until.map(rename) }
        return event
    }
}
