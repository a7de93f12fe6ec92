import BatonCore
import Foundation
import MailParsing

/// The threads of `baton inspect mail`: the caller's thread reads the container and copies messages into
/// chunks of about a megabyte; workers parse each chunk's messages and write their JSON lines into the chunk's
/// own bytes; the caller's thread writes finished chunks in container order. Handing over a chunk instead of a
/// message keeps the threads from waking each other 20,000 times for a 20,000-message mailbox, and writing
/// the JSON on the workers leaves the caller's thread only the reading and the writing. At most `limit`
/// chunks and about `byteBudget` bytes of messages are in flight (one chunk always may be, however large its
/// message) and their buffers are reused, so memory stays bounded whatever the input.
final class InspectMailPipeline: @unchecked Sendable {
    /// What a chunk holds: messages (their range in `bytes`) or messages that could not be read.
    enum Item {
        case message(MailSource.Location, Range<Int>)
        case failure(MailSource.Location, String)
    }

    /// Messages read together, then their output.
    final class Chunk {
        var bytes: [UInt8] = []
        var items: [Item] = []
        var firstIndex = 0
        var output: [UInt8] = []
        var notMail = 0
        var diagnostics: [String] = []
    }

    private static let chunkBytes = 1 << 20
    private static let chunkItems = 512
    private static let byteBudget = 8 << 20
    /// The most buffer capacity kept in spare chunks.
    private static let spareBudget = 8 << 20
    private var bytesInFlight = 0
    private let lock = NSCondition()
    private var queue: [(Int, Chunk)] = []
    private var results: [Int: Chunk] = [:]
    private var spare: [Chunk] = []
    private var submitted = 0
    private var delivered = 0
    private var closed = false
    private var running = 0
    private let limit: Int
    private let verbose: Bool
    private var current = Chunk()
    private var nextIndex = 0
    /// Messages counted so far, and those that were not mail.
    private(set) var count = 0
    private(set) var notMail = 0

    /// Starts `workers` threads (at least one).
    init(workers: Int, verbose: Bool) {
        limit = 2 * max(workers, 1) + 2
        self.verbose = verbose
        running = max(workers, 1)
        for _ in 0..<running {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    deinit { close() }

    /// Adds one message (or the error that replaced it) in container order; `emit` receives finished output.
    func add(
        _ location: MailSource.Location, _ result: Result<UnsafeRawBufferPointer, MailSourceError>,
        emit: (Chunk) -> Void
    ) {
        switch result {
        case .success(let bytes):
            // Room for a chunk and its last message at once, so that the buffer does not grow by copies.
            if current.bytes.isEmpty { current.bytes.reserveCapacity(max(2 * Self.chunkBytes, bytes.count)) }
            let start = current.bytes.count
            current.bytes.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
            current.items.append(.message(location, start..<current.bytes.count))
        case .failure(let error): current.items.append(.failure(location, error.description))
        }
        if current.bytes.count >= Self.chunkBytes || current.items.count >= Self.chunkItems { submit(emit: emit) }
    }

    /// Hands out everything still in flight, then stops the workers.
    func finish(emit: (Chunk) -> Void) {
        if !current.items.isEmpty { submit(emit: emit) }
        drain(waitingWhileAbove: 0, emit: emit)
        close()
    }

    private func submit(emit: (Chunk) -> Void) {
        let chunk = current
        chunk.firstIndex = nextIndex
        nextIndex += chunk.items.count
        lock.lock()
        queue.append((submitted, chunk))
        submitted += 1
        bytesInFlight += chunk.bytes.count
        current = spare.popLast() ?? Chunk()
        lock.signal()
        lock.unlock()
        drain(waitingWhileAbove: limit, emit: emit)
    }

    private func drain(waitingWhileAbove bound: Int, emit: (Chunk) -> Void) {
        while true {
            lock.lock()
            while results[delivered] == nil
                && (submitted - delivered > bound || (submitted > delivered && bytesInFlight > Self.byteBudget))
            {
                lock.wait()
            }
            guard let chunk = results.removeValue(forKey: delivered) else {
                lock.unlock()
                return
            }
            delivered += 1
            bytesInFlight -= chunk.bytes.count
            lock.unlock()
            emit(chunk)
            count += chunk.items.count
            notMail += chunk.notMail
            recycle(chunk)
        }
    }

    /// Keeps a chunk's buffers for the next one, up to `spareBudget` bytes of them (large messages make large
    /// buffers).
    private func recycle(_ chunk: Chunk) {
        let kept = spare.reduce(0) { $0 + $1.bytes.capacity + $1.output.capacity }
        guard kept + chunk.bytes.capacity + chunk.output.capacity <= Self.spareBudget else { return }
        chunk.bytes.removeAll(keepingCapacity: true)
        chunk.items.removeAll(keepingCapacity: true)
        chunk.output.removeAll(keepingCapacity: true)
        chunk.diagnostics.removeAll()
        chunk.notMail = 0
        lock.lock()
        spare.append(chunk)
        lock.unlock()
    }

    private func close() {
        lock.lock()
        closed = true
        lock.broadcast()
        while running > 0 { lock.wait() }
        lock.unlock()
    }

    private func work() {
        let sink = Sink()
        let writer = JSONByteWriter(capacity: 256 << 10) {
            sink.bytes.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self))
        }
        while true {
            lock.lock()
            while queue.isEmpty && !closed { lock.wait() }
            if queue.isEmpty {
                running -= 1
                lock.broadcast()
                lock.unlock()
                return
            }
            let (sequence, chunk) = queue.removeFirst()
            lock.unlock()
            swap(&sink.bytes, &chunk.output)
            process(chunk, writer)
            writer.flush()
            swap(&sink.bytes, &chunk.output)
            lock.lock()
            results[sequence] = chunk
            lock.broadcast()
            lock.unlock()
        }
    }

    /// Where a worker's writer puts its bytes: the output of the chunk it is working on.
    private final class Sink { var bytes: [UInt8] = [] }

    private func process(_ chunk: Chunk, _ writer: JSONByteWriter) {
        chunk.bytes.withUnsafeBytes { all in
            for (offset, item) in chunk.items.enumerated() {
                let index = chunk.firstIndex + offset
                switch item {
                case .message(let location, let range):
                    let message = MessageParser.parse(UnsafeRawBufferPointer(rebasing: all[range]))
                    if message.hasHeaders {
                        InspectMailCommand.write(message, index: index, location: location, error: nil, to: writer)
                    } else {
                        chunk.notMail += 1
                        // An Outlook file that cannot be read says why; anything else is simply not mail.
                        let reason =
                            message.diagnostics.first { $0.code == .unreadableOutlookMessage }?.detail
                            ?? "not a mail message: no header field"
                        InspectMailCommand.write(nil, index: index, location: location, error: reason, to: writer)
                    }
                    if verbose {
                        for d in message.diagnostics {
                            chunk.diagnostics.append("baton: \(location.path)@\(location.offset): \(d)")
                        }
                    }
                case .failure(let location, let error):
                    InspectMailCommand.write(nil, index: index, location: location, error: error, to: writer)
                }
                writer.newline()
            }
        }
    }
}
