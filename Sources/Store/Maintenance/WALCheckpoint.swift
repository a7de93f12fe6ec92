import BatonCore
import CSQLite
import Foundation

/// What a checkpoint of the write-ahead log did (`sqlite3_wal_checkpoint_v2`).
public struct WALCheckpoint: Sendable, Equatable {
    /// Another connection held a snapshot or the write lock, so the log could not be emptied this time; the frames
    /// it could copy were copied, and the next checkpoint finishes the job.
    public let busy: Bool
    /// Frames in the log when the checkpoint ran.
    public let logFrames: Int
    /// Frames copied into the database file.
    public let checkpointedFrames: Int
}

extension SQLiteDatabase {
    /// Copies the write-ahead log into the database file and truncates the `-wal` file to zero bytes
    /// (`SQLITE_CHECKPOINT_TRUNCATE`), without waiting: a reader holding an old snapshot (a backup, a report) or a
    /// writer makes it return `busy` instead of stalling the caller for the busy timeout.
    ///
    /// SQLite's automatic checkpoints keep the log's content bounded but never shrink the file, and the log is only
    /// removed when the last connection closes: with a reader that stays open, the file keeps the size of the
    /// largest transaction ever written. Truncating after every scan bounds it by one scan's writes.
    public func checkpointWAL() throws(StoreError) -> WALCheckpoint {
        sqlite3_busy_timeout(handle, 0)
        defer { sqlite3_busy_timeout(handle, busyTimeoutMilliseconds) }
        var logFrames: Int32 = 0
        var checkpointed: Int32 = 0
        let rc = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_TRUNCATE, &logFrames, &checkpointed)
        switch rc & 0xFF {
        case SQLITE_OK:
            return WALCheckpoint(busy: false, logFrames: Int(logFrames), checkpointedFrames: Int(checkpointed))
        case SQLITE_BUSY, SQLITE_LOCKED:
            return WALCheckpoint(
                busy: true, logFrames: max(0, Int(logFrames)), checkpointedFrames: max(0, Int(checkpointed)))
        default:
            throw error(code: rc, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// The size in bytes of the store's `-wal` file; 0 when there is none.
    public var walBytes: Int64 {
        var status = stat()
        return stat(path + "-wal", &status) == 0 ? Int64(status.st_size) : 0
    }
}
