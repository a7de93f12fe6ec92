import BatonCore
import CalendarParsing
import Foundation
import Store

extension Scanner {
    /// The largest calendar file read.
    static let maxCalendarBytes = 512 << 20

    /// Keeps a calendar file's content when it changed (by hash); its events are folded into meetings after
    /// every source was read.
    func scanCalendar(_ path: String, into sourceReport: inout SourceReport) throws {
        guard let status = FileStatus(path, follow: true) else { return }
        var state = try store.sourceState(path) ?? SourceState(path: path, type: "calendar")
        if state.device == status.device, state.inode == status.inode, state.size == status.size,
            state.mtimeNanoseconds == status.mtimeNanoseconds
        {
            return
        }
        let bytes: [UInt8]
        switch MessageFile.read(path, limit: Self.maxCalendarBytes) {
        case .failure(.missing): return
        case .failure(let failure):
            sourceReport.failSource("cannot read \(path): \(failure)")
            return
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
                report.raise(.dataError)
            } else {
                calendarUIDs[path] = Set(document.calendars.flatMap { $0.events.compactMap(\.uid) })
                for diagnostic in document.diagnostics.prefix(20) {
                    sourceReport.problems.append("\(path): \(diagnostic)")
                }
                try store.database.transaction {
                    try store.saveCalendarInput(
                        source: path, location: "file", hash: hash, content: withoutForgotten(calendar: bytes))
                    try notePending(Self.pendingMeetings)
                }
                calendarDirty = true
            }
            state.contentHash = hash
        }
        try store.database.transaction { try store.saveSourceState(state, at: now) }
    }
}
