import BatonCore
import Foundation

/// `baton config check`: validate the configuration; print it resolved (defaults filled, paths absolute),
/// or every error found.
enum ConfigCheckCommand: BatonCommand {
    static let path = ["config", "check"]
    static let arguments = ""
    static let summary = "validate the configuration; print it resolved, or every error"
    static let options: [OptionSpec] = [.flag("json", "JSON output (the same resolved configuration)")]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let config = try invocation.loadConfig()
        invocation.out.line(ConfigJSON.render(config).pretty)
        for source in config.sources where !ConfigReaderNotes.exists(source.path) {
            invocation.err.line("baton: note: sources: \(source.path) does not exist yet (read as empty)")
        }
        return .ok
    }
}

enum ConfigReaderNotes {
    /// Whether a source path (maybe a glob) names anything yet.
    static func exists(_ path: String) -> Bool {
        if path.contains(where: { "*?[".contains($0) }) {
            var g = glob_t()
            defer { globfree(&g) }
            return glob(path, 0, nil, &g) == 0 && g.gl_pathc > 0
        }
        return FileManager.default.fileExists(atPath: path)
    }
}

/// The resolved configuration as JSON, keys in a fixed order (the keys are those of Config/README.md).
enum ConfigJSON {
    /// `reports` resolved: rates and the revenue target as decimal strings, exactly as they are held.
    static func reports(_ r: Config.Reports) -> JSONValue {
        let rates = r.rates.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value.description)) }
        return .object([
            ("currency", .string(r.currency)), ("rates", .object(rates)),
            (
                "targets",
                .object([
                    ("mql_per_month", .int(r.targets.mqlPerMonth)), ("sql_per_month", .int(r.targets.sqlPerMonth)),
                    ("revenue_per_quarter", .string(r.targets.revenuePerQuarter?.decimalText)),
                ])
            ),
        ])
    }

    static func render(_ c: Config) -> JSONValue {
        func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
        func spans(_ spans: [WeeklyHours.Span]) -> JSONValue {
            .string(spans.map(\.description).joined(separator: ","))
        }
        let teams = c.teams.map { team -> (String, JSONValue) in
            var hours: [(String, JSONValue)] = []
            for (i, day) in team.hours.days.enumerated() where !day.isEmpty {
                hours.append((WeeklyHours.dayNames[i], spans(day)))
            }
            let holidays: JSONValue =
                team.holidaysFile.map { .string($0) }
                ?? .array(
                    team.holidays.map {
                        let date = Timestamp.formatDate(year: $0.year, month: $0.month, day: $0.day)
                        return .string(
                            $0.workingSpans.isEmpty
                                ? date : date + " " + $0.workingSpans.map(\.description).joined(separator: ","))
                    })
            return (
                team.name,
                .object([("timezone", .string(team.timezoneID)), ("hours", .object(hours)), ("holidays", holidays)])
            )
        }
        let policies = c.policies.map { p in
            JSONValue.object([
                ("name", .string(p.name)), ("clock", .string(p.clock.rawValue)),
                ("target", .string(p.target.description)),
                ("time", .string(p.time.rawValue)), ("stages", strings(p.stages.map(\.rawValue))),
                ("pause_stages", strings(p.pauseStages.map(\.rawValue))), ("start", .string(p.start.rawValue)),
                ("sources", p.sources.map(strings) ?? .null), ("teams", p.teams.map(strings) ?? .null),
                ("warn_at", .double(p.warnAt)),
                (
                    "escalate",
                    .array(
                        p.escalate.map {
                            .object([("after", .string($0.after.description)), ("to", .string($0.to.text))])
                        })
                ),
            ])
        }
        let transport: JSONValue
        switch c.alerts.transport {
        case .sendmail(let path, let args, let timeout, let attempts):
            transport = .object([
                ("type", .string("sendmail")), ("path", .string(path)), ("args", strings(args)),
                ("timeout", .string(timeout.description)), ("max_attempts", .int(attempts)),
            ])
        case .folder(let path):
            transport = .object([("type", .string("folder")), ("path", .string(path))])
        }
        let a = c.alerts
        let alerts = JSONValue.object([
            ("from", .string(a.from)), ("reply_to", .string(a.replyTo)),
            ("active_from", .time(epochSeconds: a.activeFrom)),
            ("fallback_to", .string(a.fallbackTo)),
            (
                "quiet_hours",
                a.quietHours.map { .string(WeeklyHours.clock($0.start) + "-" + WeeklyHours.clock($0.end)) } ?? .null
            ),
            ("digest", .string(a.digest.text)),
            (
                "weekly_digest",
                a.weeklyDigest.map {
                    .object([
                        ("day", .string(WeeklyHours.dayNames[$0.day])), ("at", .string(WeeklyHours.clock($0.at))),
                        ("to", strings($0.to)),
                    ])
                } ?? .null
            ),
            ("crm_url", .string(a.crmURL)), ("transport", transport),
        ])
        let crmColumns = c.crm.columns.sorted { $0.key < $1.key }.map { ($0.key, strings($0.value)) }
        let stageMap = c.crm.stageMap.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value.rawValue)) }
        return .object([
            ("config", .string(c.file)), ("store", .string(c.store)), ("timezone", .string(c.timezoneID)),
            ("internal_domains", strings(c.internalDomains)), ("sales_addresses", strings(c.salesAddresses)),
            ("auto_create_leads", .bool(c.autoCreateLeads)), ("blocklist", strings(c.blocklist)),
            (
                "matching",
                .object([
                    ("subaddress", .bool(c.matching.subaddress)), ("gmail_dots", .bool(c.matching.gmailDots)),
                    ("freemail_domains", strings(c.matching.freemailDomains)),
                ])
            ),
            (
                "crm",
                .object([
                    ("preset", .string(c.crm.preset.rawValue)), ("columns", .object(crmColumns)),
                    ("stage_map", .object(stageMap)),
                    ("leads_file", .string(c.crm.leadsFile)), ("reps_file", .string(c.crm.repsFile)),
                    ("spend_file", .string(c.crm.spendFile)),
                ])
            ),
            ("reports", reports(c.reports)),
            (
                "sources",
                .array(
                    c.sources.map {
                        .object([
                            ("type", .string($0.type.rawValue)), ("path", .string($0.path)), ("rep", .string($0.rep)),
                            ("label", .string($0.label)),
                        ])
                    })
            ),
            (
                "drop",
                .object([
                    ("require_authentication", .bool(c.drop.requireAuthentication)),
                    ("authserv_id", .string(c.drop.authservID)), ("processed", .string(c.drop.processed)),
                    ("quarantine", .string(c.drop.quarantine)),
                ])
            ),
            ("meetings", .object([("horizon", .string(c.meetingsHorizon.description))])),
            (
                "limits",
                .object([
                    ("max_message_bytes", .int(c.limits.maxMessageBytes)),
                    ("max_mime_depth", .int(c.limits.maxMimeDepth)),
                    ("max_occurrences", .int(c.limits.maxOccurrences)),
                ])
            ),
            ("teams", .object(teams)), ("default_team", .string(c.defaultTeam)), ("policies", .array(policies)),
            ("alerts", alerts),
            (
                "privacy",
                .object([
                    ("subjects", .string(c.privacy.subjects.rawValue)),
                    ("retention", .string(c.privacy.retention?.description)),
                ])
            ),
        ])
    }
}
