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
        // A failed read keeps its place in the order: it travels as the context of an empty message.
        let pipeline = ParsePipeline<Job, MailMessage>(workers: threads, window: window, options: parser)
        defer { pipeline.close() }
        func deliver(_ job: Job, _ message: MailMessage) {
            body(job.location, job.error.map { .failure($0) } ?? .success(message))
        }
        var failure: MailSourceError? = nil
        do {
            try MailSource.read(path: path, options: source) { location, result in
                // `deliver` does not throw, so neither do `submit` and `finish` here.
                switch result {
                case .success(let bytes): try? pipeline.submit(Array(bytes), Job(location: location), deliver: deliver)
                case .failure(let error):
                    try? pipeline.submit([], Job(location: location, error: error), deliver: deliver)
                }
            }
        } catch {
            failure = error
        }
        try? pipeline.finish(deliver: deliver)
        if let failure { throw failure }
    }

    /// Where a message came from, and the error that replaced it when it could not be read.
    private struct Job: Sendable {
        var location: MailSource.Location
        var error: MailSourceError? = nil
    }
}
