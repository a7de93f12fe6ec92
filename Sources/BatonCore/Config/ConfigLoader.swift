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
                file: path, store: config.store, node: config.node, timezoneID: config.timezoneID,
                internalDomains: config.internalDomains, salesAddresses: config.salesAddresses,
                autoCreateLeads: config.autoCreateLeads, blocklist: config.blocklist, matching: config.matching,
                crm: config.crm, sources: config.sources, drop: config.drop, meetingsHorizon: config.meetingsHorizon,
                limits: config.limits, teams: config.teams, defaultTeam: config.defaultTeam,
                policies: config.policies, alerts: config.alerts, privacy: config.privacy, reports: config.reports)
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
