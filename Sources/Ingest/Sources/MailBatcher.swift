import BatonCore
import MailParsing

/// What a worker made of one message of a mail source: the record the writer stores, or why there is none.
enum ReadMessage {
    /// The record, with the message's calendar parts.
    case record(MessageRecord, calendarParts: [[UInt8]])
    /// A message that gives nothing to store (a journal report without a usable original): a counted error, with
    /// the problem to report; a Maildir marks it read so that it is reported once.
    case failed(String)
    /// A file that could not be read: a counted error, with the problem to report; read again next scan.
    case unreadable(String)
    /// Nothing to store and nothing to report (a Maildir file that vanished since the folder was listed).
    case vanished
}

/// The batching a mail source's ingester shares (`MboxIngester`, `MaildirIngester`), with a Maildir's parsing:
/// on a worker thread (`ParsePipeline`) each file is read, parsed and made the record the store keeps (`read`,
/// given by the ingester: addresses, subject key, dedupe key), so that the main thread only stores, the previous
/// batch meanwhile; records come back here in file order, the ingester adds them to `batch`, and whenever the
/// batch holds `limit` messages the ingester commits it with its cursor change (`commit(_:into:)`). An mbox's
/// worker is a `ReadAhead` of its own, which reads the file as well.
final class MailBatcher<Job: Sendable> {
    /// The workers, nil when the ingester reads and parses elsewhere (an mbox: `ReadAhead`) and only batches here.
    private let pipeline: ParsePipeline<Job, ReadMessage>?
    /// The batch being filled, with the cursor change its ingester keeps up to date.
    var batch: SourceBatch

    /// A batcher whose worker makes each job's bytes (empty when the job says where to read them) a record with
    /// `read`, into batches of `batch`'s source.
    ///
    /// The worker may run a whole batch ahead (two first batches): while the writer stores one batch (one
    /// transaction, the longest time it does not take records), the worker makes the next. With a window smaller
    /// than a batch the worker stopped early in every commit and waited for the writer, and the writer then waited
    /// for it while the batch filled: the two threads took turns instead of working side by side.
    init(batch: SourceBatch, largest: Int, read: @escaping @Sendable ([UInt8], Job) -> ReadMessage) {
        pipeline = ParsePipeline(
            workers: MessageIngestor.parseWorkers, window: max(2 * MessageIngestor.batchSize, largest), work: read)
        self.batch = batch
        self.largest = max(largest, MessageIngestor.batchSize)
    }

    /// A batcher of records made elsewhere, in batches of at most `largest`: `submit` and `finish` are not called.
    init(batch: SourceBatch, largest: Int) {
        pipeline = nil
        self.batch = batch
        self.largest = max(largest, MessageIngestor.batchSize)
    }

    /// The most messages a batch takes (`MessageIngestor.largestBatch`, never below `MessageIngestor.batchSize`).
    let largest: Int
    /// Whether a batch was committed.
    private var committedOne = false
    /// How many messages the batch being filled takes: `MessageIngestor.batchSize` for the first, `largest` for
    /// the next ones. A scan of a few new messages commits them in one small transaction, and a scan killed early
    /// has committed its first messages soon.
    var limit: Int { committedOne ? largest : MessageIngestor.batchSize }

    deinit { pipeline?.close() }

    /// Whether the batch holds as many messages as one transaction takes.
    var isFull: Bool { batch.messages.count >= limit }

    /// Queues one message for the worker, and hands every record that is next in order to `receive`, waiting
    /// while too many are in flight.
    func submit(_ bytes: [UInt8], _ job: Job, receive: (Job, ReadMessage) throws -> Void) throws {
        guard let pipeline else { preconditionFailure("submit to a batcher of records made elsewhere") }
        try pipeline.submit(bytes, job, deliver: receive)
    }

    /// Hands every message still in flight to `receive`, then stops the worker.
    func finish(receive: (Job, ReadMessage) throws -> Void) throws {
        guard let pipeline else { preconditionFailure("finish of a batcher of records made elsewhere") }
        try pipeline.finish(deliver: receive)
    }

    /// Hands the batch to `commit` (which returns once it is committed), then empties it for the next one; a
    /// rewritten mbox's old sightings went with the first.
    func commit(_ commit: CommitBatch, into report: inout SourceReport) throws {
        try commit(batch, &report)
        committedOne = true
        batch.messages.removeAll(keepingCapacity: true)
        batch.unreadNames.removeAll()
        batch.forgetOldLocations = false
        batch.cursor = nil
    }
}
