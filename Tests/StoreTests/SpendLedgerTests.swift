import BatonCore
import CRM
import Foundation
import TestSupport
import Testing

@testable import Store

@Suite struct SpendLedgerTests {
    static let now = ImportTests.at("2026-11-20T10:00:00Z")

    static func spend(_ csv: String) throws -> ParsedImport<SpendRecord> {
        try CRMImportReader(config: ImportTests.config).spend(Array(csv.utf8), file: "spend.csv", now: now)
    }

    static func stored(_ store: BatonStore) throws -> [[SQLValue]] {
        try store.database.query(
            "SELECT source, month, amount_minor, currency, imported_at FROM spend ORDER BY month, source, currency"
        ).map(\.values)
    }

    static let file = """
        source,month,amount,currency
        webinar,2026-10,1200.50,EUR
        webinar,2026-11,800,EUR
        ads,2026-10,300,GBP
        ads,2026-10,-1,EUR
        """

    @Test("an import inserts each good row in minor units and logs itself; the file's rejections are reported")
    func firstImport() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let parsed = try Self.spend(Self.file)
        let summary = try store.spend.importSpend(
            parsed.records, rejected: parsed.rejected, file: "spend.csv", at: Self.now)
        #expect(
            summary
                == ImportSummary(
                    inserted: 3, updated: 0, unchanged: 0,
                    rejected: [RowProblem(line: 5, reason: "amount: negative spend '-1'")]))
        #expect(
            try Self.stored(store) == [
                [.text("ads"), .text("2026-10"), .integer(30_000), .text("GBP"), .integer(Self.now)],
                [.text("webinar"), .text("2026-10"), .integer(120_050), .text("EUR"), .integer(Self.now)],
                [.text("webinar"), .text("2026-11"), .integer(80_000), .text("EUR"), .integer(Self.now)],
            ])
        #expect(
            try store.database.query("SELECT kind, file, inserted, updated, unchanged, rejected FROM imports").map(
                \.values) == [
                    [.text("spend"), .text("spend.csv"), .integer(3), .integer(0), .integer(0), .integer(1)]
                ])
    }

    @Test(
        "importing the same file again writes nothing; a changed amount updates its row only, rows not in the file stay"
    )
    func reimport() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let first = try Self.spend(Self.file)
        _ = try store.spend.importSpend(first.records, file: "spend.csv", at: Self.now)
        let before = try Self.stored(store)
        let changesBefore = try store.database.scalar("SELECT total_changes()")
        let again = try store.spend.importSpend(first.records, file: "spend.csv", at: Self.now + 60)
        #expect(again == ImportSummary(inserted: 0, updated: 0, unchanged: 3))
        #expect(try store.database.scalar("SELECT total_changes()") == changesBefore)
        #expect(try Self.stored(store) == before)
        #expect(try store.database.scalar("SELECT count(*) FROM imports") == .integer(1))

        let later = Self.now + 3600
        let changed = try Self.spend(
            """
            source,month,amount,currency
            webinar,2026-10,1250,EUR
            ads,2026-10,300.00,GBP
            ads,2026-11,50,USD
            """)
        let summary = try store.spend.importSpend(changed.records, file: "spend.csv", at: later)
        #expect(summary == ImportSummary(inserted: 1, updated: 1, unchanged: 1))
        #expect(
            try Self.stored(store) == [
                [.text("ads"), .text("2026-10"), .integer(30_000), .text("GBP"), .integer(Self.now)],
                [.text("webinar"), .text("2026-10"), .integer(125_000), .text("EUR"), .integer(later)],
                [.text("ads"), .text("2026-11"), .integer(5_000), .text("USD"), .integer(later)],
                [.text("webinar"), .text("2026-11"), .integer(80_000), .text("EUR"), .integer(Self.now)],
            ])
    }

    @Test("the reports' read: every row of a month range, both ends included, typed as Money")
    func rowsOfMonths() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        let parsed = try Self.spend(
            """
            source,month,amount,currency
            ads,2026-08,1,EUR
            ads,2026-09,2,EUR
            webinar,2026-10,3,JPY
            ads,2026-10,4.5,EUR
            ads,2026-11,5,EUR
            """)
        _ = try store.spend.importSpend(parsed.records, file: "spend.csv", at: Self.now)
        let rows = try store.spend.rows(
            from: YearMonth(year: 2026, month: 9)!, through: YearMonth(year: 2026, month: 10)!)
        #expect(
            rows == [
                StoredSpend(
                    source: "ads", month: YearMonth(year: 2026, month: 9)!, amount: Money(minor: 200, currency: "EUR"),
                    importedAt: Self.now),
                StoredSpend(
                    source: "ads", month: YearMonth(year: 2026, month: 10)!, amount: Money(minor: 450, currency: "EUR"),
                    importedAt: Self.now),
                StoredSpend(
                    source: "webinar", month: YearMonth(year: 2026, month: 10)!,
                    amount: Money(minor: 3, currency: "JPY"),
                    importedAt: Self.now),
            ])
    }

    @Test("the migration keeps the imports log and its history links, and lets imports.kind be spend")
    func migrationKeepsImports() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("m.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrations.migrate(db, to: Migrations.currentVersion - 1)
            try db.execute(
                "INSERT INTO imports (kind, file, imported_at, inserted, updated, unchanged, rejected) VALUES (?, ?, ?, 1, 0, 0, 0)",
                "leads", "leads.csv", 5)
            try db.execute("INSERT INTO leads (external_id, stage, imported_at, updated_at) VALUES ('L1', 'mql', 5, 5)")
            try db.execute(
                "INSERT INTO stage_history (lead_id, old_stage, new_stage, changed_at, import_id) VALUES (1, NULL, 'mql', 5, 1)"
            )
        }
        let store = try BatonStore(path: path)
        #expect(
            try store.database.query("SELECT id, kind, file FROM imports").map(\.values) == [
                [.integer(1), .text("leads"), .text("leads.csv")]
            ])
        #expect(try store.database.query("PRAGMA foreign_key_check").isEmpty)
        #expect(try store.database.scalar("SELECT import_id FROM stage_history") == .integer(1))
        try store.database.execute(
            "INSERT INTO imports (kind, file, imported_at, inserted, updated, unchanged, rejected) VALUES ('spend', 's', 6, 1, 0, 0, 0)"
        )
    }
}
