import Alerts
import BatonCore
import Foundation
import SLA
import Store

/// What the cron job's second half did: clocks evaluated, notifications queued, sent and failed.
public struct AlertCycleReport: Sendable {
    /// Clock episodes by state, over all clocks after the run.
    public var clocks: [ClockState: Int] = [:]
    /// Notifications queued by this run (including ones recorded failed for want of a recipient).
    public var queued: [NotificationRecord] = []
    public var sent = 0
    public var failed = 0
    public var problems: [String] = []
    /// The most serious failure of the delivery, nil when there was none.
    public var worstFailure: FailureKind?

    public init() {}
}

/// Evaluates every clock, queues the notifications they call for and delivers the outbox (`baton scan`).
public struct AlertCycle {
    let config: Config
    let store: BatonStore
    let now: Int64
    let transport: (any MailTransport)?

    /// `transport` nil: plan only (a dry run), deliver nothing.
    public init(config: Config, store: BatonStore, now: Int64, transport: (any MailTransport)?) {
        self.config = config
        self.store = store
        self.now = now
        self.transport = transport
    }

    /// A random id kept in the store and mixed into Message-IDs.
    public static func salt(_ store: BatonStore) throws -> String {
        try store.settings.instanceID()
    }

    /// `alerts.active_from`, else the first scan's time, else now.
    public static func activeFrom(_ config: Config, _ store: BatonStore, now: Int64) throws -> Int64 {
        if let activeFrom = config.alerts.activeFrom { return activeFrom }
        return try store.settings.firstScanAt ?? now
    }

    /// The clock step: every lead's clock episodes at `now` (the evaluator also knows the reps and calendars).
    public static func evaluate(config: Config, store: BatonStore, now: Int64) throws -> (SLAEvaluator, [EvaluatedLead])
    {
        let evaluator = try SLAEvaluator(config: config, store: store)
        return (evaluator, try evaluator.evaluate(now: now))
    }

    /// The delivery step: sends every due notification of the outbox through `transport`; `evaluator` (made
    /// when not given) knows the reps and calendars that recipients and lateness are worked out with.
    public static func deliver(
        config: Config, store: BatonStore, evaluator: SLAEvaluator? = nil, transport: any MailTransport, now: Int64
    ) throws -> DeliveryReport {
        try OutboxDelivery(
            config: config, store: store, evaluator: evaluator ?? SLAEvaluator(config: config, store: store),
            transport: transport, now: now, salt: salt(store)
        ).run()
    }

    /// Evaluates the clocks, plans notifications and the weekly digest when due, and delivers (unless there is no
    /// transport).
    public func run() throws -> AlertCycleReport {
        var report = AlertCycleReport()
        let (evaluator, leads) = try Self.evaluate(config: config, store: store, now: now)
        for lead in leads {
            for episode in lead.episodes { report.clocks[episode.state, default: 0] += 1 }
        }
        report.problems += evaluator.calendars.problems
        let salt = try Self.salt(store)
        let activeFrom = try Self.activeFrom(config, store, now: now)
        let planner = NotificationPlanner(
            config: config, store: store, routing: AlertRouting(config: config, reps: evaluator.reps), now: now,
            activeFrom: activeFrom, salt: salt)
        report.queued = try planner.plan(leads)
        report.failed = report.queued.filter { $0.state == .failed }.count
        // One line per distinct reason, not one per notification: a reps file without managers would otherwise
        // print a line for every lead. Failed rows say why nobody got them; queued ones may name a left-out address.
        var noted: [(reason: String, leftOut: Bool, leads: [Int64])] = []
        for record in report.queued {
            let reason: String
            let leftOut: Bool
            if record.state == .failed {
                reason = record.lastError ?? "no recipient"
                leftOut = false
            } else if !record.leftOut.isEmpty, let note = record.lastError {
                reason = note
                leftOut = true
            } else {
                continue
            }
            if let index = noted.firstIndex(where: { $0.reason == reason }) {
                noted[index].leads.append(record.leadID ?? 0)
            } else {
                noted.append((reason, leftOut, [record.leadID ?? 0]))
            }
        }
        for (reason, leftOut, leads) in noted {
            let shown = leads.prefix(5).map { "#\($0)" }.joined(separator: ", ") + (leads.count > 5 ? ", …" : "")
            let what = leftOut ? "sent without one recipient" : "recorded as failed"
            report.problems.append(
                "\(leads.count) notification\(leads.count == 1 ? "" : "s") \(what) (leads \(shown)): \(reason)")
        }
        if let week = WeeklyDigest.dueWeek(config, now: now, since: activeFrom) {
            let digest = WeeklyDigest(config: config, store: store, now: now)
            report.queued += try digest.queue(week: week, evaluated: (evaluator, leads)).map(\.record)
        }
        guard let transport else { return report }
        let delivery = try Self.deliver(
            config: config, store: store, evaluator: evaluator, transport: transport, now: now)
        report.sent = delivery.sent
        report.failed += delivery.failed
        report.problems += delivery.problems
        report.worstFailure = delivery.worstFailure
        return report
    }
}
