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

extension DealColumnsCommandTests {
    @Test("the sample world's deal values show in lead show, as text and JSON, with their history")
    func sampleWorld() throws {
        let world = try SampleWorld.temporaryCopy()
        let now = "2026-11-26T17:00:00Z"
        #expect(try BatonProcess.run(["scan", "--now", now], in: world.path).status == 0)
        let json = try BatonProcess.run(["lead", "show", "L-1004", "--json", "--now", now], in: world.path)
        #expect(json.status == 0)
        for line in [
            "  \"amount\": \"12500.00\",\n", "  \"currency\": \"EUR\",\n", "  \"closed_at\": null,\n",
            "  \"rejection_reason\": null,\n",
            """
              "amount_history": [
                {
                  "from": null,
                  "from_currency": null,
                  "to": "12500.00",
                  "to_currency": "EUR",
                  "changed_at": "2026-11-26T17:00:00Z"
                }
              ],
              "reason_history": []
            }

            """,
        ] {
            #expect(json.stdout.contains(line), "\(line)")
        }
        let text = try BatonProcess.run(["lead", "show", "hana.sato@gmail.com", "--now", now], in: world.path)
        #expect(text.status == 0)
        #expect(text.stdout.contains("\namount:    -\nclosed:    -\nreason:    Bad timing: budget review in Q2\n"))
        #expect(
            text.stdout.contains(
                "\n  2026-11-26T17:00:00Z  reason - → Bad timing: budget review in Q2\n"))
        let gbp = try BatonProcess.run(["lead", "show", "fatima@globex.example.org", "--now", now], in: world.path)
        #expect(gbp.stdout.contains("\namount:    8000.00 GBP\n"))
    }
}
