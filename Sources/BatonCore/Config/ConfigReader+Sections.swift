import Foundation

/// The top level and its sections: store, privacy, matching, CRM, sources, drop folder, limits.
extension ConfigReader {
    // MARK: The configuration

    struct Parsed {
        var store: String
        var node: String? = nil
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
        var reports: Config.Reports
    }

    static let topKeys = [
        "store", "node", "timezone", "internal_domains", "sales_addresses", "auto_create_leads", "blocklist",
        "matching",
        "crm", "sources", "drop", "meetings", "limits", "teams", "default_team", "policies", "alerts",
        "privacy", "reports",
    ]

    mutating func config(_ root: JSONValue) -> Parsed? {
        guard
            let top = object(
                root, "", allowed: Self.topKeys,
                required: ["store", "internal_domains", "sources", "teams", "policies", "alerts"])
        else { return nil }
        let store = storePath(top["store"])
        let node = top["node"].flatMap { nodeName($0) }
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
        let reports = reports(top["reports"])
        guard let store, let timezoneID, let internalDomains, let salesAddresses, let autoCreate, let blocklist,
            let matching, let crm, let sources, let drop, let limits, let teams, let policies, let alerts,
            let privacy, let reports
        else { return nil }
        guard let defaultTeam else {
            problem("teams", "at least one team is needed")
            return nil
        }
        if top["node"] != nil && node == nil { return nil }
        return Parsed(
            store: store, node: node, timezoneID: timezoneID, internalDomains: internalDomains,
            salesAddresses: salesAddresses,
            autoCreateLeads: autoCreate, blocklist: blocklist, matching: matching, crm: crm, sources: sources,
            drop: drop, meetingsHorizon: horizon, limits: limits, teams: teams, defaultTeam: defaultTeam,
            policies: policies, alerts: alerts, privacy: privacy, reports: reports)
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
        "mql_at", "assigned_at", "stage_changed_at", "amount", "currency", "closed_at", "rejection_reason",
    ]
    static let repColumns = ["email", "name", "team", "manager_email", "timezone", "aliases"]

    mutating func crm(_ v: JSONValue?) -> Config.CRMSettings? {
        var c = Config.CRMSettings()
        guard let v else { return c }
        guard
            let members = object(
                v, "crm", allowed: ["preset", "columns", "stage_map", "leads_file", "reps_file", "spend_file"])
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
        c.spendFile = members["spend_file"].flatMap { path($0, "crm.spend_file") }
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
            if type == .journal, m["rep"] != nil {
                // A journal holds the whole team's mail: each message's rep comes from its parties.
                problem(
                    p + ".rep",
                    "not allowed on a journal source (\(path ?? "no path")): each "
                        + "message's rep comes from its parties")
            }
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
                v, "drop", allowed: ["require_authentication", "authserv_id", "processed", "quarantine", "saved_files"])
        else { return nil }
        if let b = bool(m["require_authentication"], "drop.require_authentication") { d.requireAuthentication = b }
        d.authservID = m["authserv_id"].flatMap { string($0, "drop.authserv_id") }
        if let b = bool(m["saved_files"], "drop.saved_files") { d.savedFiles = b }
        for key in ["processed", "quarantine"] {
            guard let name = m[key].flatMap({ string($0, "drop." + key) }) else { continue }
            if name.isEmpty || name.contains("/") || name == "." || name == ".."
                || ["cur", "new", "tmp", Config.Drop.savedFolder].contains(name)
            {
                problem(
                    "drop." + key,
                    "'\(name)' must be a plain folder name inside the drop folder (not cur, new, tmp or saved)")
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

    /// `node`: this host's name in a shared store, 1 to 64 letters, digits, dots, hyphens and underscores.
    mutating func nodeName(_ v: JSONValue) -> String? {
        guard let name = string(v, "node") else { return nil }
        let allowed = name.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2E
                || $0 == 0x2D || $0 == 0x5F
        }
        guard (1...64).contains(name.utf8.count), allowed else {
            problem("node", "expected 1 to 64 letters, digits, '.', '-' or '_'")
            return nil
        }
        return name
    }
}
