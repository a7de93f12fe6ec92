import Foundation

/// Parses the messages of a container on several threads and hands them back in source order. The reading
/// stays on the caller's thread; at most `window` messages are in flight, so memory stays bounded.
public enum ParallelParser {
    /// Calls `body` on the caller's thread with every message of the container at `path`, parsed, in order.
    public static func parse(
        path: String, source: MailSource.Options = MailSource.Options(), parser: MessageParser.Options = .init(),
        threads: Int, window: Int = 64,
        _ body: (MailSource.Location, Result<MailMessage, MailSourceError>) -> Void
    ) throws(MailSourceError) {
        if threads <= 1 {
            try MailSource.read(path: path, options: source) { location, result in
                body(location, result.map { MessageParser.parse($0, options: parser) })
            }
            return
        }
        let pipeline = Pipeline()
        pipeline.workers = threads
        for _ in 0..<threads {
            let worker = Thread { pipeline.work(parser) }
            worker.stackSize = 4 << 20
            worker.start()
        }
        var failure: MailSourceError? = nil
        do {
            try MailSource.read(path: path, options: source) { location, result in
                let job: Pipeline.Job
                switch result {
                case .success(let bytes): job = Pipeline.Job(location: location, bytes: Array(bytes), error: nil)
                case .failure(let error): job = Pipeline.Job(location: location, bytes: [], error: error)
                }
                pipeline.submit(job, window: window, deliver: body)
            }
        } catch {
            failure = error
        }
        pipeline.finish(deliver: body)
        if let failure { throw failure }
    }

    /// The shared queue; every field is guarded by `lock`.
    private final class Pipeline: @unchecked Sendable {
        struct Job {
            var location: MailSource.Location
            var bytes: [UInt8]
            var error: MailSourceError?
        }

        let lock = NSCondition()
        var queue: [(Int, Job)] = []
        var queueHead = 0
        var results: [Int: (MailSource.Location, Result<MailMessage, MailSourceError>)] = [:]
        var submitted = 0
        var delivered = 0
        var closed = false
        var workers = 0

        func work(_ options: MessageParser.Options) {
            while true {
                lock.lock()
                while queueHead >= queue.count && !closed { lock.wait() }
                if queueHead >= queue.count {
                    workers -= 1
                    lock.broadcast()
                    lock.unlock()
                    return
                }
                let (sequence, job) = queue[queueHead]
                queueHead += 1
                if queueHead > 256 {
                    queue.removeFirst(queueHead)
                    queueHead = 0
                }
                lock.unlock()
                let result: Result<MailMessage, MailSourceError> =
                    job.error.map { .failure($0) } ?? .success(MessageParser.parse(job.bytes, options: options))
                lock.lock()
                results[sequence] = (job.location, result)
                lock.broadcast()
                lock.unlock()
            }
        }

        /// Queues a job, delivering finished results (in order) while the window is full.
        func submit(
            _ job: Job, window: Int, deliver: (MailSource.Location, Result<MailMessage, MailSourceError>) -> Void
        ) {
            lock.lock()
            queue.append((submitted, job))
            submitted += 1
            lock.broadcast()
            deliverReady(deliver)
            while submitted - delivered >= window {
                if results[delivered] == nil { lock.wait() }
                deliverReady(deliver)
            }
            lock.unlock()
        }

        /// Closes the queue and delivers everything left, then waits for the workers to stop.
        func finish(deliver: (MailSource.Location, Result<MailMessage, MailSourceError>) -> Void) {
            lock.lock()
            closed = true
            lock.broadcast()
            while delivered < submitted {
                if results[delivered] == nil { lock.wait() }
                deliverReady(deliver)
            }
            while workers > 0 { lock.wait() }
            lock.unlock()
        }

        /// Called with `lock` held; releases it around each call to `deliver`.
        private func deliverReady(_ deliver: (MailSource.Location, Result<MailMessage, MailSourceError>) -> Void) {
            while let (location, result) = results.removeValue(forKey: delivered) {
                delivered += 1
                lock.unlock()
                deliver(location, result)
                lock.lock()
            }
        }
    }
}
