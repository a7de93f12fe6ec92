import Foundation
import TestSupport
import Testing

@testable import Ingest

/// The thread an mbox's messages are read and parsed on (`ReadAhead`): the caller gets every item in order, the
/// producer's error after the items made before it, and closing stops a producer waiting for room.
@Suite struct ReadAheadTests {
    struct Failed: Error, Equatable { var after: Int }

    @Test func everyItemInOrderThenNil() throws {
        // 10,007 items through a window of 40: the producer waits for room hundreds of times.
        let ahead = ReadAhead<Int>(window: 40) { emit in
            for n in 0..<10_007 where !emit(n) { return }
        }
        defer { ahead.close() }
        var got: [Int] = []
        while let n = try ahead.next() { got.append(n) }
        #expect(got == Array(0..<10_007))
        #expect(try ahead.next() == nil)
    }

    @Test func theProducersErrorComesAfterItsItems() throws {
        let ahead = ReadAhead<Int>(window: 64) { emit in
            for n in 0..<100 where !emit(n) { return }
            throw Failed(after: 100)
        }
        defer { ahead.close() }
        var got: [Int] = []
        do {
            while let n = try ahead.next() { got.append(n) }
            Issue.record("no error thrown")
        } catch let error as Failed {
            #expect(error == Failed(after: 100))
        }
        #expect(got == Array(0..<100))
        #expect(try ahead.next() == nil)
    }

    @Test func closingStopsAProducerWaitingForRoom() throws {
        let made = Locked(0)
        let refused = Locked(-1)
        let ahead = ReadAhead<Int>(window: 32) { emit in
            for n in 0..<1_000_000 {
                guard emit(n) else {
                    refused.update { $0 = n }
                    return
                }
                made.update { $0 += 1 }
            }
        }
        #expect(try ahead.next() == 0)
        // The caller took the first 32; the producer queues 32 more, then waits for room. Close once it waits.
        let deadline = Date().addingTimeInterval(30)
        while made.value < 64 && Date() < deadline { usleep(1_000) }
        ahead.close()
        // close() returned, so the producer's thread ended: its 65th item was refused and nothing was made after.
        #expect(made.value == 64)
        #expect(refused.value == 64)
    }
}
