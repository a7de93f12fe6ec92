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

/// `baton lead touch`: a touch made outside mail (a call), logged as a `manual` interaction that counts like an
/// outbound email.
enum LeadTouchCommand: BatonCommand {
    static let path = ["lead", "touch"]
    static let arguments = "ADDRESS-OR-ID"
    static let summary = "log a touch made outside mail (a call)"
    static let options: [OptionSpec] = [
        .value("at", "ISO", "when (default: now; without an offset, in the configuration's zone)"),
        .value("note", "TEXT", "what happened"), .value("rep", "ADDRESS", "who (default: the lead's owner)"),
    ]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let key = try invocation.onePositional("ADDRESS-OR-ID")
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        var at = now
        if let text = invocation.arguments.value("at") {
            guard let parsed = Timestamp.parseInstant(text) ?? Timestamp.parse(text, in: config.timezone) else {
                throw UsageError.badValue(option: "--at", value: text, expected: "an ISO 8601 time")
            }
            at = parsed
        }
        let store = try BatonStore(path: config.store)
        guard let detail = try store.people.lead(key) else {
            throw InputError(path: key, reason: "no lead with this address, external id or id", exitCode: .noInput)
        }
        var rep = detail.lead.owner
        if let given = invocation.arguments.value("rep") {
            let address = EmailAddress.normalize(given)
            guard
                let found = try store.people.reps().first(where: { $0.email == address || $0.aliases.contains(address) }
                )
            else {
                throw UsageError.badValue(option: "--rep", value: given, expected: "the address of a known rep")
            }
            rep = found.email
        }
        // A note is free text: keep it on one line, without control characters.
        let note = invocation.arguments.value("note").map {
            String($0.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        }
        let inserted = try store.mail.insertManualTouch(
            leadID: detail.lead.id, at: at, rep: rep, note: note)
        if invocation.verbose || !inserted {
            invocation.out.line(
                inserted
                    ? "logged a touch with lead #\(detail.lead.id) at \(Timestamp.format(epochSeconds: at)) by \(rep ?? "nobody")"
                    : "this touch was already logged; nothing changed")
        }
        return .ok
    }
}
