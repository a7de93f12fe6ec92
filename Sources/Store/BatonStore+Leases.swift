import BatonCore

/// What one scan found of the store-wide steps' lease (`BatonStore.takeStoreWideLease`).
public enum StoreWideLease: Equatable, Sendable {
    /// This scan holds it: it runs the store-wide steps.
    case held
    /// Another scan holds it; `holder` is its node when the server says (`baton node NAME`).
    case busy(holder: String?)
}

/// Who may do what at once on a shared PostgreSQL store. Each rule is an advisory lock, which the server drops
/// when the session that holds it ends, so a killed host never leaves one behind; on SQLite the lock file beside
/// the store (`ScanLock`) and SQLite's own write lock do the same, and these do nothing.
///
/// - The write lock: every write transaction takes it first (`PostgresDatabase.transaction`), so writers commit
///   one at a time, as on SQLite, while the hosts read and parse their mailboxes in parallel. A transaction that
///   reads and then writes (a message's dedupe, a lead's clock) thus never races another host's; and since every
///   writer takes this one lock before any row's, two scans cannot deadlock each other.
/// - The scan lease, held shared by every scan for its life and exclusive by `forget`: a forget waits for the
///   running scans and holds new ones off, so no scan that read the person's mail before the forget writes it
///   back after it.
/// - A node's lease: one scan per node at a time (its cursors and its drop folder are its own); a second is
///   refused at once, as the lock file refuses it on SQLite.
/// - The store-wide lease: the steps that work on the whole store — importing the CRM files, rebuilding meetings,
///   matching orphans, retention, clocks, planning and delivery — run on one node at a time: the one that finds the
///   lease free. Every other node ingests its own sources, notes the work it leaves (`PendingWork`) and skips the
///   rest; the holder, or the next scan to find the lease free, does it.
extension BatonStore {
    /// Takes the scan lease shared (waiting up to `wait` seconds for a `forget`), then `node`'s lease, which is
    /// refused at once when another scan of that node runs (`tryAgain`, 75). Nothing on SQLite.
    public func takeScanLease(node: String, wait seconds: Int = 120) throws {
        guard database.dialect == .postgres else { return }
        try waiting(seconds, "a forget held this database's scan lease") {
            try database.execute("SELECT pg_advisory_lock_shared(?)", PostgresSchema.scanLeaseKey)
        }
        let free = try database.scalar(
            "SELECT pg_try_advisory_lock(?::int4, ?::int4)", Int64(PostgresSchema.nodeLeaseClass),
            Int64(Self.nodeHash(node)))
        guard free?.int64 == 1 else {
            throw StoreError(
                kind: .postgres(sqlstate: "55P03"), path: database.path,
                message: "another baton scan of node '\(node)' is running; try again later")
        }
        try database.execute("SELECT set_config('application_name', ?, false)", "baton node \(node)")
    }

    /// Takes the scan lease exclusive, waiting up to `wait` seconds for the running scans to end (`forget`).
    /// Nothing on SQLite.
    public func takeExclusiveLease(wait seconds: Int = 120) throws {
        guard database.dialect == .postgres else { return }
        try waiting(seconds, "scans held this database's scan lease") {
            try database.execute("SELECT pg_advisory_lock(?)", PostgresSchema.scanLeaseKey)
        }
    }

    /// Takes the store-wide steps' lease for this connection's life if it is free; always `held` on SQLite,
    /// where one scan runs at a time.
    public func takeStoreWideLease() throws -> StoreWideLease {
        guard database.dialect == .postgres else { return .held }
        let key = PostgresSchema.storeWideLeaseKey
        if try database.scalar("SELECT pg_try_advisory_lock(?)", key)?.int64 == 1 { return .held }
        // A one-number key shows in `pg_locks` as its high and low halves; advisory locks are per database, and
        // `pg_locks` shows every database's (another Baton store on the same server has the same keys).
        let holder = try database.scalar(
            """
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid::bigint = ?
                AND l.objid::bigint = ? AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, key >> 32, key & 0xFFFF_FFFF)?.string
        return .busy(holder: holder.flatMap { $0.hasPrefix("baton node ") ? String($0.dropFirst(11)) : nil })
    }

    /// Runs `take` (a lock that waits) with the server's `lock_timeout` at `seconds`; a timeout is `tryAgain` (75)
    /// saying `what`.
    private func waiting(_ seconds: Int, _ what: String, _ take: () throws -> Void) throws {
        try database.execute("SELECT set_config('lock_timeout', ?, false)", "\(seconds)s")
        defer { try? database.execute("SELECT set_config('lock_timeout', '0', false)") }
        do {
            try take()
        } catch let error as StoreError {
            guard error.kind == .postgres(sqlstate: "55P03") else { throw error }
            throw StoreError(
                kind: error.kind, path: database.path, message: "\(what) for \(seconds) s; try again later")
        }
    }

    /// A node name's 32-bit FNV-1a hash: stable across hosts and builds. Two names that share one only take turns.
    static func nodeHash(_ node: String) -> Int32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in node.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return Int32(bitPattern: hash)
    }
}
