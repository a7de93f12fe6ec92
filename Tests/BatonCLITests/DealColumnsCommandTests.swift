import BatonCLI
import Foundation
import TestSupport
import Testing

@Suite struct DealColumnsCommandTests {
    @Test("bad deal values are rejected with their line and reason, the good rows imported, exit 65")
    func rejectedDealRows() throws {
        let folder = try CommandLineTests.world()
        try folder.write(
            "leads.csv",
            """
            external_id,email,stage,created_at,amount,currency,closed_at,rejection_reason
            L1,dana@acme.com,won,2026-11-02,12500.00,EUR,2026-11-30,
            L2,erik@northwind.io,opportunity,2026-11-02,"12,5O0",EUR,,
            L3,fatima@globex.example.org,opportunity,2026-11-02,8000,EURO,,
            L4,gus@initech.example.net,lost,2026-11-10,100,GBP,2026-11-09,Went with a competitor
            L5,hana@acme.com,rejected,2026-11-02,,,,No budget

            """)
        let result = try BatonProcess.run(["leads", "import", "leads.csv", "--verbose"], in: folder.path)
        #expect(result.status == 65)
        #expect(
            result.stderr == """
                baton: leads.csv:3: rejected: amount: '12,5O0' is not a number (digits with '.' as the decimal separator, no thousands separators)
                baton: leads.csv:4: rejected: currency: 'EURO' is not an ISO 4217 currency code
                baton: leads.csv:5: rejected: closed_at '2026-11-09' is before created_at '2026-11-10'

                """)
        #expect(result.stdout == "leads.csv: leads: 2 inserted, 0 updated, 0 unchanged, 3 rejected\n")
    }
}
