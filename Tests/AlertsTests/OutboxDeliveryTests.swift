import BatonCore
import Foundation
import MailParsing
import TestSupport
import Testing

@testable import Alerts
@testable import SLA
@testable import Store

/// A transport that keeps every message it is handed and answers from a script (then `accepted`).
final class RecordingTransport: MailTransport {
    private(set) var messages: [ComposedMessage] = []
    private var outcomes: [DeliveryOutcome]

    init(_ outcomes: [DeliveryOutcome] = []) { self.outcomes = outcomes }

    func deliver(_ message: ComposedMessage) -> DeliveryOutcome {
        messages.append(message)
        return outcomes.isEmpty ? .accepted : outcomes.removeFirst()
    }
}

/// The outbox delivers each due notification once, retries as the transport says, gathers digests and threads.
@Suite struct OutboxDeliveryTests {
    static func at(_ s: String) -> Int64 { NotificationPlannerTests.at(s) }

    static let folderTransport = #"{"type": "folder", "path": "out"}"#
    static let started = at("2026-11-26T08:00:00Z")

    static func config(quiet: String? = nil, digest: String? = nil, transport: String = folderTransport) throws
        -> Config
    {
        var alerts = #"{"from": "baton@example.com", "fallback_to": "ops@example.com", "transport": \#(transport)"#
        if let quiet { alerts += #", "quiet_hours": "\#(quiet)""# }
        if let digest { alerts += #", "digest": "\#(digest)""# }
        alerts += "}"
        let json = """
            {"store": "s.sqlite", "timezone": "UTC", "internal_domains": ["example.com"], "sources": [],
             "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},
             "policies": [{"name": "p", "clock": "first_response", "target": "4h", "time": "business",
                           "stages": ["mql"],
                           "escalate": [{"after": "8h", "to": "manager_of_manager"}, {"after": "2d", "to": "VP@example.com"}]}],
             "alerts": \(alerts)}
            """
        return try ConfigLoader.parse(Array(json.utf8), path: "/tmp/baton.json")
    }

    /// A store, its configuration and a recording transport; lead #1 is ann's, #2 bob's, #3 ann's.
    struct Outbox {
        let folder: TemporaryFolder
        let store: BatonStore
        let config: Config
        let transport: RecordingTransport

        init(config: Config, outcomes: [DeliveryOutcome] = []) throws {
            folder = try TemporaryFolder()
            store = try BatonStore(path: folder.path + "/s.sqlite")
            self.config = config
            transport = RecordingTransport(outcomes)
            for rep in AlertRoutingTests.reps.values.sorted(by: { $0.id < $1.id }) {
                try store.database.execute(
                    """
                    INSERT INTO reps (id, email, name, team, manager_email, timezone, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 0, 0)
                    """, rep.id, rep.email, rep.name, rep.team, rep.managerEmail, rep.timezoneID)
                try store.database.execute(
                    "INSERT INTO rep_addresses (address, rep_id, position) VALUES (?, ?, 0)", rep.email, rep.id)
            }
            for (id, name, owner) in [
                (1, "Carol Jones", "ann@example.com"), (2, "Dan Evans", "bob@example.com"),
                (3, "Eve Fox", "ann@example.com"),
            ] {
                try store.database.execute(
                    """
                    INSERT INTO leads (id, name, company, stage, owner_email, imported_at, updated_at)
                    VALUES (?, ?, 'Acme', 'mql', ?, 0, 0)
                    """, Int64(id), name, owner)
            }
        }

        /// Runs the planner at `now` over leads whose single episode is in `states` (lead id → state).
        @discardableResult
        func plan(_ states: [(Int64, ClockState)], at now: String) throws -> [NotificationRecord] {
            let evaluator = try SLAEvaluator(config: config, store: store)
            let planner = NotificationPlanner(
                config: config, store: store, routing: AlertRouting(config: config, reps: evaluator.reps),
                now: OutboxDeliveryTests.at(now), activeFrom: OutboxDeliveryTests.at("2026-11-01T00:00:00Z"),
                salt: "test")
            return try planner.plan(states.map { OutboxDeliveryTests.lead($0.0, $0.1) })
        }

        func delivery(at now: String) throws -> OutboxDelivery {
            OutboxDelivery(
                config: config, store: store, evaluator: try SLAEvaluator(config: config, store: store),
                transport: transport, now: OutboxDeliveryTests.at(now), salt: "test")
        }

        func deliver(at now: String) throws -> DeliveryReport { try delivery(at: now).run() }

        var rows: [NotificationRecord] { get throws { try store.outbox.notifications() } }
    }

    static func lead(_ id: Int64, _ state: ClockState) -> EvaluatedLead {
        let owner = id == 2 ? "bob@example.com" : "ann@example.com"
        return EvaluatedLead(
            facts: ClockFacts(
                leadID: id, source: nil, owner: owner, ownerTeam: "emea", createdAt: nil, mqlAt: nil, assignedAt: nil,
                stages: [], owners: [], interactions: []),
            history: LeadHistory(leadID: id, team: "emea", stages: []),
            calendar: BusinessCalendar(hours: WeeklyHours(), zone: TimeZone(identifier: "UTC")!),
            episodes: [
                ClockEpisode(
                    leadID: id, policy: "p", clock: .firstResponse, episode: 1, state: state, startedAt: started,
                    dueAt: at("2026-11-26T12:00:00Z"), warnAt: at("2026-11-26T11:00:00Z"), elapsedSeconds: 0,
                    lateSeconds: 0)
            ])
    }

    static func messageID(_ key: String) -> String { AlertMessageID.make(key: "test|" + key, domain: "example.com") }

    static func alertID(lead: Int64, _ level: String) -> String {
        messageID("alert|\(lead)|p|\(started)|\(level)")
    }

    /// One line per row: id, kind, level, state, attempts, digest and recipients.
    static func summary(_ rows: [NotificationRecord]) -> [String] {
        rows.map {
            "\($0.id ?? 0) \($0.kind) \($0.level) \($0.state) attempts=\($0.attempts) digest=\($0.digestID.map(String.init) ?? "-") to=\($0.to.joined(separator: ","))"
        }
    }

    // MARK: Accepted

    @Test("an accepted alert is recorded sent with its content, envelope and Message-ID, and is never sent again")
    func accepted() throws {
        let outbox = try Outbox(config: try Self.config())
        let planned = try outbox.plan([(1, .breached)], at: "2026-11-26T13:00:00Z")
        let report = try outbox.deliver(at: "2026-11-26T13:00:00Z")
        #expect(report.sent == 1)
        #expect(report.failed == 0)
        #expect(report.problems == [])
        #expect(report.worstFailure == nil)

        let messages = outbox.transport.messages
        try #require(messages.count == 1)
        #expect(messages[0].envelopeFrom == "baton@example.com")
        #expect(messages[0].recipients == ["mia@example.com", "ann@example.com"])
        #expect(messages[0].messageID == Self.alertID(lead: 1, "breach"))
        #expect(messages[0].messageID == planned[0].messageID)
        let parsed = MessageParser.parse(messages[0].bytes)
        #expect(parsed.messageID == Self.alertID(lead: 1, "breach"))
        #expect(parsed.to == [MailAddress(name: "Mia Moreau", address: "mia@example.com")])
        #expect(parsed.cc == [MailAddress(name: "Ann Archer", address: "ann@example.com")])

        let row = try outbox.rows[0]
        #expect(row.state == .sent)
        #expect(row.attempts == 1)
        #expect(row.lastError == nil)
        #expect(row.nextAttemptAt == Self.at("2026-11-26T13:00:00Z"))
        #expect(row.sentAt == Self.at("2026-11-26T13:00:00Z"))
        #expect(row.content == messages[0].bytes)

        let again = try outbox.deliver(at: "2026-11-26T14:00:00Z")
        #expect(again.sent == 0)
        #expect(again.problems == [])
        #expect(outbox.transport.messages.count == 1)
    }

    // MARK: Transport outcomes

    @Test("try-later keeps the row queued, stops the run at once, and the next run re-sends the same bytes")
    func tryLater() throws {
        let outbox = try Outbox(config: try Self.config(), outcomes: [.tryLater("sendmail exited 75")])
        try outbox.plan([(1, .breached), (2, .breached)], at: "2026-11-26T13:00:00Z")
        let report = try outbox.deliver(at: "2026-11-26T13:00:00Z")
        #expect(report.sent == 0)
        #expect(report.failed == 0)
        #expect(
            report.problems == [
                "notification breach for lead #1 to mia@example.com: sendmail exited 75; it stays queued"
            ])
        #expect(report.worstFailure == .tryAgain)
        #expect(outbox.transport.messages.count == 1)

        let rows = try outbox.rows
        #expect(rows[0].state == .queued)
        #expect(rows[0].attempts == 1)
        #expect(rows[0].lastError == "sendmail exited 75")
        #expect(rows[0].nextAttemptAt == Self.at("2026-11-26T13:00:00Z"))
        #expect(rows[0].sentAt == nil)
        #expect(rows[0].content == outbox.transport.messages[0].bytes)
        #expect(rows[1].state == .queued)
        #expect(rows[1].attempts == 0)
        #expect(rows[1].lastError == nil)
        #expect(rows[1].content == nil)

        let retry = try outbox.deliver(at: "2026-11-26T13:15:00Z")
        #expect(retry.sent == 2)
        #expect(retry.worstFailure == nil)
        let messages = outbox.transport.messages
        try #require(messages.count == 3)
        #expect(messages[1].bytes == messages[0].bytes)
        #expect(messages[1].messageID == messages[0].messageID)
        #expect(messages[2].messageID == Self.alertID(lead: 2, "breach"))
        #expect(try outbox.rows.map(\.attempts) == [2, 1])
        #expect(try outbox.rows.map(\.sentAt) == [Self.at("2026-11-26T13:15:00Z"), Self.at("2026-11-26T13:15:00Z")])
    }

    @Test("a failed attempt retries after 1 min, then 2 min, and gives up after max_attempts")
    func failedBackoff() throws {
        let sendmail = #"{"type": "sendmail", "path": "/usr/sbin/sendmail", "max_attempts": 3}"#
        let outbox = try Outbox(
            config: try Self.config(transport: sendmail),
            outcomes: [.failed("sendmail exited 1"), .failed("sendmail exited 1"), .failed("sendmail exited 1")])
        try outbox.plan([(1, .breached)], at: "2026-11-26T13:00:00Z")
        let what = "notification breach for lead #1 to mia@example.com"

        let first = try outbox.deliver(at: "2026-11-26T13:00:00Z")
        #expect(first.problems == ["\(what): attempt 1 of 3 failed: sendmail exited 1"])
        #expect(first.failed == 0)
        #expect(first.worstFailure == nil)
        var row = try outbox.rows[0]
        #expect(row.state == .queued)
        #expect(row.attempts == 1)
        #expect(row.lastError == "sendmail exited 1")
        #expect(row.nextAttemptAt == Self.at("2026-11-26T13:01:00Z"))

        #expect(try outbox.deliver(at: "2026-11-26T13:00:59Z").problems == [])
        #expect(outbox.transport.messages.count == 1)

        let second = try outbox.deliver(at: "2026-11-26T13:01:00Z")
        #expect(second.problems == ["\(what): attempt 2 of 3 failed: sendmail exited 1"])
        row = try outbox.rows[0]
        #expect(row.state == .queued)
        #expect(row.attempts == 2)
        #expect(row.nextAttemptAt == Self.at("2026-11-26T13:03:00Z"))

        #expect(try outbox.deliver(at: "2026-11-26T13:02:59Z").problems == [])
        #expect(outbox.transport.messages.count == 2)

        let third = try outbox.deliver(at: "2026-11-26T13:03:00Z")
        #expect(third.failed == 1)
        #expect(third.sent == 0)
        #expect(third.problems == ["\(what): failed after 3 attempt(s): sendmail exited 1"])
        #expect(third.worstFailure == nil)
        row = try outbox.rows[0]
        #expect(row.state == .failed)
        #expect(row.attempts == 3)
        #expect(row.lastError == "sendmail exited 1")
        #expect(row.sentAt == nil)

        #expect(try outbox.deliver(at: "2026-11-27T13:00:00Z").problems == [])
        let messages = outbox.transport.messages
        #expect(messages.count == 3)
        #expect(messages.allSatisfy { $0.bytes == messages[0].bytes })
    }

    @Test(
        "the retry delay doubles from one minute and stops growing at six hours",
        arguments: [(1, 60), (2, 120), (3, 240), (9, 15_360), (10, 21_600), (40, 21_600)] as [(Int, Int64)])
    func backoffCap(attempt: Int, delay: Int64) throws {
        let sendmail = #"{"type": "sendmail", "max_attempts": 50}"#
        let outbox = try Outbox(config: try Self.config(transport: sendmail), outcomes: [.failed("timed out")])
        try outbox.plan([(1, .breached)], at: "2026-11-26T13:00:00Z")
        try outbox.store.database.execute("UPDATE notifications SET attempts = ?", attempt - 1)
        _ = try outbox.deliver(at: "2026-11-26T13:00:00Z")
        let row = try outbox.rows[0]
        #expect(row.attempts == attempt)
        #expect(row.nextAttemptAt - Self.at("2026-11-26T13:00:00Z") == delay)
    }

    @Test("a refused message fails at once and is never retried")
    func refused() throws {
        let outbox = try Outbox(config: try Self.config(), outcomes: [.refused("recipient -x starts with '-'")])
        try outbox.plan([(1, .breached)], at: "2026-11-26T13:00:00Z")
        let report = try outbox.deliver(at: "2026-11-26T13:00:00Z")
        #expect(report.failed == 1)
        #expect(report.sent == 0)
        #expect(
            report.problems == [
                "notification breach for lead #1 to mia@example.com: failed after 1 attempt(s): recipient -x starts with '-'"
            ])
        #expect(report.worstFailure == nil)
        let row = try outbox.rows[0]
        #expect(row.state == .failed)
        #expect(row.attempts == 1)
        #expect(row.lastError == "recipient -x starts with '-'")
        #expect(row.sentAt == nil)

        #expect(try outbox.deliver(at: "2026-11-27T13:00:00Z").failed == 0)
        #expect(outbox.transport.messages.count == 1)
    }

    @Test("a missing transport leaves the row queued without counting an attempt, and stops the run")
    func unavailable() throws {
        let outbox = try Outbox(
            config: try Self.config(), outcomes: [.unavailable("/usr/sbin/sendmail is missing")])
        try outbox.plan([(1, .breached), (2, .breached)], at: "2026-11-26T13:00:00Z")
        let report = try outbox.deliver(at: "2026-11-26T13:00:00Z")
        #expect(report.sent == 0)
        #expect(report.failed == 0)
        #expect(report.problems == ["/usr/sbin/sendmail is missing; notifications stay queued"])
        #expect(report.worstFailure == .unavailable)
        #expect(outbox.transport.messages.count == 1)
        let rows = try outbox.rows
        #expect(rows.map(\.state) == [.queued, .queued])
        #expect(rows.map(\.attempts) == [0, 0])
        #expect(rows.map(\.lastError) == ["/usr/sbin/sendmail is missing", nil])
        #expect(rows[0].nextAttemptAt == Self.at("2026-11-26T13:00:00Z"))
        #expect(rows[1].content == nil)
    }

    // MARK: Digests

    @Test("digest run: two alerts to one recipient go as one digest, a lone alert goes plain")
    func digestRun() throws {
        let outbox = try Outbox(config: try Self.config(digest: "run"))
        try outbox.plan([(1, .breached), (2, .breached), (3, .warning)], at: "2026-11-26T13:00:00Z")
        let report = try outbox.deliver(at: "2026-11-26T13:00:00Z")
        let now = Self.at("2026-11-26T13:00:00Z")
        #expect(report.sent == 3)
        #expect(report.failed == 0)
        #expect(report.problems == [])
        #expect(
            Self.summary(try outbox.rows) == [
                "1 alert breach sent attempts=0 digest=4 to=mia@example.com",
                "2 alert breach sent attempts=0 digest=4 to=mia@example.com",
                "3 alert warning sent attempts=1 digest=- to=ann@example.com",
                "4 digest digest sent attempts=1 digest=- to=mia@example.com",
            ])
        #expect(try outbox.rows.map(\.sentAt) == [now, now, now, now])

        let messages = outbox.transport.messages
        try #require(messages.count == 2)
        #expect(messages.map(\.recipients) == [["ann@example.com"], ["mia@example.com"]])
        #expect(messages[0].messageID == Self.alertID(lead: 3, "warning"))
        #expect(messages[1].messageID == Self.messageID("digest|mia@example.com|\(now)"))
        #expect(try outbox.rows[3].content == messages[1].bytes)
        let digest = MessageParser.parse(messages[1].bytes)
        #expect(digest.subject == "[Baton] 2 SLA alerts")
        #expect(digest.to == [MailAddress(name: "Mia Moreau", address: "mia@example.com")])
        #expect(digest.cc == [])
        #expect(digest.header("X-Baton-Alert") == "digest")
        let text = digest.text ?? ""
        #expect(text.hasPrefix("2 SLA alerts for you.\n"))
        #expect(text.contains("1. Breach: "))
        #expect(text.contains("2. Breach: "))
        #expect(text.contains("Carol Jones"))
        #expect(text.contains("Dan Evans"))
    }

    @Test("a refused digest fails with every alert it carries, and counts them")
    func digestRefused() throws {
        let outbox = try Outbox(config: try Self.config(digest: "run"), outcomes: [.refused("bad recipient")])
        try outbox.plan([(1, .breached), (2, .breached)], at: "2026-11-26T13:00:00Z")
        let report = try outbox.deliver(at: "2026-11-26T13:00:00Z")
        #expect(report.failed == 2)
        #expect(report.sent == 0)
        #expect(report.problems == ["notification digest to mia@example.com: failed after 1 attempt(s): bad recipient"])
        #expect(
            Self.summary(try outbox.rows) == [
                "1 alert breach failed attempts=0 digest=3 to=mia@example.com",
                "2 alert breach failed attempts=0 digest=3 to=mia@example.com",
                "3 digest digest failed attempts=1 digest=- to=mia@example.com",
            ])
        #expect(try outbox.rows.map(\.lastError) == ["bad recipient", "bad recipient", "bad recipient"])
        #expect(outbox.transport.messages.count == 1)
    }

    @Test("digest daily 08:00: alerts wait for 08:00 in each recipient's zone, then go as one digest each")
    func digestDaily() throws {
        let outbox = try Outbox(config: try Self.config(digest: "daily 08:00"))
        // Breaches of #1 and #2 go to mia (London); the warning on #2 goes to bob (Paris, an hour ahead).
        let planned = try outbox.plan([(1, .breached), (2, .warning), (3, .breached)], at: "2026-11-26T13:00:00Z")
        #expect(
            planned.map { "\($0.level) \($0.to[0]) \(Timestamp.format(epochSeconds: $0.notBefore))" } == [
                "breach mia@example.com 2026-11-27T08:00:00Z", "warning bob@example.com 2026-11-27T07:00:00Z",
                "breach mia@example.com 2026-11-27T08:00:00Z",
            ])

        #expect(try outbox.deliver(at: "2026-11-26T13:00:00Z").sent == 0)
        #expect(try outbox.deliver(at: "2026-11-27T06:59:59Z").sent == 0)
        #expect(outbox.transport.messages.isEmpty)
        #expect(try outbox.rows.count == 3)

        let bob = try outbox.deliver(at: "2026-11-27T07:00:00Z")
        #expect(bob.sent == 1)
        #expect(try outbox.deliver(at: "2026-11-27T07:59:59Z").sent == 0)
        let mia = try outbox.deliver(at: "2026-11-27T08:00:00Z")
        #expect(mia.sent == 2)
        #expect(
            Self.summary(try outbox.rows) == [
                "1 alert breach sent attempts=0 digest=5 to=mia@example.com",
                "2 alert warning sent attempts=0 digest=4 to=bob@example.com",
                "3 alert breach sent attempts=0 digest=5 to=mia@example.com",
                "4 digest digest sent attempts=1 digest=- to=bob@example.com",
                "5 digest digest sent attempts=1 digest=- to=mia@example.com",
            ])
        let messages = outbox.transport.messages
        #expect(messages.map(\.recipients) == [["bob@example.com"], ["mia@example.com"]])
        #expect(
            messages.map { MessageParser.parse($0.bytes).subject } == ["[Baton] 1 SLA alert", "[Baton] 2 SLA alerts"])
        #expect(try outbox.deliver(at: "2026-11-28T08:00:00Z").sent == 0)
        #expect(outbox.transport.messages.count == 2)
    }

    @Test("an alert whose delivery was cut short after composing is re-sent as composed, not put in a digest")
    func composedNotDigested() throws {
        let outbox = try Outbox(config: try Self.config(digest: "run"))
        try outbox.plan([(1, .breached)], at: "2026-11-26T13:00:00Z")
        // What a run does just before handing the message over; then the process dies.
        let first = try outbox.rows[0]
        let composed = try outbox.delivery(at: "2026-11-26T13:00:00Z").compose(first)
        try outbox.store.outbox.setContent(id: first.id!, content: composed.bytes)

        try outbox.plan([(1, .breached), (2, .breached)], at: "2026-11-26T13:05:00Z")
        let report = try outbox.deliver(at: "2026-11-26T13:05:00Z")
        #expect(report.sent == 2)
        let messages = outbox.transport.messages
        try #require(messages.count == 2)
        #expect(messages[0].bytes == composed.bytes)
        #expect(messages[0].messageID == Self.alertID(lead: 1, "breach"))
        #expect(messages[1].messageID == Self.alertID(lead: 2, "breach"))
        #expect(
            Self.summary(try outbox.rows) == [
                "1 alert breach sent attempts=1 digest=- to=mia@example.com",
                "2 alert breach sent attempts=1 digest=- to=mia@example.com",
            ])
    }

    // MARK: Quiet hours

    @Test("a breach planned at 21:00 London during quiet hours goes at 07:00, not at 06:59")
    func quietHours() throws {
        let outbox = try Outbox(config: try Self.config(quiet: "20:00-07:00"))
        let planned = try outbox.plan([(1, .breached)], at: "2026-11-26T21:00:00Z")
        #expect(planned.map(\.notBefore) == [Self.at("2026-11-27T07:00:00Z")])
        #expect(try outbox.deliver(at: "2026-11-26T21:00:00Z").sent == 0)
        #expect(try outbox.deliver(at: "2026-11-27T06:59:00Z").sent == 0)
        #expect(outbox.transport.messages.isEmpty)
        #expect(try outbox.rows.map(\.state) == [.queued])

        let report = try outbox.deliver(at: "2026-11-27T07:00:00Z")
        #expect(report.sent == 1)
        #expect(outbox.transport.messages.map(\.recipients) == [["mia@example.com", "ann@example.com"]])
        #expect(try outbox.rows.map(\.sentAt) == [Self.at("2026-11-27T07:00:00Z")])
    }

    // MARK: Threading

    @Test("a later alert about the same lead replies to the earlier one, under the lead's thread root")
    func threading() throws {
        let outbox = try Outbox(config: try Self.config())
        try outbox.plan([(1, .warning)], at: "2026-11-26T11:30:00Z")
        _ = try outbox.deliver(at: "2026-11-26T11:30:00Z")
        try outbox.plan([(1, .breached)], at: "2026-11-26T12:30:00Z")
        _ = try outbox.deliver(at: "2026-11-26T12:30:00Z")

        let root = AlertMessageID.threadRoot(leadKey: "test|1", domain: "example.com")
        let warning = Self.alertID(lead: 1, "warning")
        let breach = Self.alertID(lead: 1, "breach")
        let messages = outbox.transport.messages.map { MessageParser.parse($0.bytes) }
        try #require(messages.count == 2)
        #expect(messages.map(\.messageID) == [warning, breach])
        #expect(messages[0].inReplyTo == [])
        #expect(messages[0].references == [root])
        #expect(messages[1].inReplyTo == [warning])
        #expect(messages[1].references == [root, warning])
        #expect(try outbox.rows.map(\.state) == [.sent, .sent])
    }

    @Test("a warning cancelled before it was sent is not in the breach's thread headers")
    func threadingSkipsCancelled() throws {
        let outbox = try Outbox(config: try Self.config())
        try outbox.plan([(1, .warning)], at: "2026-11-26T11:30:00Z")
        try outbox.plan([(1, .breached)], at: "2026-11-26T12:30:00Z")
        _ = try outbox.deliver(at: "2026-11-26T12:30:00Z")
        let root = AlertMessageID.threadRoot(leadKey: "test|1", domain: "example.com")
        let messages = outbox.transport.messages.map { MessageParser.parse($0.bytes) }
        try #require(messages.count == 1)
        #expect(messages.map(\.messageID) == [Self.alertID(lead: 1, "breach")])
        #expect(messages[0].inReplyTo == [])
        #expect(messages[0].references == [root])
        #expect(try outbox.rows.map(\.state) == [.cancelled, .sent])
    }

    // MARK: Cancellation

    @Test("a notification whose clock stopped before delivery is cancelled and never delivered")
    func stoppedClock() throws {
        let outbox = try Outbox(config: try Self.config())
        try outbox.plan([(1, .warning)], at: "2026-11-26T11:30:00Z")
        try outbox.plan([(1, .met)], at: "2026-11-26T11:40:00Z")
        let report = try outbox.deliver(at: "2026-11-26T11:40:00Z")
        #expect(report.sent == 0)
        #expect(report.problems == [])
        #expect(outbox.transport.messages.isEmpty)
        let row = try outbox.rows[0]
        #expect(row.state == .cancelled)
        #expect(row.attempts == 0)
        #expect(row.content == nil)
        #expect(row.sentAt == nil)
        #expect(row.lastError == "the clock stopped or paused before the notification was sent")
    }

    @Test("a notification waiting to retry when its clock stops is cancelled and not retried")
    func stoppedClockDuringRetry() throws {
        let outbox = try Outbox(config: try Self.config(), outcomes: [.tryLater("sendmail exited 75")])
        try outbox.plan([(1, .warning)], at: "2026-11-26T11:30:00Z")
        _ = try outbox.deliver(at: "2026-11-26T11:30:00Z")
        try outbox.plan([(1, .met)], at: "2026-11-26T11:40:00Z")
        #expect(try outbox.deliver(at: "2026-11-26T11:40:00Z").sent == 0)
        #expect(outbox.transport.messages.count == 1)
        let row = try outbox.rows[0]
        #expect(row.state == .cancelled)
        #expect(row.attempts == 1)
        #expect(row.lastError == "the clock stopped or paused before the notification was sent")
    }
}
