import BatonCore
import Testing

@testable import Ingest
@testable import Store

/// The rep of a message read from no rep's mailbox (a journal copy, a saved file, a mailbox configured without
/// `rep`): the sender when a rep sent it; else each lead's owner when among the recipients; else the first rep
/// among the recipients; no rep at all, and it is not the sales team's. `MatchingRulesTests.directory`: leads 1
/// (dana@acme.com, Ann's), 2 (lee@acme.com, Bob's), 3 (hana@gmail.com, Ann's); reps ann@ and bob@ (alias b@).
@Suite struct NoMailboxRepRuleTests {
    /// A message with envelope-only recipients as `bcc` participants, and maybe a mailbox rep.
    static func message(
        from: String, to: [String], cc: [String] = [], bcc: [String] = [], mailboxRep: String? = nil
    ) -> MessageRecord {
        var m = MatchingRulesTests.message(from: from, to: to, cc: cc)
        m.participants += bcc.map { ParticipantRecord(role: .bcc, address: $0, name: nil) }
        m.mailboxRep = mailboxRep
        return m
    }

    static func explain(_ message: MessageRecord) throws -> MatchExplanation {
        try MatchExplanation.explain(
            message, directory: MatchingRulesTests.directory(), alertsFrom: "baton@example.com",
            threadLeads: { _ in [] }, storedReferences: { _ in [] },
            labels: [1: "dana@acme.com", 2: "lee@acme.com", 3: "hana@gmail.com"])
    }

    @Test("a rep who sent it is its rep, for every lead")
    func sender() throws {
        let e = try Self.explain(Self.message(from: "b@example.com", to: ["dana@acme.com"], bcc: ["ann@example.com"]))
        #expect(MatchingRulesTests.summary(e.result) == ["matched", "1 outbound bob@example.com address"])
        #expect(e.repReason == "the sender b@example.com is rep bob@example.com")
        #expect(e.steps.map(\.text)[3] == "read from no rep's mailbox; rep bob@example.com took part")
    }

    @Test("a Bcc'd rep counts: a lead's owner among the recipients gets it, otherwise the first rep among them")
    func ownerAmongRecipients() throws {
        // Ann owns lead 1 and is Bcc'd.
        let bcc = try Self.explain(
            Self.message(from: "dana@acme.com", to: ["info@example.com"], bcc: ["ann@example.com"]))
        #expect(MatchingRulesTests.summary(bcc.result) == ["matched", "1 inbound ann@example.com address"])
        #expect(bcc.repReason == "read from no rep's mailbox: the first rep among the recipients, ann@example.com")
        // A list expanded to both reps: each lead goes to its own owner, whichever rep comes first.
        let both = try Self.explain(
            Self.message(
                from: "dana@acme.com", to: ["sales-team@example.com"], cc: ["lee@acme.com"],
                bcc: ["ann@example.com", "bob@example.com"]))
        #expect(
            MatchingRulesTests.summary(both.result) == [
                "matched", "1 inbound ann@example.com address", "2 inbound bob@example.com address",
            ])
        #expect(
            both.repReason
                == "read from no rep's mailbox: the first rep among the recipients, ann@example.com; lead #2 "
                + "(lee@acme.com) credited to their owner, who is among the recipients too")
        // Lead 2's owner is not among the recipients: the first rep among them.
        let other = try Self.explain(
            Self.message(from: "lee@acme.com", to: ["info@example.com"], bcc: ["ann@example.com"]))
        #expect(MatchingRulesTests.summary(other.result) == ["matched", "2 inbound ann@example.com address"])
    }

    @Test("a domain match takes the company's leads the reps among the recipients own")
    func domain() throws {
        let result = try MessageMatcher(directory: try MatchingRulesTests.directory()).match(
            Self.message(from: "jim@acme.com", to: ["info@example.com"], bcc: ["bob@example.com", "ann@example.com"]),
            threadLeads: { _ in [] })
        #expect(
            MatchingRulesTests.summary(result) == [
                "matched", "1 inbound ann@example.com domain", "2 inbound bob@example.com domain",
            ])
    }

    @Test("no rep among its parties: not the sales team's mail, whatever leads it names")
    func noRep() throws {
        let e = try Self.explain(Self.message(from: "dana@acme.com", to: ["mia@example.com"], bcc: ["ops@example.com"]))
        #expect(e.result.outcome == .notSalesTeam)
        #expect(e.result.detail == "no rep among its parties: not the sales team's mail")
        #expect(e.result.interactions == [])
        #expect(
            MatchExplanationTests.steps(e) == [
                "loop pass: not one of Baton's alerts",
                "blocklist pass: no address is blocklisted",
                "bulk pass: not bulk mail",
                "sales_team stop: read from no rep's mailbox and no rep among its parties: not the sales team's mail",
            ])
    }

    @Test("mail to a sales address is the team's: its leads go to their owners")
    func salesAddress() throws {
        let e = try Self.explain(Self.message(from: "lee@acme.com", to: ["sales@example.com"]))
        #expect(MatchingRulesTests.summary(e.result) == ["matched", "2 inbound bob@example.com address"])
        #expect(e.steps.map(\.text)[3] == "read from no rep's mailbox; written to the sales address sales@example.com")
        #expect(e.repReason == "no rep among the addresses or the mailbox: each lead's owner")
    }

    @Test("with a mailbox rep, an envelope recipient never overrides the mailbox's rep")
    func mailboxStands() throws {
        let e = try Self.explain(
            Self.message(
                from: "lee@acme.com", to: ["info@example.com"], bcc: ["bob@example.com"], mailboxRep: "ann@example.com")
        )
        #expect(MatchingRulesTests.summary(e.result) == ["matched", "2 inbound ann@example.com address"])
        #expect(e.repReason == "no recipient is a rep; ann@example.com's mailbox")
        #expect(!e.steps.contains { $0.rule == "sales_team" })
    }
}
