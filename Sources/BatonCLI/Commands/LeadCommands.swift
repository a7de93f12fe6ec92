import BatonCore
import Foundation
import SLA
import Store

/// `baton leads list`: every lead with stage and owner.
enum LeadsListCommand: BatonCommand {
    static let path = ["leads", "list"]
    static let arguments = ""
    static let summary = "list leads with stage and owner"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let config = try invocation.loadConfig()
        let leads = try BatonStore(path: config.store).people.leads()
        if invocation.json {
            invocation.out.line(JSONValue.array(leads.map(LeadJSON.summary)).pretty)
            return .ok
        }
        var table = TextTable(["ID", "EXTERNAL", "NAME", "ADDRESS", "COMPANY", "SOURCE", "STAGE", "OWNER"])
        for lead in leads {
            table.add([
                String(lead.id), lead.externalID ?? "-", lead.name ?? "-", lead.addresses.first ?? "-",
                lead.company ?? "-", lead.source ?? "-", lead.stage, lead.owner ?? "unassigned",
            ])
        }
        invocation.out.line(table.rendered)
        invocation.out.line("\(leads.count) lead\(leads.count == 1 ? "" : "s")")
        return .ok
    }
}

/// `baton lead show ADDRESS-OR-ID`: one lead with its history, its timeline and its clocks at `--now`.
enum LeadShowCommand: BatonCommand {
    static let path = ["lead", "show"]
    static let arguments = "ADDRESS-OR-ID"
    static let summary = "one lead with its timeline and clocks"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let key = try invocation.onePositional("ADDRESS-OR-ID")
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        let store = try BatonStore(path: config.store)
        guard let detail = try store.people.lead(key) else {
            throw InputError(path: key, reason: "no lead with this address, external id or id", exitCode: .noInput)
        }
        let timeline = try store.mail.timeline(leadID: detail.lead.id, now: now)
        let clocks =
            try SLAEvaluator(config: config, store: store).evaluate(
                now: now, leadIDs: [detail.lead.id]
            ).first?.episodes ?? []
        if invocation.json {
            invocation.out.line(LeadJSON.detail(detail, timeline: timeline, clocks: clocks).pretty)
            return .ok
        }
        let lead = detail.lead
        let lines: [(String, String)] = [
            ("lead", "#\(lead.id)" + (lead.externalID.map { " (\($0))" } ?? "")),
            ("name", lead.name ?? "-"), ("addresses", lead.addresses.joined(separator: ", ")),
            ("company", (lead.company ?? "-") + (lead.companyDomain.map { " (\($0))" } ?? "")),
            ("source", lead.source ?? "-"), ("stage", lead.stage),
            ("owner", lead.owner ?? (lead.ownerEmail.map { "unassigned (\($0) is not a known rep)" } ?? "unassigned")),
            ("team", lead.team ?? "-"), ("created", LeadJSON.time(lead.createdAt)), ("mql", LeadJSON.time(lead.mqlAt)),
            ("assigned", LeadJSON.time(lead.assignedAt)), ("amount", lead.amount?.description ?? "-"),
            ("closed", LeadJSON.time(lead.closedAt)), ("reason", lead.rejectionReason ?? "-"),
        ]
        for (label, value) in lines {
            invocation.out.line((label + ":").padding(toLength: 11, withPad: " ", startingAt: 0) + value)
        }
        invocation.out.line("history:")
        let events =
            detail.stageHistory.map { ($0.changedAt, "stage \($0.old ?? "-") → \($0.new ?? "-")") }
            + detail.ownerHistory.map { ($0.changedAt, "owner \($0.old ?? "-") → \($0.new ?? "-")") }
            + detail.amountHistory.map {
                ($0.changedAt, "amount \($0.old?.description ?? "-") → \($0.new?.description ?? "-")")
            }
            + detail.reasonHistory.map { ($0.changedAt, "reason \($0.old ?? "-") → \($0.new ?? "-")") }
        for (time, text) in events.sorted(by: { $0.0 < $1.0 }) {
            invocation.out.line("  \(Timestamp.format(epochSeconds: time))  \(text)")
        }
        invocation.out.line("timeline:")
        if timeline.isEmpty { invocation.out.line("  (no interactions yet)") }
        for entry in timeline {
            let what: String
            if entry.type == .meeting {
                what = "meeting (\(entry.state?.rawValue ?? "-"))"
            } else {
                what =
                    "\(entry.type.rawValue) \(entry.direction?.rawValue ?? "")"
                    + (entry.kind.map { $0 == .message ? "" : " \($0.rawValue)" } ?? "")
            }
            let subject = entry.subject.map { " \"\(TextTable.clip($0, 60))\"" } ?? ""
            invocation.out.line(
                "  \(Timestamp.format(epochSeconds: entry.time))  \(what)  \(entry.rep ?? "-")\(subject)  [\(entry.match.rawValue)]"
            )
        }
        invocation.out.line("clocks:")
        if clocks.isEmpty { invocation.out.line("  (no policy applies)") }
        for clock in clocks {
            var line =
                "  \(clock.policy) #\(clock.episode)  \(clock.state.rawValue)  started \(LeadJSON.time(clock.startedAt))"
                + "  due \(LeadJSON.time(clock.dueAt))"
            if let stopped = clock.stoppedAt { line += "  stopped \(LeadJSON.time(stopped))" }
            if clock.lateSeconds > 0 {
                let late = DurationText.format(
                    clock.lateSeconds, calendar: ClockJSON.isCalendar(clock.policy, config))
                line += "  " + late + " late"
            }
            invocation.out.line(line)
        }
        return .ok
    }
}

/// `baton reps list`: every rep with team, manager and aliases.
enum RepsListCommand: BatonCommand {
    static let path = ["reps", "list"]
    static let arguments = ""
    static let summary = "list reps with team, manager and aliases"
    static let options: [OptionSpec] = [.flag("json", "JSON output")]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let config = try invocation.loadConfig()
        let reps = try BatonStore(path: config.store).people.reps()
        if invocation.json {
            let list = reps.map { rep in
                JSONValue.object([
                    ("email", .string(rep.email)), ("name", .string(rep.name)), ("team", .string(rep.team)),
                    ("manager", .string(rep.managerEmail)), ("timezone", .string(rep.timezoneID)),
                    ("aliases", .array(rep.aliases.map { .string($0) })),
                ])
            }
            invocation.out.line(JSONValue.array(list).pretty)
            return .ok
        }
        var table = TextTable(["EMAIL", "NAME", "TEAM", "MANAGER", "TIMEZONE", "ALIASES"])
        for rep in reps {
            table.add([
                rep.email, rep.name ?? "-", rep.team ?? config.defaultTeam, rep.managerEmail ?? "-",
                rep.timezoneID ?? "-", rep.aliases.isEmpty ? "-" : rep.aliases.joined(separator: ", "),
            ])
        }
        invocation.out.line(table.rendered)
        invocation.out.line("\(reps.count) rep\(reps.count == 1 ? "" : "s")")
        return .ok
    }
}

/// The JSON shapes of `baton leads list --json` and `baton lead show --json`.
enum LeadJSON {
    static func time(_ seconds: Int64?) -> String { seconds.map { Timestamp.format(epochSeconds: $0) } ?? "-" }

    static func summary(_ lead: LeadSummary) -> JSONValue {
        .object([
            ("id", .int(lead.id)), ("external_id", .string(lead.externalID)), ("name", .string(lead.name)),
            ("addresses", .array(lead.addresses.map { .string($0) })), ("company", .string(lead.company)),
            ("company_domain", .string(lead.companyDomain)), ("source", .string(lead.source)),
            ("stage", .string(lead.stage)), ("owner", .string(lead.owner)), ("owner_email", .string(lead.ownerEmail)),
            ("team", .string(lead.team)), ("created_at", .time(epochSeconds: lead.createdAt)),
            ("mql_at", .time(epochSeconds: lead.mqlAt)), ("assigned_at", .time(epochSeconds: lead.assignedAt)),
            ("amount", .string(lead.amount?.decimalText)), ("currency", .string(lead.amount?.currency)),
            ("closed_at", .time(epochSeconds: lead.closedAt)), ("rejection_reason", .string(lead.rejectionReason)),
        ])
    }

    static func detail(_ detail: LeadDetail, timeline: [TimelineEntry], clocks: [ClockEpisode]) -> JSONValue {
        guard case .object(var pairs) = summary(detail.lead) else { return .null }
        func history(_ entries: [HistoryEntry], _ old: String, _ new: String) -> JSONValue {
            .array(
                entries.map {
                    .object([
                        (old, .string($0.old)), (new, .string($0.new)),
                        ("changed_at", .time(epochSeconds: $0.changedAt)),
                    ])
                })
        }
        let entries = timeline.map { e in
            JSONValue.object([
                ("time", .time(epochSeconds: e.time)), ("type", .string(e.type.rawValue)),
                ("direction", .string(e.direction?.rawValue)),
                ("rep", .string(e.rep)), ("message_id", .string(e.messageID)), ("subject", .string(e.subject)),
                ("match", .string(e.match.rawValue)), ("kind", .string(e.kind?.rawValue)),
                ("state", .string(e.state?.rawValue)),
                ("note", .string(e.note)), ("time_source", .string(e.timeSource?.rawValue)),
                (
                    "sightings",
                    .array(
                        e.sightings.map {
                            .object([("source", .string($0.source)), ("location", .string($0.location))])
                        })
                ),
            ])
        }
        let lead = detail.lead.addresses.first
        pairs += [
            ("timeline", .array(entries)), ("clocks", .array(clocks.map { ClockJSON.episode($0, lead: lead) })),
            ("stage_history", history(detail.stageHistory, "from", "to")),
            ("owner_history", history(detail.ownerHistory, "from", "to")),
            (
                "amount_history",
                .array(
                    detail.amountHistory.map {
                        .object([
                            ("from", .string($0.old?.decimalText)), ("from_currency", .string($0.old?.currency)),
                            ("to", .string($0.new?.decimalText)), ("to_currency", .string($0.new?.currency)),
                            ("changed_at", .time(epochSeconds: $0.changedAt)),
                        ])
                    })
            ),
            ("reason_history", history(detail.reasonHistory, "from", "to")),
        ]
        return .object(pairs)
    }
}
