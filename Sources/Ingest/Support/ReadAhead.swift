import Foundation

/// Runs a producer on a thread of its own while the caller's thread takes what it made, in order: an mbox's
/// worker reads the file, finds each message and parses it there, in the reader's buffer, so that the thread
/// that writes the store only stores. At most `window` items wait in the queue (and as many in the caller's
/// hands), so memory stays bounded whatever the file.
///
/// Each side waits for a chunk, not an item: the caller sleeps until `chunk` items are queued (or the producer
/// ended), then takes the whole queue in one lock; a producer that filled the window sleeps until the caller took
/// it. Waking the other thread per item made the two threads take turns instead of working side by side.
///
/// The producer's error is thrown by `next()` after every item made before it. The caller must `close()` the
/// read-ahead (a `defer`): that stops a producer it no longer reads (`emit` then returns false) and waits for its
/// thread to end.
final class ReadAhead<Item>: @unchecked Sendable {
    /// Hands one item to the caller, waiting while the window is full; false once the caller closed: stop.
    typealias Emit = (Item) -> Bool
    /// Makes every item, in order, through `emit`.
    typealias Produce = (_ emit: Emit) throws -> Void

    /// How many queued items wake a waiting caller.
    static var chunk: Int { 32 }

    private let lock = NSCondition()
    private let window: Int
    private let produce: Produce
    /// What the producer queued (under `lock`).
    private var queue: [Item] = []
    /// What the caller took from the queue and has not handed out yet (its thread only).
    private var taken: [Item] = []
    private var takenHead = 0
    private var finished = false
    private var failure: (any Error)?
    private var closed = false
    private var running = true
    private var callerWaiting = false
    private var producerWaiting = false

    /// Starts a thread running `produce`, at most `window` items ahead of the caller.
    init(window: Int, produce: @escaping Produce) {
        self.window = max(window, Self.chunk)
        self.produce = produce
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run() {
        var error: (any Error)?
        do {
            try produce { [self] item in emit(item) }
        } catch let thrown {
            error = thrown
        }
        lock.lock()
        finished = true
        failure = error
        running = false
        lock.broadcast()
        lock.unlock()
    }

    private func emit(_ item: Item) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while queue.count >= window && !closed {
            producerWaiting = true
            lock.wait()
            producerWaiting = false
        }
        if closed { return false }
        queue.append(item)
        if callerWaiting && queue.count >= Self.chunk { lock.broadcast() }
        return true
    }

    /// The next item in order; nil when the producer ended; the producer's error once every item before it was
    /// handed out.
    func next() throws -> Item? {
        if takenHead < taken.count {
            takenHead += 1
            return taken[takenHead - 1]
        }
        taken.removeAll(keepingCapacity: true)
        takenHead = 0
        lock.lock()
        while queue.count < Self.chunk && !finished {
            callerWaiting = true
            lock.wait()
            callerWaiting = false
        }
        swap(&queue, &taken)
        if producerWaiting { lock.broadcast() }
        var error: (any Error)?
        if taken.isEmpty {
            error = failure
            failure = nil
        }
        lock.unlock()
        if let error { throw error }
        guard !taken.isEmpty else { return nil }
        takenHead = 1
        return taken[0]
    }

    /// Stops the producer (its next `emit` returns false) and waits for its thread to end; safe to call twice.
    func close() {
        lock.lock()
        closed = true
        queue.removeAll()
        lock.broadcast()
        while running { lock.wait() }
        lock.unlock()
    }
}
