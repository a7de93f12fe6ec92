import Foundation
import TestSupport
import Testing

@Suite struct ReportsConfigCheckTests {
    static func configWith(reports: String) -> String {
        CommandLineTests.config.replacingOccurrences(
            of: #""sources": [],"#, with: #""sources": [], "reports": \#(reports),"#)
    }

    @Test(
        "config check prints reports resolved, rates and revenue as exact decimals; a bad rate exits 78 naming its key")
    func reportsResolved() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write(
            "good.json",
            Self.configWith(
                reports: #"{"currency": "eur", "rates": {"GBP": 1.17, "USD": "0.92"}, "#
                    + #""targets": {"mql_per_month": 30, "revenue_per_quarter": 120000}}"#))
        let result = try BatonProcess.run(["config", "check", "--config=\(good)"], in: folder.path)
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                """
                  "reports": {
                    "currency": "EUR",
                    "rates": {
                      "GBP": "1.17",
                      "USD": "0.92"
                    },
                    "targets": {
                      "mql_per_month": 30,
                      "sql_per_month": null,
                      "revenue_per_quarter": "120000.00"
                    }
                  },
                """))
        let bad = try folder.write("bad.json", Self.configWith(reports: #"{"rates": {"GBP": -1}}"#))
        let refused = try BatonProcess.run(["config", "check", "--config=\(bad)"], in: folder.path)
        #expect(refused.status == 78)
        #expect(
            refused.stderr == """
                baton: \(bad): reports.rates: rates need reports.currency, the currency they convert into
                baton: \(bad): reports.rates.GBP: expected a rate above 0, got -1

                """)
    }
}
