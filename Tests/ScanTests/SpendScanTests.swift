import BatonCore
import Foundation
import Scan
import TestSupport
import Testing

@testable import Store

@Suite struct SpendScanTests {
    static func spendRows(_ store: BatonStore) throws -> [String] {
        try store.database.query(
            "SELECT source, month, amount_minor, currency, imported_at FROM spend ORDER BY month, source, currency"
        ).map { $0.values.map { "\($0.string ?? $0.int64.map(String.init) ?? "null")" }.joined(separator: " | ") }
    }

    @Test("a scan imports crm.spend_file once, not again while it is unchanged, and its changes when it changes")
    func importsWhenChanged() throws {
        let world = try SampleWorld.temporaryCopy()
        let now = SampleWorldScanTests.now
        let (store, first) = try SampleWorldScanTests.scan(world)
        let spend = first.imports.filter { $0.kind == .spend }
        #expect(spend.map(\.file) == [world.file("Config/spend.csv")])
        #expect(spend.map(\.summary) == [ImportSummary(inserted: 5, updated: 0, unchanged: 0)])
        let imported = try Self.spendRows(store)
        #expect(
            imported == [
                "paid search | 2026-10 | 220050 | GBP | \(now)", "webinar | 2026-10 | 150000 | GBP | \(now)",
                "paid search | 2026-11 | 245075 | GBP | \(now)", "trade show | 2026-11 | 600000 | EUR | \(now)",
                "webinar | 2026-11 | 180000 | GBP | \(now)",
            ])

        let (_, unchanged) = try SampleWorldScanTests.scan(world, at: now + 3600)
        #expect(unchanged.imports.isEmpty)
        #expect(try Self.spendRows(store) == imported)

        try world.write(
            "Config/spend.csv",
            """
            source,month,amount,currency
            webinar,2026-10,1500.00,GBP
            paid search,2026-10,2200.50,GBP
            webinar,2026-11,1950.00,GBP
            paid search,2026-11,2450.75,GBP
            trade show,2026-11,6000.00,EUR
            referral,2026-11,-10,GBP

            """)
        let (_, changed) = try SampleWorldScanTests.scan(world, at: now + 7200)
        #expect(changed.imports.map(\.kind) == [.spend])
        #expect(
            changed.imports.map(\.summary) == [
                ImportSummary(
                    inserted: 0, updated: 1, unchanged: 4,
                    rejected: [RowProblem(line: 7, reason: "amount: negative spend '-10'")])
            ])
        #expect(changed.problems == ["\(world.file("Config/spend.csv")):7: rejected: amount: negative spend '-10'"])
        #expect(changed.worstFailure == .badInput)
        #expect(try Self.spendRows(store)[4] == "webinar | 2026-11 | 195000 | GBP | \(now + 7200)")
    }
}
