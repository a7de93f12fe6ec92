import Alerts
import BatonCore
import Foundation
import Reports
import SLA
import Scan
import Store

/// `baton digest`: the weekly alignment digest, one email per manager and one per `alerts.weekly_digest.to`
/// address, through the outbox (at most once per recipient and week) and the configured transport.
enum DigestCommand: BatonCommand {
    static let path = ["digest"]
    static let arguments = ""
    static let summary = "send the weekly alignment digest (default: last week)"
    static let options: [OptionSpec] = [
        .value("week", "ISO-WEEK", "which week: 2026-W47, or a date in it (default: the week before --now)"),
        .flag("dry-run", "print the digests, queue and send nothing"), .flag("json", "JSON output"),
    ]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        let week: ISOWeek
        if let text = invocation.arguments.value("week") {
            guard let parsed = ISOWeek.parse(text, in: config.timezone) else {
                throw UsageError.badValue(option: "--week", value: text, expected: "an ISO week (2026-W47) or a date")
            }
            week = parsed
        } else {
            week = ISOWeek(containing: now, in: config.timezone).previous(in: config.timezone)
        }
        let store = try BatonStore(path: config.store)
        let digest = WeeklyDigest(config: config, store: store, now: now)
        let dryRun = invocation.arguments.flag("dry-run")
        let items = dryRun ? try digest.plan(week: week) : try digest.queue(week: week)
        var exit = ExitCode.ok
        var sent = 0
        if !dryRun {
            let delivery = try AlertCycle.deliver(
                config: config, store: store, transport: OutboxDelivery.transport(for: config), now: now)
            for problem in delivery.problems { invocation.err.line("baton: \(problem)") }
            exit = ExitCode(worst: delivery.worstFailure)
            sent = delivery.sent
        }
        if invocation.json {
            let list = items.map { item in
                JSONValue.object([
                    ("to", .string(item.recipient)), ("audience", .string(item.audience)),
                    ("subject", .string(item.subject)), ("message_id", .string(item.record.messageID)),
                    ("text", .string(item.text)),
                ])
            }
            invocation.out.line(
                JSONValue.object([
                    ("week", .string(week.label)), ("dry_run", .bool(dryRun)), ("digests", .array(list)),
                    ("sent", .int(sent)),
                ]).pretty)
        } else if dryRun {
            invocation.out.line(
                "dry run: \(items.count) digest\(items.count == 1 ? "" : "s") for \(week.label); nothing was queued or sent"
            )
            for item in items {
                invocation.out.line("")
                invocation.out.line("== to \(item.recipient) (\(item.audience)): \(item.subject)")
                invocation.out.write(item.text)
            }
        } else if invocation.verbose {
            invocation.out.line(
                "\(items.count) digest\(items.count == 1 ? "" : "s") queued for \(week.label); \(sent) sent")
            for item in items { invocation.out.line("  \(item.recipient) (\(item.audience)): \(item.subject)") }
        }
        if items.isEmpty && !dryRun && invocation.verbose {
            invocation.out.line("nothing new: the digests of \(week.label) were queued before, or nobody receives one")
        }
        return exit
    }
}
