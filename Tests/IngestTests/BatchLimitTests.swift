import Testing

@testable import Ingest

/// How many messages each transaction of a source takes (`MailBatcher.limit`).
@Suite struct BatchLimitTests {
    @Test func batchesGrowFromTheFirstToTheLargest() throws {
        let batcher = MailBatcher<MboxJob>(batch: SourceBatch(source: "m"), largest: 1_000)
        var report = SourceReport(path: "m", type: "mbox")
        var limits: [Int] = []
        var committed = 0
        for _ in 0..<4 {
            limits.append(batcher.limit)
            try batcher.commit({ _, _ in committed += 1 }, into: &report)
        }
        #expect(limits == [500, 1_000, 1_000, 1_000])
        #expect(committed == 4)
    }

    @Test func aLargestBelowTheFirstKeepsTheFirst() throws {
        let batcher = MailBatcher<MboxJob>(batch: SourceBatch(source: "m"), largest: 500)
        var report = SourceReport(path: "m", type: "mbox")
        var limits: [Int] = []
        for _ in 0..<3 {
            limits.append(batcher.limit)
            try batcher.commit({ _, _ in }, into: &report)
        }
        #expect(limits == [500, 500, 500])
    }
}
