import BatonCore

extension BatonStore {
    /// The first scan's time (UTC seconds), recorded once: alerts count from it when `alerts.active_from` is unset.
    public var firstScanAt: Int64? {
        get throws { Int64(try setting("first_scan_at") ?? "") }
    }

    /// Records `time` as the first scan's time unless one is recorded already.
    public func recordFirstScan(at time: Int64) throws {
        if try setting("first_scan_at") == nil { try setSetting("first_scan_at", String(time)) }
    }
}
