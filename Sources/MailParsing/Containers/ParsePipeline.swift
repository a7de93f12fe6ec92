import Foundation

/// Parses messages on worker threads while the caller's thread stores the ones already parsed: results come
/// back in submission order, at most `window` messages in flight, so memory stays bounded. On two cores one
/// worker overlaps parsing with the store's work. The one threaded parser: the scan and `ParallelParser` both use
/// it. `Context` travels with each message (where it came from, or the error that replaced it).
public final class ParsePipeline<Context: Sendable>: @unchecked Sendable {
    private let lock = NSCondition()
    private var queue: [(Int, [UInt8], Context)] = []
    private var queueHead = 0
    private var results: [Int: (Context, MailMessage)] = [:]
    private var submitted = 0
    private var delivered = 0
    private var closed = false
    private var running = 0
    private let window: Int
    private let inline: MessageParser.Options?

    /// Starts `workers` threads parsing with `options`; with none, `submit` parses on the caller's thread.
    public init(workers: Int, window: Int = 128, options: MessageParser.Options) {
        self.window = window
        inline = workers == 0 ? options : nil
        running = workers
        for _ in 0..<workers {
            let thread = Thread { [self] in work(options) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func work(_ options: MessageParser.Options) {
        while true {
            lock.lock()
            while queueHead >= queue.count && !closed { lock.wait() }
            if queueHead >= queue.count {
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
            let message = MessageParser.parse(bytes, options: options)
            lock.lock()
            results[sequence] = (context, message)
            lock.broadcast()
            lock.unlock()
        }
    }

    /// Queues a message and hands every parsed message that is next in order to `deliver`, waiting when the
    /// window is full.
    public func submit(_ bytes: [UInt8], _ context: Context, deliver: (Context, MailMessage) throws -> Void) throws {
        if let inline {
            try deliver(context, MessageParser.parse(bytes, options: inline))
            return
        }
        lock.lock()
        queue.append((submitted, bytes, context))
        submitted += 1
        lock.broadcast()
        lock.unlock()
        try drain(waitingWhileAbove: window, deliver: deliver)
    }

    /// Hands out everything still in flight, then stops the workers.
    public func finish(deliver: (Context, MailMessage) throws -> Void) throws {
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

    private func drain(waitingWhileAbove limit: Int, deliver: (Context, MailMessage) throws -> Void) throws {
        while true {
            lock.lock()
            while results[delivered] == nil && submitted - delivered > limit { lock.wait() }
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
