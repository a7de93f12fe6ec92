import BatonCore

/// Where each source was read up to (`store.cursors`): a mailbox's `SourceState` and the Maildir names already
/// read, saved in the same transaction as the batch they follow. Cursors belong to a node: on a shared store each
/// host reads and writes only its own (a path names a file of that host); a single-host store's node is "". A
/// topic of `BatonStore`: a value holding the store's connection.
public struct SourceCursors {
    /// The store's connection.
    let database: any Database
    /// The node whose cursors these are.
    let node: String

    /// What the last scan recorded about a source file or folder.
    public func sourceState(_ path: String) throws -> SourceState? {
        guard
            let row = try database.query(
                """
                SELECT path, type, device, inode, size, mtime_ns, "offset", fingerprint, content_hash
                FROM source_state WHERE node = ? AND path = ?
                """, node, path
            ).first
        else { return nil }
        var state = SourceState(path: try row.requiredText("path"), type: try row.requiredText("type"))
        state.device = row.int("device")
        state.inode = row.int("inode")
        state.size = row.int("size")
        state.mtimeNanoseconds = row.int("mtime_ns")
        state.offset = row.int("offset") ?? 0
        state.fingerprint = row.text("fingerprint")
        state.contentHash = row.text("content_hash")
        return state
    }

    /// Records a source's state.
    public func saveSourceState(_ state: SourceState, at time: Int64) throws {
        try database.execute(
            """
            INSERT INTO source_state (node, path, type, device, inode, size, mtime_ns, "offset", fingerprint, content_hash,
                                      updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (node, path) DO UPDATE SET type = excluded.type, device = excluded.device, inode = excluded.inode,
                size = excluded.size, mtime_ns = excluded.mtime_ns, "offset" = excluded."offset",
                fingerprint = excluded.fingerprint, content_hash = excluded.content_hash,
                updated_at = excluded.updated_at
            """,
            node, state.path, state.type, state.device, state.inode, state.size, state.mtimeNanoseconds, state.offset,
            state.fingerprint, state.contentHash, time)
    }

    /// The Maildir unique names already read from `source`.
    public func maildirSeen(_ source: String) throws -> Set<String> {
        Set(
            try database.query(
                "SELECT unique_name FROM maildir_seen WHERE node = ? AND source = ?", node, source
            ).compactMap {
                $0.text("unique_name")
            })
    }

    /// Marks Maildir unique names as read.
    public func markMaildirSeen(_ source: String, _ names: [String]) throws {
        for name in names {
            try database.execute(
                "INSERT OR IGNORE INTO maildir_seen (node, source, unique_name) VALUES (?, ?, ?)", node, source, name)
        }
    }
}
