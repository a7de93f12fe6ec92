import Alerts
import BatonCore
import Foundation
import Ingest
import SLA
import Scan
import Store

/// `baton scan`: the cron job. Imports changed CRM files, ingests every source incrementally, evaluates every
/// clock, queues the notifications they call for and delivers the outbox; silent on success.
enum ScanCommand: BatonCommand {
    static let path = ["scan"]
    static let arguments = ""
    static let summary = "the cron job: import, ingest every source, evaluate clocks, send notifications"
    static let options: [OptionSpec] = [
        .flag("dry-run", "write and move nothing; print what would happen"), .flag("json", "JSON output"),
    ]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        let dryRun = invocation.arguments.flag("dry-run")
        // On PostgreSQL the node's lease takes the lock file's place (`takeScanLease`, `BatonStore+Leases.swift`).
        let lock = config.isSharedStore ? nil : try ScanLock(storePath: config.store)
        defer { withExtendedLifetime(lock) {} }
        // A dry run against a store that does not exist yet works on a throw-away one.
        var storePath = config.store
        var scratch: String?
        if dryRun && !config.isSharedStore && !FileManager.default.fileExists(atPath: storePath) {
            scratch = NSTemporaryDirectory() + "baton-dry-run-\(UUID().uuidString)"
            storePath = scratch! + "/baton.sqlite"
        }
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let progress = ProgressLine(stream: invocation.err)
        var retried: [String] = []
        var outcome: ScanRunReport?
        while outcome == nil {
            do {
                outcome = try scanOnce(
                    config, store: storePath, now: now, dryRun: dryRun,
                    countsClocks: invocation.json || invocation.verbose || dryRun, progress: progress)
            } catch let error as StoreError where error.isTransactionConflict && retried.count < maxRetries {
                // The server gave up a transaction to break a deadlock or a serialization conflict: everything
                // committed before it stands, and the scan runs again from there, as after a kill.
                progress.clear()
                retried.append(error.message)
            }
        }
        let result = outcome!
        let report = result.scan
        let cycle = result.alerts
        for problem in report.problems + cycle.problems { invocation.err.line("baton: \(problem)") }
        if invocation.json {
            invocation.out.line(json(report, cycle: cycle, retried: retried, verbose: invocation.verbose).pretty)
        } else if invocation.verbose || dryRun {
            if dryRun { invocation.out.line("dry run: nothing was written or moved") }
            for reason in retried {
                invocation.out.line("ran again from its last commit: the server aborted a transaction (\(reason))")
            }
            for i in report.imports {
                invocation.out.line(
                    "\(i.kind.rawValue) \(i.file): \(i.summary.inserted) inserted, \(i.summary.updated) updated, "
                        + "\(i.summary.unchanged) unchanged, \(i.summary.rejected.count) rejected")
            }
            for note in report.notes { invocation.out.line(note) }
            if let r = report.retention {
                invocation.out.line(
                    "privacy.retention: removed \(r.messages) messages, \(r.meetings) meetings, "
                        + "\(r.interactions) interactions, \(r.sightings) sightings; \(r.notifications) notifications erased"
                )
            }
            if report.rematched > 0 {
                invocation.out.line("matched again after lead changes: \(report.rematched) messages")
            }
            for s in report.sources {
                invocation.out.line(
                    "\(s.type) \(s.path): \(s.newMessages) new messages, \(s.interactions) interactions, "
                        + "\(s.meetings) meetings, \(s.skipped) skipped, \(s.quarantined) quarantined, \(s.errors) errors"
                )
                for problem in s.problems { invocation.out.line("  \(problem)") }
            }
            if case .busy(let holder) = report.storeWideSteps {
                invocation.out.line(
                    "CRM files, meetings, clocks and notifications: skipped, "
                        + (holder.map { "node \($0) is running them" } ?? "another node is running them"))
                return ExitCode(worst: result.worstFailure)
            }
            let clocks = ClockState.allCases.compactMap { s in cycle.clocks[s].map { "\($0) \(s.rawValue)" } }
            invocation.out.line("clocks: " + (clocks.isEmpty ? "none" : clocks.joined(separator: ", ")))
            invocation.out.line(
                "clocks evaluated: \(cycle.evaluated.leads) of \(cycle.evaluated.of) leads"
                    + (cycle.evaluatedAll.map { " (all: \($0))" } ?? ""))
            invocation.out.line(
                "notifications: \(cycle.queued.count) \(dryRun ? "would be queued" : "queued"), \(cycle.sent) sent, "
                    + "\(cycle.failed) failed")
            for n in cycle.queued where n.kind == .digest {
                invocation.out.line("  weekly digest to \(n.to.joined(separator: ", "))")
            }
            for n in cycle.queued where n.kind == .alert {
                let level = n.level.rawValue + (n.escalation.map { " \($0)" } ?? "")
                invocation.out.line(
                    "  \(level) lead #\(n.leadID ?? 0) (\(n.policy ?? "")) to \(n.to.joined(separator: ", "))"
                        + (n.cc.isEmpty ? "" : " cc \(n.cc.joined(separator: ", "))")
                        + (n.notBefore > n.createdAt
                            ? ", held until \(Timestamp.format(epochSeconds: n.notBefore))" : ""))
            }
            if let checkpoint = report.checkpoint, checkpoint.busy {
                invocation.out.line(
                    "write-ahead log: another connection holds it; \(checkpoint.logFrames) frames left for the next scan"
                )
            }
        }
        return ExitCode(worst: result.worstFailure)
    }

    /// How many times a scan runs again after the server aborted one of its transactions (PostgreSQL's 40001
    /// and 40P01) before it gives up with `tryAgain` (75).
    static let maxRetries = 3

    /// One scan: opens the store, takes the node's leases on a shared store, runs, and records the node's scan.
    /// `countsClocks` when the output shows the clocks' counts (`--json`, `--verbose`, a dry run).
    static func scanOnce(
        _ config: Config, store path: String, now: Int64, dryRun: Bool, countsClocks: Bool, progress: ProgressLine
    ) throws -> ScanRunReport {
        // On a shared store each host scans as a node registered with its machine id, and reads with its own
        // cursors.
        let host = HostIdentity.current()
        let node = config.isSharedStore ? config.node ?? host.name : nil
        let store = try BatonStore(path: path, node: node ?? "")
        if let node { try store.takeScanLease(node: node) }
        if let node, !dryRun {
            try store.write { try store.settings.registerNode(node, machineID: host.machineID, hostName: host.name) }
        }
        let run = try ScanRun(
            config: config, store: store, now: now, dryRun: dryRun, storeWide: try store.takeStoreWideLease(),
            countsClocks: countsClocks, progress: progress.enabled ? { progress.show($0) } : nil)
        let result = try run.run()
        progress.clear()
        if let node, !dryRun { try store.write { try store.settings.recordNodeScan(node, at: now) } }
        return result
    }

    static func json(_ report: ScanReport, cycle: AlertCycleReport, retried: [String], verbose: Bool) -> JSONValue {
        let sources = report.sources.map { s -> JSONValue in
            var pairs: [(String, JSONValue)] = [
                ("path", .string(s.path)), ("type", .string(s.type)), ("label", .string(s.label)),
                ("new_messages", .int(s.newMessages)), ("interactions", .int(s.interactions)),
                ("meetings", .int(s.meetings)), ("skipped", .int(s.skipped)), ("quarantined", .int(s.quarantined)),
                ("errors", .int(s.errors)),
            ]
            if verbose { pairs.append(("problems", .array(s.problems.map { .string($0) }))) }
            return .object(pairs)
        }
        let imports = report.imports.map {
            JSONValue.object([
                ("file", .string($0.file)), ("kind", .string($0.kind.rawValue)),
                ("inserted", .int($0.summary.inserted)),
                ("updated", .int($0.summary.updated)), ("unchanged", .int($0.summary.unchanged)),
                ("rejected", .int($0.summary.rejected.count)),
            ])
        }
        return .object([
            ("sources", .array(sources)),
            ("clocks", .object(cycle.clocks.map { ($0.key.rawValue, .int($0.value)) }.sorted { $0.0 < $1.0 })),
            (
                "clocks_evaluated",
                .object([
                    ("leads", .int(cycle.evaluated.leads)), ("of", .int(cycle.evaluated.of)),
                    ("all", cycle.evaluatedAll.map { .string($0) } ?? .null),
                ])
            ),
            (
                "notifications",
                .object([
                    ("queued", .int(cycle.queued.count)), ("sent", .int(cycle.sent)), ("failed", .int(cycle.failed)),
                ])
            ),
            ("imports", .array(imports)), ("rematched", .int(report.rematched)),
            ("store_wide_steps", storeWide(report.storeWideSteps)), ("retried", .array(retried.map { .string($0) })),
        ])
    }

    /// Whether this scan ran the store-wide steps, or which node did.
    static func storeWide(_ lease: StoreWideLease) -> JSONValue {
        switch lease {
        case .held: .object([("skipped", .bool(false))])
        case .busy(let holder): .object([("skipped", .bool(true)), ("by", holder.map { .string($0) } ?? .null)])
        }
    }
}

/// A one-line progress display on stderr, only when it is a terminal, at most a few updates a second.
final class ProgressLine {
    let stream: TextOutput
    let enabled: Bool
    private var last = Date.distantPast
    private var shown = false

    init(stream: TextOutput) {
        self.stream = stream
        enabled = stream.isTerminal
    }

    func show(_ text: String) {
        guard enabled, Date().timeIntervalSince(last) > 0.25 else { return }
        last = Date()
        stream.write("\r\u{1B}[K" + String(text.prefix(100)))
        stream.flush()
        shown = true
    }

    func clear() {
        guard shown else { return }
        stream.write("\r\u{1B}[K")
        stream.flush()
    }
}
