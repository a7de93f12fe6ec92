import BatonCore
import TestSupport
import Testing

@testable import Store

/// `People.forEachLead` (and `leadDirectory` on it): one row per address, grouped back into leads in id order with
/// their addresses in position order; a lead without an address comes with none.
@Suite struct LeadDirectoryTests {
    @Test("leads in id order, addresses in position order, a lead without addresses, owners and domains as stored")
    func grouped() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("s.sqlite"))
        try store.write {
            try store.database.execute(
                """
                INSERT INTO leads (id, external_id, stage, company_domain, owner_email, imported_at, updated_at)
                VALUES (7, 'L7', 'mql', 'acme.com', 'ann@example.com', 1, 1), (3, 'L3', 'sql', NULL, NULL, 1, 1),
                       (5, 'L5', 'mql', 'initech.example', NULL, 1, 1)
                """)
            try store.database.execute(
                """
                INSERT INTO lead_addresses (address, lead_id, position)
                VALUES ('second@acme.com', 7, 1), ('first@acme.com', 7, 0), ('x@gmail.com', 3, 0)
                """)
        }
        let expected = [
            LeadDirectoryEntry(id: 3, addresses: ["x@gmail.com"]),
            LeadDirectoryEntry(id: 5, addresses: [], companyDomain: "initech.example"),
            LeadDirectoryEntry(
                id: 7, addresses: ["first@acme.com", "second@acme.com"], companyDomain: "acme.com",
                ownerEmail: "ann@example.com"),
        ]
        #expect(try store.people.leadDirectory() == expected)
        var handed: [LeadDirectoryEntry] = []
        try store.people.forEachLead { handed.append($0) }
        #expect(handed == expected)
        #expect(try store.people.leadCount() == 3)
    }
}
