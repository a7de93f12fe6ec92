import BatonCore
import CRM
import Foundation
import TestSupport
import Testing

@testable import Store

/// A lead's deal columns in the store: the amount as minor units and a code, its close and the reason, and the
/// history a change of amount or reason writes.
@Suite struct DealHistoryTests {
    static let at = ImportTests.at

    static let file = """
        external_id,email,stage,created_at,amount,currency,closed_at,rejection_reason
        L1,dana@acme.com,opportunity,2026-11-02,12500.50,EUR,,
        L2,erik@northwind.io,rejected,2026-11-03,,,,No budget
        L3,gus@initech.example.net,won,2026-11-04,8000,GBP,2026-11-20 15:30,
        """

    static func amounts(_ store: BatonStore) throws -> [[SQLValue]] {
        try store.database.query(
            """
            SELECT l.external_id, h.old_minor, h.old_currency, h.new_minor, h.new_currency, h.changed_at
            FROM amount_history h JOIN leads l ON l.id = h.lead_id ORDER BY h.id
            """
        ).map(\.values)
    }

    static func reasons(_ store: BatonStore) throws -> [[SQLValue]] {
        try store.database.query(
            """
            SELECT l.external_id, h.old_reason, h.new_reason, h.changed_at
            FROM reason_history h JOIN leads l ON l.id = h.lead_id ORDER BY h.id
            """
        ).map(\.values)
    }

    @Test("a new lead's amount is stored as INTEGER minor units with its code; its first amount and reason are history")
    func insert() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let t0 = Self.at("2026-11-21T08:00:00Z")
        let summary = try store.people.importLeads(ImportTests.leads(Self.file), file: "leads.csv", at: t0)
        #expect(summary == ImportSummary(inserted: 3))
        #expect(
            try store.database.query(
                "SELECT external_id, amount_minor, typeof(amount_minor), currency, closed_at, rejection_reason FROM leads ORDER BY id"
            ).map(\.values) == [
                [.text("L1"), .integer(1_250_050), .text("integer"), .text("EUR"), .null, .null],
                [.text("L2"), .null, .text("null"), .null, .null, .text("No budget")],
                [
                    .text("L3"), .integer(800_000), .text("integer"), .text("GBP"),
                    .integer(Self.at("2026-11-20T15:30:00Z")), .null,
                ],
            ])
        #expect(
            try Self.amounts(store) == [
                [.text("L1"), .null, .null, .integer(1_250_050), .text("EUR"), .integer(t0)],
                [.text("L3"), .null, .null, .integer(800_000), .text("GBP"), .integer(t0)],
            ])
        #expect(try Self.reasons(store) == [[.text("L2"), .null, .text("No budget"), .integer(t0)]])
        let detail = try #require(try store.people.lead("L3"))
        #expect(detail.lead.amount == Money(minor: 800_000, currency: "GBP"))
        #expect(detail.lead.closedAt == Self.at("2026-11-20T15:30:00Z"))
        #expect(detail.lead.rejectionReason == nil)
        #expect(
            detail.amountHistory == [
                AmountHistoryEntry(old: nil, new: Money(minor: 800_000, currency: "GBP"), changedAt: t0, importID: 1)
            ])
        #expect(
            try store.people.lead("L2")?.reasonHistory == [
                HistoryEntry(old: nil, new: "No budget", changedAt: t0, importID: 1)
            ])
    }

    @Test("an unchanged re-import writes no history; a changed amount, currency or reason writes one row each")
    func changes() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let t0 = Self.at("2026-11-21T08:00:00Z")
        _ = try store.people.importLeads(ImportTests.leads(Self.file), file: "leads.csv", at: t0)
        let again = try store.people.importLeads(
            ImportTests.leads(Self.file), file: "leads.csv", at: Self.at("2026-11-22T08:00:00Z"))
        #expect(again == ImportSummary(unchanged: 3))
        #expect(try Self.amounts(store).count == 2)
        #expect(try Self.reasons(store).count == 1)

        let t1 = Self.at("2026-11-23T08:00:00Z")
        let changed = """
            external_id,email,amount,currency,rejection_reason
            L1,dana@acme.com,14000,EUR,
            L2,erik@northwind.io,,,Bought a competitor's product
            L3,gus@initech.example.net,8000,USD,
            """
        #expect(
            try store.people.importLeads(ImportTests.leads(changed), file: "leads.csv", at: t1)
                == ImportSummary(updated: 3))
        #expect(
            try Self.amounts(store) == [
                [.text("L1"), .null, .null, .integer(1_250_050), .text("EUR"), .integer(t0)],
                [.text("L3"), .null, .null, .integer(800_000), .text("GBP"), .integer(t0)],
                [.text("L1"), .integer(1_250_050), .text("EUR"), .integer(1_400_000), .text("EUR"), .integer(t1)],
                [.text("L3"), .integer(800_000), .text("GBP"), .integer(800_000), .text("USD"), .integer(t1)],
            ])
        #expect(
            try Self.reasons(store) == [
                [.text("L2"), .null, .text("No budget"), .integer(t0)],
                [.text("L2"), .text("No budget"), .text("Bought a competitor's product"), .integer(t1)],
            ])
        // An empty field leaves the stored value as it was, like every other column: no history either.
        let blank = "external_id,email,amount,currency,closed_at,rejection_reason\nL2,erik@northwind.io,,,,\n"
        #expect(
            try store.people.importLeads(ImportTests.leads(blank), file: "leads.csv", at: t1 + 60)
                == ImportSummary(unchanged: 1))
        #expect(try Self.reasons(store).count == 2)
        #expect(try store.people.lead("L2")?.lead.rejectionReason == "Bought a competitor's product")
    }

    @Test("the store refuses an amount that is not whole minor units, or a currency without an amount")
    func constraints() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        #expect(throws: StoreError.self) {
            try store.database.execute(
                "INSERT INTO leads (stage, imported_at, updated_at, amount_minor, currency) VALUES ('new', 0, 0, ?, 'EUR')",
                12.5)
        }
        #expect(throws: StoreError.self) {
            try store.database.execute(
                "INSERT INTO leads (stage, imported_at, updated_at, currency) VALUES ('new', 0, 0, 'EUR')")
        }
        #expect(throws: StoreError.self) {
            try store.database.execute(
                "INSERT INTO leads (stage, imported_at, updated_at, amount_minor, currency) VALUES ('new', 0, 0, 5, 'eur')"
            )
        }
    }

    @Test("a store at version 7 migrates to 8 with its leads and their history intact, the deal columns empty")
    func fromVersion7() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("m.sqlite")
        var before: [String: [[SQLValue]]] = [:]
        let tables = ["leads", "lead_addresses", "imports", "stage_history", "owner_history"]
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.migrate(db, to: 7)
            try db.executeScript(
                """
                INSERT INTO leads VALUES (1, 'L-1', 'Ann', 'Acme', 'acme.test', 'web', 'mql', 'rep@b.test', 10, 11, 12,
                    13, 14);
                INSERT INTO lead_addresses VALUES ('ann@acme.test', 1, 0);
                INSERT INTO imports VALUES (1, 'leads', '/l.csv', 13, 1, 0, 0, 0);
                INSERT INTO stage_history VALUES (1, 1, NULL, 'mql', 11, 1);
                INSERT INTO owner_history VALUES (1, 1, NULL, 'rep@b.test', 12, 1);
                """)
            for table in tables {
                before[table] = try db.query("SELECT * FROM \(table) ORDER BY rowid").map(\.values)
            }
        }
        let store = try BatonStore(path: path)
        #expect(try store.schemaVersion == Migrations.currentVersion)
        for table in tables {
            let after = try store.database.query("SELECT * FROM \(table) ORDER BY rowid").map(\.values)
            let kept = table == "leads" ? after.map { Array($0.prefix(13)) } : after
            #expect(kept == before[table], "\(table)")
        }
        #expect(
            try store.database.query("SELECT amount_minor, currency, closed_at, rejection_reason FROM leads").map(
                \.values) == [[.null, .null, .null, .null]])
        #expect(try store.database.scalar("SELECT count(*) FROM amount_history") == .integer(0))
        #expect(try store.database.scalar("SELECT count(*) FROM reason_history") == .integer(0))
        let lead = try #require(try store.people.lead("L-1"))
        #expect(lead.lead.amount == nil)
        #expect(lead.amountHistory == [])
    }

    @Test("forgetting a lead erases its amount and reason history and the import only it used")
    func forget() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        _ = try store.people.importLeads(
            ImportTests.leads(Self.file), file: "leads.csv", at: Self.at("2026-11-21T08:00:00Z"))
        let person = PersonSelector(isPerson: { $0 == "erik@northwind.io" }, isInternal: { _ in false })
        let summary = try store.privacy.forget(person, normalize: { $0 }, now: 500, dryRun: false)
        #expect(summary.leads == 1)
        #expect(try Self.reasons(store) == [])
        #expect(try Self.amounts(store).map { $0[0] } == [.text("L1"), .text("L3")])
        #expect(
            try store.database.scalar("SELECT count(*) FROM reason_history WHERE new_reason = 'No budget'")
                == .integer(0))
    }

    @Test("a won or lost lead's stage is dated by closed_at when stage_changed_at is empty, on insert and on update")
    func closingDatesTheStage() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let t0 = Self.at("2026-11-21T08:00:00Z")
        _ = try store.people.importLeads(ImportTests.leads(Self.file), file: "leads.csv", at: t0)
        let t1 = Self.at("2026-11-28T08:00:00Z")
        let later = """
            external_id,email,stage,created_at,closed_at,stage_changed_at
            L1,dana@acme.com,lost,2026-11-02,2026-11-25 10:00,
            L2,erik@northwind.io,won,2026-11-03,2026-11-26 10:00,2026-11-27 09:00
            """
        _ = try store.people.importLeads(ImportTests.leads(later), file: "leads.csv", at: t1)
        #expect(
            try store.database.query(
                """
                SELECT l.external_id, h.old_stage, h.new_stage, h.changed_at
                FROM stage_history h JOIN leads l ON l.id = h.lead_id ORDER BY h.id
                """
            ).map(\.values) == [
                [.text("L1"), .null, .text("opportunity"), .integer(t0)],
                [.text("L2"), .null, .text("rejected"), .integer(t0)],
                [.text("L3"), .null, .text("won"), .integer(Self.at("2026-11-20T15:30:00Z"))],
                [.text("L1"), .text("opportunity"), .text("lost"), .integer(Self.at("2026-11-25T10:00:00Z"))],
                [.text("L2"), .text("rejected"), .text("won"), .integer(Self.at("2026-11-27T09:00:00Z"))],
            ])
    }

    @Test("every lead's deal history in one read, replayable at any moment")
    func dealHistories() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let t0 = Self.at("2026-11-21T08:00:00Z")
        _ = try store.people.importLeads(ImportTests.leads(Self.file), file: "leads.csv", at: t0)
        let t1 = Self.at("2026-11-28T08:00:00Z")
        let later = """
            external_id,email,amount,currency,rejection_reason
            L1,dana@acme.com,13000,EUR,
            L2,erik@northwind.io,,,Bad timing
            """
        _ = try store.people.importLeads(ImportTests.leads(later), file: "leads.csv", at: t1)
        let deals = try store.people.dealHistories()
        #expect(deals.keys.sorted() == [1, 2, 3])
        let l1 = try #require(deals[1])
        #expect(l1.amount(at: t0 - 1) == nil)
        #expect(l1.amount(at: t0) == Money(minor: 1_250_050, currency: "EUR"))
        #expect(l1.amount(at: t1) == Money(minor: 1_300_000, currency: "EUR"))
        #expect(deals[2]?.reason(at: t1 - 1) == "No budget")
        #expect(deals[2]?.reason(at: t1) == "Bad timing")
        #expect(deals[3]?.closedAt == Self.at("2026-11-20T15:30:00Z"))
        #expect(deals[3]?.amounts.count == 1)
    }
}
