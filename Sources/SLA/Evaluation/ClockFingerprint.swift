import BatonCore
import CalendarParsing
import Foundation
import Store

/// The fingerprint of everything the clocks and the notification planner read besides a lead's history: the
/// policies, teams and their holidays (a holidays file by its content), the default team, the retention window,
/// the `alerts` settings with the instant alerts count from, the reps (addresses, teams, zones), and the rules of
/// every zone those name. When it changes, every lead is evaluated again once (ARCHITECTURE.md, "Incremental
/// clocks").
public enum ClockFingerprint {
    /// The version of the clock rules themselves: raise it when a change to the engine, the evaluator or the
    /// planner would give a stored state other values, so that stores evaluated by an older Baton are evaluated
    /// again.
    public static let rulesVersion = 1

    /// The fingerprint for `config` over `store`'s reps, with alerts active from `activeFrom`.
    public static func make(config: Config, store: BatonStore, activeFrom: Int64) throws -> String {
        var hasher = SHA256()
        func part(_ name: String, _ text: String) {
            hasher.update("\(name)\t\(text.utf8.count)\n")
            hasher.update(text)
        }
        part("rules", String(rulesVersion))
        part("policies", String(reflecting: config.policies))
        // Files by their content and not their path, and the alerts without their transport: moving the
        // configuration to another folder, or sending through another program, changes no clock.
        for var team in config.teams {
            if let file = team.holidaysFile {
                team.holidaysFile = FileManager.default.contents(atPath: file).map { SHA256.hex($0) } ?? "missing"
            }
            part("team", String(reflecting: team))
        }
        part("default team", config.defaultTeam)
        part("retention", String(reflecting: config.privacy.retention))
        var alerts = config.alerts
        alerts.transport = .folder(path: "")
        part("alerts", String(reflecting: alerts))
        part("active from", String(activeFrom))
        part("reps", try store.clockStates.repsText())
        // The zones by their rules, not only their names: a new time-zone database can move a zone's offsets.
        for zone in try zones(config: config, store: store) { part("zone", rulesText(zone)) }
        return SHA256.hex(hasher.finish())
    }

    /// The zones the clocks and the planner read: the configuration's, each team's and each rep's, each once, in
    /// order.
    static func zones(config: Config, store: BatonStore) throws -> [String] {
        Set([config.timezoneID] + config.teams.map(\.timezoneID) + (try store.clockStates.repZones())).sorted()
    }

    /// A zone's rules as this process reads them from the time-zone database (`ZoneRules.rulesText`); a name the
    /// database does not know is itself.
    static func rulesText(_ identifier: String) -> String {
        TimeZone(identifier: identifier).map { ZoneRules(timeZone: $0).rulesText } ?? "unknown \(identifier)"
    }
}
