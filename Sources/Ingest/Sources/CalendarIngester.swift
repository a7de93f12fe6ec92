import BatonCore
import CalendarParsing
import Foundation
import Store

/// A calendar file: its content goes to the scan's `CommitBatch` when it changed, to be kept in one transaction;
/// meetings are rebuilt from every kept input afterwards (`MeetingRebuilder`). It reads the store (the file's
/// cursor) but never writes it.
public struct CalendarIngester {
    let ingestor: MessageIngestor
    var config: Config { ingestor.config }
    var store: BatonStore { ingestor.store }
    var now: Int64 { ingestor.now }

    /// A reader for `ingestor`'s scan.
    public init(ingestor: MessageIngestor) { self.ingestor = ingestor }

    /// The largest calendar file read.
    static let maxCalendarBytes = 512 << 20

    /// Keeps a calendar file's content when it changed (by hash); its events are folded into meetings after
    /// every source was read. Returns the UIDs of a file read anew (nil when it was not), and whether it was not
    /// an iCalendar file at all. The content, then the cursor, each go to `commit`.
    public func read(_ path: String, into sourceReport: inout SourceReport, commit: CommitBatch) throws -> (
        uids: Set<String>?, notCalendar: Bool
    ) {
        var uids: Set<String>?
        var notCalendar = false
        guard let status = FileStatus(path, follow: true) else { return (nil, false) }
        var state = try store.cursors.sourceState(path) ?? SourceState(path: path, type: "calendar")
        if state.device == status.device, state.inode == status.inode, state.size == status.size,
            state.mtimeNanoseconds == status.mtimeNanoseconds
        {
            return (nil, false)
        }
        let bytes: [UInt8]
        switch MessageFile.read(path, limit: Self.maxCalendarBytes) {
        case .failure(.missing): return (nil, false)
        case .failure(let failure):
            sourceReport.failSource("cannot read \(path): \(failure)")
            return (nil, false)
        case .success(let b): bytes = b
        }
        let hash = SHA256.hex(bytes)
        state.device = status.device
        state.inode = status.inode
        state.size = status.size
        state.mtimeNanoseconds = status.mtimeNanoseconds
        if state.contentHash != hash {
            let document = CalendarDocument.parse(bytes)
            if document.calendars.isEmpty {
                sourceReport.errors += 1
                sourceReport.problems.append("\(path): not an iCalendar file (no BEGIN:VCALENDAR)")
                notCalendar = true
            } else {
                uids = Set(document.calendars.flatMap { $0.events.compactMap(\.uid) })
                for diagnostic in document.diagnostics.prefix(20) {
                    sourceReport.problems.append("\(path): \(diagnostic)")
                }
                var content = SourceBatch(source: path)
                content.calendarFile = (hash, bytes)
                try commit(content, &sourceReport)
            }
            state.contentHash = hash
        }
        var last = SourceBatch(source: path)
        last.cursor = state
        try commit(last, &sourceReport)
        return (uids, notCalendar)
    }
}
