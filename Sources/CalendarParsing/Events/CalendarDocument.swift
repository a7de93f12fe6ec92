import Foundation

/// The result of reading an iCalendar stream: every `VCALENDAR` in it, and what could not be read.
public struct CalendarDocument: Sendable {
    /// The `VCALENDAR`s in the order written.
    public var calendars: [ICalendar]
    /// Problems, by line.
    public var diagnostics: [CalendarDiagnostic]

    /// The properties Baton reads; the others (descriptions, alarms' details, vendor extensions) are skipped unread.
    public static let propertiesRead: Set<String> = [
        "BEGIN", "END", "METHOD", "PRODID", "UID", "DTSTART", "DTEND", "DUE", "DURATION", "SUMMARY", "LOCATION",
        "STATUS",
        "ORGANIZER", "ATTENDEE", "SEQUENCE", "DTSTAMP", "LAST-MODIFIED", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID",
        "TZID",
        "TZOFFSETFROM",
        "TZOFFSETTO",
    ]

    /// The most `ATTENDEE`s kept per component; the rest are dropped with an `attendeeLimit` diagnostic.
    ///
    /// Real meetings have at most a few thousand guests (Google Calendar and Exchange cap invitations well
    /// below this), while a million `ATTENDEE` lines would hold a million content lines in memory and make every
    /// occurrence and every iTIP merge carry them. A constant, not a `limits` key: the keys of
    /// Config/README.md are fixed.
    public static let maxAttendees = 5_000

    /// Reads iCalendar bytes (RFC 5545): several `VCALENDAR`s, folded lines, unknown components skipped.
    ///
    /// Events are read as soon as their component closes, so only one event's content lines are held at a time.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> CalendarDocument {
        var lexer = ContentLineLexer()
        var reader = DocumentReader()
        lexer.lex(bytes, keeping: propertiesRead) { reader.take($0) }
        reader.close()
        return document(reader, lexed: lexer.diagnostics)
    }

    /// Reads iCalendar bytes on `threads` threads (1 or 2): a large file is cut before a `BEGIN:VEVENT` near its
    /// middle and the two halves read at once; the result is the same as `parse(_:)`'s. When the first half
    /// does not end between two components of one `VCALENDAR` (a component left open), the file is read again
    /// on one thread.
    public static func parse(_ bytes: UnsafeRawBufferPointer, threads: Int) -> CalendarDocument {
        guard threads > 1, bytes.count >= splitThreshold, let cut = splitPoint(bytes),
            let document = parse(bytes, splitAt: cut)
        else { return parse(bytes) }
        return document
    }

    /// Reads `bytes[..<cut]` on this thread and `bytes[cut...]` on another, `cut` being the start of a line
    /// `BEGIN:VEVENT`, and joins the halves; nil when the first half does not end between two components of one
    /// `VCALENDAR`.
    static func parse(_ bytes: UnsafeRawBufferPointer, splitAt cut: Int) -> CalendarDocument? {
        let first = UnsafeRawBufferPointer(rebasing: bytes[..<cut])
        let second = Halves(bytes: UnsafeRawBufferPointer(rebasing: bytes[cut...]), linesBefore: lineCount(first))
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var lexer = ContentLineLexer(linesBefore: second.linesBefore)
            var reader = DocumentReader.continuing()
            lexer.lex(second.bytes, keeping: propertiesRead) { reader.take($0) }
            reader.close()
            second.reader = reader
            second.lexed = lexer.diagnostics
            done.signal()
        }
        thread.start()
        var lexer = ContentLineLexer()
        var reader = DocumentReader()
        lexer.lex(first, keeping: propertiesRead) { reader.take($0) }
        done.wait()
        guard reader.isBetweenComponents, let next = second.reader else { return nil }
        reader.join(next)
        reader.close()
        return document(reader, lexed: lexer.diagnostics + second.lexed)
    }

    /// Files smaller than this are read on one thread: a thread's start costs more than it saves.
    static let splitThreshold = 1 << 20

    /// The second half of a split read, filled in by its thread before it signals.
    private final class Halves: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        let linesBefore: Int
        var reader: DocumentReader?
        var lexed: [CalendarDiagnostic] = []
        init(bytes: UnsafeRawBufferPointer, linesBefore: Int) {
            self.bytes = bytes
            self.linesBefore = linesBefore
        }
    }

    /// The offset of the first line `BEGIN:VEVENT` (upper case, as every exporter writes it) at or after the
    /// middle of `bytes`, or nil. A line that starts with `B` is never a folded line's continuation, so the cut
    /// falls between two content lines.
    static func splitPoint(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let marker = Array("\nBEGIN:VEVENT".utf8)
        var offset = bytes.count / 2
        while offset + marker.count < bytes.count {
            guard let newline = bytes[offset...].firstIndex(of: 0x0A) else { return nil }
            let end = newline + marker.count
            if end < bytes.count, bytes[newline..<end].elementsEqual(marker),
                bytes[end] == 0x0A || (bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A)
            {
                return newline + 1
            }
            offset = newline + 1
        }
        return nil
    }

    /// The physical lines of `bytes`, which end with a line break.
    static func lineCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for byte in bytes where byte == 0x0A { count += 1 }
        return count
    }

    private static func document(_ reader: DocumentReader, lexed: [CalendarDiagnostic]) -> CalendarDocument {
        var diagnostics = lexed + reader.diagnostics
        diagnostics.sort { $0.line < $1.line }
        return CalendarDocument(calendars: reader.calendars, diagnostics: diagnostics)
    }

    /// Reads iCalendar bytes.
    public static func parse(_ bytes: [UInt8]) -> CalendarDocument { bytes.withUnsafeBytes { parse($0) } }

    /// Reads iCalendar text.
    public static func parse(_ text: String) -> CalendarDocument { parse(Array(text.utf8)) }
}
