import BatonCore
import Foundation
import Testing

@testable import CRM

@Suite struct SpendReaderTests {
    static let now = Timestamp.parseInstant("2026-11-30T23:30:00Z")!

    static func read(_ csv: String, now: Int64 = now) throws -> ParsedImport<SpendRecord> {
        try CRMImportReader(config: CRMImportReaderTests.config()).spend(Array(csv.utf8), file: "spend.csv", now: now)
    }

    @Test("rows become exact amounts in minor units, months as YYYY-MM, codes upper-cased")
    func goodRows() throws {
        let parsed = try Self.read(
            """
            source,month,amount,currency
            webinar,2026-10,1200.50,eur
            Ads , 2026-11 ,300,GBP
            events,2026-11,150000,JPY
            webinar,2026-11,0,EUR
            """)
        #expect(parsed.rejected == [])
        #expect(
            parsed.records == [
                SpendRecord(
                    line: 2, source: "webinar", month: YearMonth(year: 2026, month: 10)!,
                    amount: Money(minor: 120_050, currency: "EUR")),
                SpendRecord(
                    line: 3, source: "Ads", month: YearMonth(year: 2026, month: 11)!,
                    amount: Money(minor: 30_000, currency: "GBP")),
                SpendRecord(
                    line: 4, source: "events", month: YearMonth(year: 2026, month: 11)!,
                    amount: Money(minor: 150_000, currency: "JPY")),
                SpendRecord(
                    line: 5, source: "webinar", month: YearMonth(year: 2026, month: 11)!,
                    amount: Money(minor: 0, currency: "EUR")),
            ])
    }

    @Test("each bad row is rejected with its line and every reason; the good rows are kept")
    func badRows() throws {
        let parsed = try Self.read(
            """
            source,month,amount,currency
            webinar,2026-10,"12,5O0",EUR
            webinar,2026-09,-5.00,EUR
            ads,2026-10,10,XYZ
            ads,2026-13,10,EUR
            ads,Nov 2026,10,EUR
            ads,2026-12,10,EUR
            ,2026-10,10,EUR
            ,,,
            ads,2026-10,1.234,EUR
            events,2026-11,99.99,USD
            """)
        #expect(
            parsed.rejected.map(\.description) == [
                "line 2: amount: '12,5O0' is not an amount (digits with '.' as the decimal separator, no thousands separators)",
                "line 3: amount: negative spend '-5.00'",
                "line 4: currency: 'XYZ' is not an ISO 4217 currency code",
                "line 5: month: '2026-13' is not a month (expected YYYY-MM, e.g. 2026-11)",
                "line 6: month: 'Nov 2026' is not a month (expected YYYY-MM, e.g. 2026-11)",
                "line 7: month: 2026-12 is in the future (this month is 2026-11)",
                "line 8: source: empty",
                "line 9: source: empty; month: empty; currency: empty; amount: empty",
                "line 10: amount: '1.234' has more decimals than EUR's 2",
            ])
        #expect(
            parsed.records == [
                SpendRecord(
                    line: 11, source: "events", month: YearMonth(year: 2026, month: 11)!,
                    amount: Money(minor: 9_999, currency: "USD"))
            ])
    }

    @Test("the month of --now is read in the configuration's zone (Europe/London)")
    func monthInZone() throws {
        // 2026-11-30T23:30Z is still November in London (GMT); 2027-01-01T00:30 London is January.
        let csv = "source,month,amount,currency\nads,2026-12,1,EUR\n"
        #expect(try Self.read(csv).records.count == 0)
        #expect(try Self.read(csv, now: Timestamp.parseInstant("2026-12-01T00:00:00Z")!).records.count == 1)
    }

    @Test("two rows with the same source, month and currency are both rejected, each naming the other's line")
    func duplicates() throws {
        let parsed = try Self.read(
            """
            source,month,amount,currency
            ads,2026-10,10,EUR
            ads,2026-10,10,GBP
            ads,2026-10,12,eur
            Ads,2026-10,10,EUR
            """)
        #expect(
            parsed.rejected.map(\.description) == [
                "line 2: source 'ads', month 2026-10 and currency EUR are also on line 4: none of these rows is imported",
                "line 4: source 'ads', month 2026-10 and currency EUR are also on line 2: none of these rows is imported",
            ])
        #expect(parsed.records.map(\.line) == [3, 5])
    }

    @Test("a file without one of the four columns is not read at all, whatever the preset maps")
    func missingColumn() throws {
        #expect(
            throws: ImportFileError(
                file: "spend.csv",
                reason: "line 1: no 'currency' column (a spend file has source, month, amount, currency; "
                    + "headers: source, month, amount)")
        ) {
            try Self.read("source,month,amount\nads,2026-10,10\n")
        }
    }
}
