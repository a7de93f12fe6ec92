import BatonCore
import Foundation
import Store

/// `baton alerts list`: the outbox, with each notification's state and attempts.
enum AlertsListCommand: BatonCommand {
    static let path = ["alerts", "list"]
    static let arguments = ""
    static let summary = "list the notification outbox"
    static let options: [OptionSpec] = [.value("state", "S", "only this state"), .flag("json", "JSON output")]
    static let states = NotificationState.allCases

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let config = try invocation.loadConfig()
        let word = invocation.arguments.value("state")
        let state = word.flatMap(NotificationState.init(rawValue:))
        if let word, state == nil {
            throw UsageError.badValue(
                option: "--state", value: word, expected: states.map(\.rawValue).joined(separator: ", "))
        }
        let store = try BatonStore(path: config.store)
        let rows = try store.outbox.notifications(state: state)
        let addresses = try ClockJSON.firstAddresses(store)
        if invocation.json {
            let list = rows.map { n in
                JSONValue.object([
                    ("id", .int(n.id ?? 0)), ("kind", .string(n.kind.rawValue)),
                    ("lead", .string(n.leadID.flatMap { addresses[$0] })),
                    ("lead_id", n.leadID.map { .int($0) } ?? .null),
                    ("policy", .string(n.policy)), ("episode", n.episode.map { .int($0) } ?? .null),
                    ("level", .string(n.level.rawValue)), ("escalation", n.escalation.map { .int($0) } ?? .null),
                    ("to", .array(n.to.map { .string($0) })), ("cc", .array(n.cc.map { .string($0) })),
                    ("state", .string(n.state.rawValue)), ("attempts", .int(n.attempts)),
                    ("message_id", .string(n.messageID)),
                    ("last_error", .string(n.lastError)), ("created_at", .time(epochSeconds: n.createdAt)),
                    ("not_before", .time(epochSeconds: n.notBefore)), ("sent_at", .time(epochSeconds: n.sentAt)),
                    ("due_at", .time(epochSeconds: n.dueAt)), ("digest_id", n.digestID.map { .int($0) } ?? .null),
                ])
            }
            invocation.out.line(JSONValue.array(list).pretty)
            return .ok
        }
        var table = TextTable(["ID", "STATE", "LEVEL", "LEAD", "POLICY", "TO", "CC", "TRIES", "CREATED", "NOTE"])
        for n in rows {
            let level = n.level.rawValue + (n.escalation.map { " \($0)" } ?? "")
            var note = n.lastError ?? "-"
            if let digest = n.digestID { note = "in digest #\(digest)" }
            if n.state == .queued, n.notBefore > n.createdAt, n.lastError == nil {
                note = "held until \(Timestamp.format(epochSeconds: n.notBefore))"
            }
            table.add([
                String(n.id ?? 0), n.state.rawValue, level, n.leadID.flatMap { addresses[$0] } ?? "-", n.policy ?? "-",
                n.to.isEmpty ? "(nobody)" : n.to.joined(separator: ", "),
                n.cc.isEmpty ? "-" : n.cc.joined(separator: ", "),
                String(n.attempts), Timestamp.format(epochSeconds: n.createdAt), note,
            ])
        }
        table.maxWidth = 60
        invocation.out.line(table.rendered)
        var counts: [NotificationState: Int] = [:]
        for n in rows { counts[n.state, default: 0] += 1 }
        let parts = states.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
        invocation.out.line(
            "\(rows.count) notification\(rows.count == 1 ? "" : "s")"
                + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")))
        return .ok
    }
}
