import BatonCore
import CRM
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

    // MARK: CRM files

    /// Imports `crm.reps_file` and `crm.leads_file` (reps first) when their content changed since the last
    /// import, by the same rules as the import commands.
    func importCRMFiles() throws {
        let files = [("reps", config.crm.repsFile), ("leads", config.crm.leadsFile)]
        for (kind, file) in files {
            guard let file, FileStatus(file, follow: true) != nil else { continue }
            guard let data = FileManager.default.contents(atPath: file) else {
                report.problems.append("\(file): cannot be read")
                report.raise(.ioError)
                continue
            }
            let bytes = Array(data)
            let hash = SHA256.hex(bytes)
            let key = "crm_file:" + file
            if try store.setting(key) == hash { continue }
            let reader = CRMImportReader(config: config)
            do {
                let summary: ImportSummary
                if kind == "reps" {
                    let reps = try reader.reps(bytes, file: file)
                    summary = try store.importReps(
                        reps.records, rejected: reps.rejected, warnings: reps.warnings, file: file, at: date)
                } else {
                    let (leads, skipped) = forgotten.filter(try reader.leads(bytes, file: file))
                    for line in skipped { report.notes.append("\(file):\(line): a forgotten person: skipped") }
                    summary = try store.importLeads(
                        leads.records, rejected: leads.rejected, warnings: leads.warnings, file: file, at: date)
                }
                report.imports.append(CRMImportReport(file: file, kind: kind, summary: summary))
                for problem in summary.rejected {
                    report.problems.append("\(file):\(problem.line): rejected: \(problem.reason)")
                }
                if !summary.rejected.isEmpty { report.raise(.dataError) }
            } catch let error as ImportFileError {
                report.problems.append(error.description)
                report.raise(.dataError)
            }
            try store.database.transaction { try store.setSetting(key, hash) }
        }
    }

    var date: Date { Date(timeIntervalSince1970: TimeInterval(now)) }
}
