import Foundation
import Testing

@testable import MailParsing

@Suite struct ParsePipelineTests {
    /// Work whose time varies by message, so that workers finish out of order.
    static func work(_ bytes: [UInt8], _ number: Int) -> Int {
        if number % 7 == 0 { usleep(UInt32(number % 5) * 200) }
        return number * 2 + bytes.count
    }

    @Test(
        "every message comes back once, in submission order, whatever the workers, the window and the chunk",
        arguments: [(0, 1), (1, 1), (1, 31), (1, 32), (1, 33), (2, 5), (3, 100), (2, 1000)])
    func order(workers: Int, window: Int) throws {
        let pipeline = ParsePipeline<Int, Int>(workers: workers, window: window, work: Self.work)
        var delivered: [Int] = []
        var outputs: [Int] = []
        let count = 700
        for number in 0..<count {
            try pipeline.submit([UInt8](repeating: 1, count: number % 3), number) { context, output in
                delivered.append(context)
                outputs.append(output)
                // While the caller is busy the workers run ahead, up to the window.
                if context % 250 == 0 { usleep(2000) }
            }
        }
        try pipeline.finish { context, output in
            delivered.append(context)
            outputs.append(output)
        }
        #expect(delivered == Array(0..<count))
        #expect(outputs == (0..<count).map { $0 * 2 + $0 % 3 })
    }

    @Test("a delivery that throws stops the submitting; close then stops the workers, twice without harm")
    func throwingDelivery() throws {
        struct Stop: Error {}
        let pipeline = ParsePipeline<Int, Int>(workers: 2, window: 40, work: Self.work)
        var delivered: [Int] = []
        var stoppedAt: Int?
        for number in 0..<300 where stoppedAt == nil {
            do {
                try pipeline.submit([], number) { context, _ in
                    if context == 100 { throw Stop() }
                    delivered.append(context)
                }
            } catch is Stop {
                stoppedAt = number
            }
        }
        pipeline.close()
        pipeline.close()
        #expect(delivered == Array(0..<100))
        #expect(stoppedAt.map { $0 >= 100 && $0 <= 140 } == true)
    }
}
