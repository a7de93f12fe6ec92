import Alerts
import BatonCore
import Foundation
import Ingest
import Store

/// What one scan did: what it read, and the clocks and notifications that followed.
public struct ScanRunReport: Sendable {
    /// Sources read, CRM files imported, messages matched again, retention and the log's checkpoint.
    public var scan: ScanReport
    /// Clocks evaluated, notifications queued, sent and failed.
    public var alerts: AlertCycleReport

    /// The most serious failure of the whole run, nil when there was none.
    public var worstFailure: FailureKind? { [scan.worstFailure, alerts.worstFailure].compactMap { $0 }.max() }
}

/// `baton scan`, the cron job, in its order: record the first scan, import changed CRM files, ingest every
/// source, rebuild meetings and match orphans again, apply `privacy.retention`, evaluate clocks, plan
/// notifications and digests, deliver them.
///
/// It owns the run's transactions: the ingest step commits one per batch; a dry run does everything inside one
/// transaction that is rolled back at the end, with no transport, and moves no file.
public final class ScanRun {
    let config: Config
    let store: BatonStore
    let now: Int64
    let dryRun: Bool
    /// The message ingestor (dedupe, match, write) that stores, in transactions this run opens, the batches every
    /// source's ingester reads.
    let ingestor: MessageIngestor
    let transport: (any MailTransport)?
    let progress: ((String) -> Void)?
    /// Whether this run holds the store-wide steps' lease (`BatonStore+Leases.swift`); when another node does, the
    /// run only ingests its sources.
    let storeWide: StoreWideLease
    /// Whether the report counts every clock's episodes by state (`AlertCycle.countsClocks`).
    let countsClocks: Bool

    /// A run over `store` with `config`, at `now`; `progress` gets a short status line now and then; `countsClocks`
    /// false leaves the report's clock counts empty (nothing will print them).
    public init(
        config: Config, store: BatonStore, now: Int64, dryRun: Bool = false, storeWide: StoreWideLease = .held,
        countsClocks: Bool = true, progress: ((String) -> Void)? = nil
    ) throws {
        self.countsClocks = countsClocks
        self.config = config
        self.store = store
        self.now = now
        self.dryRun = dryRun
        self.storeWide = storeWide
        self.progress = progress
        ingestor = try MessageIngestor(config: config, store: store, now: now, dryRun: dryRun)
        ingestor.progress = progress
        transport = dryRun ? nil : OutboxDelivery.transport(for: config)
    }

    /// Runs every step; a dry run inside one transaction that is rolled back.
    public func run() throws -> ScanRunReport {
        guard dryRun else {
            var report = try steps()
            // The log is emptied once the run's writes (deliveries included) are done, so that it stays the size
            // of one scan even when another connection keeps the store open. A reader that holds an old snapshot
            // (a backup in progress) leaves it for the next scan: not an error.
            do {
                report.scan.checkpoint = try store.checkpoint()
            } catch {
                report.scan.problems.append("\(error)")
                report.scan.raise(.ioFailure)
            }
            return report
        }
        return try store.rehearse { try steps() }
    }

    /// The steps, in order.
    func steps() throws -> ScanRunReport {
        try store.write {
            if try store.settings.firstScanAt == nil { try store.settings.recordFirstScan(at: now) }
        }
        var scan = ScanReport()
        guard storeWide == .held else {
            // Another node runs the store-wide steps: this one reads its own sources and leaves that node, or the
            // next scan to find the lease free, the work they call for.
            scan.storeWideSteps = storeWide
            try ingest(into: &scan)
            return ScanRunReport(scan: scan, alerts: AlertCycleReport())
        }
        try CRMSync(config: config, store: store, now: now).importChangedFiles(into: &scan)
        try ingest(into: &scan)
        if let horizon = ingestor.horizon {
            scan.retention = try store.privacy.enforceRetention(horizon: horizon, now: now)
        }
        progress?("clocks and notifications")
        let alerts = try AlertCycle(
            config: config, store: store, now: now, transport: transport, countsClocks: countsClocks
        ).run()
        return ScanRunReport(scan: scan, alerts: alerts)
    }
}
