import BatonCore
import Foundation
import Store

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
