import BatonCore

/// Units of work: the only way code outside the store opens a transaction on it.
extension BatonStore {
    /// Thrown inside a rehearsal's transaction to roll it back; never escapes `rehearse`.
    private struct RehearsalRollback: Error {}

    /// Runs `body` as one transaction, committed when it returns and rolled back when it throws; inside another unit
    /// of work it joins that one, which commits or rolls back the whole.
    @discardableResult
    public func write<T>(_ body: () throws -> T) throws -> T {
        try database.transaction(body)
    }

    /// Runs `body` in one transaction that is always rolled back, writes nested in it included (a dry run).
    public func rehearse<T>(_ body: () throws -> T) throws -> T {
        // Joining an outer unit would leave nothing to roll back without undoing the outer unit's own writes.
        precondition(!database.isInTransaction, "a rehearsal cannot run inside another unit of work")
        var result: T?
        do {
            try database.transaction {
                result = try body()
                throw RehearsalRollback()
            }
        } catch is RehearsalRollback {}
        // The transaction only ends by throwing, and only `RehearsalRollback` gets here, after `body` returned.
        guard let result else { preconditionFailure("a rehearsal ended without its result") }
        return result
    }

    /// Empties the write-ahead log into the database file without waiting for other connections; nil on
    /// PostgreSQL, whose server manages its own log.
    public func checkpoint() throws(StoreError) -> WALCheckpoint? {
        try (database as? SQLiteDatabase)?.checkpointWAL()
    }
}
