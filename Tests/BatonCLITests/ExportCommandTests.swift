import Foundation
import Testing

/// `baton export`: everything stored about a person, in the shape scripts read.
@Suite struct ExportCommandTests {
    static let now = ForgetCommandTests.now

    @Test("export --json gives the lead as lead show does, and the person's messages, meetings and notifications")
    func json() throws {
        let world = try PrivacyWorld.make()
        #expect(try PrivacyWorld.run(world, ["scan", "--now", Self.now]).status == 0)
        let result = try PrivacyWorld.run(world, ["export", PrivacyWorld.alias, "--json", "--now", Self.now])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let export = try PrivacyWorld.json(result) as! [String: Any]
        #expect(export.keys.sorted() == ["address", "lead", "meetings", "messages", "notifications"])
        #expect(export["address"] as? String == PrivacyWorld.alias)
        let show = try PrivacyWorld.run(world, ["lead", "show", PrivacyWorld.address, "--json", "--now", Self.now])
        #expect((export["lead"] as! NSDictionary) == (try PrivacyWorld.json(show) as! NSDictionary))
        let lead = export["lead"] as! [String: Any]
        #expect(lead["amount"] as? String == "4200.00")
        #expect(lead["currency"] as? String == "EUR")
        #expect(lead["closed_at"] is NSNull)
        #expect(lead["rejection_reason"] as? String == PrivacyWorld.reason)
        #expect(
            (lead["amount_history"] as! NSArray) == [
                [
                    "from": NSNull(), "from_currency": NSNull(), "to": "4200.00", "to_currency": "EUR",
                    "changed_at": Self.now,
                ]
            ])
        #expect(
            (lead["reason_history"] as! NSArray) == [
                ["from": NSNull(), "to": PrivacyWorld.reason, "changed_at": Self.now]
            ])
        let messages = export["messages"] as! [[String: Any]]
        #expect(
            messages.map { $0["message_id"] as? String } == [
                "shared-1@othercorp.example", "private-1@quuxcorp.example",
            ])
        #expect(messages.map { $0["sent_at"] as? String } == ["2026-11-02T10:00:00Z", "2026-11-02T12:00:00Z"])
        #expect(messages.map { $0["subject"] as? String } == ["Shared pricing question", "A private matter"])
        let first = messages[0]
        #expect((first["from"] as! NSArray) == [["name": "Olive Other", "address": "olive@othercorp.example"]])
        #expect((first["to"] as! NSArray) == [["name": NSNull(), "address": "ann@example.com"]])
        #expect((first["cc"] as! NSArray) == [["name": PrivacyWorld.name, "address": PrivacyWorld.address]])
        let meetings = export["meetings"] as! [[String: Any]]
        #expect(meetings.map { $0["uid"] as? String } == ["alone-1@example.com", "together-1@example.com"])
        #expect(meetings.map { $0["start"] as? String } == ["2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z"])
        let notifications = export["notifications"] as! [[String: Any]]
        #expect(
            notifications.map { "\($0["level"]!) \($0["policy"]!) \($0["state"]!)" } == ["breach first-response sent"])
        #expect(notifications.map { $0["to"] as! [String] } == [["mia@example.com"]])
    }

    @Test("an address nobody stored exports as an empty record")
    func unknown() throws {
        let world = try PrivacyWorld.make()
        #expect(try PrivacyWorld.run(world, ["scan", "--now", Self.now]).status == 0)
        let result = try PrivacyWorld.run(world, ["export", "Nobody@Elsewhere.example", "--json", "--now", Self.now])
        #expect(
            result.stdout == """
                {
                  "address": "nobody@elsewhere.example",
                  "lead": null,
                  "messages": [],
                  "meetings": [],
                  "notifications": []
                }

                """)
    }

    @Test("export without --json is a readable summary")
    func text() throws {
        let world = try PrivacyWorld.make()
        #expect(try PrivacyWorld.run(world, ["scan", "--now", Self.now]).status == 0)
        let result = try PrivacyWorld.run(world, ["export", PrivacyWorld.address, "--now", Self.now])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                address:   \(PrivacyWorld.address)
                lead:      #1 \(PrivacyWorld.name) (\(PrivacyWorld.address), \(PrivacyWorld.alias))
                           stage mql, owner ann@example.com
                           amount 4200.00 EUR, closed -, reason \(PrivacyWorld.reason)
                messages:  2
                  2026-11-02T10:00:00Z  from olive@othercorp.example  "Shared pricing question"
                  2026-11-02T12:00:00Z  from \(PrivacyWorld.address)  "A private matter"
                meetings:  2
                  2026-11-20T10:00:00Z  scheduled  "Demo"
                  2026-11-21T10:00:00Z  scheduled  "Joint review"
                notifications: 1
                  2026-11-05T12:00:00Z  breach  first-response  sent  to mia@example.com

                """)
    }
}
