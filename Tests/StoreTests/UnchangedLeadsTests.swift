import BatonCore
import CRM
import Foundation
import TestSupport
import Testing

@testable import Store

/// A leads import skips the records that leave their lead as it is (`People.unchangedLeads`): it must end exactly as
/// reading every record's lead by itself does.
@Suite struct UnchangedLeadsTests {
    static let first = """
        external_id,email,name,company,source,stage,owner_email,created_at,mql_at
        L1,dana@acme.com,Dana,Acme,webinar,mql,,2026-11-02 09:00,2026-11-02 10:00
        L2,erik@northwind.io;erik@gmail.com,Erik,Northwind,paid search,new,,2026-11-03,
        L3,lee@initech.com,Lee,Initech,event,mql,,2026-11-04,2026-11-04
        L5,kim@globex.com,Kim,Globex,event,new,,2026-11-05,
        ,hana@gmail.com,Hana,,referral,nurture,,,
        """

    /// Line 2 changes L1 by address before L1's own line, equal to the stored lead, puts it back; L3 is given twice,
    /// changed then as stored; L2's addresses change order; L4 claims L1's address; L5 and Hana's blank fields keep
    /// the stored values.
    static let second = """
        external_id,email,name,company,source,stage,owner_email,created_at,mql_at
        ,dana@acme.com,Dana D,,,,,,
        L1,dana@acme.com,Dana,Acme,webinar,mql,,2026-11-02 09:00,2026-11-02 10:00
        L2,erik@gmail.com;erik@northwind.io,Erik,Northwind,paid search,new,,2026-11-03,
        L3,lee@initech.com,Lee Chen,Initech,event,mql,,2026-11-04,2026-11-04
        L3,lee@initech.com,Lee,Initech,event,mql,,2026-11-04,2026-11-04
        L4,dana@acme.com,Dee,,,,,,
        L5,kim@globex.com,,,,,,,
        ,hana@gmail.com,,,,,,,
        """

    /// Every row of the tables an import writes.
    static func dump(_ store: BatonStore) throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        for table in [
            "leads", "lead_addresses", "stage_history", "owner_history", "amount_history", "reason_history", "imports",
        ] {
            rows.append([.text(table)])
            rows += try store.database.query("SELECT * FROM \(table) ORDER BY 1, 2").map(\.values)
        }
        return rows
    }

    @Test("skipping the leads a file leaves as they are ends as reading each one: summaries and every row")
    func sameAsReadingEveryLead() throws {
        let folder = try TemporaryFolder()
        let skipping = try BatonStore(path: folder.file("skipping.sqlite"))
        let reading = try BatonStore(path: folder.file("reading.sqlite"))
        let t0 = ImportTests.at("2026-11-10T08:00:00Z")
        var summaries: [ImportSummary] = []
        for (n, file) in [Self.first, Self.second, Self.second, Self.first].enumerated() {
            let records = try ImportTests.leads(file).records
            if n == 1 {
                // Skipped: L1's line (lead 1), the last of L3's (lead 3), L5's (lead 4). Not the lines without an
                // external id, L2's reordered addresses, L3's first (another of L3's comes later), nor L4 (new).
                #expect(try skipping.people.unchangedLeads(records) == [nil, 1, nil, nil, 3, nil, 4, nil])
            }
            let time = t0 + Int64(n) * 3_600
            let skipped = try skipping.people.importLeads(records, file: "leads.csv", at: time)
            let read = try reading.people.importLeads(records, file: "leads.csv", at: time, skipsUnchanged: false)
            #expect(skipped == read, "import \(n)")
            #expect(try Self.dump(skipping) == Self.dump(reading), "import \(n)")
            summaries.append(skipped)
        }
        let claimed = RowProblem(line: 7, reason: "address dana@acme.com belongs to the lead with external id L1")
        #expect(
            summaries == [
                ImportSummary(inserted: 5, updated: 0, unchanged: 0),
                // Dana D, Dana again, L2's order, Lee Chen, Lee again; L5 and Hana as stored; L4 rejected.
                ImportSummary(inserted: 0, updated: 5, unchanged: 2, rejected: [claimed]),
                // Dana D and Dana again, Lee Chen and Lee again: the rest as stored.
                ImportSummary(inserted: 0, updated: 4, unchanged: 3, rejected: [claimed]),
                // L2's addresses back in their first order; Hana keeps her name, which the first file gives again.
                ImportSummary(inserted: 0, updated: 1, unchanged: 4),
            ])
        let names = try skipping.database.query("SELECT external_id, name FROM leads ORDER BY id").map(\.values)
        #expect(
            names == [
                [.text("L1"), .text("Dana")], [.text("L2"), .text("Erik")], [.text("L3"), .text("Lee")],
                [.text("L5"), .text("Kim")], [.null, .text("Hana")],
            ])
    }
}
