import BatonCore
import CRM
import Foundation
import Ingest
import Store

/// The scan's first step: imports `crm.reps_file`, `crm.leads_file` and `crm.spend_file` (in that order) when their
/// content changed since the last import, by the same rules as the import commands; rows naming a forgotten person
/// are skipped.
struct CRMSync {
    let config: Config
    let store: BatonStore
    let now: Int64

    /// Imports the changed files; what it imported, skipped or rejected goes into `report`.
    func importChangedFiles(into report: inout ScanReport) throws {
        let forgotten = try ForgottenPeople(store: store, config: config)
        let files: [(ImportKind, String?)] = [
            (.reps, config.crm.repsFile), (.leads, config.crm.leadsFile), (.spend, config.crm.spendFile),
        ]
        let wallClock = Int64(Date().timeIntervalSince1970)
        for (kind, file) in files {
            guard let file, let status = FileStatus(file, follow: true) else { continue }
            // Unchanged since its content was last hashed: a large leads file is not read on every scan.
            let identity = status.settledIdentity(wallClock: wallClock)
            if let identity, try store.settings.crmFileIdentity(file) == identity { continue }
            // The file's bytes once, not also as the `Data` they were read into.
            guard let bytes = FileManager.default.contents(atPath: file).map(Array.init) else {
                report.problems.append("\(file): cannot be read")
                report.raise(.ioFailure)
                continue
            }
            let hash = SHA256.hex(bytes)
            if try store.settings.crmFileHash(file) == hash {
                try store.write { try store.settings.setCRMFileIdentity(identity, for: file) }
                continue
            }
            let reader = CRMImportReader(config: config)
            do {
                let summary: ImportSummary
                switch kind {
                case .reps:
                    let reps = try reader.reps(bytes, file: file)
                    summary = try store.people.importReps(
                        reps.records, rejected: reps.rejected, warnings: reps.warnings, file: file, at: now)
                case .leads:
                    let leads = try reader.leads(bytes, file: file)
                    let (kept, skipped) = forgotten.filter(leads.records)
                    for line in skipped { report.notes.append("\(file):\(line): a forgotten person: skipped") }
                    summary = try store.people.importLeads(
                        kept, rejected: leads.rejected, warnings: leads.warnings, file: file, at: now)
                case .spend:
                    let spend = try reader.spend(bytes, file: file, now: now)
                    summary = try store.spend.importSpend(spend.records, rejected: spend.rejected, file: file, at: now)
                }
                report.imports.append(CRMImportReport(file: file, kind: kind, summary: summary))
                for problem in summary.rejected {
                    report.problems.append("\(file):\(problem.line): rejected: \(problem.reason)")
                }
                if !summary.rejected.isEmpty { report.raise(.badInput) }
            } catch let error as ImportFileError {
                report.problems.append(error.description)
                report.raise(.badInput)
            }
            try store.write {
                try store.settings.setCRMFileHash(hash, for: file)
                try store.settings.setCRMFileIdentity(identity, for: file)
            }
        }
    }
}
