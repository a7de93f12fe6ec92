import BatonCore
import CSQLite
import Foundation

/// The interactions of many pending leads, read in one pass over the interactions table and kept by chunk in an
/// unnamed temporary file next to the store, for `ClockHistory.facts` to take a chunk at a time.
///
/// Reading a lead's interactions in time order walks the index `interactions_lead` and fetches each row from the
/// table, where a long history's rows lie on nearly every page (they were stored as the mail came, among every
/// other lead's). Evaluating many long histories that way reads the table once per lead: the big benchmark's first
/// scan read its 4.4 million interactions through 44 such walks, 12 s of its clocks' 19 s. One pass in the table's
/// own order reads each page once (1.2 s), and a chunk's rows, sorted by time in memory, are the same facts.
/// Holding every pending lead's rows in memory would not fit a scan's bound (128 MB), hence the file: 48 bytes a
/// row, written in blocks of `blockRows` per chunk, read back one chunk at a time.
///
/// The rows are those of the snapshot the pass read; `isCurrent` tells whether another connection has written
/// since (`PRAGMA data_version`), and `ClockHistory` then reads the table again instead.
public final class HistorySpill {
    /// One interaction as kept in the file: what `ClockFacts.Interaction` holds, in fixed-size fields (a missing
    /// message or meeting end is `Int64.min`, a missing rep `UInt32.max`).
    struct Entry {
        var lead: Int64
        var id: Int64
        var time: Int64
        var messageID: Int64
        var meetingEnd: Int64
        var rep: UInt32
        var type: InteractionType
        var direction: Direction?
        var kind: MessageKind?
        var meetingOff: Bool
    }

    /// How many rows a chunk gathers in memory before they are written to the file as one block.
    static let blockRows = 512

    private let file: Int32
    /// The store file, for errors.
    private let path: String
    /// The file's length, where the next block goes.
    private var end: Int64 = 0
    /// The chunk each pending lead belongs to.
    private let chunkOf: [Int64: Int]
    /// Each chunk's blocks in the file (offset, rows), in the order written.
    private var blocks: [[(offset: Int64, rows: Int)]]
    /// Each chunk's rows not yet written.
    private var buffers: [[Entry]]
    /// The rep addresses met, by the index their rows keep.
    private(set) var reps: [String] = []
    /// `reps` by a hash of the address's bytes (FNV-1a), each hash's indices.
    private var repsByHash: [UInt64: [UInt32]] = [:]
    /// The bytes of each address in `reps`, by the same index.
    private var repBytes: [[UInt8]] = []
    /// The index in `reps` of the last row's rep read.
    private var lastRep: UInt32?
    /// `PRAGMA data_version` when the pass read the table.
    private var dataVersion: Int64 = 0
    /// The rows spilled, for tests and notes.
    public private(set) var rowCount = 0

    /// Reads every interaction of the leads in `chunks` in one pass over `database`'s interactions table, within
    /// one transaction; nil when the temporary file next to the store cannot be made or written (the caller reads
    /// the table per chunk instead).
    static func read(_ database: SQLiteDatabase, chunks: [[Int64]]) throws -> HistorySpill? {
        let folder = (database.path as NSString).deletingLastPathComponent
        let name = (database.path as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.\(name).clocks-XXXXXX").utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else { return nil }
        _ = fcntl(file, F_SETFD, FD_CLOEXEC)
        // Unnamed at once: nothing is left behind, whatever ends the process.
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let spill = HistorySpill(file: file, path: database.path, chunks: chunks)
        do {
            try database.transaction {
                spill.dataVersion = try database.scalar("PRAGMA data_version")?.int64 ?? 0
                try spill.fill(database)
            }
        } catch is WriteFailed {
            return nil
        }
        return spill
    }

    /// A block could not be written (a full disk): the spill is given up, not the evaluation.
    private struct WriteFailed: Error {}

    private init(file: Int32, path: String, chunks: [[Int64]]) {
        self.file = file
        self.path = path
        var chunkOf: [Int64: Int] = [:]
        for (index, chunk) in chunks.enumerated() {
            for lead in chunk { chunkOf[lead] = index }
        }
        self.chunkOf = chunkOf
        blocks = Array(repeating: [], count: chunks.count)
        buffers = Array(repeating: [], count: chunks.count)
    }

    deinit { close(file) }

    /// Chunk `index` of a spill: what `ClockHistory.facts` takes the chunk's interactions from.
    public struct Chunk {
        let spill: HistorySpill
        let index: Int

        /// The chunk's interactions by lead, each lead's in time order; nil when another connection has committed
        /// since the pass (the caller reads the table instead).
        func interactions(_ database: SQLiteDatabase) throws -> [Int64: [ClockFacts.Interaction]]? {
            try spill.isCurrent(database) ? spill.interactions(chunk: index) : nil
        }
    }

    /// Chunk `index` (of the `chunks` the spill was read for).
    public func chunk(_ index: Int) -> Chunk { Chunk(spill: self, index: index) }

    /// Whether the rows are still the table's: no other connection has committed since the pass.
    func isCurrent(_ database: SQLiteDatabase) throws -> Bool {
        try database.scalar("PRAGMA data_version")?.int64 == dataVersion
    }

    /// The pass's query: the columns of `ClockHistory`'s query by lead, with no filter and no order.
    private static let passSQL = "SELECT " + ClockHistory.interactionColumns

    /// The pass: every interaction in the table's order, each row of a pending lead added to its chunk. The
    /// columns are read in place, not through `Row`: 4.4 million rows made that many arrays of values and strings.
    /// A word column's text is compared with its words' bytes (`Words`), and a row's rep with the row before's
    /// first: consecutive rows are mostly one message's interactions, with one rep.
    private func fill(_ database: SQLiteDatabase) throws {
        let statement = try database.statement(Self.passSQL)
        defer { statement.reset() }
        try statement.bind([])
        let handle = statement.handle
        let (types, directions, kinds) = (Words<InteractionType>(), Words<Direction>(), Words<MessageKind>())
        func integer(_ column: Int32) -> Int64 {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? Int64.min : sqlite3_column_int64(handle, column)
        }
        func word<T>(_ words: Words<T>, _ column: Int32, _ name: String) throws -> T? {
            guard let bytes = try text(handle, column) else { return nil }
            if let value = words.value(bytes) { return value }
            throw StoreError(
                kind: .badValue(column: name), path: database.path,
                message: "column \(name): '\(String(decoding: bytes, as: UTF8.self))' is not a known \(T.self)")
        }
        while try statement.step() {
            // The columns in `ClockHistory.interactionColumns`' order: id, message_id, lead_id, type, direction,
            // kind, time, rep, meeting_end, meeting_off.
            let lead = sqlite3_column_int64(handle, 2)
            guard let chunk = chunkOf[lead] else { continue }
            guard let type = try word(types, 3, "type") else {
                throw StoreError(
                    kind: .badValue(column: "type"), path: database.path, message: "column type: expected text")
            }
            let entry = Entry(
                lead: lead, id: sqlite3_column_int64(handle, 0), time: integer(6), messageID: integer(1),
                meetingEnd: integer(8), rep: try repIndex(handle, 7), type: type,
                direction: try word(directions, 4, "direction"), kind: try word(kinds, 5, "kind"),
                meetingOff: sqlite3_column_int64(handle, 9) != 0)
            buffers[chunk].append(entry)
            rowCount += 1
            if buffers[chunk].count == Self.blockRows { try flush(chunk) }
        }
    }

    /// Column `column`'s text in place, or nil when it is NULL.
    private func text(_ handle: OpaquePointer, _ column: Int32) throws -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(handle, column) else {
            // No text for NULL, nor when SQLite runs out of memory converting a value: only the first is nil.
            guard sqlite3_column_type(handle, column) == SQLITE_NULL else {
                throw StoreError(
                    kind: .sqlite(code: SQLITE_NOMEM), path: path,
                    message: "out of memory reading column \(column) of the interactions' pass")
            }
            return nil
        }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// Whether `bytes` are `known`'s.
    private static func same(_ known: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard known.count == bytes.count else { return false }
        guard let start = bytes.baseAddress, !known.isEmpty else { return true }
        return known.withUnsafeBufferPointer { memcmp($0.baseAddress!, start, known.count) == 0 }
    }

    /// A word column's values with the bytes of their raw values, made once for the pass: `allCases` and
    /// `rawValue` make an array and strings at every call.
    private struct Words<T: CaseIterable & RawRepresentable> where T.RawValue == String {
        let entries: [(bytes: [UInt8], value: T)] = T.allCases.map { (Array($0.rawValue.utf8), $0) }

        /// The value whose raw value is `bytes`, or nil.
        func value(_ bytes: UnsafeBufferPointer<UInt8>) -> T? {
            entries.first { HistorySpill.same($0.bytes, bytes) }?.value
        }
    }

    /// The index of column `column`'s rep address in `reps` (added when new); `UInt32.max` for NULL. The row
    /// before's rep is tried first, then the addresses with the same hash.
    private func repIndex(_ handle: OpaquePointer, _ column: Int32) throws -> UInt32 {
        guard let bytes = try text(handle, column) else { return UInt32.max }
        if let last = lastRep, Self.same(repBytes[Int(last)], bytes) { return last }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let index: UInt32
        if let found = (repsByHash[hash] ?? []).first(where: { Self.same(repBytes[Int($0)], bytes) }) {
            index = found
        } else {
            index = UInt32(reps.count)
            reps.append(String(decoding: bytes, as: UTF8.self))
            repBytes.append(Array(bytes))
            repsByHash[hash, default: []].append(index)
        }
        lastRep = index
        return index
    }

    /// Writes chunk `chunk`'s gathered rows to the end of the file as one block.
    private func flush(_ chunk: Int) throws {
        let rows = buffers[chunk].count
        try buffers[chunk].withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = pwrite(file, raw.baseAddress! + written, raw.count - written, off_t(end) + off_t(written))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw WriteFailed() }
                written += n
            }
        }
        blocks[chunk].append((end, rows))
        end += Int64(rows * MemoryLayout<Entry>.stride)
        buffers[chunk].removeAll(keepingCapacity: true)
    }

    /// Chunk `chunk`'s interactions by lead, each lead's in time order (then by row id, as the query by lead).
    func interactions(chunk: Int) throws -> [Int64: [ClockFacts.Interaction]] {
        var entries: [Entry] = []
        entries.reserveCapacity(blocks[chunk].reduce(0) { $0 + $1.rows } + buffers[chunk].count)
        for block in blocks[chunk] {
            let start = entries.count
            entries.append(contentsOf: repeatElement(Self.placeholder, count: block.rows))
            try entries.withUnsafeMutableBytes { raw in
                let stride = MemoryLayout<Entry>.stride
                let target = raw.baseAddress! + start * stride
                var read = 0
                while read < block.rows * stride {
                    let n = pread(file, target + read, block.rows * stride - read, off_t(block.offset) + off_t(read))
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { throw spillError("cannot read the clocks' temporary file") }
                    read += n
                }
            }
        }
        entries.append(contentsOf: buffers[chunk])
        entries.sort { ($0.lead, $0.time, $0.id) < ($1.lead, $1.time, $1.id) }
        var byLead: [Int64: [ClockFacts.Interaction]] = [:]
        var index = entries.startIndex
        while index < entries.endIndex {
            let lead = entries[index].lead
            var list: [ClockFacts.Interaction] = []
            while index < entries.endIndex && entries[index].lead == lead {
                let entry = entries[index]
                list.append(
                    ClockFacts.Interaction(
                        id: entry.id, messageID: entry.messageID == Int64.min ? nil : entry.messageID,
                        type: entry.type, direction: entry.direction, kind: entry.kind, time: entry.time,
                        rep: entry.rep == UInt32.max ? nil : reps[Int(entry.rep)],
                        meetingEnd: entry.meetingEnd == Int64.min ? nil : entry.meetingEnd,
                        meetingOff: entry.meetingOff))
                index += 1
            }
            byLead[lead] = list
        }
        return byLead
    }

    private static let placeholder = Entry(
        lead: 0, id: 0, time: 0, messageID: 0, meetingEnd: 0, rep: 0, type: .email, direction: nil, kind: nil,
        meetingOff: false)

    private func spillError(_ what: String) -> StoreError {
        StoreError(
            kind: .sqlite(code: SQLITE_IOERR), path: path, message: "\(what): \(String(cString: strerror(errno)))")
    }
}
