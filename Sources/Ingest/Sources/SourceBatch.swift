import BatonCore

/// A message read from a source, waiting for its batch's transaction.
struct PendingMessage {
    var record: MessageRecord
    var calendarParts: [[UInt8]]
    var location: String
    /// Maildir: the unique name to mark as read with the batch.
    var uniqueName: String?
}

/// What one source's ingester read for one transaction: the parsed messages with where each was read and their
/// calendar parts, and the change to the source's cursor that must commit with them, so that a scan killed
/// between two batches resumes after the last one committed. Ingesters build batches and never write them;
/// the scan orchestrator (`ScanRun`) stores each through `MessageIngestor.ingest(_:into:)` in a transaction it
/// opens (see `CommitBatch`).
public struct SourceBatch {
    /// The source's path, the key of its sightings and its cursor.
    let source: String
    /// The messages, in the order they were read.
    var messages: [PendingMessage] = []
    /// An mbox read again from the start after its client rewrote it: the sightings recorded from its old layout
    /// are deleted first (with the first batch only).
    var forgetOldLocations = false
    /// The messages sighted in an mbox before it was rewritten, which are not new to it.
    var earlierInSource: Set<Int64> = []
    /// A Maildir: each message's unique name is marked as read with the batch.
    var marksSeen = false
    /// A Maildir: the unique names of messages read that give nothing to store (journal reports without a usable
    /// original, reported as errors), marked as read with the batch so that each is reported once.
    var unreadNames: [String] = []
    /// A calendar file's content, kept as the file's one iCalendar input when its hash changed.
    var calendarFile: (hash: String, content: [UInt8])?
    /// The cursor saved with the batch (an mbox's offset and fingerprint after its last message; a source's
    /// final `stat` and content hash).
    var cursor: SourceState?

    /// An empty batch for the source at `source`.
    init(source: String) { self.source = source }
}

/// Commits one batch an ingester read, counting what it stored into the source's report, and returns only once
/// the batch is committed. `ScanRun` passes it down to each ingester: `try store.write { try
/// ingestor.ingest(batch, into: &report) }`, so that the run owns every transaction (all inside the dry run's
/// single rolled-back one, in a dry run).
///
/// Why a closure passed down rather than batches pulled up (`while let batch = try reader.nextBatch()`): an
/// mbox is read by `MboxReader.forEach`, which pushes each record with bytes valid only during the call, and
/// `ParsePipeline` hands parsed messages back from inside `submit`; an ingester cannot return from the middle of
/// either without a resumable reader or a third thread (with its hand-offs) between them. What follows a commit
/// (a drop-folder file's move, resetting the rewritten-mbox flag) is done by the ingester after this returns.
public typealias CommitBatch = (SourceBatch, inout SourceReport) throws -> Void
