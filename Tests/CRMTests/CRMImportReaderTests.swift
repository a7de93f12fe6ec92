import BatonCore
import Foundation
import Testing

@testable import CRM

@Suite struct CRMImportReaderTests {
    static func config(preset: String = "baton", crmExtra: String = "") throws -> Config {
        let json = """
            {"store": "s.sqlite", "timezone": "Europe/London", "internal_domains": ["example.com"], "sources": [],
             "crm": {"preset": "\(preset)"\(crmExtra)},
             "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},
             "policies": [], "alerts": {"from": "b@example.com", "transport": {"type": "folder", "path": "o"}}}
            """
        return try ConfigLoader.parse(Array(json.utf8), path: "/tmp/baton.json")
    }

    static func time(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }

    @Test("Baton's own format: several addresses, defaults for the company domain, dates in the config's zone")
    func batonFormat() throws {
        let csv = """
            external_id,email,name,company,company_domain,source,stage,owner_email,created_at,mql_at,assigned_at
            L1,Dana@Acme.com; dana.s@gmail.com,Dana,Acme,,webinar,MQL,Ann@Example.com,2026-07-01 09:00,2026-07-01,2026-07-02T10:00:00Z
            L2,x@gmail.com,,,,,,,,,
            """
        let parsed = try CRMImportReader(config: Self.config()).leads(Array(csv.utf8), file: "leads.csv")
        #expect(parsed.rejected == [])
        #expect(
            parsed.records == [
                LeadRecord(
                    line: 2, externalID: "L1", addresses: ["dana@acme.com", "dana.s@gmail.com"], name: "Dana",
                    company: "Acme", companyDomain: "acme.com", source: "webinar", stage: .mql,
                    ownerEmail: "ann@example.com", createdAt: Self.time("2026-07-01T08:00:00Z"),
                    mqlAt: Self.time("2026-06-30T23:00:00Z"), assignedAt: Self.time("2026-07-02T10:00:00Z")),
                LeadRecord(line: 3, externalID: "L2", addresses: ["x@gmail.com"], companyDomain: nil),
            ])
    }

    @Test("bad rows are rejected with the line where the record starts and every reason")
    func badRows() throws {
        let csv = """
            email,stage,created_at
            ,mql,
            "bad address",mql,
            ok@acme.com,qualified,31/12/2026
            "multi
            line@acme.com",new,
            fine@acme.com,new,2026-11-02
            """
        let parsed = try CRMImportReader(config: Self.config()).leads(Array(csv.utf8), file: "leads.csv")
        #expect(
            parsed.rejected == [
                RowProblem(line: 2, reason: "no address (the email field is empty)"),
                RowProblem(line: 3, reason: "invalid address 'bad address'"),
                RowProblem(
                    line: 4,
                    reason:
                        "unknown stage 'qualified' (map it in crm.stage_map); created_at: unparseable date '31/12/2026' (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)"
                ),
                RowProblem(line: 5, reason: "invalid address 'multi\\nline@acme.com'"),
            ])
        #expect(parsed.records.map(\.addresses) == [["fine@acme.com"]])
        #expect(parsed.records.map(\.line) == [7])
    }

    @Test("a file without an email column cannot be imported")
    func noEmailColumn() throws {
        #expect(throws: ImportFileError(file: "x.csv", reason: "line 1: no 'email' column (headers: name, stage)")) {
            try CRMImportReader(config: Self.config()).leads(Array("name,stage\nA,mql\n".utf8), file: "x.csv")
        }
    }

    @Test("a leads file read a row at a time: the same records from UTF-8, UTF-8 with a BOM and Windows-1252")
    func encodings() throws {
        let csv = "email,name\nrene@acme.com,Ren\u{E9}\n\nzoe@acme.com,Zo\u{EB}\n"
        let reader = try CRMImportReader(config: Self.config())
        let utf8 = try reader.leads(Array(csv.utf8), file: "x.csv")
        #expect(utf8.records.map(\.name) == ["Ren\u{E9}", "Zo\u{EB}"])
        #expect(utf8.records.map(\.line) == [2, 4])
        #expect(try reader.leads([0xEF, 0xBB, 0xBF] + Array(csv.utf8), file: "x.csv").records == utf8.records)
        let latin = csv.unicodeScalars.map { UInt8($0.value) }
        #expect(try reader.leads(latin, file: "x.csv").records == utf8.records)
    }

    @Test("the header is checked before any row is read: a missing email column is named, not a later broken quote")
    func headerFirst() throws {
        #expect(throws: ImportFileError(file: "x.csv", reason: "line 1: no 'email' column (headers: name, stage)")) {
            try CRMImportReader(config: Self.config()).leads(Array("name,stage\nA,\"mql\n".utf8), file: "x.csv")
        }
        let wide = String(repeating: "h,", count: CSVReader.maxFields) + "email\na@acme.com\n"
        #expect(
            throws: ImportFileError(
                file: "x.csv",
                reason: "line 1: \(CSVReader.maxFields + 1) columns in the header, more than "
                    + "\(CSVReader.maxFields); not a CRM export")
        ) {
            try CRMImportReader(config: Self.config()).leads(Array(wide.utf8), file: "x.csv")
        }
        #expect(throws: ImportFileError(file: "x.csv", reason: CSVError.unterminatedQuote(line: 3).description)) {
            let broken = "email\na@acme.com\n\"b@acme.com\n"
            return try CRMImportReader(config: Self.config()).leads(Array(broken.utf8), file: "x.csv")
        }
    }

    @Test(
        "HubSpot lifecycle stages and Salesforce lead statuses map onto Baton's stages",
        arguments: [
            (
                "hubspot", "Record ID,Email,First Name,Last Name,Lifecycle Stage,Original Source",
                "marketingqualifiedlead", Stage.mql
            ),
            (
                "hubspot", "Record ID,Email,First Name,Last Name,Lifecycle Stage,Original Source",
                "Sales Qualified Lead", .sql
            ),
            ("hubspot", "Record ID,Email,First Name,Last Name,Lifecycle Stage,Original Source", "customer", .won),
            ("salesforce", "Lead ID,Email,First Name,Last Name,Lead Status,Lead Source", "Open - Not Contacted", .mql),
            (
                "salesforce", "Lead ID,Email,First Name,Last Name,Lead Status,Lead Source", "Working - Contacted",
                .accepted
            ),
            ("salesforce", "Lead ID,Email,First Name,Last Name,Lead Status,Lead Source", "Closed - Converted", .sql),
            (
                "salesforce", "Lead ID,Email,First Name,Last Name,Lead Status,Lead Source", "Closed - Not Converted",
                .rejected
            ),
        ])
    func presets(preset: String, header: String, value: String, stage: Stage) throws {
        let csv = "\(header)\n901,erik@northwind.io,Erik,Nilsen,\(value),Paid Search\n"
        let parsed = try CRMImportReader(config: Self.config(preset: preset)).leads(Array(csv.utf8), file: "x.csv")
        #expect(parsed.rejected == [])
        #expect(
            parsed.records == [
                LeadRecord(
                    line: 2, externalID: "901", addresses: ["erik@northwind.io"], name: "Erik Nilsen",
                    companyDomain: "northwind.io", source: "Paid Search", stage: stage)
            ])
    }

    @Test("the configuration's columns and stage_map override the preset")
    func overrides() throws {
        let extra = #", "columns": {"email": "E-Mail", "stage": "Phase"}, "stage_map": {"Hot": "sql"}"#
        let csv = "E-Mail,Phase,Contact owner\na@acme.com,hot,Jane Doe\n"
        let parsed = try CRMImportReader(config: Self.config(preset: "hubspot", crmExtra: extra)).leads(
            Array(csv.utf8), file: "x.csv")
        #expect(parsed.records.map(\.stage) == [.sql])
        #expect(parsed.records.map(\.ownerEmail) == [nil])
        #expect(
            parsed.warnings == [
                RowProblem(line: 2, reason: "owner 'Jane Doe' is not an address: imported as unassigned")
            ])
    }

    @Test("rep rows: aliases, unknown teams and zones are rejected with reasons")
    func reps() throws {
        let csv = """
            email,name,team,manager_email,timezone,aliases
            Ann@Example.com,Ann,emea,mia@example.com,Europe/London,ann.a@example.com;ANN@example.com
            bob@example.com,Bob,apac,,Mars/Base,
            ,Nobody,,,,
            """
        let parsed = try CRMImportReader(config: Self.config()).reps(Array(csv.utf8), file: "reps.csv")
        #expect(
            parsed.records == [
                RepRecord(
                    line: 2, email: "ann@example.com", name: "Ann", team: "emea", managerEmail: "mia@example.com",
                    timezoneID: "Europe/London", aliases: ["ann.a@example.com"])
            ])
        #expect(
            parsed.rejected == [
                RowProblem(
                    line: 3,
                    reason:
                        "timezone: unknown time zone 'Mars/Base'; team: no team called 'apac' in the configuration (emea)"
                ),
                RowProblem(line: 4, reason: "no address (the email field is empty)"),
            ])
    }
}
