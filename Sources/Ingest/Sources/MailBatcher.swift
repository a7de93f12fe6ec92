import MailParsing

/// The parsing and batching a mail source's ingester shares (`MboxIngester`, `MaildirIngester`): each message's
/// bytes are parsed on a worker thread (`ParsePipeline`), so that the main thread stores the previous batch
/// meanwhile; parsed messages come back here in file order, the ingester adds them to `batch`, and every
/// `MessageIngestor.batchSize` messages the ingester commits the batch with its cursor change (`commit(_:into:)`).
final class MailBatcher<Job: Sendable> {
    private let pipeline: ParsePipeline<Job>
    /// The batch being filled, with the cursor change its ingester keeps up to date.
    var batch: SourceBatch

    /// A batcher parsing with `ingestor`'s limits into batches of `batch`'s source.
    init(ingestor: MessageIngestor, batch: SourceBatch) {
        pipeline = ParsePipeline(workers: MessageIngestor.parseWorkers, options: ingestor.parserOptions)
        self.batch = batch
    }

    deinit { pipeline.close() }

    /// Whether the batch holds as many messages as one transaction takes.
    var isFull: Bool { batch.messages.count >= MessageIngestor.batchSize }

    /// Queues one message's bytes for parsing, and hands every parsed message that is next in order to
    /// `receive`, waiting while too many are in flight.
    func submit(_ bytes: [UInt8], _ job: Job, receive: (Job, MailMessage) throws -> Void) throws {
        try pipeline.submit(bytes, job, deliver: receive)
    }

    /// Hands every message still in flight to `receive`, then stops the worker.
    func finish(receive: (Job, MailMessage) throws -> Void) throws {
        try pipeline.finish(deliver: receive)
    }

    /// Hands the batch to `commit` (which returns once it is committed), then empties it for the next one; a
    /// rewritten mbox's old sightings went with the first.
    func commit(_ commit: CommitBatch, into report: inout SourceReport) throws {
        try commit(batch, &report)
        batch.messages.removeAll(keepingCapacity: true)
        batch.unreadNames.removeAll()
        batch.forgetOldLocations = false
        batch.cursor = nil
    }
}
