import BatonCore
import Ingest
import Store

extension ScanRun {
    /// Reads every source with its ingester, then rebuilds meetings and matches orphans when something calls for
    /// it (or, when another node runs the store-wide steps, notes that they call for it). The ingesters read
    /// batches and never write them: each batch comes back through `commit`, which stores it in its own transaction
    /// (all inside the dry run's, in a dry run) and returns once it is committed.
    func ingest(into report: inout ScanReport) throws {
        let commit: CommitBatch = { [store, ingestor] batch, sourceReport in
            try store.write { try ingestor.ingest(batch, into: &sourceReport) }
        }
        let leftOver = try PendingWork.allCases.filter { try store.settings.isPending($0) }
        let directory = try ingestor.refreshDirectory()
        report.rematched += directory.rematched
        // The UIDs of each calendar file read anew, so that new meetings count towards the file they came from.
        var calendarUIDs: [String: Set<String>] = [:]
        for source in config.sources {
            let isPattern = source.path.contains(where: { "*?[".contains($0) })
            for path in PathGlob.expand(source.path) {
                var sourceReport = SourceReport(path: path, type: source.type.rawValue, label: source.label)
                // A pattern matches whatever anyone dropped beside the mailboxes: a link it matches may point
                // anywhere, so it is reported, never followed. A path written out in the config is the admin's.
                if isPattern, FileStatus(path)?.isSymlink ?? false {
                    sourceReport.errors += 1
                    sourceReport.problems.append(
                        "\(path): a symbolic link matched by \(source.path); not followed, left in place")
                    report.sources.append(sourceReport)
                    continue
                }
                // A pattern of Maildir folders (a Maildir++ tree's `.*`) also matches the files sync tools keep
                // beside them, such as mbsync's `.mbsyncstate` and `.uidvalidity`: those are not sources.
                if isPattern, source.type == .maildir, !(FileStatus(path, follow: true)?.isDirectory ?? false) {
                    continue
                }
                progress?("\(source.type.rawValue) \(path)")
                switch source.type {
                case .mbox:
                    try MboxIngester(ingestor: ingestor).read(
                        path, rep: source.rep, into: &sourceReport, commit: commit)
                case .maildir:
                    try MaildirIngester(ingestor: ingestor).read(
                        path, rep: source.rep, into: &sourceReport, commit: commit)
                case .drop:
                    guard try dropFolderCanBeJudged(path, into: &report) else { break }
                    try DropIngester(ingestor: ingestor).read(path, into: &sourceReport, commit: commit)
                case .journal:
                    try JournalIngester(ingestor: ingestor).read(path, into: &sourceReport, commit: commit)
                case .calendar:
                    let read = try CalendarIngester(ingestor: ingestor).read(path, into: &sourceReport, commit: commit)
                    if let uids = read.uids { calendarUIDs[path] = uids }
                    if read.notCalendar { report.raise(.badInput) }
                }
                if sourceReport.unreadable { report.raise(.ioFailure) }
                report.sources.append(sourceReport)
            }
        }
        // What this scan brought in calls for; notes left by earlier scans are already in the store.
        let newMeetings = ingestor.calendarDirty || directory.changed
        let newOrphans = ingestor.storedNewMessages || directory.changed
        guard storeWide == .held else {
            try store.write {
                if newMeetings { try store.settings.notePending(.meetings) }
                if newOrphans { try store.settings.notePending(.orphans) }
            }
            return
        }
        // The expansion window moves with the clock: rebuild at least daily so new occurrences enter it.
        let builtAt = try store.settings.meetingsBuiltAt
        let meetingsNote = try store.settings.pendingNote(.meetings)
        let builtToday = builtAt.map { now >= $0 && now - $0 < 86_400 } ?? false
        if newMeetings || leftOver.contains(.meetings) || !builtToday {
            // When all this scan brought is new invitations, on a store one scan writes at a time, the UIDs they
            // name are rebuilt and the other meetings kept as the day's full rebuild left them. Anything else (a
            // calendar file, input replaced, matching changed, work left over, retention, the day's first build)
            // rebuilds every meeting.
            let only =
                builtToday && !directory.changed && !leftOver.contains(.meetings) && ingestor.horizon == nil
                    && store.dialect == .sqlite ? ingestor.addedCalendarUIDs : nil
            let counts = try MeetingRebuilder(ingestor: ingestor).rebuild(only: only)
            // Each UID counts towards the first calendar source (in scan order) read in this scan that holds it.
            for (uid, count) in counts {
                guard let index = report.sources.firstIndex(where: { calendarUIDs[$0.path]?.contains(uid) ?? false })
                else { continue }
                report.sources[index].meetings += count.meetings
                report.sources[index].interactions += count.interactions
            }
            try store.write {
                // The day's clock starts at the last full rebuild: the window has moved for every meeting only then.
                if only == nil { try store.settings.recordMeetingsBuilt(at: now) }
                try store.settings.clearPending(.meetings, note: meetingsNote)
            }
        }
        // Only new messages or new matching rules can give an orphan its thread.
        if newOrphans || leftOver.contains(.orphans) {
            let orphansNote = try store.settings.pendingNote(.orphans)
            try ingestor.matchOrphans()
            try store.write { try store.settings.clearPending(.orphans, note: orphansNote) }
        }
    }

    /// Whether the drop folder at `path` can be read now. A forward is kept or quarantined by the rep list. On a
    /// shared store another node may be importing the CRM files while this one ingests: the directory follows any
    /// import committed since this scan made it, and while it still knows no rep at all (the first import has not
    /// committed yet) the folder waits for a later scan rather than quarantine every forward.
    func dropFolderCanBeJudged(_ path: String, into report: inout ScanReport) throws -> Bool {
        guard case .busy(let holder) = storeWide else { return true }
        try store.write { try ingestor.followOtherNodes() }
        if try ingestor.directory.knowsReps { return true }
        report.notes.append(
            "drop \(path): left for a later scan: no rep is known yet, "
                + (holder.map { "node \($0) is importing the CRM files" } ?? "another node is importing the CRM files"))
        return false
    }
}
