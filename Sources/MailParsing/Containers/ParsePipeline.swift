import Foundation

/// Parses messages on worker threads while the caller's thread stores the ones already parsed: results come
/// back in submission order, at most `window` messages in flight, so memory stays bounded. On two cores one
/// worker overlaps parsing with the store's work. The one threaded parser: the scan and `ParallelParser` both use
/// it. `Context` travels with each message (where it came from, or the error that replaced it).
///
/// What a worker does with each message is `work`: `ParallelParser` parses (`Output` is the `MailMessage`); the
/// scan also reads the file (a Maildir's, given by its context with no bytes) and builds the record it stores,
/// so that the thread that writes the store does nothing else.
public final class ParsePipeline<Context: Sendable, Output>: @unchecked Sendable {
    /// One message's work: its bytes (empty when the context says where to read them) and context.
    public typealias Work = @Sendable ([UInt8], Context) -> Output
    /// How many messages a waiting side waits for before it is woken: the caller waits for this many parsed
    /// messages (or all still in flight), an idle worker for this many queued ones (or the caller's wait). Waking
    /// the other thread once per message made the two threads take turns: the woken thread often ran on the
    /// waker's core, preempting it, while the other core idled.
    static var chunk: Int { 32 }
    private let lock = NSCondition()
    private var queue: [(Int, [UInt8], Context)] = []
    private var queueHead = 0
    private var results: [Int: (Context, Output)] = [:]
    private var submitted = 0
    private var delivered = 0
    private var closed = false
    private var running = 0
    /// Workers waiting for work.
    private var idleWorkers = 0
    /// While the caller waits: the last message it waits for (it wakes once that one and the next in order are
    /// parsed).
    private var awaited: Int?
    private let window: Int
    private let inline: Bool
    private let process: Work

    /// Starts `workers` threads doing `work`; with none, `submit` does it on the caller's thread.
    public init(workers: Int, window: Int = 128, work: @escaping Work) {
        self.window = window
        inline = workers == 0
        process = work
        running = workers
        for _ in 0..<workers {
            let thread = Thread { [self] in runWorker() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private var queued: Int { queue.count - queueHead }

    private func runWorker() {
        while true {
            lock.lock()
            while queued == 0 && !closed {
                idleWorkers += 1
                lock.wait()
                idleWorkers -= 1
            }
            if queued == 0 {
                running -= 1
                lock.broadcast()
                lock.unlock()
                return
            }
            let (sequence, bytes, context) = queue[queueHead]
            queue[queueHead].1 = []
            queueHead += 1
            if queueHead > 256 {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            lock.unlock()
            let output = process(bytes, context)
            lock.lock()
            results[sequence] = (context, output)
            if let awaited, results[delivered] != nil, results[awaited] != nil { lock.broadcast() }
            lock.unlock()
        }
    }

    /// Queues a message and hands every parsed message that is next in order to `deliver`, waiting when the
    /// window is full.
    public func submit(_ bytes: [UInt8], _ context: Context, deliver: (Context, Output) throws -> Void) throws {
        if inline {
            try deliver(context, process(bytes, context))
            return
        }
        lock.lock()
        queue.append((submitted, bytes, context))
        submitted += 1
        if idleWorkers > 0 && queued >= Self.chunk { lock.broadcast() }
        lock.unlock()
        try drain(waitingWhileAbove: window, deliver: deliver)
    }

    /// Hands out everything still in flight, then stops the workers.
    public func finish(deliver: (Context, Output) throws -> Void) throws {
        defer { close() }
        try drain(waitingWhileAbove: 0, deliver: deliver)
    }

    /// Stops the workers without delivering (after an error); safe to call twice.
    public func close() {
        lock.lock()
        closed = true
        queue.removeAll()
        queueHead = 0
        lock.broadcast()
        while running > 0 { lock.wait() }
        lock.unlock()
    }

    private func drain(waitingWhileAbove limit: Int, deliver: (Context, Output) throws -> Void) throws {
        while true {
            lock.lock()
            if results[delivered] == nil && submitted - delivered > limit {
                // Wait for the next chunk in order, having woken the workers for whatever is queued.
                let last = min(delivered + Self.chunk, submitted) - 1
                awaited = last
                if idleWorkers > 0 && queued > 0 { lock.broadcast() }
                while results[delivered] == nil || results[last] == nil { lock.wait() }
                awaited = nil
            }
            guard let ready = results.removeValue(forKey: delivered) else {
                lock.unlock()
                return
            }
            delivered += 1
            lock.unlock()
            try deliver(ready.0, ready.1)
        }
    }

    deinit { close() }
}

extension ParsePipeline where Output == MailMessage {
    /// A pipeline whose workers parse each message with `options`.
    public convenience init(workers: Int, window: Int = 128, options: MessageParser.Options) {
        self.init(workers: workers, window: window) { bytes, _ in MessageParser.parse(bytes, options: options) }
    }
}
