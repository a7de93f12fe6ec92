import BatonCore
import Foundation
import SLA
import Store

/// What one run of the outbox did.
public struct DeliveryReport: Sendable {
    public var sent = 0
    public var failed = 0
    /// Lines for stderr: a notification given up on, a transport that is missing.
    public var problems: [String] = []
    /// The most serious failure met: `tryAgain` when the MTA said 75, `unavailable` when sendmail is missing.
    public var worstFailure: FailureKind?

    mutating func raise(_ failure: FailureKind) { worstFailure = max(worstFailure ?? failure, failure) }
}

/// Delivers the outbox: composes each due notification once (kept in the store, so a retry after a crash sends
/// the same bytes and Message-ID), hands it to the transport, then commits the result.
///
/// A crash between the transport accepting a message and the commit of "sent" sends that one message again on the
/// next run, never loses it. Exit 75 from sendmail leaves it queued and stops this run's deliveries (the MTA is
/// down); other failures retry with backoff (1 min doubling, at most 6 h, never in the recipient's quiet hours)
/// until `max_attempts`, then the notification is marked failed and said so on stderr. Digests (`alerts.digest`)
/// gather a recipient's due alerts into one message first.
public struct OutboxDelivery {
    let config: Config
    let store: BatonStore
    let evaluator: SLAEvaluator
    let routing: AlertRouting
    let transport: any MailTransport
    let now: Int64
    let salt: String

    public init(
        config: Config, store: BatonStore, evaluator: SLAEvaluator, transport: any MailTransport, now: Int64,
        salt: String
    ) {
        self.config = config
        self.store = store
        self.evaluator = evaluator
        routing = AlertRouting(config: config, reps: evaluator.reps)
        self.transport = transport
        self.now = now
        self.salt = salt
    }

    /// The transport the configuration names.
    public static func transport(for config: Config) -> any MailTransport {
        switch config.alerts.transport {
        case .sendmail(let path, let args, let timeout, _):
            SendmailTransport(path: path, extraArguments: args, timeoutSeconds: Double(timeout.calendarSeconds))
        case .folder(let path):
            FolderTransport(path: path)
        }
    }

    var maxAttempts: Int {
        if case .sendmail(_, _, _, let max) = config.alerts.transport { return max }
        return 10
    }

    /// Delivers every notification whose time has come.
    public func run() throws -> DeliveryReport {
        var report = DeliveryReport()
        try gatherDigests()
        for var record in try store.outbox.deliverable(now: now) {
            if record.content == nil {
                let composed = try compose(record)
                try store.outbox.setContent(id: record.id!, content: composed.bytes)
                record.content = composed.bytes
            }
            let message = ComposedMessage(
                bytes: record.content!, envelopeFrom: EmailAddress.normalize(config.alerts.from),
                recipients: unique(record.to + record.cc), messageID: record.messageID)
            let attempts = record.attempts + 1
            switch transport.deliver(message) {
            case .accepted:
                try store.outbox.recordAttempt(
                    id: record.id!, state: .sent, attempts: attempts, lastError: nil, nextAttemptAt: now, sentAt: now)
                report.sent += try alertCount(record)
            case .tryLater(let reason):
                try store.outbox.recordAttempt(
                    id: record.id!, state: .queued, attempts: attempts, lastError: reason, nextAttemptAt: now,
                    sentAt: nil)
                report.problems.append("\(describe(record)): \(reason); it stays queued")
                report.raise(.tryAgain)
                return report
            case .unavailable(let reason):
                try store.outbox.recordAttempt(
                    id: record.id!, state: .queued, attempts: record.attempts, lastError: reason,
                    nextAttemptAt: now, sentAt: nil)
                report.problems.append("\(reason); notifications stay queued")
                report.raise(.unavailable)
                return report
            case .failed(let reason) where attempts < maxAttempts:
                let backoff = min(Int64(60) << Int64(min(attempts - 1, 20)), 6 * 3600)
                try store.outbox.recordAttempt(
                    id: record.id!, state: .queued, attempts: attempts, lastError: reason,
                    nextAttemptAt: routing.afterQuietHours(now + backoff, for: record.to.first ?? ""), sentAt: nil)
                report.problems.append("\(describe(record)): attempt \(attempts) of \(maxAttempts) failed: \(reason)")
            case .failed(let reason), .refused(let reason):
                try store.outbox.recordAttempt(
                    id: record.id!, state: .failed, attempts: attempts, lastError: reason, nextAttemptAt: now,
                    sentAt: nil)
                report.failed += try alertCount(record)
                report.problems.append("\(describe(record)): failed after \(attempts) attempt(s): \(reason)")
            }
        }
        return report
    }

    /// The notifications a row stands for, as `queued` counted them: an alert digest counts the alerts it
    /// carries; a weekly digest (no items) counts itself.
    func alertCount(_ record: NotificationRecord) throws -> Int {
        guard record.kind == .digest else { return 1 }
        let items = try store.outbox.digestItems(record.id!).count
        return record.level == .weekly ? 1 : items
    }

    func describe(_ record: NotificationRecord) -> String {
        let what =
            record.level == .weekly
            ? "weekly digest"
            : record.kind == .digest ? "digest" : "\(record.level.rawValue) for lead #\(record.leadID ?? 0)"
        return "notification \(what) to \(record.to.joined(separator: ", "))"
    }

    func unique(_ addresses: [String]) -> [String] {
        addresses.reduce(into: []) { list, a in if !list.contains(a) { list.append(a) } }
    }

    /// With digests on, gathers each recipient's due alerts into one digest row (`run`: when there are two or
    /// more; `daily`: always), in one transaction.
    func gatherDigests() throws {
        let mode = config.alerts.digest
        guard mode != .off else { return }
        // An alert already composed may have reached the MTA before a crash: it goes again as composed.
        let due = try store.outbox.deliverable(now: now).filter {
            $0.kind == .alert && $0.attempts == 0 && $0.content == nil
        }
        let byRecipient = Dictionary(grouping: due) { $0.to.first ?? "" }
        let domain = EmailAddress.domain(of: config.alerts.from) ?? "localhost"
        try store.write {
            for (recipient, items) in byRecipient.sorted(by: { $0.key < $1.key }) where !recipient.isEmpty {
                if mode == .run && items.count < 2 { continue }
                let key = "digest|\(recipient)|\(now)"
                let record = NotificationRecord(
                    key: key, kind: .digest, level: .digest, to: [recipient], createdAt: now, notBefore: now,
                    messageID: AlertMessageID.make(key: salt + "|" + key, domain: domain))
                if let id = try store.outbox.queue(record) {
                    try store.outbox.attachToDigest(items.compactMap(\.id), digestID: id)
                }
            }
        }
    }

    // MARK: Composition

    var composer: AlertComposer {
        let domain = EmailAddress.domain(of: config.alerts.from) ?? "localhost"
        return AlertComposer(
            from: AlertRecipient(name: "Baton", address: EmailAddress.normalize(config.alerts.from)),
            replyTo: config.alerts.replyTo, listID: "alerts.baton.\(domain)", crmURLTemplate: config.alerts.crmURL)
    }

    func recipient(_ address: String) -> AlertRecipient {
        AlertRecipient(name: routing.name(of: address), address: address)
    }

    func compose(_ record: NotificationRecord) throws -> ComposedMessage {
        if record.kind == .digest {
            let items = try store.outbox.digestItems(record.id!).map(content)
            return composer.composeDigest(
                items, to: record.to.map(recipient), date: now, messageID: record.messageID)
        }
        let domain = EmailAddress.domain(of: config.alerts.from) ?? "localhost"
        let root = AlertMessageID.threadRoot(leadKey: salt + "|\(record.leadID ?? 0)", domain: domain)
        // The alerts about this lead queued before this one, newest last.
        let all = try store.outbox.alertMessageIDs(leadID: record.leadID ?? 0)
        let earlierSent = Array(all.prefix { $0 != record.messageID }.suffix(10))
        return composer.compose(
            try content(record), date: now, messageID: record.messageID, inReplyTo: earlierSent.last,
            references: [root] + earlierSent)
    }

    func content(_ record: NotificationRecord) throws -> AlertContent {
        let detail = try store.people.lead("#\(record.leadID ?? 0)")
        let lead = detail?.lead
        let policy = config.policies.first { $0.name == record.policy }
        let basis = policy?.time ?? .business
        var late: Int64 = 0
        if record.level != .warning, let due = record.dueAt {
            let calendar = try evaluator.calendar(
                owner: lead?.owner, team: evaluator.team(ofOwnerTeam: lead?.team))
            late = max(0, calendar.elapsedSeconds(from: due, to: now, basis: basis))
        }
        let recent = try lead.map { try store.mail.timeline(leadID: $0.id, now: now) } ?? []
        let level: AlertLevel =
            switch record.level {
            case .warning: .warning
            case .breach: .breach
            default: .escalation(record.escalation ?? 1)
            }
        var content = AlertContent(
            level: level, to: record.to.map(recipient), cc: record.cc.map(recipient),
            lead: AlertLead(
                externalID: lead?.externalID, name: lead?.name, company: lead?.company, source: lead?.source,
                stage: lead?.stage ?? "", addresses: lead?.addresses ?? [],
                owner: lead?.owner.map(recipient)),
            policy: record.policy ?? "", clock: record.clock, timeBasis: basis,
            startedAt: record.episodeStartedAt ?? 0, dueAt: record.dueAt ?? 0, lateSeconds: late,
            recent: recent.suffix(5).map {
                AlertInteraction(
                    time: $0.time, type: $0.type, direction: $0.direction, subject: $0.subject,
                    rep: $0.rep)
            },
            zone: routing.zone(of: record.to.first ?? ""))
        var roles: [String: String] = [:]
        if case .escalation(let rung) = level {
            for address in record.to { roles[address] = "escalation \(rung)" }
        }
        if let fallback = config.alerts.fallbackTo.map(EmailAddress.normalize) {
            roles[fallback] =
                lead?.owner == nil
                ? "the fallback address (the lead has no owner)"
                : "the fallback address (nobody above the owner in the reps file)"
        }
        if let owner = lead?.owner {
            if let manager = routing.managerOf(owner) {
                roles[manager] = "the owner's manager"
                if case .escalation(let rung) = level, let above = routing.managerOf(manager),
                    record.to.contains(above)
                {
                    roles[above] = "escalation \(rung) (the owner's manager's manager)"
                }
            }
            roles[owner] = "the lead's owner"
        }
        content.roles = roles
        return content
    }
}
