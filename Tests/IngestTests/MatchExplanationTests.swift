import BatonCore
import Testing

@testable import Ingest
@testable import Store

@Suite struct MatchExplanationTests {
    /// A message of `MatchingRulesTests.message` with a few extras.
    static func message(
        from: String, to: [String], cc: [String] = [], kind: MessageKind = .message, refs: [String] = [],
        failed: [String] = [], messageID: String? = nil, mailboxRep: String? = nil
    ) -> MessageRecord {
        var m = MatchingRulesTests.message(from: from, to: to, cc: cc, kind: kind, refs: refs)
        m.failedRecipients = failed
        m.messageID = messageID
        m.mailboxRep = mailboxRep
        return m
    }

    /// Stored messages `m1` (lead 1) and `m2` (no lead); `m3` is not stored.
    static func threadLeads(_ refs: [String]) -> [Int64] { refs.contains("m1") ? [1] : [] }
    static func stored(_ refs: [String]) -> [String] { refs.filter { $0 == "m1" || $0 == "m2" } }

    static func explain(_ message: MessageRecord, blocklist: String = "[]", autoCreate: Bool = false) throws
        -> MatchExplanation
    {
        try MatchExplanation.explain(
            message, directory: MatchingRulesTests.directory(blocklist: blocklist, autoCreate: autoCreate),
            alertsFrom: "baton@example.com", threadLeads: threadLeads, storedReferences: stored,
            labels: [1: "dana@acme.com", 2: "lee@acme.com", 3: "hana@gmail.com"])
    }

    static let cases: [(String, MessageRecord, String, Bool)] = [
        ("by address", message(from: "dana@acme.com", to: ["ann@example.com"]), "[]", false),
        ("by domain, the rep's lead", message(from: "jim@acme.com", to: ["ann@example.com"]), "[]", false),
        ("by domain, every lead", message(from: "jim@acme.com", to: ["sales@example.com"]), "[]", false),
        ("no rep", message(from: "jim@acme.com", to: ["mia@example.com"]), "[]", false),
        ("free mail", message(from: "x@gmail.com", to: ["ann@example.com"]), "[]", false),
        ("two leads", message(from: "b@example.com", to: ["Dana@Acme.com"], cc: ["hana+x@gmail.com"]), "[]", false),
        ("thread", message(from: "d@outlook.com", to: ["ann@example.com"], refs: ["m3", "m1"]), "[]", false),
        ("thread of no lead", message(from: "d@outlook.com", to: ["ann@example.com"], refs: ["m2"]), "[]", false),
        ("internal", message(from: "ann@example.com", to: ["bob@example.com"], refs: ["m1"]), "[]", false),
        ("blocklisted", message(from: "x@eu.acme.com", to: ["ann@example.com"]), #"["@acme.com"]"#, false),
        ("bulk", message(from: "dana@acme.com", to: ["ann@example.com"], kind: .bulk), "[]", false),
        (
            "bounce",
            message(
                from: "mailer-daemon@mx.example.com", to: ["ann@example.com"], kind: .bounce,
                failed: ["dana@acme.com", "who@else.org"]), "[]", false
        ),
        ("bounce of nobody", message(from: "postmaster@x.org", to: ["ann@example.com"], kind: .bounce), "[]", false),
        ("auto-create", message(from: "new@prospect.io", to: ["Sales@example.com"]), "[]", true),
        (
            "auto-reply, no auto-create",
            message(from: "new@prospect.io", to: ["sales@example.com"], kind: .autoReply), "[]", true
        ),
    ]

    @Test("explaining runs the scan's matching: the same result, with the evidence added", arguments: cases)
    func agrees(name: String, message: MessageRecord, blocklist: String, autoCreate: Bool) throws {
        let matcher = MessageMatcher(
            directory: try MatchingRulesTests.directory(blocklist: blocklist, autoCreate: autoCreate),
            alertsFrom: "baton@example.com")
        let expected = try matcher.match(message, threadLeads: Self.threadLeads)
        #expect(expected.evidence == nil)
        var explained = try Self.explain(message, blocklist: blocklist, autoCreate: autoCreate).result
        #expect(explained.evidence?.steps.isEmpty == false)
        explained.evidence = nil
        #expect(explained == expected)
    }

    @Test("the loop guard is the matcher's first rule, in the scan's matching as in its evidence")
    func loopGuard() throws {
        let matcher = MessageMatcher(
            directory: try MatchingRulesTests.directory(blocklist: "[]", autoCreate: false),
            alertsFrom: "baton@example.com")
        let answer = Self.message(
            from: "dana@acme.com", to: ["ann@example.com"], kind: .autoReply, refs: ["baton-alert.2a@example.com"])
        #expect(
            try matcher.match(answer, threadLeads: Self.threadLeads)
                == MatchResult(
                    outcome: .loop, detail: "an automatic answer to Baton's alert baton-alert.2a@example.com"))
        let fromBaton = Self.message(from: "baton@example.com", to: ["ann@example.com"])
        let explained = try matcher.explain(fromBaton, threadLeads: Self.threadLeads, storedReferences: Self.stored)
        #expect(explained.outcome == .loop)
        #expect(
            explained.evidence?.steps == [MatchStep(.loop, .stop, .alertLoop(.alertAddress("baton@example.com")))])
        let reply = Self.message(
            from: "dana@acme.com", to: ["ann@example.com"], refs: ["baton-alert.2a@example.com"])
        #expect(try matcher.match(reply, threadLeads: Self.threadLeads).outcome == .matched)
    }

    @Test("a scan's match creates the lead the matcher asks for, then matches again against the new directory")
    func createsThenMatches() throws {
        let matcher = MessageMatcher(
            directory: try MatchingRulesTests.directory(blocklist: "[]", autoCreate: true),
            alertsFrom: "baton@example.com")
        let message = Self.message(from: "new@prospect.io", to: ["sales@example.com"])
        var created: [String] = []
        let result = try matcher.match(message, threadLeads: Self.threadLeads) { address, _ in
            created.append(address)
            return try MatchingRulesTests.directory(
                blocklist: "[]", autoCreate: true, extraLead: (9, "new@prospect.io"))
        }
        #expect(created == ["new@prospect.io"])
        #expect(result.outcome == .matched)
        #expect(result.interactions.map(\.leadID) == [9])
        #expect(result.createLead == nil)
    }

    static func steps(_ e: MatchExplanation) -> [String] {
        e.steps.map { "\($0.rule) \($0.verdict.rawValue): \($0.text)" }
    }

    @Test("a domain match says which address failed, why, and which company leads were taken")
    func domainSteps() throws {
        let e = try Self.explain(
            Self.message(
                from: "jim@acme.com", to: ["ann@example.com"], cc: ["x@gmail.com"], mailboxRep: "ann@example.com"))
        #expect(
            Self.steps(e) == [
                "loop pass: not one of Baton's alerts",
                "blocklist pass: no address is blocklisted",
                "bulk pass: not bulk mail",
                "bounce pass: not a bounce",
                "internal pass: external: jim@acme.com, x@gmail.com",
                "address no_match: no lead with address jim@acme.com",
                "address no_match: no lead with address x@gmail.com",
                "domain matched: jim@acme.com works at acme.com, the company domain of lead #1 (dana@acme.com), "
                    + "lead #2 (lee@acme.com); only those ann@example.com owns",
                "domain no_match: gmail.com is free mail: never matched by company domain",
                "thread not_tried: not tried: matched by address or domain",
                "auto_create not_tried: not tried: a lead matched",
            ])
        #expect(e.direction == .inbound)
        #expect(e.rep == "ann@example.com")
        #expect(e.repReason == "the recipient ann@example.com is a rep")
        #expect(e.result.detail == "lead #1 by domain (jim@acme.com)")
    }

    @Test("leads matched the same way through the same party share one entry of the outcome's detail")
    func detailGroupsLeads() throws {
        let every = try Self.explain(Self.message(from: "jim@acme.com", to: ["sales@example.com"]))
        #expect(every.result.detail == "leads #1, #2 by domain (jim@acme.com)")
        let two = try Self.explain(Self.message(from: "b@example.com", to: ["Dana@Acme.com"], cc: ["hana+x@gmail.com"]))
        #expect(two.result.detail == "lead #1 by address (Dana@Acme.com); lead #3 by address (hana+x@gmail.com)")
        #expect(
            MessageMatcher.detail([
                (7, .domain, "p@acme.com"), (3, .address, "d@acme.com"), (9, .domain, "p@acme.com"),
                (4, .domain, "q@acme.com"), (1, .domain, "p@acme.com"), (5, .address, "d@acme.com"),
            ])
                == "leads #7, #9, #1 by domain (p@acme.com); leads #3, #5 by address (d@acme.com); lead #4 by domain (q@acme.com)"
        )
        #expect(MessageMatcher.detail([]) == "")
    }

    @Test("a thread match is tried only when nothing else matched, and says which References are stored")
    func threadSteps() throws {
        let matched = try Self.explain(
            Self.message(
                from: "d@outlook.com", to: ["b@example.com"], refs: ["m3", "m1"], mailboxRep: "ann@example.com"))
        #expect(
            Self.steps(matched).suffix(4) == [
                "address no_match: no lead with address d@outlook.com",
                "domain no_match: outlook.com is free mail: never matched by company domain",
                "thread matched: it answers stored messages of lead #1 (dana@acme.com)",
                "auto_create not_tried: not tried: a lead matched",
            ])
        #expect(matched.repReason == "the recipient b@example.com is rep bob@example.com")
        let unknown = try Self.explain(Self.message(from: "d@outlook.com", to: ["ann@example.com"], refs: ["m3"]))
        #expect(
            Self.steps(unknown).suffix(2) == [
                "thread no_match: no stored message among References (1 id)",
                "auto_create no_match: auto_create_leads is off",
            ])
        #expect(unknown.result.detail == "no lead among d@outlook.com")
        let noLead = try Self.explain(Self.message(from: "d@outlook.com", to: ["ann@example.com"], refs: ["m2"]))
        #expect(
            Self.steps(noLead).suffix(2).first == "thread no_match: the stored messages it answers (m2) concern no lead"
        )
    }

    @Test("rules that decide without a lead stop the walk: Baton's own alert, blocklist, bulk, internal")
    func stops() throws {
        let loop = try Self.explain(
            Self.message(from: "dana@acme.com", to: ["ann@example.com"], messageID: "baton-alert.1f@example.com"))
        #expect(Self.steps(loop) == ["loop stop: Baton's own alert (Message-ID baton-alert.1f@example.com)"])
        #expect(loop.result.outcome == .loop)
        let blocked = try Self.explain(
            Self.message(from: "x@eu.acme.com", to: ["ann@example.com"]), blocklist: #"["@acme.com"]"#)
        #expect(Self.steps(blocked).last == "blocklist stop: x@eu.acme.com is on the blocklist")
        let bulk = try Self.explain(Self.message(from: "dana@acme.com", to: ["ann@example.com"], kind: .bulk))
        #expect(
            Self.steps(bulk).last == "bulk stop: bulk mail (mailing list or newsletter headers): never logged")
        let internalOnly = try Self.explain(Self.message(from: "ann@example.com", to: ["bob@example.com"]))
        #expect(
            Self.steps(internalOnly).last == "internal stop: only internal addresses (ann@example.com, bob@example.com)"
        )
        #expect(internalOnly.direction == .outbound)
    }

    @Test("a bounce names each failed recipient and whether it is a lead's address")
    func bounce() throws {
        let e = try Self.explain(
            Self.message(
                from: "mailer-daemon@mx.example.com", to: ["ann@example.com"], kind: .bounce,
                failed: ["dana@acme.com", "who@else.org"]))
        #expect(
            Self.steps(e).suffix(2) == [
                "bounce matched: delivery to dana@acme.com failed: lead #1 (dana@acme.com)",
                "bounce no_match: delivery to who@else.org failed; no lead has this address",
            ])
        #expect(e.result.undeliverable == ["dana@acme.com"])
    }

    @Test("auto-creation says why it would or would not create a lead")
    func autoCreate() throws {
        let on = try Self.explain(Self.message(from: "new@prospect.io", to: ["sales@example.com"]), autoCreate: true)
        #expect(
            Self.steps(on).last
                == "auto_create matched: new@prospect.io wrote to sales@example.com: a scan creates a lead for "
                + "new@prospect.io, then matches it by address")
        let auto = try Self.explain(
            Self.message(from: "new@prospect.io", to: ["sales@example.com"], kind: .autoReply), autoCreate: true)
        #expect(Self.steps(auto).last == "auto_create no_match: an auto_reply creates no lead")
        let elsewhere = try Self.explain(
            Self.message(from: "new@prospect.io", to: ["ann@example.com"]), autoCreate: true)
        #expect(Self.steps(elsewhere).last == "auto_create no_match: not written to a sales address")
    }
}
