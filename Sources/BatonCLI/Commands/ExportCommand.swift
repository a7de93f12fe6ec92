import BatonCore
import Foundation
import Ingest
import SLA
import Store

/// `baton export ADDRESS`: everything stored about a person (GDPR art. 15) — their lead as `lead show` gives it,
/// the messages and meetings that name them and the notifications about them.
enum ExportCommand: BatonCommand {
    static let path = ["export"]
    static let arguments = "ADDRESS"
    static let summary = "everything stored about a person: lead, history, timeline, clocks, messages, alerts"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let given = try invocation.onePositional("ADDRESS")
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        let address = EmailAddress.normalize(given)
        guard EmailAddress.isValid(address) else {
            throw UsageError.badValue(option: "ADDRESS", value: given, expected: "an email address")
        }
        let store = try BatonStore(path: config.store)
        let person = try PersonLookup(address: address, config: config, store: store)
        var lead: JSONValue = .null
        var detail: LeadDetail?
        if let id = person.leadIDs.first, let found = try store.people.lead("#\(id)") {
            detail = found
            let timeline = try store.mail.timeline(leadID: id, now: now)
            let clocks = try SLAEvaluator(config: config, store: store).evaluate(now: now, leadIDs: [id]).first?
                .episodes
            lead = LeadJSON.detail(found, timeline: timeline, clocks: clocks ?? [])
        }
        let messages = try store.privacy.exportMessages(person.selector)
        let meetings = try store.privacy.exportMeetings(person.selector)
        let notifications = try store.outbox.notifications(leadIDs: person.leadIDs)
        if invocation.json {
            invocation.out.line(
                JSONValue.object([
                    ("address", .string(address)), ("lead", lead), ("messages", .array(messages.map(json))),
                    ("meetings", .array(meetings.map(json))), ("notifications", .array(notifications.map(json))),
                ]).pretty)
            return .ok
        }
        let out = invocation.out
        out.line("address:   \(address)")
        if let detail {
            out.line(
                "lead:      #\(detail.lead.id) \(detail.lead.name ?? "-") (\(detail.lead.addresses.joined(separator: ", ")))"
            )
            out.line("           stage \(detail.lead.stage), owner \(detail.lead.owner ?? "unassigned")")
            out.line(
                "           amount \(detail.lead.amount?.description ?? "-"), closed \(LeadJSON.time(detail.lead.closedAt)), "
                    + "reason \(detail.lead.rejectionReason ?? "-")")
        } else {
            out.line("lead:      none")
        }
        out.line("messages:  \(messages.count)")
        for m in messages {
            let from = m.from.map(\.address).joined(separator: ", ")
            out.line(
                "  \(LeadJSON.time(m.sentAt))  from \(from.isEmpty ? "-" : from)  "
                    + (m.subject.map { "\"\(TextTable.clip($0, 60))\"" } ?? "(no subject kept)"))
        }
        out.line("meetings:  \(meetings.count)")
        for g in meetings {
            out.line(
                "  \(LeadJSON.time(g.startAt))  \(g.status.rawValue)  "
                    + (g.summary.map { "\"\(TextTable.clip($0, 60))\"" } ?? "-"))
        }
        out.line("notifications: \(notifications.count)")
        for n in notifications {
            out.line(
                "  \(LeadJSON.time(n.createdAt))  \(n.level.rawValue)\(n.escalation.map { " \($0)" } ?? "")  \(n.policy ?? "-")  "
                    + "\(n.state.rawValue)  to \(n.to.joined(separator: ", "))")
        }
        return .ok
    }

    static func json(_ m: ExportMessage) -> JSONValue {
        func parties(_ list: [ExportParty]) -> JSONValue {
            .array(list.map { .object([("name", .string($0.name)), ("address", .string($0.address))]) })
        }
        return .object([
            ("message_id", .string(m.messageID)), ("sent_at", .time(epochSeconds: m.sentAt)), ("from", parties(m.from)),
            ("to", parties(m.to)), ("cc", parties(m.cc)), ("bcc", parties(m.bcc)), ("subject", .string(m.subject)),
        ])
    }

    static func json(_ g: MeetingRecord) -> JSONValue {
        .object([
            ("uid", .string(g.uid)), ("recurrence_id", .string(g.recurrenceID.isEmpty ? nil : g.recurrenceID)),
            ("start", .time(epochSeconds: g.startAt)), ("end", .time(epochSeconds: g.endAt)),
            ("summary", .string(g.summary)), ("organizer", .string(g.organizer)),
            ("status", .string(g.status.rawValue)),
            (
                "attendees",
                .array(
                    g.attendees.map {
                        .object([
                            ("address", .string($0.address)), ("name", .string($0.name)),
                            ("partstat", .string($0.partstat)), ("role", .string($0.role)),
                        ])
                    })
            ),
        ])
    }

    static func json(_ n: NotificationRecord) -> JSONValue {
        .object([
            ("kind", .string(n.kind.rawValue)), ("policy", .string(n.policy)),
            ("episode", n.episode.map { .int($0) } ?? .null),
            ("started_at", .time(epochSeconds: n.episodeStartedAt)), ("due_at", .time(epochSeconds: n.dueAt)),
            ("level", .string(n.level.rawValue)), ("escalation", n.escalation.map { .int($0) } ?? .null),
            ("to", .array(n.to.map { .string($0) })), ("cc", .array(n.cc.map { .string($0) })),
            ("state", .string(n.state.rawValue)), ("created_at", .time(epochSeconds: n.createdAt)),
            ("sent_at", .time(epochSeconds: n.sentAt)), ("message_id", .string(n.messageID)),
        ])
    }
}
