import Alerts
import BatonCore
import Foundation
import Reports
import SLA
import Store

/// What the cron job's second half did: clocks evaluated, notifications queued, sent and failed.
public struct AlertCycleReport: Sendable {
    /// Clock episodes by state, over all clocks after the run; empty when the run was not asked to count them
    /// (`AlertCycle.countsClocks`: a scan that prints nothing), since counting reads every lead's state.
    public var clocks: [ClockState: Int] = [:]
    /// How many leads' clocks this run evaluated, of how many leads.
    public var evaluated = (leads: 0, of: 0)
    /// Why every lead was evaluated (nil when only the pending ones were): the clocks' inputs changed, or `now` is
    /// before the last evaluation.
    public var evaluatedAll: String?
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
    /// Whether the report counts every clock's episodes by state (`AlertCycleReport.clocks`): a read of every
    /// lead's stored state, the one step of a scan with nothing new that grows with the leads, so a scan that
    /// prints nothing (cron's) skips it.
    let countsClocks: Bool

    /// `transport` nil: plan only (a dry run), deliver nothing.
    public init(
        config: Config, store: BatonStore, now: Int64, transport: (any MailTransport)?, countsClocks: Bool = true
    ) {
        self.config = config
        self.store = store
        self.now = now
        self.transport = transport
        self.countsClocks = countsClocks
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

    /// At most how many leads, and how many interactions in all, are evaluated and planned in one transaction:
    /// the memory a scan holds is that of one chunk, whatever the number of leads or the length of their
    /// histories (a lead with more interactions than `chunkInteractions` is a chunk of its own).
    static let chunkSize = 1_000
    static let chunkInteractions = 20_000

    /// Whether the pending leads' interactions are read in one pass over the table (`HistorySpill`) rather than
    /// by lead through the index: when they are at least an eighth of the table. A row found through the index
    /// costs about ten times one read in the table's order (the big benchmark: 0.27 s for one lead's 100,000 rows,
    /// 1.2 s for the pass over all 4.4 million), so below that the walks by lead are cheaper.
    static func spillsHistory(pendingRows: Int, store: BatonStore) throws -> Bool {
        guard pendingRows > 0 else { return false }
        return pendingRows * 8 >= (try store.clocks.interactionRowBound())
    }

    /// `leads` cut into chunks by `chunkSize` and `chunkInteractions`, given each lead's number of interactions.
    static func chunks(_ leads: [Int64], sizes: [Int64: Int]) -> [[Int64]] {
        var chunks: [[Int64]] = []
        var chunk: [Int64] = []
        var weight = 0
        for lead in leads {
            let size = sizes[lead] ?? 0
            if !chunk.isEmpty && (chunk.count == Self.chunkSize || weight + size > Self.chunkInteractions) {
                chunks.append(chunk)
                chunk = []
                weight = 0
            }
            chunk.append(lead)
            weight += size
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        return chunks
    }

    /// Evaluates the clocks that may have changed, plans notifications and the weekly digest when due, and
    /// delivers (unless there is no transport).
    ///
    /// Incremental (ARCHITECTURE.md, "Incremental clocks"): only the leads whose history changed since their last
    /// evaluation (the store's triggers mark them dirty) or whose next instant has come are evaluated, a chunk at
    /// a time, each chunk's notifications planned and its leads' states stored in one transaction; the others
    /// keep their stored state, which an evaluation would give again. When the fingerprint of what the clocks
    /// read besides the history changed, or `now` is before the last evaluation, every lead is evaluated once.
    public func run() throws -> AlertCycleReport {
        var report = AlertCycleReport()
        let evaluator = try SLAEvaluator(config: config, store: store)
        report.problems += evaluator.calendars.problems
        let salt = try Self.salt(store)
        let activeFrom = try Self.activeFrom(config, store, now: now)
        let planner = NotificationPlanner(
            config: config, store: store, routing: AlertRouting(config: config, reps: evaluator.reps), now: now,
            activeFrom: activeFrom, salt: salt)
        let fingerprint = try ClockFingerprint.make(config: config, store: store, activeFrom: activeFrom)
        let previous = try store.clockStates.fingerprint
        if previous != fingerprint {
            report.evaluatedAll = previous == nil ? "first evaluation" : "what the clocks read changed"
        } else if let last = try store.clockStates.lastEvaluatedAt, now < last {
            report.evaluatedAll = "now is before the last evaluation"
        }
        try store.write {
            if report.evaluatedAll != nil { try store.clockStates.invalidateAll() }
            try store.clockStates.recordEvaluation(fingerprint: fingerprint, at: now)
        }
        let retention = config.privacy.retention?.calendarSeconds
        let pending = try store.clockStates.pending(now: now)
        let sizes = try store.clockStates.pendingHistorySizes(now: now)
        let chunks = Self.chunks(pending, sizes: sizes)
        // Many long histories pending (a first evaluation): their rows read in one pass, not a walk per lead.
        var spill: HistorySpill?
        if try Self.spillsHistory(pendingRows: sizes.values.reduce(0, +), store: store) {
            spill = try store.clocks.spill(chunks)
        }
        for (index, chunk) in chunks.enumerated() {
            try store.write {
                let leads = try evaluator.evaluate(now: now, leadIDs: chunk, spilled: spill?.chunk(index))
                report.queued += try planner.plan(leads)
                for lead in leads {
                    try store.clockStates.record(
                        LeadClockState(
                            leadID: lead.facts.leadID, evaluatedAt: now,
                            nextAt: lead.nextInstant(after: now, retention: retention), counts: lead.stateCounts))
                }
            }
        }
        report.evaluated = (pending.count, try store.clockStates.leadCount())
        if countsClocks { report.clocks = try store.clockStates.totals() }
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
        // The week's digest is planned once per week and audience (the reps and `alerts` are in the fingerprint):
        // planning builds the week's report over every lead, which no scan should pay for twice.
        if let week = WeeklyDigest.dueWeek(config, now: now, since: activeFrom),
            try store.settings.weeklyDigestPlanned != week.label + "|" + fingerprint
        {
            let digest = WeeklyDigest(config: config, store: store, now: now)
            let leads = try evaluator.evaluate(now: now)
            try store.write {
                report.queued += try digest.queue(week: week, evaluated: (evaluator, leads)).map(\.record)
                try store.settings.setWeeklyDigestPlanned(week.label + "|" + fingerprint)
            }
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
