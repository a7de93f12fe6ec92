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
/// headers that made it so), whether a scan stored it and every place it was seen, the outcome recorded at scan
/// time, the matching rules tried again now against today's leads and reps (which rule matched which lead, or
/// why each failed), the interactions stored, and the clocks each interaction started or stopped: an inbound
/// email starts `reply` clocks; an outbound email stops `first_response`, `reply`, `meeting_follow_up` and
/// `no_touch` clocks (and starts the next `no_touch`); episodes whose start or stop is the interaction's time.
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
        let now = Int64(try invocation.now().timeIntervalSince1970.rounded(.down))
        let config = try invocation.loadConfig()
        let path = invocation.resolve(query)
        if FileManager.default.fileExists(atPath: path) {
            return try explainFile(path, query: query, config: config, now: now, invocation: invocation)
        }
        let store = try BatonStore(path: config.store)
        if let detail = try store.lead(query) {
            return try explainLead(detail, query: query, store: store, config: config, now: now, invocation: invocation)
        }
        var id = query.trimmingCharacters(in: .whitespaces)
        if id.hasPrefix("<") && id.hasSuffix(">") { id = String(id.dropFirst().dropLast()) }
        guard !id.isEmpty, let stored = try store.storedMessage(messageID: id) else {
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
            let stored = try context.find(entry.record).flatMap(store.storedMessage(id:))
            var message = try context.explain(
                record: stored?.record ?? entry.record, parsed: entry.parsed, stored: stored)
            message.location = entry.location
            messages.append(message)
        }
        render(messages, file: reading, query: query, context: context, invocation: invocation)
        return .ok
    }

    // MARK: Messages

    /// Everything one message's explanation needs from the store, read once.
    struct MessageContext {
        let store: BatonStore
        let config: Config
        let now: Int64
        let directory: MatchDirectory
        /// Each lead's first address, by id.
        let labels: [Int64: String]

        init(store: BatonStore, config: Config, now: Int64) throws {
            self.store = store
            self.config = config
            self.now = now
            directory = MatchDirectory(config: config, leads: try store.leadDirectory(), reps: try store.repDirectory())
            labels = try ClockJSON.firstAddresses(store)
        }

        func label(_ lead: Int64) -> String { "lead #\(lead)" + (labels[lead].map { " \($0)" } ?? "") }

        /// The stored copy of a record read from a file: the same key, else (forwarded originals and their
        /// mailbox copies) the same sender, minute and subject, as the scanner finds it.
        func find(_ record: MessageRecord) throws -> Int64? {
            try store.storedCopy(of: record, inlineTwins: true)?.id
        }

        /// The stored message parsed again from the first sighting whose file is still there.
        func reread(_ stored: StoredMessage) -> MailMessage? {
            for sighting in stored.sightings {
                if let message = MessageFileReader.reread(
                    source: sighting.source, location: sighting.location, config: config)
                {
                    return message
                }
            }
            return nil
        }

        func explain(record: MessageRecord, parsed: MailMessage?, stored: StoredMessage?) throws -> ExplainedMessage {
            let rematch = try MatchExplanation.explain(
                record, directory: directory, alertsFrom: config.alerts.from, threadLeads: store.threadLeads,
                storedReferences: store.storedReferences, labels: labels)
            var clocks: [ClockEffect] = []
            let interactions = stored?.interactions ?? []
            let leadIDs = Array(Set(interactions.map(\.leadID))).sorted()
            if !leadIDs.isEmpty {
                let evaluated = try SLAEvaluator(config: config, store: store).evaluate(now: now, leadIDs: leadIDs)
                for interaction in interactions {
                    let episodes = evaluated.first { $0.facts.leadID == interaction.leadID }?.episodes ?? []
                    clocks += ClockEffect.effects(of: interaction, among: episodes)
                }
            }
            return ExplainedMessage(
                record: record, parsed: parsed, location: nil, stored: stored, rematch: rematch, clocks: clocks)
        }
    }

    /// One message explained.
    struct ExplainedMessage {
        var record: MessageRecord
        var parsed: MailMessage?
        /// File only: where a scan of its source records it.
        var location: String?
        var stored: StoredMessage?
        var rematch: MatchExplanation
        var clocks: [ClockEffect]

        /// Whether today's matching gives what the scan stored.
        var agrees: Bool {
            guard let stored else { return false }
            let wanted = Set(
                rematch.result.interactions.map { i -> InteractionRecord in
                    var i = i
                    i.messageID = stored.record.id
                    return i
                })
            return stored.record.outcome == rematch.result.outcome && Set(stored.interactions) == wanted
        }
    }

    /// A clock episode an interaction started or stopped.
    struct ClockEffect {
        /// `started`, `stopped`, or `already_running` (an inbound email while an earlier one waits for an
        /// answer: the reply clock keeps the older start).
        var effect: String
        var episode: ClockEpisode
        var interaction: InteractionRecord

        /// The episodes `interaction` started or stopped: its time is their start (an inbound email and `reply`;
        /// an outbound email and `no_touch`) or their stop by a touch (an outbound email and `first_response`,
        /// `reply`, `meeting_follow_up`, `no_touch`). Auto-replies and bounces move no clock.
        static func effects(of interaction: InteractionRecord, among episodes: [ClockEpisode]) -> [ClockEffect] {
            guard interaction.type == "email", interaction.kind == "message" else { return [] }
            var result: [ClockEffect] = []
            for episode in episodes {
                if interaction.direction == "inbound" {
                    guard episode.clock == .reply else { continue }
                    if episode.startedAt == interaction.time {
                        result.append(ClockEffect(effect: "started", episode: episode, interaction: interaction))
                    } else if episode.startedAt < interaction.time && (episode.stoppedAt ?? .max) > interaction.time {
                        result.append(
                            ClockEffect(effect: "already_running", episode: episode, interaction: interaction))
                    }
                    continue
                }
                let stops: Set<Config.Policy.Clock> = [.firstResponse, .reply, .meetingFollowUp, .noTouch]
                if stops.contains(episode.clock), episode.stoppedAt == interaction.time, episode.stopReason == "touch" {
                    result.append(ClockEffect(effect: "stopped", episode: episode, interaction: interaction))
                }
                if episode.clock == .noTouch && episode.startedAt == interaction.time {
                    result.append(ClockEffect(effect: "started", episode: episode, interaction: interaction))
                }
            }
            return result
        }
    }

    static let timeSources = [
        "date": "from its Date header",
        "from_line": "from the mbox From line: the Date header was missing or absurd",
        "delivery": "the Maildir delivery time: the Date header was missing or absurd",
        "forward": "the forwarded original's date, read in the forwarding rep's zone",
        "scan": "the scan's time: no usable date anywhere",
    ]

    static func render(
        _ messages: [ExplainedMessage], file: MessageFileReading?, query: String, context: MessageContext,
        invocation: Invocation
    ) {
        if invocation.json {
            var pairs: [(String, JSONValue)] = [
                ("resolved_as", .string(file == nil ? "message_id" : "file")), ("query", .string(query)),
            ]
            if let file {
                pairs.append(
                    (
                        "file",
                        .object([
                            ("path", .string(file.path)), ("container", .string(file.container.rawValue)),
                            ("messages_in_container", .int(file.count)), ("source", .string(file.sourcePath)),
                            ("source_type", .string(file.source?.type.rawValue)),
                            ("forwarded_by", .string(file.forwardedBy)),
                            ("notes", .array(file.notes.map { .string($0) })),
                        ])
                    ))
            }
            pairs.append(("messages", .array(messages.map { json($0, context: context) })))
            invocation.out.line(JSONValue.object(pairs).pretty)
            return
        }
        var out: [String] = []
        func line(_ text: String, _ lead: String = "", hang: Int? = nil) {
            out += WrappedText.lines(text, lead: lead, hang: hang)
        }
        if let file {
            line(file.path, "file: ")
            if let source = file.source, let sourcePath = file.sourcePath {
                line(
                    "\(source.type.rawValue) \(sourcePath)" + (source.rep.map { " (rep \($0))" } ?? ""), "source: ")
            }
            for note in file.notes { line(note, "note: ") }
            if messages.count > 1 { line("\(messages.count) messages follow") }
        }
        for (n, m) in messages.enumerated() {
            if n > 0 || file != nil { out.append("") }
            out += text(m, context: context)
        }
        for text in out { invocation.out.line(text) }
    }

    /// `Name <address>, address`.
    static func people(_ m: MessageRecord, _ role: String) -> String {
        let list = m.participants.filter { $0.role == role }.map { p in
            p.name.map { "\($0) <\(p.address)>" } ?? p.address
        }
        return list.isEmpty ? "-" : list.joined(separator: ", ")
    }

    static func text(_ m: ExplainedMessage, context: MessageContext) -> [String] {
        var out: [String] = []
        func line(_ text: String, _ label: String = "", width: Int = 13) {
            let lead = label.isEmpty ? "" : (label + ":").padding(toLength: width, withPad: " ", startingAt: 0)
            out += WrappedText.lines(text, lead: "  " + lead)
        }
        let r = m.record
        out.append("message " + (r.messageID.map { "<\($0)>" } ?? "without a Message-ID"))
        line(r.dedupeKey, "dedupe key")
        line(
            (r.sentAt.map { Timestamp.format(epochSeconds: $0) } ?? "-") + ", "
                + (timeSources[r.timeSource] ?? r.timeSource), "time")
        if let date = m.parsed?.date, r.timeSource != "date" {
            line(
                Timestamp.format(epochSeconds: date.secondsSinceEpoch) + (date.hasZone ? "" : " (no zone)"),
                "Date header")
        }
        line(people(r, "from"), "from")
        line(people(r, "to"), "to")
        if r.participants.contains(where: { $0.role == "cc" }) { line(people(r, "cc"), "cc") }
        line(r.subject.map { "\"\($0)\"" } ?? "-", "subject")
        let reasons = m.parsed.map(KindExplanation.reasons) ?? ["(headers not at hand: no sighting's file is left)"]
        line(r.kind + ": " + reasons.joined(separator: "; "), "kind")
        if !r.refs.isEmpty { line(r.refs.joined(separator: " "), "references") }
        if let mailbox = r.mailboxRep { line(mailbox, "mailbox of") }

        if let stored = m.stored {
            out.append(
                "scanned at \(Timestamp.format(epochSeconds: stored.scannedAt)); seen in \(stored.sightings.count) "
                    + "place\(stored.sightings.count == 1 ? "" : "s"):")
            for s in stored.sightings {
                out += WrappedText.lines("\(s.source) \(s.location)", lead: "  ", hang: 4)
            }
            out += WrappedText.lines(
                stored.record.outcome + (stored.record.outcomeDetail.map { ": \($0)" } ?? ""),
                lead: "outcome at scan: ", hang: 2)
        } else {
            out += WrappedText.lines(
                "never scanned: no stored message has its dedupe key. Is its mailbox configured as a source, and has "
                    + "baton scan run since it arrived?")
            if let location = m.location { out.append("  (a scan would record it at \(location))") }
        }

        out.append("matching now, with today's leads and reps:")
        for step in m.rematch.steps {
            out += WrappedText.lines(
                step.text,
                lead: "  " + step.rule.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + step.verdict.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0), hang: 25)
        }
        let result = m.rematch.result
        var verdict = "→ \(result.outcome)" + (result.detail.isEmpty ? "" : ": \(result.detail)")
        if let direction = m.rematch.direction, result.outcome == "matched" {
            verdict += "; \(direction), rep \(m.rematch.rep ?? "each lead's owner") (\(m.rematch.repReason ?? "-"))"
        }
        out += WrappedText.lines(verdict, lead: "  ", hang: 4)
        if m.stored != nil && !m.agrees {
            out += WrappedText.lines(
                "this differs from what the scan stored: the next scan after a change of leads, reps or rules "
                    + "matches it again", lead: "  ", hang: 2)
        }

        if let stored = m.stored {
            out.append("interactions:")
            if stored.interactions.isEmpty { out.append("  (none: the message concerns no lead)") }
            for i in stored.interactions {
                out += WrappedText.lines(
                    "#\(i.leadID)\(context.labels[i.leadID].map { " \($0)" } ?? ""): \(i.direction ?? "-") \(i.type) at \(Timestamp.format(epochSeconds: i.time)), "
                        + "rep \(i.rep ?? "-"), by \(i.match)", lead: "  ", hang: 4)
            }
            out.append("clocks at \(Timestamp.format(epochSeconds: context.now)):")
            if m.clocks.isEmpty {
                let kinds = Set(stored.interactions.compactMap(\.kind))
                out.append(
                    stored.interactions.isEmpty
                        ? "  (no interaction: no clock moved)"
                        : kinds.contains("message")
                            ? "  (it started or stopped no clock: no policy covers the lead's stage then)"
                            : "  (an \(r.kind) moves no clock)")
            }
            for effect in m.clocks {
                out += WrappedText.lines(clockText(effect, context: context), lead: "  ", hang: 4)
            }
        }
        return out
    }

    static func clockText(_ c: ClockEffect, context: MessageContext) -> String {
        let e = c.episode
        var text = "\(e.policy) clock #\(e.episode) of \(context.label(e.leadID)) \(c.effect)"
        if c.effect == "already_running" {
            text =
                "\(e.policy) clock #\(e.episode) of \(context.label(e.leadID)) was already running since "
                + "\(Timestamp.format(epochSeconds: e.startedAt)) (an earlier email waits for an answer)"
        }
        if c.effect == "started" { text += ", due \(Timestamp.format(epochSeconds: e.dueAt))" }
        text += "; now \(e.state.rawValue)"
        if e.lateSeconds > 0 {
            text +=
                ", \(DurationText.format(e.lateSeconds, calendar: ClockJSON.isCalendar(e.policy, context.config))) late"
        }
        return text
    }

    static func json(_ m: ExplainedMessage, context: MessageContext) -> JSONValue {
        let r = m.record
        func people(_ role: String) -> JSONValue {
            .array(
                r.participants.filter { $0.role == role }.map {
                    .object([("name", .string($0.name)), ("address", .string($0.address))])
                })
        }
        func interaction(_ i: InteractionRecord, withTime: Bool) -> JSONValue {
            var pairs: [(String, JSONValue)] = [
                ("lead_id", .int(i.leadID)), ("lead", .string(context.labels[i.leadID])), ("type", .string(i.type)),
                ("direction", .string(i.direction)), ("rep", .string(i.rep)),
            ]
            if withTime { pairs.append(("time", .time(epochSeconds: i.time))) }
            pairs += [("kind", .string(i.kind)), ("match", .string(i.match))]
            return .object(pairs)
        }
        let rematch = m.rematch
        let steps = rematch.steps.map { s in
            JSONValue.object([
                ("rule", .string(s.rule)), ("verdict", .string(s.verdict.rawValue)), ("address", .string(s.address)),
                ("leads", .array(s.leads.map { .int($0) })), ("text", .string(s.text)),
            ])
        }
        return .object([
            ("message_id", .string(r.messageID)), ("dedupe_key", .string(r.dedupeKey)),
            ("date", .time(epochSeconds: r.sentAt)), ("time_source", .string(r.timeSource)),
            ("date_header", .time(epochSeconds: m.parsed?.date?.secondsSinceEpoch)),
            ("from", people("from")), ("to", people("to")), ("cc", people("cc")), ("subject", .string(r.subject)),
            ("kind", .string(r.kind)),
            ("kind_reasons", m.parsed.map { .array(KindExplanation.reasons($0).map { .string($0) }) } ?? .null),
            ("failed_recipients", .array(r.failedRecipients.map { .string($0) })),
            ("references", .array(r.refs.map { .string($0) })),
            ("mailbox_rep", .string(r.mailboxRep)),
            ("scanned", .bool(m.stored != nil)), ("scanned_at", .time(epochSeconds: m.stored?.scannedAt)),
            ("location", .string(m.location)),
            (
                "sightings",
                .array(
                    (m.stored?.sightings ?? []).map {
                        .object([
                            ("source", .string($0.source)), ("location", .string($0.location)),
                            ("seen_at", .time(epochSeconds: $0.seenAt)),
                        ])
                    })
            ),
            ("outcome", .string(m.stored?.record.outcome)), ("outcome_detail", .string(m.stored?.record.outcomeDetail)),
            (
                "rematch",
                .object([
                    ("outcome", .string(rematch.result.outcome)), ("detail", .string(rematch.result.detail)),
                    ("direction", .string(rematch.direction)), ("rep", .string(rematch.rep)),
                    ("rep_reason", .string(rematch.repReason)), ("agrees", m.stored == nil ? .null : .bool(m.agrees)),
                    ("steps", .array(steps)),
                    ("interactions", .array(rematch.result.interactions.map { interaction($0, withTime: false) })),
                ])
            ),
            ("interactions", .array((m.stored?.interactions ?? []).map { interaction($0, withTime: true) })),
            (
                "clocks",
                .array(
                    m.clocks.map { c in
                        guard
                            case .object(let pairs) = ClockJSON.episode(
                                c.episode, lead: context.labels[c.episode.leadID])
                        else { return .null }
                        return .object([("effect", .string(c.effect))] + pairs)
                    })
            ),
        ])
    }
}
