import TestSupport
import Testing

@testable import Store

@Suite struct StoreSettingsTests {
    @Test("the first scan's time is recorded once and read back typed")
    func firstScan() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        #expect(try store.settings.firstScanAt == nil)
        try store.settings.recordFirstScan(at: 1_700_000_000)
        try store.settings.recordFirstScan(at: 1_800_000_000)
        #expect(try store.settings.firstScanAt == 1_700_000_000)
    }

    @Test("each typed setting is kept under the key existing stores hold")
    func keys() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        try store.settings.recordMeetingsBuilt(at: 1_700_000_000)
        try store.settings.setMatchFingerprint("f1")
        try store.settings.setCRMFileHash("h1", for: "/crm/leads.csv")
        try store.settings.notePending(.orphans)
        try store.settings.notePending(.meetings)
        let instance = try store.settings.instanceID()
        #expect(try store.settings.value("meetings_built_at") == "1700000000")
        #expect(try store.settings.value("match_fingerprint") == "f1")
        #expect(try store.settings.value("crm_file:/crm/leads.csv") == "h1")
        let orphans = try #require(try store.settings.pendingNote(.orphans))
        #expect(try store.settings.value("pending_orphans") == orphans)
        #expect(orphans.count == 36)
        #expect(try store.settings.pendingNote(.meetings) != orphans)
        #expect(try store.settings.value("instance_id") == instance)
        #expect(try store.settings.instanceID() == instance)
        #expect(try store.settings.meetingsBuiltAt == 1_700_000_000)
        #expect(try store.settings.matchFingerprint == "f1")
        #expect(try store.settings.crmFileHash("/crm/leads.csv") == "h1")
        #expect(try store.settings.crmFileHash("/crm/reps.csv") == nil)
        // A note made again after the work read it (another node ingesting meanwhile) outlives the clearing.
        try store.settings.notePending(.orphans)
        try store.settings.clearPending(.orphans, note: orphans)
        #expect(try store.settings.isPending(.orphans))
        let again = try store.settings.pendingNote(.orphans)
        try store.settings.clearPending(.orphans, note: again)
        #expect(try !store.settings.isPending(.orphans))
        try store.settings.clearPending(.meetings, note: nil)
        #expect(try store.settings.isPending(.meetings))
    }
}
