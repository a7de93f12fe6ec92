import BatonCore
import CRM
import Foundation
import Store

extension People {
    /// Imports a parsed leads file as the importers do: its records, with its own findings.
    func importLeads(_ parsed: ParsedImport<LeadRecord>, file: String, at now: Int64) throws -> ImportSummary {
        try importLeads(parsed.records, rejected: parsed.rejected, warnings: parsed.warnings, file: file, at: now)
    }

    /// Imports a parsed reps file as the importers do: its records, with its own findings.
    func importReps(_ parsed: ParsedImport<RepRecord>, file: String, at now: Int64) throws -> ImportSummary {
        try importReps(parsed.records, rejected: parsed.rejected, warnings: parsed.warnings, file: file, at: now)
    }
}
