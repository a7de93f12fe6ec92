import BatonCore
import CalendarParsing
import Foundation

/// `inspect calendar`'s output: one JSON line per occurrence, in the order given. A year of a large calendar is
/// tens of thousands of lines, whose writing cost as much as the expansion; where there are two cores, blocks of
/// lines are formatted alternately on this thread and on a helper, each into bytes of its own, and the blocks are
/// handed to the sink in order. The bytes are the same either way.
enum OccurrenceLines {
    /// Occurrences per block: a block's bytes (about 650 bytes a line) are held until written.
    static let blockSize = 4_096

    /// Writes every occurrence's line to `sink`, formatting on `threads` threads (1 or 2).
    static func write(
        _ occurrences: [EventOccurrence], threads: Int, to sink: @escaping (UnsafeRawBufferPointer) -> Void
    ) {
        let formatter = OccurrenceFormatter()
        guard threads > 1, occurrences.count > blockSize else {
            let writer = JSONByteWriter(sink: sink)
            formatter.write(occurrences[...], to: writer)
            writer.flush()
            return
        }
        let helper = Helper(occurrences)
        let thread = Thread { helper.run() }
        thread.start()
        var mine: [UInt8] = []
        var start = 0
        while start < occurrences.count {
            let first = start..<min(start + blockSize, occurrences.count)
            let second = first.upperBound..<min(first.upperBound + blockSize, occurrences.count)
            if !second.isEmpty { helper.format(second) }
            formatter.format(occurrences[first], into: &mine)
            mine.withUnsafeBytes(sink)
            if !second.isEmpty { helper.bytes { $0.withUnsafeBytes(sink) } }
            start = second.upperBound
        }
        helper.stop()
    }

    /// The helper thread's side: it formats the block it is given into its own bytes and says when they are ready.
    /// The semaphores order every access to `block` and `formatted` between the two threads.
    private final class Helper: @unchecked Sendable {
        private let occurrences: [EventOccurrence]
        private let formatter = OccurrenceFormatter()
        private var block: Range<Int>?
        private var formatted: [UInt8] = []
        private let given = DispatchSemaphore(value: 0)
        private let ready = DispatchSemaphore(value: 0)

        init(_ occurrences: [EventOccurrence]) { self.occurrences = occurrences }

        /// The thread's loop: a block at a time until `stop()`.
        func run() {
            while true {
                given.wait()
                guard let block else { return }
                formatter.format(occurrences[block], into: &formatted)
                ready.signal()
            }
        }

        /// Starts formatting `block` on the helper thread.
        func format(_ block: Range<Int>) {
            self.block = block
            given.signal()
        }

        /// Waits for the block given last and hands its bytes to `body`.
        func bytes(_ body: ([UInt8]) -> Void) {
            ready.wait()
            body(formatted)
        }

        /// Ends the thread.
        func stop() {
            block = nil
            given.signal()
        }
    }
}

/// Writes occurrences' lines; what every occurrence of a component shares is written once, kept as bytes, and
/// copied. One per thread.
final class OccurrenceFormatter {
    private var shared: [ObjectIdentifier: (head: [UInt8], tail: [UInt8])] = [:]
    private let scratch = ByteCollector()
    private let pieceWriter: JSONByteWriter
    private let block = ByteCollector()
    private let blockWriter: JSONByteWriter

    init() {
        let scratch = scratch
        pieceWriter = JSONByteWriter(capacity: 64 << 10) { scratch.bytes += $0.assumingMemoryBound(to: UInt8.self) }
        let block = block
        blockWriter = JSONByteWriter(capacity: 256 << 10) { block.bytes += $0.assumingMemoryBound(to: UInt8.self) }
    }

    /// The lines of `occurrences`, replacing what `bytes` held (its capacity is kept).
    func format(_ occurrences: ArraySlice<EventOccurrence>, into bytes: inout [UInt8]) {
        swap(&block.bytes, &bytes)
        block.bytes.removeAll(keepingCapacity: true)
        write(occurrences, to: blockWriter)
        blockWriter.flush()
        swap(&block.bytes, &bytes)
    }

    /// Writes the lines of `occurrences` to `writer`.
    func write(_ occurrences: ArraySlice<EventOccurrence>, to writer: JSONByteWriter) {
        for occurrence in occurrences {
            let component = occurrence.componentIdentity
            var pieces: (head: [UInt8], tail: [UInt8])! = shared[component]
            if pieces == nil {
                pieces = sharedPieces(occurrence)
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
    }

    /// A line of output has its keys in a fixed order that scripts may rely on: `uid`, then `recurrence_id`,
    /// `start` and `end` (the occurrence's own), then what every occurrence of the component shares, from
    /// `summary` to `sequence`. These are the shared pieces, `"uid":…` and `,"summary":…,"sequence":…`.
    private func sharedPieces(_ occurrence: EventOccurrence) -> (head: [UInt8], tail: [UInt8]) {
        let w = pieceWriter
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
    private func time(_ time: OccurrenceTime, to w: JSONByteWriter) {
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
