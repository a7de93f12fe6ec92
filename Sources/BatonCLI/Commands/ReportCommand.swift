import BatonCore
import Foundation
import Reports
import SLA
import Store

/// `baton report`: figures for sales and marketing over a period.
enum ReportCommand: BatonCommand {
    static let path = ["report"]
    static let arguments = ""
    static let summary = "response times, SLA attainment, funnel by source, capture health"
    static let options: [OptionSpec] = [
        .value("since", "DATE", "first day, inclusive (default: 28 days before --until)"),
        .value("until", "DATE", "last day, exclusive (default: --now)"),
        .value("by", "rep|team|source|week", "grouping of response, attainment and meetings (default: rep)"),
        .value("format", "text|json|csv|html", "output format (default: text)"),
        .value("out", "FILE", "write to FILE (replaced atomically) instead of standard output"),
        .value("silent-days", "N", "a source with nothing newer than N days is silent (default: 7)"),
    ]

    /// The output formats.
    enum Format: String, CaseIterable { case text, json, csv, html }

    /// The default period's length when `--since` is not given.
    static let defaultDays: Int64 = 28

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        let now = try invocation.now()
        let grouping = try choice("by", ReportGrouping.self, default: .rep, invocation)
        let format = try choice("format", Format.self, default: .text, invocation)
        let silentDays = try silentDays(invocation)
        let config = try invocation.loadConfig()
        let until = try date("until", invocation, config) ?? now
        let since = try date("since", invocation, config) ?? until - defaultDays * 86_400
        guard since < until else {
            throw UsageError.badValue(
                option: "--since", value: invocation.arguments.value("since") ?? Timestamp.format(epochSeconds: since),
                expected: "a date before --until")
        }
        let store = try BatonStore(path: config.store)
        try DataGoneError.check(since, option: "--since", config: config, store: store)
        let leads = try SLAEvaluator(config: config, store: store).evaluate(now: now)
        let period = ReportPeriod(since: since, until: until, now: now, timezone: config.timezoneID)
        let report = try ReportBuilder(
            config: config, store: store, leads: leads, period: period, grouping: grouping, silentDays: silentDays
        ).build()
        let text: String =
            switch format {
            case .text: ReportText.render(report)
            case .json: ReportJSON.render(report).pretty + "\n"
            case .csv: ReportCSV.render(report)
            case .html: ReportHTML.render(report)
            }
        if let out = invocation.arguments.value("out") {
            try write(text, to: invocation.resolve(out))
        } else {
            invocation.out.write(text)
        }
        return .ok
    }

    /// `--NAME` as one of `T`'s cases.
    static func choice<T: RawRepresentable & CaseIterable>(
        _ name: String, _ type: T.Type, default value: T, _ invocation: Invocation
    ) throws(UsageError) -> T where T.RawValue == String {
        guard let text = invocation.arguments.value(name) else { return value }
        guard let parsed = T(rawValue: text) else {
            throw .badValue(
                option: "--" + name, value: text, expected: T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return parsed
    }

    /// `--NAME` as an instant: a date is midnight in the configuration's zone.
    static func date(_ name: String, _ invocation: Invocation, _ config: Config) throws(UsageError) -> Int64? {
        guard let text = invocation.arguments.value(name) else { return nil }
        guard let instant = Timestamp.parse(text, in: config.timezone) else {
            throw .badValue(option: "--" + name, value: text, expected: "YYYY-MM-DD or an ISO 8601 time")
        }
        return instant
    }

    static func silentDays(_ invocation: Invocation) throws(UsageError) -> Int {
        guard let text = invocation.arguments.value("silent-days") else { return 7 }
        guard let days = Int(text), days >= 0, days <= 36_500 else {
            throw .badValue(option: "--silent-days", value: text, expected: "a whole number of days")
        }
        return days
    }

    /// Writes `text` to a temporary file beside `path`, then renames it over `path`, so a reader never sees half
    /// a report; exit 73 when either step fails.
    static func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(".\(name).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw InputError(path: path, reason: "cannot be created", exitCode: .cannotCreate)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw InputError(path: path, reason: "cannot be created: \(reason)", exitCode: .cannotCreate)
        }
    }
}
