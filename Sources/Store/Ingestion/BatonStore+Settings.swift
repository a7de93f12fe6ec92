import BatonCore

extension BatonStore {
    // MARK: Settings

    /// A stored setting (fingerprints, the first scan's time).
    public func setting(_ key: String) throws -> String? {
        try database.scalar("SELECT value FROM settings WHERE key = ?", key)?.string
    }

    /// Stores a setting.
    public func setSetting(_ key: String, _ value: String) throws {
        try database.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            key, value)
    }

    /// Removes a setting.
    public func removeSetting(_ key: String) throws {
        try database.execute("DELETE FROM settings WHERE key = ?", key)
    }

    /// The first scan's time (UTC seconds), recorded once: alerts count from it when `alerts.active_from` is unset.
    public var firstScanAt: Int64? {
        get throws { Int64(try setting("first_scan_at") ?? "") }
    }

    /// Records `time` as the first scan's time unless one is recorded already.
    public func recordFirstScan(at time: Int64) throws {
        if try setting("first_scan_at") == nil { try setSetting("first_scan_at", String(time)) }
    }
}
