import Foundation

/// Reads and validates a configuration file, collecting every problem rather than stopping at the first.
public enum ConfigLoader {
    /// Loads the file at `path` (absolute); throws `ConfigError` (exit 78) listing every problem found.
    public static func load(path: String) throws(ConfigError) -> Config {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why =
                !exists
                ? "no such file (give --config FILE or set BATON_CONFIG)"
                : isDirectory.boolValue ? "is a folder, not a file" : "cannot be read"
            throw ConfigError(path: path, problems: [why])
        }
        return try parse(Array(data), path: path)
    }

    /// Validates configuration bytes; relative paths are resolved against `path`'s folder.
    public static func parse(_ bytes: [UInt8], path: String) throws(ConfigError) -> Config {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw ConfigError(path: path, problems: ["not valid JSON: \(error)"])
        }
        var reader = ConfigReader(folder: (path as NSString).deletingLastPathComponent)
        let config = reader.config(root)
        if let config, reader.problems.isEmpty {
            return Config(
                file: path, store: config.store, timezoneID: config.timezoneID,
                internalDomains: config.internalDomains, salesAddresses: config.salesAddresses,
                autoCreateLeads: config.autoCreateLeads, blocklist: config.blocklist, matching: config.matching,
                crm: config.crm, sources: config.sources, drop: config.drop, meetingsHorizon: config.meetingsHorizon,
                limits: config.limits, teams: config.teams, defaultTeam: config.defaultTeam,
                policies: config.policies, alerts: config.alerts, privacy: config.privacy)
        }
        throw ConfigError(path: path, problems: reader.problems.isEmpty ? ["invalid configuration"] : reader.problems)
    }
}

extension ConfigLoader {
    /// Reads a policies file for `baton sla backtest`: `{"policies": [...]}` or a bare array, validated as the
    /// configuration's `policies` are (against `teamNames`); throws `ConfigError` listing every problem.
    public static func loadPolicies(path: String, teamNames: [String]) throws(ConfigError) -> [Config.Policy] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, problems: ["no such file or cannot be read"])
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(Array(data))
        } catch {
            throw ConfigError(path: path, problems: ["not valid JSON: \(error)"])
        }
        var reader = ConfigReader(folder: (path as NSString).deletingLastPathComponent)
        var list = root
        if case .object(let pairs) = root {
            for (key, _) in pairs where key != "policies" {
                reader.problem(key, "unknown key (a policies file holds only \"policies\")")
            }
            list = pairs.first { $0.0 == "policies" }?.1 ?? .array([])
        }
        let policies = reader.policies(list, teamNames: teamNames)
        guard let policies, reader.problems.isEmpty else {
            throw ConfigError(path: path, problems: reader.problems.isEmpty ? ["no policies"] : reader.problems)
        }
        return policies
    }
}

/// Walks the JSON tree with key paths, converting values and recording problems.
struct ConfigReader {
    let folder: String
    var problems: [String] = []

    init(folder: String) { self.folder = folder }

    mutating func problem(_ path: String, _ message: String) { problems.append("\(path): \(message)") }

    // MARK: Generic checks

    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// An object's members, after reporting unknown and missing keys.
    mutating func object(_ v: JSONValue, _ path: String, allowed: [String], required: [String] = []) -> [String:
        JSONValue]?
    {
        guard case .object(let pairs) = v else {
            problem(path.isEmpty ? "(top level)" : path, "expected an object, got \(Self.typeName(v))")
            return nil
        }
        var members: [String: JSONValue] = [:]
        var suggested = Set<String>()
        for (key, value) in pairs {
            if allowed.contains(key) {
                members[key] = value
            } else {
                let guess = Suggestion.closest(to: key, among: allowed)
                if let guess { suggested.insert(guess) }
                problem(Self.join(path, key), "unknown key" + (guess.map { " (did you mean '\($0)'?)" } ?? ""))
            }
        }
        // A misspelt required key is reported once, as the misspelling.
        for key in required where members[key] == nil && !suggested.contains(key) {
            problem(Self.join(path, key), "missing required key")
        }
        return members
    }

    mutating func string(_ v: JSONValue?, _ path: String) -> String? {
        guard let v else { return nil }
        guard case .string(let s) = v else {
            problem(path, "expected a string, got \(Self.typeName(v))")
            return nil
        }
        return s
    }

    mutating func bool(_ v: JSONValue?, _ path: String) -> Bool? {
        guard let v else { return nil }
        guard case .bool(let b) = v else {
            problem(path, "expected true or false, got \(Self.typeName(v))")
            return nil
        }
        return b
    }

    mutating func number(_ v: JSONValue?, _ path: String) -> Double? {
        guard let v else { return nil }
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default:
            problem(path, "expected a number, got \(Self.typeName(v))")
            return nil
        }
    }

    mutating func integer(_ v: JSONValue?, _ path: String, min: Int = 1) -> Int? {
        guard let v else { return nil }
        guard case .int(let i) = v, i >= min, i <= Int64(Int32.max) else {
            problem(path, "expected a whole number of at least \(min), got \(Self.describe(v))")
            return nil
        }
        return Int(i)
    }

    static func describe(_ v: JSONValue) -> String {
        switch v {
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): "'\(s)'"
        default: typeName(v)
        }
    }

    mutating func list(_ v: JSONValue?, _ path: String) -> [(String, JSONValue)]? {
        guard let v else { return nil }
        guard case .array(let items) = v else {
            problem(path, "expected a list, got \(Self.typeName(v))")
            return nil
        }
        return items.enumerated().map { ("\(path)[\($0.offset)]", $0.element) }
    }

    mutating func strings(_ v: JSONValue?, _ path: String) -> [String]? {
        guard let items = list(v, path) else { return nil }
        return items.compactMap { string($0.1, $0.0) }
    }

    mutating func addresses(_ v: JSONValue?, _ path: String) -> [String]? {
        guard let items = list(v, path) else { return nil }
        return items.compactMap { address($0.1, $0.0) }
    }

    mutating func address(_ v: JSONValue?, _ path: String) -> String? {
        guard let s = string(v, path) else { return nil }
        let a = EmailAddress.normalize(s)
        guard EmailAddress.isValid(a) else {
            problem(path, "'\(s)' is not an email address")
            return nil
        }
        return a
    }

    mutating func domain(_ v: JSONValue, _ path: String) -> String? {
        guard let s = string(v, path) else { return nil }
        let d = s.trimmingCharacters(in: .whitespaces).lowercased()
        guard EmailAddress.isValid("x@" + d) else {
            problem(path, "'\(s)' is not a domain name")
            return nil
        }
        return d
    }

    mutating func duration(_ v: JSONValue?, _ path: String, allowSeconds: Bool = false) -> DurationSpec? {
        guard let s = string(v, path) else { return nil }
        guard let d = DurationSpec(s, allowSeconds: allowSeconds), d.amount > 0 || allowSeconds else {
            let units = allowSeconds ? "s, m, h, d or w (30s, 5m)" : "m, h, d or w (90m, 4h, 1d, 2w)"
            problem(path, "bad duration '\(s)': expected a whole number and a unit \(units)")
            return nil
        }
        return d
    }

    mutating func timezone(_ v: JSONValue?, _ path: String) -> String? {
        guard let s = string(v, path) else { return nil }
        guard TimeZone(identifier: s) != nil, s == "UTC" || s == "GMT" || s.contains("/") else {
            let hint = Suggestion.closest(to: s, among: TimeZone.knownTimeZoneIdentifiers).map {
                " (did you mean '\($0)'?)"
            }
            problem(path, "unknown time zone '\(s)'\(hint ?? ""): expected an IANA zone id such as Europe/London")
            return nil
        }
        return s
    }

    mutating func stage(_ v: JSONValue, _ path: String) -> Stage? {
        guard let s = string(v, path) else { return nil }
        guard let stage = Stage(id: s) else {
            problem(path, "unknown stage '\(s)': expected one of \(Stage.idList)")
            return nil
        }
        return stage
    }

    mutating func stages(_ v: JSONValue?, _ path: String) -> [Stage]? {
        guard let items = list(v, path) else { return nil }
        return items.compactMap { stage($0.1, $0.0) }
    }

    mutating func choice(_ v: JSONValue?, _ path: String, _ options: [String]) -> String? {
        guard let s = string(v, path) else { return nil }
        guard options.contains(s) else {
            let hint = Suggestion.closest(to: s, among: options).map { " (did you mean '\($0)'?)" } ?? ""
            problem(path, "'\(s)' is not one of \(options.joined(separator: ", "))\(hint)")
            return nil
        }
        return s
    }

    /// A path resolved against the configuration's folder; one that exists must be readable.
    mutating func path(_ v: JSONValue?, _ keyPath: String, mustExist: Bool = false) -> String? {
        guard let s = string(v, keyPath) else { return nil }
        guard !s.isEmpty, !s.contains("\0") else {
            problem(keyPath, "expected a path, got an empty string")
            return nil
        }
        let absolute = Self.resolve(s, against: folder)
        if !Self.hasGlob(absolute) {
            if FileManager.default.fileExists(atPath: absolute) {
                if access(absolute, R_OK) != 0 { problem(keyPath, "'\(absolute)' exists but cannot be read") }
            } else if mustExist {
                problem(keyPath, "'\(absolute)' does not exist")
            }
        }
        return absolute
    }

    /// The store's file; a connection URI is refused until a backend for it exists, so that
    /// `postgresql://…` never silently becomes a folder named `postgresql:` beside the configuration.
    mutating func storePath(_ v: JSONValue?) -> String? {
        if case .string(let s) = v, let schemeEnd = s.range(of: "://") {
            let scheme = s[..<schemeEnd.lowerBound].lowercased()
            // Only the scheme is echoed: the rest of a URI may hold a password.
            if scheme == "postgresql" || scheme == "postgres" {
                problem(
                    "store", "PostgreSQL stores are not built yet in this version of Baton; give an SQLite file path")
            } else {
                problem("store", "expected an SQLite file path, got a '\(scheme)://' URI")
            }
            return nil
        }
        return path(v, "store")
    }

    static func resolve(_ path: String, against folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    static func hasGlob(_ path: String) -> Bool { path.contains { "*?[".contains($0) } }

    // MARK: The configuration

    struct Parsed {
        var store: String
        var timezoneID: String
        var internalDomains: [String]
        var salesAddresses: [String]
        var autoCreateLeads: Bool
        var blocklist: [String]
        var matching: Config.Matching
        var crm: Config.CRMSettings
        var sources: [Config.Source]
        var drop: Config.Drop
        var meetingsHorizon: DurationSpec
        var limits: Config.Limits
        var teams: [Config.Team]
        var defaultTeam: String
        var policies: [Config.Policy]
        var alerts: Config.Alerts
        var privacy: Config.Privacy
    }

    static let topKeys = [
        "store", "timezone", "internal_domains", "sales_addresses", "auto_create_leads", "blocklist", "matching",
        "crm", "sources", "drop", "meetings", "limits", "teams", "default_team", "policies", "alerts",
        "privacy",
    ]

    mutating func config(_ root: JSONValue) -> Parsed? {
        guard
            let top = object(
                root, "", allowed: Self.topKeys,
                required: ["store", "internal_domains", "sources", "teams", "policies", "alerts"])
        else { return nil }
        let store = storePath(top["store"])
        let timezoneID = top["timezone"] == nil ? "UTC" : timezone(top["timezone"], "timezone")
        let internalDomains = list(top["internal_domains"], "internal_domains")?.compactMap { domain($0.1, $0.0) }
        let salesAddresses = top["sales_addresses"] == nil ? [] : addresses(top["sales_addresses"], "sales_addresses")
        let autoCreate = top["auto_create_leads"] == nil ? false : bool(top["auto_create_leads"], "auto_create_leads")
        let blocklist = blocklist(top["blocklist"])
        let matching = matching(top["matching"])
        let crm = crm(top["crm"])
        let sources = sources(top["sources"])
        let drop = drop(top["drop"])
        var horizon = DurationSpec(amount: 90, unit: .days)
        if let m = top["meetings"], let members = object(m, "meetings", allowed: ["horizon"]),
            let h = members["horizon"]
        {
            horizon = duration(h, "meetings.horizon") ?? horizon
        }
        let limits = limits(top["limits"])
        let teams = teams(top["teams"])
        var defaultTeam = teams?.first?.name
        if let d = top["default_team"], let name = string(d, "default_team"), let teams {
            if teams.contains(where: { $0.name == name }) {
                defaultTeam = name
            } else {
                problem("default_team", "no team called '\(name)' in teams")
            }
        }
        let teamNames = teams?.map(\.name) ?? []
        let policies = policies(top["policies"], teamNames: teamNames)
        let alerts = alerts(top["alerts"])
        let privacy = privacy(top["privacy"])
        guard let store, let timezoneID, let internalDomains, let salesAddresses, let autoCreate, let blocklist,
            let matching, let crm, let sources, let drop, let limits, let teams, let policies, let alerts,
            let privacy
        else { return nil }
        guard let defaultTeam else {
            problem("teams", "at least one team is needed")
            return nil
        }
        return Parsed(
            store: store, timezoneID: timezoneID, internalDomains: internalDomains, salesAddresses: salesAddresses,
            autoCreateLeads: autoCreate, blocklist: blocklist, matching: matching, crm: crm, sources: sources,
            drop: drop, meetingsHorizon: horizon, limits: limits, teams: teams, defaultTeam: defaultTeam,
            policies: policies, alerts: alerts, privacy: privacy)
    }

    /// `privacy`: `subjects` (`store`, `hash`, `drop`) and `retention` (a calendar-time duration).
    mutating func privacy(_ v: JSONValue?) -> Config.Privacy? {
        var privacy = Config.Privacy()
        guard let v else { return privacy }
        guard let m = object(v, "privacy", allowed: ["subjects", "retention"]) else { return nil }
        var ok = true
        if let s = m["subjects"] {
            if let choice = choice(s, "privacy.subjects", Config.Privacy.Subjects.allCases.map(\.rawValue)) {
                privacy.subjects = Config.Privacy.Subjects(rawValue: choice)!
            } else {
                ok = false
            }
        }
        if let r = m["retention"] {
            if let d = duration(r, "privacy.retention") {
                privacy.retention = d
            } else {
                ok = false
            }
        }
        return ok ? privacy : nil
    }

    mutating func blocklist(_ v: JSONValue?) -> [String]? {
        guard let v else { return [] }
        guard let items = list(v, "blocklist") else { return nil }
        var result: [String] = []
        for (p, item) in items {
            guard let s = string(item, p) else { continue }
            let entry = EmailAddress.normalize(s)
            if entry.hasPrefix("@") {
                if EmailAddress.isValid("x" + entry) {
                    result.append(entry)
                } else {
                    problem(p, "'\(s)' is not an address or @domain")
                }
            } else if EmailAddress.isValid(entry) {
                result.append(entry)
            } else {
                problem(p, "'\(s)' is not an address or @domain")
            }
        }
        return result
    }

    mutating func matching(_ v: JSONValue?) -> Config.Matching? {
        var m = Config.Matching()
        guard let v else { return m }
        guard let members = object(v, "matching", allowed: ["subaddress", "gmail_dots", "freemail_domains"]) else {
            return nil
        }
        if let b = bool(members["subaddress"], "matching.subaddress") { m.subaddress = b }
        if let b = bool(members["gmail_dots"], "matching.gmail_dots") { m.gmailDots = b }
        if let items = list(members["freemail_domains"], "matching.freemail_domains") {
            m.freemailDomains = items.compactMap { domain($0.1, $0.0) }
        }
        return m
    }

    /// Baton's own column names, which `crm.columns` may map.
    static let leadColumns = [
        "external_id", "email", "name", "company", "company_domain", "source", "stage", "owner_email", "created_at",
        "mql_at", "assigned_at", "stage_changed_at",
    ]
    static let repColumns = ["email", "name", "team", "manager_email", "timezone", "aliases"]

    mutating func crm(_ v: JSONValue?) -> Config.CRMSettings? {
        var c = Config.CRMSettings()
        guard let v else { return c }
        guard
            let members = object(
                v, "crm", allowed: ["preset", "columns", "stage_map", "leads_file", "reps_file"])
        else { return nil }
        if let p = choice(members["preset"], "crm.preset", CRMPresetName.allCases.map(\.rawValue)).flatMap(
            CRMPresetName.init(rawValue:))
        {
            c.preset = p
        }
        if let cols = members["columns"] {
            let allowed = Array(Set(Self.leadColumns + Self.repColumns)).sorted()
            if let colMembers = object(cols, "crm.columns", allowed: allowed) {
                for (key, value) in colMembers {
                    let p = "crm.columns." + key
                    switch value {
                    case .string(let s): c.columns[key] = [s]
                    case .array:
                        let headers = strings(value, p) ?? []
                        if headers.isEmpty {
                            problem(p, "expected at least one CSV header")
                        } else {
                            c.columns[key] = headers
                        }
                    default: problem(p, "expected a CSV header name or a list of them, got \(Self.typeName(value))")
                    }
                }
            }
        }
        if let map = members["stage_map"], case .object(let pairs) = map {
            for (key, value) in pairs {
                if let stage = stage(value, "crm.stage_map." + key) { c.stageMap[key.lowercased()] = stage }
            }
        } else if let map = members["stage_map"] {
            problem("crm.stage_map", "expected an object, got \(Self.typeName(map))")
        }
        c.leadsFile = members["leads_file"].flatMap { path($0, "crm.leads_file") }
        c.repsFile = members["reps_file"].flatMap { path($0, "crm.reps_file") }
        return c
    }

    mutating func sources(_ v: JSONValue?) -> [Config.Source]? {
        guard let items = list(v, "sources") else { return nil }
        var result: [Config.Source] = []
        for (p, item) in items {
            guard let m = object(item, p, allowed: ["type", "path", "rep", "label"], required: ["type", "path"]) else {
                continue
            }
            let type = choice(m["type"], p + ".type", Config.Source.Kind.allCases.map(\.rawValue)).flatMap {
                Config.Source.Kind(rawValue: $0)
            }
            let path = path(m["path"], p + ".path")
            let rep = m["rep"].flatMap { address($0, p + ".rep") }
            let label = m["label"].flatMap { string($0, p + ".label") }
            if let type, let path { result.append(Config.Source(type: type, path: path, rep: rep, label: label)) }
        }
        return result
    }

    mutating func drop(_ v: JSONValue?) -> Config.Drop? {
        var d = Config.Drop()
        guard let v else { return d }
        guard
            let m = object(
                v, "drop", allowed: ["require_authentication", "authserv_id", "processed", "quarantine"])
        else { return nil }
        if let b = bool(m["require_authentication"], "drop.require_authentication") { d.requireAuthentication = b }
        d.authservID = m["authserv_id"].flatMap { string($0, "drop.authserv_id") }
        for key in ["processed", "quarantine"] {
            guard let name = m[key].flatMap({ string($0, "drop." + key) }) else { continue }
            if name.isEmpty || name.contains("/") || name == "." || name == ".."
                || ["cur", "new", "tmp"].contains(name)
            {
                problem(
                    "drop." + key, "'\(name)' must be a plain folder name inside the drop folder (not cur, new or tmp)")
            } else if key == "processed" {
                d.processed = name
            } else {
                d.quarantine = name
            }
        }
        if d.requireAuthentication && (d.authservID ?? "").isEmpty {
            problem("drop.authserv_id", "required when drop.require_authentication is true")
        }
        return d
    }

    mutating func limits(_ v: JSONValue?) -> Config.Limits? {
        var l = Config.Limits()
        guard let v else { return l }
        guard let m = object(v, "limits", allowed: ["max_message_bytes", "max_mime_depth", "max_occurrences"]) else {
            return nil
        }
        if let b = m["max_message_bytes"] {
            if let n = byteSize(b, "limits.max_message_bytes") { l.maxMessageBytes = n }
        }
        if let n = integer(m["max_mime_depth"], "limits.max_mime_depth") { l.maxMimeDepth = n }
        if let n = integer(m["max_occurrences"], "limits.max_occurrences") { l.maxOccurrences = n }
        return l
    }

    /// `50MB`, `512KB`, `1GB` (powers of 1024) or a plain number of bytes.
    mutating func byteSize(_ v: JSONValue, _ path: String) -> Int? {
        if case .int(let i) = v, i > 0 { return Int(i) }
        guard case .string(let s) = v else {
            problem(path, "expected a size such as 50MB, got \(Self.typeName(v))")
            return nil
        }
        let upper = s.uppercased().trimmingCharacters(in: .whitespaces)
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)]
        for (suffix, factor) in units where upper.hasSuffix(suffix) {
            if let n = Int(upper.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n > 0 {
                return n * factor
            }
        }
        problem(path, "bad size '\(s)': expected a number and a unit B, KB, MB or GB (50MB)")
        return nil
    }

    mutating func teams(_ v: JSONValue?) -> [Config.Team]? {
        guard let v else { return nil }
        guard case .object(let pairs) = v else {
            problem("teams", "expected an object of teams by name, got \(Self.typeName(v))")
            return nil
        }
        if pairs.isEmpty { problem("teams", "at least one team is needed") }
        var result: [Config.Team] = []
        for (name, value) in pairs {
            let p = "teams." + name
            guard
                let m = object(value, p, allowed: ["timezone", "hours", "holidays"], required: ["timezone", "hours"])
            else { continue }
            let zone = timezone(m["timezone"], p + ".timezone")
            let hours = hours(m["hours"], p + ".hours")
            var holidays: [Config.Holiday] = []
            var holidaysFile: String?
            switch m["holidays"] {
            case nil: break
            case .string?: holidaysFile = path(m["holidays"], p + ".holidays", mustExist: true)
            case let h?: holidays = self.holidays(h, p + ".holidays") ?? []
            }
            if let zone, let hours {
                result.append(
                    Config.Team(
                        name: name, timezoneID: zone, hours: hours, holidays: holidays, holidaysFile: holidaysFile))
            }
        }
        return result
    }

    mutating func hours(_ v: JSONValue?, _ path: String) -> WeeklyHours? {
        guard let v else { return nil }
        guard case .object(let pairs) = v else {
            problem(path, "expected an object such as {\"mon-fri\": \"09:00-17:30\"}, got \(Self.typeName(v))")
            return nil
        }
        var week = WeeklyHours()
        var seen = Set<Int>()
        for (key, value) in pairs {
            let p = path + "." + key
            guard let days = WeeklyHours.parseDays(key) else {
                problem(p, "'\(key)' is not a day (mon … sun) or a range of days (mon-fri)")
                continue
            }
            guard let text = string(value, p) else { continue }
            switch WeeklyHours.parseSpans(text) {
            case .failure(let e): problem(p, e.description)
            case .success(let spans):
                for d in days {
                    if seen.contains(d) { problem(p, "\(WeeklyHours.dayNames[d]) is given twice") }
                    seen.insert(d)
                    week.days[d] = spans
                }
            }
        }
        if pairs.isEmpty { problem(path, "no working day given") }
        return week
    }

    mutating func holidays(_ v: JSONValue, _ path: String) -> [Config.Holiday]? {
        guard let items = list(v, path) else { return nil }
        var result: [Config.Holiday] = []
        for (p, item) in items {
            guard let s = string(item, p) else { continue }
            let parts = s.split(separator: " ", maxSplits: 1).map(String.init)
            let dateParts = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
            guard dateParts.count == 3, parts[0].count == 10,
                Timestamp.isValidDate(year: dateParts[0], month: dateParts[1], day: dateParts[2])
            else {
                problem(p, "'\(s)' is not a date (2026-12-25) or a half day (2026-12-24 09:00-13:00)")
                continue
            }
            var spans: [WeeklyHours.Span] = []
            if parts.count == 2 {
                switch WeeklyHours.parseSpans(parts[1]) {
                case .failure(let e):
                    problem(p, e.description)
                    continue
                case .success(let s): spans = s
                }
            }
            result.append(
                Config.Holiday(year: dateParts[0], month: dateParts[1], day: dateParts[2], workingSpans: spans))
        }
        return result
    }

    static let policyKeys = [
        "name", "clock", "target", "time", "stages", "pause_stages", "start", "sources", "teams", "warn_at", "escalate",
    ]

    mutating func policies(_ v: JSONValue?, teamNames: [String]) -> [Config.Policy]? {
        guard let items = list(v, "policies") else { return nil }
        var result: [Config.Policy] = []
        var names = Set<String>()
        for (p, item) in items {
            guard
                let m = object(
                    item, p, allowed: Self.policyKeys, required: ["name", "clock", "target", "time", "stages"])
            else { continue }
            let name = string(m["name"], p + ".name")
            if let name {
                if name.isEmpty { problem(p + ".name", "must not be empty") }
                if !names.insert(name).inserted { problem(p + ".name", "another policy is called '\(name)'") }
            }
            let clock = choice(m["clock"], p + ".clock", Config.Policy.Clock.allCases.map(\.rawValue)).flatMap {
                Config.Policy.Clock(rawValue: $0)
            }
            let target = duration(m["target"], p + ".target")
            let time = choice(m["time"], p + ".time", ["business", "calendar"]).flatMap {
                Config.Policy.TimeBasis(rawValue: $0)
            }
            let covered = stages(m["stages"], p + ".stages")
            if let covered, covered.isEmpty { problem(p + ".stages", "expected at least one stage") }
            let pause: [Stage]? =
                m["pause_stages"] == nil ? [.nurture, .onHold] : stages(m["pause_stages"], p + ".pause_stages")
            let start =
                m["start"] == nil
                ? PolicyStart.assigned
                : choice(m["start"], p + ".start", PolicyStart.allCases.map(\.rawValue)).flatMap(
                    PolicyStart.init(rawValue:))
            if m["start"] != nil, let clock, clock != .firstResponse {
                problem(p + ".start", "only first_response clocks have a start setting")
            }
            let sources = m["sources"].flatMap { strings($0, p + ".sources") }
            var teams: [String]?
            if let list = m["teams"].flatMap({ strings($0, p + ".teams") }) {
                for t in list where !teamNames.contains(t) { problem(p + ".teams", "no team called '\(t)' in teams") }
                teams = list
            }
            var warnAt = 0.75
            if let w = number(m["warn_at"], p + ".warn_at") {
                if w > 0 && w < 1 {
                    warnAt = w
                } else {
                    problem(p + ".warn_at", "expected a fraction between 0 and 1, got \(w)")
                }
            }
            var ladder: [Config.Policy.Escalation] = []
            for (ep, e) in list(m["escalate"], p + ".escalate") ?? [] {
                guard let em = object(e, ep, allowed: ["after", "to"], required: ["after", "to"]) else { continue }
                let after = duration(em["after"], ep + ".after")
                var to: EscalationTarget?
                if let s = string(em["to"], ep + ".to") {
                    if s == EscalationTarget.managerOfManagerText {
                        to = .managerOfManager
                    } else {
                        to = address(em["to"], ep + ".to").map(EscalationTarget.address)
                    }
                }
                if let after, let to { ladder.append(.init(after: after, to: to)) }
            }
            if let name, let clock, let target, let time, let stages = covered, let pause, let start {
                result.append(
                    Config.Policy(
                        name: name, clock: clock, target: target, time: time, stages: stages, pauseStages: pause,
                        start: start, sources: sources, teams: teams, warnAt: warnAt, escalate: ladder))
            }
        }
        return result
    }

    static let alertKeys = [
        "from", "reply_to", "active_from", "fallback_to", "quiet_hours", "digest", "weekly_digest", "crm_url",
        "transport",
    ]

    mutating func alerts(_ v: JSONValue?) -> Config.Alerts? {
        guard let v, let m = object(v, "alerts", allowed: Self.alertKeys, required: ["from", "transport"]) else {
            return nil
        }
        let from = address(m["from"], "alerts.from")
        let replyTo = m["reply_to"].flatMap { address($0, "alerts.reply_to") }
        let fallback = m["fallback_to"].flatMap { address($0, "alerts.fallback_to") }
        var activeFrom: Date?
        if let s = m["active_from"].flatMap({ string($0, "alerts.active_from") }) {
            activeFrom = Timestamp.parse(s, in: TimeZone(identifier: "UTC")!)
            if activeFrom == nil { problem("alerts.active_from", "'\(s)' is not a date or time (2026-11-02T09:00Z)") }
        }
        var quiet: (Int, Int)?
        if let s = m["quiet_hours"].flatMap({ string($0, "alerts.quiet_hours") }) {
            let b = s.split(separator: "-")
            if b.count == 2, let start = WeeklyHours.minutes(String(b[0])), let end = WeeklyHours.minutes(String(b[1])),
                start != end
            {
                quiet = (start, end)
            } else {
                problem("alerts.quiet_hours", "'\(s)' is not a time range like 20:00-07:00")
            }
        }
        var digest = DigestMode.off
        if let s = m["digest"].flatMap({ string($0, "alerts.digest") }) {
            if let mode = DigestMode(s) {
                digest = mode
            } else {
                problem("alerts.digest", "'\(s)' is not off, run or daily HH:MM")
            }
        }
        var weekly: Config.WeeklyDigest?
        if let w = m["weekly_digest"],
            let wm = object(w, "alerts.weekly_digest", allowed: ["day", "at", "to"], required: ["day", "at", "to"])
        {
            let day = choice(wm["day"], "alerts.weekly_digest.day", WeeklyHours.dayNames).flatMap {
                WeeklyHours.dayNames.firstIndex(of: $0)
            }
            var at: Int?
            if let s = string(wm["at"], "alerts.weekly_digest.at") {
                at = WeeklyHours.minutes(s)
                if at == nil { problem("alerts.weekly_digest.at", "'\(s)' is not a time like 08:00") }
            }
            let to = addresses(wm["to"], "alerts.weekly_digest.to")
            if let day, let at, let to { weekly = .init(day: day, at: at, to: to) }
        }
        let crmURL = m["crm_url"].flatMap { string($0, "alerts.crm_url") }
        let transport = transport(m["transport"])
        guard let from, let transport else { return nil }
        return Config.Alerts(
            from: from, replyTo: replyTo, activeFrom: activeFrom, fallbackTo: fallback, quietHours: quiet,
            digest: digest, weeklyDigest: weekly, crmURL: crmURL, transport: transport)
    }

    mutating func transport(_ v: JSONValue?) -> Config.Transport? {
        guard let v else { return nil }
        let p = "alerts.transport"
        guard case .object(let pairs) = v else {
            problem(p, "expected an object, got \(Self.typeName(v))")
            return nil
        }
        let type = pairs.first { $0.0 == "type" }?.1
        switch type.flatMap({ string($0, p + ".type") }) {
        case "sendmail":
            guard
                let m = object(v, p, allowed: ["type", "path", "args", "timeout", "max_attempts"], required: ["type"])
            else { return nil }
            let path = m["path"] == nil ? "/usr/sbin/sendmail" : self.path(m["path"], p + ".path")
            let args = m["args"] == nil ? [] : strings(m["args"], p + ".args")
            let timeout =
                m["timeout"] == nil
                ? DurationSpec(amount: 30, unit: .seconds) : duration(m["timeout"], p + ".timeout", allowSeconds: true)
            let attempts = m["max_attempts"] == nil ? 10 : integer(m["max_attempts"], p + ".max_attempts")
            guard let path, let args, let timeout, let attempts else { return nil }
            return .sendmail(path: path, args: args, timeout: timeout, maxAttempts: attempts)
        case "folder":
            guard let m = object(v, p, allowed: ["type", "path"], required: ["type", "path"]),
                let path = self.path(m["path"], p + ".path")
            else { return nil }
            return .folder(path: path)
        case nil:
            if type == nil { problem(p + ".type", "missing required key") }
            return nil
        case let other?:
            problem(p + ".type", "'\(other)' is not one of sendmail, folder")
            return nil
        }
    }
}
