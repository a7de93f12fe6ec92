import TestSupport
import Testing

@testable import Store

@Suite struct StoreSettingsTests {
    @Test("the first scan's time is recorded once and read back typed")
    func firstScan() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        #expect(try store.firstScanAt == nil)
        try store.recordFirstScan(at: 1_700_000_000)
        try store.recordFirstScan(at: 1_800_000_000)
        #expect(try store.firstScanAt == 1_700_000_000)
    }
}
