import Alerts
import BatonCore
import Foundation
import Reports
import SLA
import Store

/// The weekly alignment digest (`baton digest`, and `baton scan` on `alerts.weekly_digest`'s day and hour): one
/// email per manager about their reps and one per `weekly_digest.to` address (marketing) about the whole funnel,
/// summarising one ISO week, queued in the outbox with a key per recipient and week, so each goes at most once.
///
/// Both carry SQLs by source, the fastest responders, the breaches still open with their owners, the week's shared
/// wins (won deals, their revenue, the targets' progress) and the capture-health warnings; a manager's lists are
/// cut to the reps below them (directly or through other managers). The HTML part is the week's report with its
/// charts, after a short summary.
public struct WeeklyDigest {
    let config: Config
    let store: BatonStore
    let now: Int64

    public init(config: Config, store: BatonStore, now: Int64) {
        self.config = config
        self.store = store
        self.now = now
    }

    /// One digest email, composed.
    public struct Planned: Sendable {
        public var recipient: String
        /// `manager` or `marketing`.
        public var audience: String
        public var subject: String
        public var text: String
        public var record: NotificationRecord
        public var message: ComposedMessage
    }

    /// The week whose digest is due at `now` for `baton scan`: the previous week, once this week's configured
    /// day and hour (in `timezone`) have passed, and only when that moment is not before `since` (the first scan:
    /// installing Baton does not send last week's digest late).
    public static func dueWeek(_ config: Config, now: Int64, since: Int64) -> ISOWeek? {
        guard let schedule = config.alerts.weeklyDigest else { return nil }
        let zone = config.timezone
        let week = ISOWeek(containing: now, in: zone)
        let monday = ZonedTime.localSeconds(of: week.start, in: zone)
        let due = ZonedTime.instant(
            localSeconds: monday + Int64(schedule.day) * 86_400 + Int64(schedule.at) * 60, in: zone)
        guard now >= due, due >= since else { return nil }
        return week.previous(in: zone)
    }

    /// Every digest of `week`: one per manager (a rep's `manager_email`) and one per `weekly_digest.to` address.
    /// `evaluated` passes the clocks a scan has already evaluated at `now`, so they are not evaluated twice.
    public func plan(week: ISOWeek, evaluated: (SLAEvaluator, [EvaluatedLead])? = nil) throws -> [Planned] {
        let (evaluator, leads) = try evaluated ?? AlertCycle.evaluate(config: config, store: store, now: now)
        let report = try ReportBuilder(
            config: config, store: store, leads: leads,
            period: ReportPeriod(since: week.start, until: week.end, now: now, timezone: config.timezoneID),
            grouping: .rep
        ).build()
        let content = Self.content(report, week: week, zone: config.timezone)
        let reps = evaluator.reps.values.sorted { $0.email < $1.email }
        var audiences: [(String, String, Set<String>?)] = []
        // A manager's team is everyone below them, however deep: a director sees their managers' reps too.
        let managerOf = Dictionary(
            reps.compactMap { rep in
                rep.managerEmail.map(EmailAddress.normalize).flatMap { $0.isEmpty ? nil : (rep.email, $0) }
            }, uniquingKeysWith: { a, _ in a })
        var teams: [String: Set<String>] = [:]
        for rep in reps {
            var seen: Set<String> = [rep.email]
            var current = rep.email
            while let manager = managerOf[current], seen.insert(manager).inserted {
                teams[manager, default: []].insert(rep.email)
                current = manager
            }
        }
        for (manager, team) in teams.sorted(by: { $0.key < $1.key }) {
            audiences.append((manager, "manager", team))
        }
        for address in config.alerts.weeklyDigest?.to ?? [] {
            audiences.append((EmailAddress.normalize(address), "marketing", nil))
        }
        let domain = EmailAddress.domain(of: config.alerts.from) ?? "localhost"
        let salt = try AlertCycle.salt(store)
        return audiences.map { recipient, audience, team in
            let name = evaluator.reps[recipient]?.name
            let document = DigestDocument(content: content, team: team, name: name)
            let key = "weekly|\(audience)|\(recipient)|\(week.label)"
            let record = NotificationRecord(
                key: key, kind: .digest, level: .weekly, to: [recipient], createdAt: now, notBefore: now,
                messageID: AlertMessageID.make(key: salt + "|" + key, domain: domain))
            let composer = AlertComposer(
                from: AlertRecipient(name: "Baton", address: EmailAddress.normalize(config.alerts.from)),
                replyTo: config.alerts.replyTo, listID: "alerts.baton.\(domain)", crmURLTemplate: nil)
            let message = composer.composeDocument(
                to: [AlertRecipient(name: name, address: recipient)], subject: document.subject, text: document.text,
                html: document.html, date: now,
                messageID: record.messageID, kind: "weekly-digest")
            return Planned(
                recipient: recipient, audience: audience, subject: document.subject, text: document.text,
                record: record, message: message)
        }
    }

    /// Queues the digests of `week` not queued before (with their composed bytes); returns the new ones.
    public func queue(week: ISOWeek, evaluated: (SLAEvaluator, [EvaluatedLead])? = nil) throws -> [Planned] {
        let planned = try plan(week: week, evaluated: evaluated)
        var queued: [Planned] = []
        try store.write {
            for var item in planned {
                guard let id = try store.outbox.queue(item.record) else { continue }
                try store.outbox.setContent(id: id, content: item.message.bytes)
                item.record.id = id
                queued.append(item)
            }
        }
        return queued
    }

    /// What the digest of `week` says, taken from its report: the figures Alerts lists and the HTML page.
    static func content(_ report: Report, week: ISOWeek, zone: TimeZone) -> DigestContent {
        DigestContent(
            weekLabel: week.label, weekStart: week.start, weekEnd: week.end, zone: zone,
            funnel: report.funnel.map { DigestContent.Source(source: $0.source, mql: $0.mql, sql: $0.sql) },
            response: report.response.map {
                DigestContent.Responder(
                    clock: $0.clock, key: $0.key, answered: $0.answered, medianSeconds: $0.medianSeconds,
                    withinTarget: $0.withinTarget)
            },
            openBreaches: report.openBreaches.map {
                DigestContent.Breach(lead: $0.lead, policy: $0.policy, owner: $0.owner, lateSeconds: $0.lateSeconds)
            },
            silentSources: report.capture.sources.filter(\.silent).map(\.path),
            quarantined: report.capture.quarantined, leadsWithoutTouch: report.capture.leadsWithoutTouch.count,
            reportHTML: ReportHTML.render(report), wins: wins(report), targets: targets(report))
    }
}
