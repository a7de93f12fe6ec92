import BatonCore
import CRM
import Foundation
import Ingest
import Store

/// `baton leads import FILE.csv`: upsert leads from a CRM export.
enum LeadsImportCommand: BatonCommand {
    static let path = ["leads", "import"]
    static let arguments = "FILE.csv"
    static let summary = "upsert leads from a CRM export (Baton, HubSpot or Salesforce columns)"
    static let options: [OptionSpec] = [.flag("json", "JSON summary")]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try CSVImport.run(invocation, kind: "leads") { reader, store, bytes, file, now in
            let forgotten = try ForgottenPeople(store: store, config: try invocation.loadConfig())
            let leads = try reader.leads(bytes, file: file)
            let (kept, skipped) = forgotten.filter(leads.records)
            if invocation.verbose {
                for line in skipped { invocation.out.line("\(file):\(line): a forgotten person: skipped") }
            }
            return try store.people.importLeads(
                kept, rejected: leads.rejected, warnings: leads.warnings, file: file, at: now)
        }
    }
}

/// `baton reps import FILE.csv`: upsert reps.
enum RepsImportCommand: BatonCommand {
    static let path = ["reps", "import"]
    static let arguments = "FILE.csv"
    static let summary = "upsert reps (email,name,team,manager_email,timezone,aliases)"
    static let options: [OptionSpec] = [.flag("json", "JSON summary")]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try CSVImport.run(invocation, kind: "reps") { reader, store, bytes, file, now in
            let reps = try reader.reps(bytes, file: file)
            return try store.people.importReps(
                reps.records, rejected: reps.rejected, warnings: reps.warnings, file: file, at: now)
        }
    }
}

/// `baton spend import FILE.csv`: upsert marketing's spend per source and month.
enum SpendImportCommand: BatonCommand {
    static let path = ["spend", "import"]
    static let arguments = "FILE.csv"
    static let summary = "upsert marketing spend per source and month (source,month,amount,currency)"
    static let options: [OptionSpec] = [.flag("json", "JSON summary")]

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try CSVImport.run(invocation, kind: "spend") { reader, store, bytes, file, now in
            let spend = try reader.spend(bytes, file: file, now: now)
            return try store.spend.importSpend(spend.records, rejected: spend.rejected, file: file, at: now)
        }
    }
}

/// What the import commands share: read the file named on the command line, import it, report.
enum CSVImport {
    static func run(
        _ invocation: Invocation, kind: String,
        _ body: (CRMImportReader, BatonStore, [UInt8], String, Int64) throws -> ImportSummary
    ) throws -> ExitCode {
        let file = try invocation.onePositional("FILE.csv")
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        let bytes = try CSVInput.read(invocation.resolve(file), shown: file)
        let store = try BatonStore(path: config.store)
        let summary = try body(CRMImportReader(config: config), store, bytes, file, now)
        return ImportReport.render(summary, file: file, kind: kind, invocation: invocation)
    }
}

/// Reading an input file named on the command line.
enum CSVInput {
    /// The file's bytes; exit 66 when it does not exist, 74 when it cannot be read.
    static func read(_ path: String, shown: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path: shown, reason: "no such file", exitCode: .noInput)
        }
        guard !isDirectory.boolValue else {
            throw InputError(path: shown, reason: "is a folder, not a CSV file", exitCode: .noInput)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: shown, reason: "cannot be read", exitCode: .ioError)
        }
        return Array(data)
    }
}

/// An input named on the command line that cannot be used.
struct InputError: CommandLineError {
    let path: String
    let reason: String
    let exitCode: ExitCode
    var description: String { "\(path): \(reason)" }
}

/// Prints an import's outcome: problems on stderr, the summary with `--verbose` or `--json`.
enum ImportReport {
    static func render(_ summary: ImportSummary, file: String, kind: String, invocation: Invocation) -> ExitCode {
        for problem in summary.rejected {
            invocation.err.line("baton: \(file):\(problem.line): rejected: \(problem.reason)")
        }
        for warning in summary.warnings {
            invocation.err.line("baton: \(file):\(warning.line): warning: \(warning.reason)")
        }
        if invocation.json {
            func rows(_ list: [RowProblem]) -> JSONValue {
                .array(list.map { .object([("line", .int($0.line)), ("reason", .string($0.reason))]) })
            }
            let value = JSONValue.object([
                ("file", .string(file)), ("kind", .string(kind)), ("inserted", .int(summary.inserted)),
                ("updated", .int(summary.updated)), ("unchanged", .int(summary.unchanged)),
                ("rejected", .int(summary.rejected.count)), ("rejected_rows", rows(summary.rejected)),
                ("warnings", rows(summary.warnings)),
            ])
            invocation.out.line(value.pretty)
        } else if invocation.verbose {
            invocation.out.line(
                "\(file): \(kind): \(summary.inserted) inserted, \(summary.updated) updated, "
                    + "\(summary.unchanged) unchanged, \(summary.rejected.count) rejected")
        }
        return summary.rejected.isEmpty ? .ok : .dataError
    }
}
