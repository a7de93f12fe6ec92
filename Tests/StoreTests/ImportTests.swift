import BatonCore
import CRM
import Foundation
import TestSupport
import Testing

@testable import Store

@Suite struct ImportTests {
    static let config: Config = {
        let json = """
            {"store": "s.sqlite", "timezone": "UTC", "internal_domains": ["example.com"], "sources": [],
             "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},
             "policies": [], "alerts": {"from": "b@example.com", "transport": {"type": "folder", "path": "o"}}}
            """
        return try! ConfigLoader.parse(Array(json.utf8), path: "/tmp/baton.json")
    }()

    static func at(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }

    static func leads(_ csv: String) throws -> ParsedImport<LeadRecord> {
        try CRMImportReader(config: config).leads(Array(csv.utf8), file: "leads.csv")
    }

    static func reps(_ csv: String) throws -> ParsedImport<RepRecord> {
        try CRMImportReader(config: config).reps(Array(csv.utf8), file: "reps.csv")
    }

    /// Every row of every table, for before/after comparisons.
    static func dump(_ store: BatonStore) throws -> [String: [[SQLValue]]] {
        var result: [String: [[SQLValue]]] = [:]
        for table in ["reps", "rep_addresses", "leads", "lead_addresses", "stage_history", "owner_history", "imports"] {
            result[table] = try store.database.query("SELECT * FROM \(table) ORDER BY 1, 2").map(\.values)
        }
        return result
    }

    static let file = """
        external_id,email,name,company,source,stage,owner_email,created_at,mql_at
        L1,dana@acme.com,Dana,Acme,webinar,mql,ann@example.com,2026-11-02 09:00,2026-11-02 10:00
        L2,erik@northwind.io;erik@gmail.com,Erik,Northwind,paid search,new,bob@example.com,2026-11-03,
        ,hana@gmail.com,Hana,,referral,nurture,,,
        """

    @Test("importing the same file twice changes nothing the second time")
    func idempotent() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let first = try store.people.importLeads(
            Self.leads(Self.file), file: "leads.csv", at: Self.at("2026-11-10T08:00:00Z"))
        let unassigned = [
            RowProblem(line: 2, reason: "owner ann@example.com is not a known rep: the lead is unassigned"),
            RowProblem(line: 3, reason: "owner bob@example.com is not a known rep: the lead is unassigned"),
        ]
        #expect(first == ImportSummary(inserted: 3, updated: 0, unchanged: 0, warnings: unassigned))
        let before = try Self.dump(store)
        let second = try store.people.importLeads(
            Self.leads(Self.file), file: "leads.csv", at: Self.at("2026-11-11T08:00:00Z"))
        #expect(second == ImportSummary(inserted: 0, updated: 0, unchanged: 3, warnings: unassigned))
        #expect(try Self.dump(store) == before)
    }

    @Test("a new lead's first stage is dated by its stage timestamp, else the import time")
    func firstStage() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        _ = try store.people.importLeads(Self.leads(Self.file), file: "leads.csv", at: Self.at("2026-11-10T08:00:00Z"))
        let rows = try store.database.query(
            "SELECT l.external_id, h.old_stage, h.new_stage, h.changed_at FROM stage_history h JOIN leads l ON l.id = h.lead_id ORDER BY h.id"
        ).map(\.values)
        #expect(
            rows == [
                [.text("L1"), .null, .text("mql"), .integer(Self.at("2026-11-02T10:00:00Z"))],
                [.text("L2"), .null, .text("new"), .integer(Self.at("2026-11-03T00:00:00Z"))],
                [.null, .null, .text("nurture"), .integer(Self.at("2026-11-10T08:00:00Z"))],
            ])
    }

    @Test("a changed stage writes a history row dated by stage_changed_at, else by the import time")
    func stageHistory() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        _ = try store.people.importLeads(Self.leads(Self.file), file: "a.csv", at: Self.at("2026-11-10T08:00:00Z"))
        let change = """
            external_id,email,stage,stage_changed_at
            L1,dana@acme.com,SQL,2026-11-12 15:30
            L2,erik@northwind.io;erik@gmail.com,accepted,
            """
        let summary = try store.people.importLeads(
            Self.leads(change), file: "b.csv", at: Self.at("2026-11-13T07:00:00Z"))
        #expect(summary == ImportSummary(inserted: 0, updated: 2, unchanged: 0))
        let dana = try #require(try store.people.lead("L1"))
        #expect(dana.lead.stage == "sql")
        #expect(dana.lead.name == "Dana")  // an absent column leaves the stored value
        #expect(
            dana.stageHistory.map { [$0.old, $0.new, Timestamp.format(epochSeconds: $0.changedAt)] } == [
                [nil, "mql", "2026-11-02T10:00:00Z"], ["mql", "sql", "2026-11-12T15:30:00Z"],
            ])
        let erik = try #require(try store.people.lead("erik@gmail.com"))
        #expect(
            erik.stageHistory.last.map { [$0.old, $0.new, Timestamp.format(epochSeconds: $0.changedAt)] } == [
                "new", "accepted", "2026-11-13T07:00:00Z",
            ])
        #expect(
            try store.database.query("SELECT file, inserted, updated, unchanged FROM imports ORDER BY id").map(\.values)
                == [
                    [.text("a.csv"), .integer(3), .integer(0), .integer(0)],
                    [.text("b.csv"), .integer(0), .integer(2), .integer(0)],
                ])
    }

    @Test("a lead without an external id is found by any of its addresses; its addresses follow the file")
    func byAddress() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        _ = try store.people.importLeads(Self.leads(Self.file), file: "a.csv", at: Self.at("2026-11-10T08:00:00Z"))
        let update = "email,company\nhana@gmail.com;hana@sato.jp,Sato KK\n"
        #expect(
            try store.people.importLeads(Self.leads(update), file: "b.csv", at: Self.at("2026-11-11T00:00:00Z")).updated
                == 1)
        let hana = try #require(try store.people.lead("HANA@sato.jp"))
        #expect(hana.lead.addresses == ["hana@gmail.com", "hana@sato.jp"])
        #expect(hana.lead.company == "Sato KK")
        #expect(hana.lead.companyDomain == "sato.jp")
        #expect(try store.people.leads().count == 3)
    }

    @Test("a row whose address belongs to another lead is rejected, the rest imported")
    func clashes() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        _ = try store.people.importLeads(Self.leads(Self.file), file: "a.csv", at: Self.at("2026-11-10T08:00:00Z"))
        let clash = """
            external_id,email
            L9,dana@acme.com
            L1,dana@acme.com;hana@gmail.com
            L10,new@acme.com
            """
        let summary = try store.people.importLeads(
            Self.leads(clash), file: "b.csv", at: Self.at("2026-11-11T00:00:00Z"))
        #expect(summary.inserted == 1)
        #expect(
            summary.rejected == [
                RowProblem(line: 2, reason: "address dana@acme.com belongs to the lead with external id L1"),
                RowProblem(line: 3, reason: "address hana@gmail.com belongs to lead #3"),
            ])
        #expect(try store.people.lead("L1")?.lead.addresses == ["dana@acme.com"])
    }

    @Test("a lead whose owner is no known rep is unassigned until the rep is imported; owner changes are history")
    func owners() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        _ = try store.people.importLeads(Self.leads(Self.file), file: "a.csv", at: Self.at("2026-11-10T08:00:00Z"))
        #expect(try store.people.lead("L1")?.lead.owner == nil)
        #expect(try store.people.lead("L1")?.lead.ownerEmail == "ann@example.com")
        let reps = "email,name,team,aliases\nann.archer@example.com,Ann,emea,ann@example.com\n"
        #expect(
            try store.people.importReps(Self.reps(reps), file: "r.csv", at: Self.at("2026-11-10T09:00:00Z")).inserted
                == 1)
        let dana = try #require(try store.people.lead("dana@acme.com"))
        #expect(dana.lead.owner == "ann.archer@example.com")
        #expect(dana.lead.team == "emea")
        let reassign = "external_id,email,owner_email,assigned_at\nL1,dana@acme.com,bob@example.com,2026-11-12 11:00\n"
        _ = try store.people.importLeads(Self.leads(reassign), file: "b.csv", at: Self.at("2026-11-13T00:00:00Z"))
        #expect(
            try store.people.lead("L1")?.ownerHistory.map {
                [$0.old, $0.new, Timestamp.format(epochSeconds: $0.changedAt)]
            }
                == [
                    [nil, "ann@example.com", "2026-11-10T08:00:00Z"],
                    ["ann@example.com", "bob@example.com", "2026-11-12T11:00:00Z"],
                ])
    }

    @Test("reps: upsert by address, aliases replaced, an alias of another rep rejected, repeat is a no-op")
    func repsImport() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let csv = """
            email,name,team,manager_email,timezone,aliases
            ann@example.com,Ann,emea,mia@example.com,Europe/London,a@example.com
            bob@example.com,Bob,emea,mia@example.com,,a@example.com
            """
        let first = try store.people.importReps(Self.reps(csv), file: "r.csv", at: Self.at("2026-11-10T00:00:00Z"))
        #expect(first.inserted == 1)
        #expect(first.rejected == [RowProblem(line: 3, reason: "address a@example.com already belongs to another rep")])
        let before = try Self.dump(store)
        #expect(
            try store.people.importReps(Self.reps(csv), file: "r.csv", at: Self.at("2026-11-11T00:00:00Z")).unchanged
                == 1)
        #expect(try Self.dump(store) == before)
        let changed = "email,name,aliases\nann@example.com,Ann Archer,ann.archer@example.com\n"
        #expect(
            try store.people.importReps(Self.reps(changed), file: "r2.csv", at: Self.at("2026-11-12T00:00:00Z")).updated
                == 1)
        #expect(
            try store.people.reps() == [
                RepSummary(
                    id: 1, email: "ann@example.com", name: "Ann Archer", team: "emea", managerEmail: "mia@example.com",
                    timezoneID: "Europe/London", aliases: ["ann.archer@example.com"])
            ])
    }

    @Test("an import that fails half way leaves the store as before")
    func atomic() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        _ = try store.people.importLeads(Self.leads(Self.file), file: "a.csv", at: Self.at("2026-11-10T08:00:00Z"))
        let before = try Self.dump(store)
        // A trigger makes the third row's insert fail inside the import's transaction.
        try store.database.execute(
            "CREATE TEMP TRIGGER fail_third BEFORE INSERT ON leads WHEN NEW.external_id = 'X3' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
        let csv = "external_id,email,stage\nX1,x1@a.com,mql\nL1,dana@acme.com,won\nX3,x3@a.com,mql\n"
        #expect(throws: StoreError.self) {
            try store.people.importLeads(Self.leads(csv), file: "b.csv", at: Self.at("2026-11-11T00:00:00Z"))
        }
        #expect(try Self.dump(store) == before)
    }
}
