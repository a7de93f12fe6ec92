import BatonCore
import Foundation

/// Turns CSV exports into lead and rep records, using the configured preset, column map and stage map.
public struct CRMImportReader: Sendable {
    let columns: [String: [String]]
    let fallbacks: [String: [String]]
    let stageMap: [String: Stage]
    let zone: TimeZone
    let freemail: [String]
    let teams: [String]
    /// `reports.currency`: the currency of an amount whose row names none.
    let defaultCurrency: String?

    /// A reader for `config`'s `crm` settings and time zone.
    public init(config: Config) {
        let preset = CRMPreset.named(config.crm.preset)
        self.columns = preset.columns.merging(config.crm.columns) { _, configured in configured }
        self.fallbacks = preset.fallbacks
        self.stageMap = preset.stageMap.merging(config.crm.stageMap) { _, configured in configured }
        self.zone = config.timezone
        self.freemail = config.matching.freemailDomains
        self.teams = config.teams.map(\.name)
        self.defaultCurrency = config.reports.currency
    }

    /// Where each Baton column sits: the mapped header(s) when the file has them, else Baton's own name.
    struct Layout {
        var positions: [String: [Int]] = [:]
        func value(_ column: String, in fields: [String]) -> String? {
            guard let indices = positions[column] else { return nil }
            // Most columns come from one field: no array of parts for it.
            if indices.count == 1 {
                guard indices[0] < fields.count else { return nil }
                let value = fields[indices[0]].trimmedWhitespace()
                return value.isEmpty ? nil : value
            }
            let parts = indices.compactMap {
                $0 < fields.count ? fields[$0].trimmedWhitespace() : nil
            }
            .filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        }
    }

    func layout(header: [String], wanted: [String]) -> Layout {
        let folded = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        var layout = Layout()
        for column in wanted {
            if let mapped = columns[column] {
                let indices = mapped.compactMap { folded.firstIndex(of: $0.lowercased()) }
                if indices.count == mapped.count {
                    layout.positions[column] = indices
                    continue
                }
            }
            if let i = (fallbacks[column] ?? []).lazy.compactMap({ folded.firstIndex(of: $0.lowercased()) }).first {
                layout.positions[column] = [i]
                continue
            }
            if let i = folded.firstIndex(of: column) { layout.positions[column] = [i] }
        }
        return layout
    }

    /// Reads a leads export: `email` is required; every other column may be absent.
    public func leads(_ bytes: [UInt8], file: String) throws(ImportFileError) -> ParsedImport<LeadRecord> {
        let wanted = [
            "external_id", "email", "name", "company", "company_domain", "source", "stage", "owner_email",
            "created_at", "mql_at", "assigned_at", "stage_changed_at", "amount", "currency", "closed_at",
            "rejection_reason",
        ]
        var layout = Layout()
        var result = ParsedImport<LeadRecord>()
        // Each row becomes a record as it is read: a large export is never held as rows and records at once.
        try readRows(bytes, file: file) { (header) throws(ImportFileError) in
            layout = self.layout(header: header, wanted: wanted)
            guard layout.positions["email"] != nil else {
                throw missingColumn("email", mapped: columns["email"], header: header, file: file)
            }
        } row: { row in
            if let problem = Self.tooWide(row) {
                result.rejected.append(problem)
                return
            }
            let f = row.fields
            var problems: [String] = []
            let rawEmails = layout.value("email", in: f) ?? ""
            var addresses: [String] = []
            for piece in rawEmails.split(whereSeparator: { $0 == ";" || $0 == "," }) {
                let address = EmailAddress.normalize(String(piece))
                if address.isEmpty { continue }
                if EmailAddress.isValid(address) {
                    if !addresses.contains(address) { addresses.append(address) }
                } else {
                    problems.append("invalid address '\(Self.shown(String(piece)))'")
                }
            }
            if addresses.isEmpty && problems.isEmpty { problems.append("no address (the email field is empty)") }
            var stage: Stage?
            if let raw = layout.value("stage", in: f) {
                stage = stageMap[raw.lowercased()] ?? Stage(id: raw)
                if stage == nil { problems.append("unknown stage '\(Self.shown(raw))' (map it in crm.stage_map)") }
            }
            func date(_ column: String) -> Int64? {
                guard let raw = layout.value(column, in: f) else { return nil }
                guard let d = Timestamp.parse(raw, in: zone) else {
                    problems.append(
                        "\(column): unparseable date '\(Self.shown(raw))' (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)")
                    return nil
                }
                return d
            }
            let created = date("created_at")
            let mql = date("mql_at")
            let assigned = date("assigned_at")
            let stageChanged = date("stage_changed_at")
            let closed = date("closed_at")
            if let closed, let created, closed < created {
                problems.append(
                    "closed_at '\(Self.shown(layout.value("closed_at", in: f) ?? ""))' is before created_at "
                        + "'\(Self.shown(layout.value("created_at", in: f) ?? ""))'")
            }
            let amount = Self.amount(
                layout.value("amount", in: f), currency: layout.value("currency", in: f),
                defaultCurrency: defaultCurrency, problems: &problems)
            var owner: String?
            if let raw = layout.value("owner_email", in: f) {
                let address = EmailAddress.normalize(raw)
                if EmailAddress.isValid(address) {
                    owner = address
                } else {
                    result.warnings.append(
                        RowProblem(
                            line: row.line,
                            reason: "owner '\(Self.shown(raw))' is not an address: imported as unassigned"))
                }
            }
            var domain = layout.value("company_domain", in: f)?.lowercased()
            if domain == nil {
                domain = addresses.lazy.compactMap(EmailAddress.domain).first {
                    !FreemailDomains.contains($0, extra: freemail)
                }
            }
            if !problems.isEmpty {
                result.rejected.append(RowProblem(line: row.line, reason: problems.joined(separator: "; ")))
                return
            }
            result.records.append(
                LeadRecord(
                    line: row.line, externalID: layout.value("external_id", in: f), addresses: addresses,
                    name: layout.value("name", in: f), company: layout.value("company", in: f), companyDomain: domain,
                    source: layout.value("source", in: f), stage: stage, ownerEmail: owner, createdAt: created,
                    mqlAt: mql, assignedAt: assigned, stageChangedAt: stageChanged, amount: amount, closedAt: closed,
                    rejectionReason: layout.value("rejection_reason", in: f)))
        }
        return result
    }

    /// The row's deal value: `raw` a decimal with `.` in the ISO 4217 currency `currency`, else in
    /// `defaultCurrency` (`reports.currency`: a single-currency export has no currency column); with neither, the
    /// row is refused rather than guessed at. A negative deal value, a number written with a comma or a letter, and
    /// an unknown code are problems, never guessed at.
    static func amount(
        _ raw: String?, currency rawCurrency: String?, defaultCurrency: String? = nil, problems: inout [String]
    ) -> Money? {
        var code: String? = rawCurrency == nil ? defaultCurrency : nil
        if let rawCurrency {
            do {
                code = try Money.currencyCode(rawCurrency)
            } catch {
                problems.append("currency: '\(shown(rawCurrency))' is not an ISO 4217 currency code")
            }
        }
        guard let raw else { return nil }
        guard let code else {
            if rawCurrency == nil {
                problems.append(
                    "amount: '\(shown(raw))' has no currency (the currency column is empty or absent, and "
                        + "reports.currency is not set; add the column, map it with crm.columns, or set reports.currency)"
                )
            }
            return nil
        }
        do {
            let money = try Money.parse(raw, currency: code)
            if money.minor < 0 {
                problems.append("amount: '\(shown(raw))' is negative (a deal value is zero or more)")
                return nil
            }
            return money
        } catch {
            switch error {
            case .notANumber:
                problems.append(
                    "amount: '\(shown(raw))' is not a number (digits with '.' as the decimal separator, "
                        + "no thousands separators)")
            case .tooManyDecimals(_, let currency, let digits):
                problems.append("amount: '\(shown(raw))' has more decimals than \(currency)'s \(digits)")
            case .tooLarge:
                problems.append("amount: '\(shown(raw))' is too large")
            case .unknownCurrency:
                problems.append("currency: '\(shown(code))' is not an ISO 4217 currency code")
            }
            return nil
        }
    }

    /// Reads a reps file: `email,name,team,manager_email,timezone,aliases`.
    public func reps(_ bytes: [UInt8], file: String) throws(ImportFileError) -> ParsedImport<RepRecord> {
        let (header, rows) = try split(bytes, file: file)
        let layout = layout(header: header, wanted: ["email", "name", "team", "manager_email", "timezone", "aliases"])
        guard layout.positions["email"] != nil else {
            throw missingColumn("email", mapped: nil, header: header, file: file)
        }
        var result = ParsedImport<RepRecord>()
        for row in rows {
            if let problem = Self.tooWide(row) {
                result.rejected.append(problem)
                continue
            }
            let f = row.fields
            var problems: [String] = []
            let raw = layout.value("email", in: f) ?? ""
            let email = EmailAddress.normalize(raw)
            if email.isEmpty {
                problems.append("no address (the email field is empty)")
            } else if !EmailAddress.isValid(email) {
                problems.append("invalid address '\(Self.shown(raw))'")
            }
            var manager: String?
            if let m = layout.value("manager_email", in: f) {
                manager = EmailAddress.normalize(m)
                if !EmailAddress.isValid(manager!) {
                    problems.append("manager_email: invalid address '\(Self.shown(m))'")
                }
            }
            let zoneID = layout.value("timezone", in: f)
            if let zoneID, TimeZone(identifier: zoneID) == nil || !(zoneID.contains("/") || zoneID == "UTC") {
                problems.append("timezone: unknown time zone '\(Self.shown(zoneID))'")
            }
            let team = layout.value("team", in: f)
            if let team, !teams.contains(team) {
                problems.append(
                    "team: no team called '\(Self.shown(team))' in the configuration (\(teams.joined(separator: ", ")))"
                )
            }
            var aliases: [String] = []
            for piece in (layout.value("aliases", in: f) ?? "").split(whereSeparator: { $0 == ";" || $0 == "," }) {
                let alias = EmailAddress.normalize(String(piece))
                if alias.isEmpty { continue }
                if EmailAddress.isValid(alias) {
                    if alias != email && !aliases.contains(alias) { aliases.append(alias) }
                } else {
                    problems.append("aliases: invalid address '\(Self.shown(String(piece)))'")
                }
            }
            if !problems.isEmpty {
                result.rejected.append(RowProblem(line: row.line, reason: problems.joined(separator: "; ")))
                continue
            }
            result.records.append(
                RepRecord(
                    line: row.line, email: email, name: layout.value("name", in: f), team: team,
                    managerEmail: manager, timezoneID: zoneID, aliases: aliases))
        }
        return result
    }

    /// A field's value for a one-line message: trimmed, line breaks and controls escaped, long values cut.
    static func shown(_ value: String) -> String {
        var out = ""
        for scalar in value.trimmingCharacters(in: .whitespaces).unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            if out.count > 200 { return out + "…" }
        }
        return out
    }

    func split(_ bytes: [UInt8], file: String) throws(ImportFileError) -> ([String], [CSVRecord]) {
        var records: [CSVRecord]
        do {
            records = try CSVReader.records(bytes)
        } catch {
            throw ImportFileError(file: file, reason: error.description)
        }
        let header = records.removeFirst()
        if header.droppedFields > 0 {
            throw ImportFileError(
                file: file,
                reason: "line \(header.line): \(Self.columnCount(header)) columns in the header, more than "
                    + "\(CSVReader.maxFields); not a CRM export")
        }
        return (header.fields, records)
    }

    /// Reads `bytes` a record at a time: checks the header and hands its fields to `header`, then each row to
    /// `row`, so that the rows are never all held at once (`split` holds them).
    func readRows(
        _ bytes: [UInt8], file: String, header: ([String]) throws(ImportFileError) -> Void, row: (CSVRecord) -> Void
    ) throws(ImportFileError) {
        var sawHeader = false
        var headerError: ImportFileError?
        do {
            try CSVReader.forEachRecord(bytes) { record in
                guard sawHeader else {
                    sawHeader = true
                    if record.droppedFields > 0 {
                        headerError = ImportFileError(
                            file: file,
                            reason: "line \(record.line): \(Self.columnCount(record)) columns in the header, more "
                                + "than \(CSVReader.maxFields); not a CRM export")
                        return false
                    }
                    do throws(ImportFileError) {
                        try header(record.fields)
                    } catch {
                        headerError = error
                        return false
                    }
                    return true
                }
                row(record)
                return true
            }
        } catch {
            throw ImportFileError(file: file, reason: error.description)
        }
        if let headerError { throw headerError }
    }

    /// A row with more fields than `CSVReader.maxFields` is rejected whole: its columns cannot be trusted.
    static func tooWide(_ row: CSVRecord) -> RowProblem? {
        guard row.droppedFields > 0 else { return nil }
        return RowProblem(
            line: row.line, reason: "\(columnCount(row)) columns, more than \(CSVReader.maxFields); row not read")
    }

    static func columnCount(_ row: CSVRecord) -> Int { row.fields.count + row.droppedFields }

    func missingColumn(_ column: String, mapped: [String]?, header: [String], file: String) -> ImportFileError {
        let wanted = (mapped ?? []).map { "'\($0)'" } + ["'\(column)'"]
        return ImportFileError(
            file: file,
            reason: "line 1: no \(wanted.joined(separator: " or ")) column (headers: \(header.joined(separator: ", ")))"
        )
    }
}
