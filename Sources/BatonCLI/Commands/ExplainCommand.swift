import BatonCore
import Foundation
import Ingest
import MailParsing
import SLA
import Store

/// `baton explain MESSAGE-ID|FILE|LEAD`: what Baton did with a message and why, or a lead's whole story.
///
/// The argument is resolved in this order:
/// 1. an existing file (or Maildir, mbox, folder: its first message) is parsed with the configured limits as the
///    scan of the configured source it lies in would read it (that source's rep and time fallbacks; a drop-folder
///    file stands for its forwarded originals), its dedupe key computed as the scanner does and looked up;
/// 2. a lead, by address, external id or `#id`, as `baton lead show` resolves it;
/// 3. a Message-ID, with or without `<>`, looked up among stored messages.
/// Nothing found: exit 66.
///
/// For a message it prints the parsed fields (time and where it came from, addresses, subject, kind and the
/// classifier's rules behind it), whether a scan stored it and every place it was seen, the outcome recorded at
/// scan time, the matcher run again now against today's leads and reps with its evidence (which rule matched which
/// lead, or why each failed), the interactions stored, and the clocks each interaction started or stopped (or found
/// running), as the clock engine's evidence names them. It decides nothing itself: every reason comes from the
/// deciding code (`KindClassifier`, `MessageMatcher`, `ClockEngine`) run on the same inputs.
///
/// For a lead it prints its facts and one time-ordered story: lead events (created, MQL, assigned, stage and owner
/// changes), every interaction, every clock episode of every policy (started, warning point, breached,
/// escalations due, stopped) and every notification (queued, sent, failed, cancelled), as of `--now`.
///
/// JSON (`--json`): `{"resolved_as": "file"|"message_id"|"lead", "query", ...}`. Messages add `"file"` (file only:
/// `{"path", "container", "messages_in_container", "source", "source_type", "forwarded_by", "notes"}`) and
/// `"messages"`: a list (a drop file gives one per forwarded original) of `{"message_id", "dedupe_key", "date",
/// "time_source", "date_header", "from", "to", "cc", "subject", "kind", "kind_reasons", "failed_recipients",
/// "references", "scanned", "scanned_at", "sightings": [{"source", "location", "seen_at"}], "outcome",
/// "outcome_detail", "rematch": {"outcome", "detail", "direction", "rep", "rep_reason", "agrees", "steps":
/// [{"rule", "verdict", "address", "leads", "text"}], "interactions"}, "interactions": [{"lead_id", "lead",
/// "type", "direction", "rep", "time", "kind", "match"}], "clocks": [{"effect": "started"|"stopped"|"already_running", ...the
/// keys of `sla check`}]}`. A lead adds `"lead"` (the keys of `lead show --json`), `"notifications"` (the keys
/// of `alerts list --json`) and `"story"`: `[{"time", "event", "text", "policy", "episode", "notification_id"}]`.
enum ExplainCommand: BatonCommand {
    static let path = ["explain"]
    static let arguments = "MESSAGE-ID|FILE|LEAD"
    static let summary = "what Baton did with a message, or a lead's whole story, and why"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]
    static let discussion = """
        The argument is read as, in this order: an existing file (a message file; for an mbox, a Maildir or a
        folder, its first message), parsed as the scan of the source it lies in would parse it and looked up by
        its dedupe key; a lead (address, external id or #id, as 'lead show'); a Message-ID, with or without <>.
        Nothing found: exit 66.

        A message: its parsed fields and kind with the headers behind it, where it was seen, the outcome stored
        at scan time, every matching rule tried again now against today's leads and reps, its interactions and
        the clocks each one started or stopped. A lead: its facts and one time-ordered story of its mail,
        meetings, stage and owner changes, clock episodes (started, warning, breached, escalations, stopped) and
        notifications. Clocks are evaluated at --now.
        """

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let query = try invocation.onePositional(arguments)
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        let path = invocation.resolve(query)
        if FileManager.default.fileExists(atPath: path) {
            return try explainFile(path, query: query, config: config, now: now, invocation: invocation)
        }
        let store = try BatonStore(path: config.store)
        if let detail = try store.people.lead(query) {
            return try explainLead(detail, query: query, store: store, config: config, now: now, invocation: invocation)
        }
        var id = query.trimmingCharacters(in: .whitespaces)
        if id.hasPrefix("<") && id.hasSuffix(">") { id = String(id.dropFirst().dropLast()) }
        guard !id.isEmpty, let stored = try store.mail.storedMessage(messageID: id) else {
            throw InputError(
                path: query,
                reason: "no such file, no lead with this address, external id or id, and no scanned message with "
                    + "this Message-ID (was its mailbox configured as a source and scanned?)",
                exitCode: .noInput)
        }
        let context = try MessageContext(store: store, config: config, now: now)
        let message = try context.explain(record: stored.record, parsed: context.reread(stored), stored: stored)
        render([message], file: nil, query: query, context: context, invocation: invocation)
        return .ok
    }

    /// A file: parsed as a scan would, then looked up by its dedupe key.
    static func explainFile(_ path: String, query: String, config: Config, now: Int64, invocation: Invocation) throws
        -> ExitCode
    {
        let store = try BatonStore(path: config.store)
        let context = try MessageContext(store: store, config: config, now: now)
        let reading: MessageFileReading
        do {
            reading = try MessageFileReader.read(path: path, config: config, directory: context.directory, now: now)
        } catch {
            throw InputError(path: query, reason: error.description, exitCode: error.notMail ? .dataError : .noInput)
        }
        var messages: [ExplainedMessage] = []
        for entry in reading.entries {
            let stored = try context.find(entry.record).flatMap(store.mail.storedMessage(id:))
            var message = try context.explain(
                record: stored?.record ?? entry.record, parsed: entry.parsed, stored: stored)
            message.location = entry.location
            messages.append(message)
        }
        render(messages, file: reading, query: query, context: context, invocation: invocation)
        return .ok
    }
}
