import Testing

@testable import Scan

/// How pending leads are cut into the chunks a scan evaluates one transaction at a time.
@Suite struct ClockChunksTests {
    @Test("chunks hold at most 1,000 leads and 20,000 interactions; a longer history is a chunk of its own")
    func chunks() {
        let many = (1...2_500).map(Int64.init)
        #expect(AlertCycle.chunks(many, sizes: [:]).map(\.count) == [1_000, 1_000, 500])
        let sizes: [Int64: Int] = [1: 12_000, 2: 8_000, 3: 1, 4: 50_000, 5: 5]
        #expect(AlertCycle.chunks([1, 2, 3, 4, 5], sizes: sizes) == [[1, 2], [3], [4], [5]])
        #expect(AlertCycle.chunks([], sizes: sizes) == [])
    }
}
