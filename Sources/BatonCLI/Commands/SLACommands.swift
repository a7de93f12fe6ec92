import Alerts
import BatonCore
import Foundation
import SLA
import Scan
import Store

/// `baton sla check`: every clock episode at `--now`, met ones included.
enum SLACheckCommand: BatonCommand {
    static let path = ["sla", "check"]
    static let arguments = ""
    static let summary = "list SLA clock episodes, met ones included"
    static let options: [OptionSpec] = [
        .value("state", "S", "only this state"), .value("policy", "P", "only this policy"),
        .flag("json", "JSON output"),
    ]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        let state = try invocation.arguments.value("state").map { text throws(UsageError) -> ClockState in
            guard let state = ClockState(rawValue: text) else {
                throw .badValue(
                    option: "--state", value: text,
                    expected: ClockState.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return state
        }
        let policy = invocation.arguments.value("policy")
        if let policy, !config.policies.contains(where: { $0.name == policy }) {
            throw UsageError.badValue(
                option: "--policy", value: policy, expected: config.policies.map(\.name).joined(separator: ", "))
        }
        let store = try BatonStore(path: config.store)
        try DataGoneError.check(now, option: "--now", config: config, store: store)
        let (_, leads) = try AlertCycle.evaluate(config: config, store: store, now: now)
        let addresses = try ClockJSON.firstAddresses(store)
        var rows: [(ClockEpisode, String)] = []
        for lead in leads {
            for episode in lead.episodes
            where (state == nil || episode.state == state) && (policy == nil || episode.policy == policy) {
                rows.append((episode, addresses[episode.leadID] ?? "#\(episode.leadID)"))
            }
        }
        if invocation.json {
            invocation.out.line(JSONValue.array(rows.map { ClockJSON.episode($0.0, lead: $0.1) }).pretty)
            return .ok
        }
        var table = TextTable(["LEAD", "POLICY", "#", "STATE", "STARTED", "DUE", "STOPPED", "ELAPSED", "LATE"])
        for (episode, lead) in rows {
            table.add([
                lead, episode.policy, String(episode.episode), episode.state.rawValue,
                Timestamp.format(epochSeconds: episode.startedAt), Timestamp.format(epochSeconds: episode.dueAt),
                episode.stoppedAt.map { Timestamp.format(epochSeconds: $0) } ?? "-",
                DurationText.format(episode.elapsedSeconds, calendar: ClockJSON.isCalendar(episode.policy, config)),
                episode.lateSeconds > 0
                    ? DurationText.format(episode.lateSeconds, calendar: ClockJSON.isCalendar(episode.policy, config))
                    : "-",
            ])
        }
        invocation.out.line(table.rendered)
        var counts: [String: Int] = [:]
        for (episode, _) in rows { counts[episode.state.rawValue, default: 0] += 1 }
        let summary = ClockState.allCases.compactMap { s in counts[s.rawValue].map { "\($0) \(s.rawValue)" } }
        invocation.out.line(
            "\(rows.count) clock episode\(rows.count == 1 ? "" : "s")"
                + (summary.isEmpty ? "" : ": " + summary.joined(separator: ", ")))
        return .ok
    }
}

/// `baton sla backtest`: the notifications another policy set would have sent over the stored history.
enum SLABacktestCommand: BatonCommand {
    static let path = ["sla", "backtest"]
    static let arguments = ""
    static let summary = "replay stored history under other policies; print what they would have sent, send nothing"
    static let options: [OptionSpec] = [
        .value("policies", "FILE", "policies to try ({\"policies\": [...]}, as in the configuration)"),
        .value("since", "DATE", "start of the replay (a date or time, read in the configuration's zone)"),
        .flag("json", "JSON output"),
    ]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        guard let file = invocation.arguments.value("policies") else {
            throw UsageError.missingValue("--policies", "FILE")
        }
        guard let sinceText = invocation.arguments.value("since") else {
            throw UsageError.missingValue("--since", "DATE")
        }
        guard let since = Timestamp.parse(sinceText, in: config.timezone) else {
            throw UsageError.badValue(option: "--since", value: sinceText, expected: "YYYY-MM-DD or an ISO 8601 time")
        }
        let path = invocation.resolve(file)
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(path: path, reason: "no such file", exitCode: .noInput)
        }
        let policies = try ConfigLoader.loadPolicies(path: path, teamNames: config.teams.map(\.name))
        let store = try BatonStore(path: config.store)
        try DataGoneError.check(since, option: "--since", config: config, store: store)
        let evaluator = try SLAEvaluator(config: config, store: store, policies: policies)
        let replay = Backtest(
            config: config, policies: policies, routing: AlertRouting(config: config, reps: evaluator.reps),
            since: since, now: now)
        let events = replay.notifications(try evaluator.evaluate(now: now))
        let addresses = try ClockJSON.firstAddresses(store)
        if invocation.json {
            let list = events.map { e in
                JSONValue.object([
                    ("time", .time(epochSeconds: e.time)), ("lead", .string(addresses[e.episode.leadID])),
                    ("lead_id", .int(e.episode.leadID)), ("policy", .string(e.episode.policy)),
                    ("episode", .int(e.episode.episode)), ("level", .string(e.level.rawValue)),
                    ("escalation", e.escalation.map { .int($0) } ?? .null), ("to", .array(e.to.map { .string($0) })),
                    ("cc", .array(e.cc.map { .string($0) })),
                ])
            }
            invocation.out.line(JSONValue.array(list).pretty)
            return .ok
        }
        var table = TextTable(["TIME", "LEVEL", "LEAD", "POLICY", "#", "TO", "CC"])
        for e in events {
            table.add([
                Timestamp.format(epochSeconds: e.time), e.level.rawValue + (e.escalation.map { " \($0)" } ?? ""),
                addresses[e.episode.leadID] ?? "#\(e.episode.leadID)", e.episode.policy, String(e.episode.episode),
                e.to.isEmpty ? "(nobody)" : e.to.joined(separator: ", "),
                e.cc.isEmpty ? "-" : e.cc.joined(separator: ", "),
            ])
        }
        invocation.out.line(table.rendered)
        var byLevel: [NotificationLevel: Int] = [:]
        for e in events { byLevel[e.level, default: 0] += 1 }
        let parts = [NotificationLevel.warning, .breach, .escalation].compactMap { l in
            byLevel[l].map { "\($0) \(l.rawValue)" }
        }
        invocation.out.line(
            "\(events.count) notification\(events.count == 1 ? "" : "s") since \(Timestamp.format(epochSeconds: since))"
                + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")) + "; nothing was sent")
        return .ok
    }
}

/// The shapes `sla check` and `lead show` print for clocks.
enum ClockJSON {
    static func episode(_ e: ClockEpisode, lead: String?) -> JSONValue {
        .object([
            ("lead", .string(lead)), ("lead_id", .int(e.leadID)), ("policy", .string(e.policy)),
            ("clock", .string(e.clock.rawValue)), ("episode", .int(e.episode)), ("state", .string(e.state.rawValue)),
            ("started_at", .time(epochSeconds: e.startedAt)), ("warn_at", .time(epochSeconds: e.warnAt)),
            ("due_at", .time(epochSeconds: e.dueAt)), ("stopped_at", .time(epochSeconds: e.stoppedAt)),
            ("stop_reason", .string(e.stopReason)), ("elapsed_seconds", .int(e.elapsedSeconds)),
            ("late_seconds", .int(e.lateSeconds)), ("paused_seconds", .int(e.pausedSeconds)),
            ("owner", .string(e.owner)),
        ])
    }

    /// Each lead's first address in import order, by lead id.
    static func firstAddresses(_ store: BatonStore) throws -> [Int64: String] {
        try store.people.leadFirstAddresses()
    }

    /// Whether `policy` counts calendar time.
    static func isCalendar(_ policy: String, _ config: Config) -> Bool {
        config.policies.first { $0.name == policy }?.time == .calendar
    }
}
