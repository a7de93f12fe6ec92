import BatonCore
import CSQLite
import Foundation

/// A consistent copy of a live store through SQLite's online backup API (`sqlite3_backup_init`, `…_step`,
/// `…_finish`), taken while scans keep writing.
public enum StoreBackup {
    /// What a backup copied.
    public struct Summary: Sendable, Equatable {
        /// Pages in the copy.
        public let pages: Int
        /// `sqlite3_backup_step` calls it took.
        public let steps: Int
        /// The copy's size in bytes.
        public let bytes: Int64
    }

    /// Copies the store at `source` into the new file `destination` (mode 0600), `pagesPerStep` pages at a time.
    ///
    /// The source connection holds one read transaction for the whole copy, so every step reads the same
    /// snapshot: the copy is the store as one committed transaction left it, and a scan committing meanwhile
    /// neither restarts the backup (as it would between steps without that transaction) nor waits for it (a
    /// reader never blocks the writer in WAL mode; it only keeps the next checkpoint from emptying the log).
    /// The copy is written under a temporary name in the destination's folder and linked to `destination` only
    /// when complete (`link(2)`, which never replaces a file), so a failed or killed backup never leaves a half
    /// file under that name; a killed one may leave its hidden `.NAME.partial-…` file. An existing `destination`
    /// is never overwritten (`cannotCreate`).
    public static func copy(
        from source: String, to destination: String, pagesPerStep: Int32 = 256,
        maximumUserVersion: Int = Migrations.currentVersion
    ) throws(StoreError) -> Summary {
        // Opening a missing store would create an empty one: a backup of nothing is a mistake, not a copy.
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError(kind: .sqlite(code: SQLITE_CANTOPEN), path: source, message: "no store here")
        }
        if FileManager.default.fileExists(atPath: destination) {
            throw StoreError(
                kind: .cannotCreate, path: destination, message: "already exists; a backup never overwrites")
        }
        let folder = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        let partial = (folder.isEmpty ? "." : folder) + "/.\(name).partial-\(UUID().uuidString)"
        let fd = open(partial, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(
                kind: .cannotCreate, path: destination, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        fchmod(fd, 0o600)
        close(fd)
        // Once linked, the copy lives on under `destination`: the temporary name always goes.
        defer {
            unlink(partial)
            unlink(partial + "-journal")
        }
        let summary = try copyPages(
            from: source, into: partial, pagesPerStep: pagesPerStep, maximum: maximumUserVersion)
        let synced = open(partial, O_RDONLY | O_CLOEXEC)
        if synced >= 0 {
            fsync(synced)
            close(synced)
        }
        if link(partial, destination) != 0 {
            let reason =
                errno == EEXIST ? "already exists; a backup never overwrites" : String(cString: strerror(errno))
            throw StoreError(kind: .cannotCreate, path: destination, message: reason)
        }
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return summary
    }

    /// Runs the backup from `source` into the empty file at `target`.
    private static func copyPages(
        from source: String, into target: String, pagesPerStep: Int32, maximum: Int
    ) throws(StoreError) -> Summary {
        let database = try SQLiteDatabase(path: source, maximumUserVersion: maximum)
        // One snapshot for the whole copy: the read transaction starts at the first read.
        try database.execute("BEGIN")
        defer { try? database.execute("ROLLBACK") }
        _ = try database.scalar("SELECT count(*) FROM sqlite_schema")

        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(target, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw StoreError(kind: .cannotCreate, path: target, message: message)
        }
        defer { sqlite3_close(handle) }
        guard let backup = sqlite3_backup_init(handle, "main", database.handle, "main") else {
            throw StoreError(
                kind: .sqlite(code: sqlite3_extended_errcode(handle)), path: target,
                message: String(cString: sqlite3_errmsg(handle)))
        }
        var steps = 0
        var waits = 0
        var stepCode: Int32 = SQLITE_OK
        while true {
            stepCode = sqlite3_backup_step(backup, pagesPerStep)
            steps += 1
            if stepCode == SQLITE_DONE { break }
            if stepCode == SQLITE_OK { continue }
            if stepCode & 0xFF == SQLITE_BUSY || stepCode & 0xFF == SQLITE_LOCKED, waits < 500 {
                waits += 1
                // Only the copy's own file can be locked (the source is read in a held snapshot): wait a little.
                sqlite3_sleep(20)
                continue
            }
            break
        }
        let pages = Int(sqlite3_backup_pagecount(backup))
        let finish = sqlite3_backup_finish(backup)
        if stepCode != SQLITE_DONE || finish != SQLITE_OK {
            let code = stepCode != SQLITE_DONE ? stepCode : finish
            throw StoreError(
                kind: .sqlite(code: sqlite3_extended_errcode(handle) != 0 ? sqlite3_extended_errcode(handle) : code),
                path: target, message: "backup failed: " + String(cString: sqlite3_errmsg(handle)))
        }
        var status = stat()
        let bytes: Int64 = stat(target, &status) == 0 ? Int64(status.st_size) : 0
        return Summary(pages: pages, steps: steps, bytes: bytes)
    }
}
