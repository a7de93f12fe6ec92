import BatonCore
import Foundation
import Ingest
import Store

/// `baton scan`: the cron job. Imports changed CRM files, ingests every source incrementally (SLA clocks and
/// notifications come with the SLA work), silent on success.
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
        let lock = try ScanLock(storePath: config.store)
        defer { withExtendedLifetime(lock) {} }
        // A dry run against a store that does not exist yet works on a throw-away one.
        var storePath = config.store
        var scratch: String?
        if dryRun && !FileManager.default.fileExists(atPath: storePath) {
            scratch = NSTemporaryDirectory() + "baton-dry-run-\(UUID().uuidString)"
            storePath = scratch! + "/baton.sqlite"
        }
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let store = try BatonStore(path: storePath)
        let scanner = try Scanner(config: config, store: store, now: now, dryRun: dryRun)
        let progress = ProgressLine(stream: invocation.err)
        if progress.enabled { scanner.progress = { progress.show($0) } }
        let report = try scanner.run()
        progress.clear()
        for problem in report.problems { invocation.err.line("baton: \(problem)") }
        if invocation.json {
            invocation.out.line(json(report, verbose: invocation.verbose).pretty)
        } else if invocation.verbose || dryRun {
            if dryRun { invocation.out.line("dry run: nothing was written or moved") }
            for i in report.imports {
                invocation.out.line(
                    "\(i.kind) \(i.file): \(i.summary.inserted) inserted, \(i.summary.updated) updated, "
                        + "\(i.summary.unchanged) unchanged, \(i.summary.rejected.count) rejected")
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
        }
        return report.exitCode
    }

    static func json(_ report: ScanReport, verbose: Bool) -> JSONValue {
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
                ("file", .string($0.file)), ("kind", .string($0.kind)), ("inserted", .int($0.summary.inserted)),
                ("updated", .int($0.summary.updated)), ("unchanged", .int($0.summary.unchanged)),
                ("rejected", .int($0.summary.rejected.count)),
            ])
        }
        return .object([
            ("sources", .array(sources)),
            // Clocks and notifications are filled by the SLA work; a scan reports none until then.
            ("clocks", .object([])),
            ("notifications", .object([("queued", .int(0)), ("sent", .int(0)), ("failed", .int(0))])),
            ("imports", .array(imports)), ("rematched", .int(report.rematched)),
        ])
    }
}

/// A one-line progress display on stderr, only when it is a terminal, at most a few updates a second.
final class ProgressLine {
    let stream: OutputStream
    let enabled: Bool
    private var last = Date.distantPast
    private var shown = false

    init(stream: OutputStream) {
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
