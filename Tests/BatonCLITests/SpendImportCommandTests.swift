import Foundation
import TestSupport
import Testing

@Suite struct SpendImportCommandTests {
    @Test("baton spend import: rejected rows with their line and reason on stderr, the good rows imported, exit 65")
    func rejectedRows() throws {
        let folder = try CommandLineTests.world()
        try folder.write(
            "spend.csv",
            """
            source,month,amount,currency
            webinar,2026-10,1200.50,EUR
            webinar,2026-11,"12,5O0",EUR
            ads,2026-11,300,GBP
            ads,2026-12,10,GBP
            ,2026-11,10,EUR

            """)
        let now = "--now=2026-11-20T10:00:00Z"
        let result = try BatonProcess.run(["spend", "import", "spend.csv", "--json", now], in: folder.path)
        #expect(result.status == 65)
        #expect(
            result.stderr == """
                baton: spend.csv:3: rejected: amount: '12,5O0' is not an amount (digits with '.' as the decimal separator, no thousands separators)
                baton: spend.csv:5: rejected: month: 2026-12 is in the future (this month is 2026-11)
                baton: spend.csv:6: rejected: source: empty

                """)
        #expect(
            result.stdout.hasPrefix(
                "{\n  \"file\": \"spend.csv\",\n  \"kind\": \"spend\",\n  \"inserted\": 2,\n  \"updated\": 0,\n  \"unchanged\": 0,\n  \"rejected\": 3,\n"
            ))
        let again = try BatonProcess.run(["spend", "import", "spend.csv", "--verbose", now], in: folder.path)
        #expect(again.status == 65)
        #expect(again.stdout == "spend.csv: spend: 0 inserted, 0 updated, 2 unchanged, 3 rejected\n")
        let rows = try BatonProcess.sqlite(
            folder.file("Config/var/baton.sqlite"),
            "SELECT source, month, amount_minor, currency FROM spend ORDER BY source")
        #expect(rows == "ads|2026-11|30000|GBP\nwebinar|2026-10|120050|EUR\n")
    }

    @Test("baton spend import: a clean file exits 0 and prints nothing without --verbose; a missing file exits 66")
    func cleanAndMissing() throws {
        let folder = try CommandLineTests.world()
        try folder.write("spend.csv", "source,month,amount,currency\nads,2026-10,10,EUR\n")
        let result = try BatonProcess.run(
            ["spend", "import", "spend.csv", "--now=2026-11-20T10:00:00Z"], in: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
        let missing = try BatonProcess.run(["spend", "import", "nope.csv"], in: folder.path)
        #expect(missing.status == 66)
        #expect(missing.stderr == "baton: nope.csv: no such file\n")
    }
}
