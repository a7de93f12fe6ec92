import Foundation
import TestSupport
import Testing

/// `baton explain` on the shipped sample world scanned at the demo's `--now`.
@Suite struct ExplainCommandTests {
    static let now = "2026-11-26T17:00:00Z"

    /// A scanned copy of the sample world.
    static func scannedWorld() throws -> TemporaryFolder {
        let world = try SampleWorld.temporaryCopy()
        let scan = try BatonProcess.run(["scan", "--now", now], in: world.path)
        #expect(scan.status == 0)
        return world
    }

    static func explain(_ argument: String, in world: TemporaryFolder, json: Bool = false) throws
        -> BatonProcess.Result
    {
        try BatonProcess.run(["explain", argument, "--now", now] + (json ? ["--json"] : []), in: world.path)
    }

    /// The lines from the one starting with `start` up to, not including, the next one starting with `end`.
    static func section(_ text: String, from start: String, to end: String?) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.hasPrefix(start) }) else { return "" }
        let last = end.flatMap { e in lines[(first + 1)...].firstIndex { $0.hasPrefix(e) } } ?? lines.endIndex
        return lines[first..<last].joined(separator: "\n")
    }

    @Test("a message matched by address: parsed fields, sightings, outcome, every rule, interaction and clock")
    func byAddress() throws {
        let world = try Self.scannedWorld()
        let result = try Self.explain("<dana-1@acme-robotics.com>", in: world)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(
            result.stdout == """
                message <dana-1@acme-robotics.com>
                  dedupe key:  mid:dana-1@acme-robotics.com
                  time:        2026-11-16T08:12:00Z, from its Date header
                  from:        Dana Scully <dana@acme-robotics.com>
                  to:          Ann Archer <ann@example.com>
                  subject:     "Question about your robotics integration"
                  kind:        message: no bounce, auto-reply or mailing-list headers
                  mailbox of:  ann@example.com
                scanned at 2026-11-26T17:00:00Z; seen in 2 places:
                  \(world.path)/Mail/ann.mbox @0
                  \(world.path)/Mail/drop
                    processed/1764010800.M3P5001.mx.example.com#1
                outcome at scan: matched: lead #1 by address (dana@acme-robotics.com)
                matching now, with today's leads and reps:
                  loop        pass       not one of Baton's alerts
                  blocklist   pass       no address is blocklisted
                  bulk        pass       not bulk mail
                  bounce      pass       not a bounce
                  internal    pass       external: dana@acme-robotics.com
                  address     matched    dana@acme-robotics.com is the address of lead #1 (dana@acme-robotics.com)
                  thread      not_tried  not tried: matched by address or domain
                  auto_create not_tried  not tried: a lead matched
                  → matched: lead #1 by address (dana@acme-robotics.com); inbound, rep ann@example.com (the
                    recipient ann@example.com is a rep)
                interactions:
                  #1 dana@acme-robotics.com: inbound email at 2026-11-16T08:12:00Z, rep ann@example.com, by address
                clocks at 2026-11-26T17:00:00Z:
                  reply clock #1 of lead #1 dana@acme-robotics.com started, due 2026-11-17T09:00:00Z; now met

                """)
    }

    @Test("a message matched by company domain says the address was no lead's and whose domain it is")
    func byDomain() throws {
        let world = try Self.scannedWorld()
        let result = try Self.explain("jim-1@acme-robotics.com", in: world)
        #expect(result.status == 0)
        #expect(
            Self.section(result.stdout, from: "  address", to: "  thread") == """
                  address     no_match   no lead with address jim@acme-robotics.com
                  domain      matched    jim@acme-robotics.com works at acme-robotics.com, the company domain of
                                         lead #1 (dana@acme-robotics.com)
                """)
        #expect(result.stdout.contains("outcome at scan: matched: lead #1 by domain (jim@acme-robotics.com)\n"))
        #expect(
            Self.section(result.stdout, from: "clocks at", to: nil) == """
                clocks at 2026-11-26T17:00:00Z:
                  reply clock #2 of lead #1 dana@acme-robotics.com started, due 2026-11-18T09:00:00Z; now breached,
                    59h 00m late

                """)
    }

    @Test("a reply from a free-mail address is matched by thread; the reply clock was already running")
    func byThread() throws {
        let world = try Self.scannedWorld()
        let result = try Self.explain("dana-2@outlook.com", in: world)
        #expect(result.status == 0)
        #expect(result.stdout.contains("  references:  ann-1@example.com dana-1@acme-robotics.com\n"))
        #expect(
            Self.section(result.stdout, from: "  address", to: "interactions") == """
                  address     no_match   no lead with address d.scully@outlook.com
                  domain      no_match   outlook.com is free mail: never matched by company domain
                  thread      matched    it answers stored messages of lead #1 (dana@acme-robotics.com)
                  auto_create not_tried  not tried: a lead matched
                  → matched: lead #1 by thread (ann-1@example.com dana-1@acme-robotics.com); inbound, rep
                    ann@example.com (the recipient ann@example.com is a rep)
                """)
        #expect(
            Self.section(result.stdout, from: "interactions", to: nil) == """
                interactions:
                  #1 dana@acme-robotics.com: inbound email at 2026-11-19T08:00:00Z, rep ann@example.com, by thread
                clocks at 2026-11-26T17:00:00Z:
                  reply clock #2 of lead #1 dana@acme-robotics.com was already running since 2026-11-17T09:00:00Z
                    (an earlier email waits for an answer); now breached, 59h 00m late

                """)
    }

    @Test("bulk mail shows the headers that made it bulk, and matching stops there")
    func bulk() throws {
        let world = try Self.scannedWorld()
        let result = try Self.explain("issue-47@vendor-news.example.net", in: world)
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                """
                  kind:        bulk: List-Id: Vendor News <news.vendor-news.example.net>; List-Unsubscribe header;
                               Precedence: bulk

                """))
        #expect(
            Self.section(result.stdout, from: "outcome at scan", to: nil) == """
                outcome at scan: bulk: bulk mail (mailing list or newsletter headers)
                matching now, with today's leads and reps:
                  loop        pass       not one of Baton's alerts
                  blocklist   pass       no address is blocklisted
                  bulk        stop       bulk mail (mailing list or newsletter headers): never logged
                  → bulk: bulk mail (mailing list or newsletter headers)
                interactions:
                  (none: the message concerns no lead)
                clocks at 2026-11-26T17:00:00Z:
                  (no interaction: no clock moved)

                """)
    }

    @Test("mail between reps only is internal; --json gives the steps and the stored outcome")
    func internalOnly() throws {
        let world = try Self.scannedWorld()
        let result = try Self.explain("ann-2@example.com", in: world, json: true)
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["resolved_as"] as? String == "message_id")
        let message = (object["messages"] as! [[String: Any]])[0]
        #expect(message["outcome"] as? String == "internal")
        #expect(message["outcome_detail"] as? String == "only internal addresses")
        #expect(message["scanned"] as? Bool == true)
        #expect((message["interactions"] as! [Any]).isEmpty)
        let rematch = message["rematch"] as! [String: Any]
        #expect(rematch["outcome"] as? String == "internal")
        #expect(rematch["agrees"] as? Bool == true)
        let steps = (rematch["steps"] as! [[String: Any]]).map {
            "\($0["rule"] as! String) \($0["verdict"] as! String): \($0["text"] as! String)"
        }
        #expect(
            steps == [
                "loop pass: not one of Baton's alerts", "blocklist pass: no address is blocklisted",
                "bulk pass: not bulk mail", "bounce pass: not a bounce",
                "internal stop: only internal addresses (ann@example.com, mia@example.com)",
            ])
    }

    @Test("a Maildir file is read as its source's scan reads it and found in the store")
    func maildirFile() throws {
        let world = try Self.scannedWorld()
        let result = try Self.explain("Mail/bob/cur/1763640000.M4P4001.mail.example.com:2,RS", in: world)
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix(
                """
                file: \(world.path)/Mail/bob/cur/1763640000.M4P4001.mail.example.com:2,RS
                source: maildir \(world.path)/Mail/bob (rep bob@example.com)

                message <gus-1@initech.example.net>
                  dedupe key:  mid:gus-1@initech.example.net

                """))
        #expect(
            result.stdout.contains(
                "scanned at 2026-11-26T17:00:00Z; seen in 1 place:\n  \(world.path)/Mail/bob 1763640000.M4P4001.mail.example.com\n"
            ))
        #expect(
            result.stdout.hasSuffix(
                """
                clocks at 2026-11-26T17:00:00Z:
                  reply clock #1 of lead #4 gus@initech.example.net started, due 2026-11-23T12:00:00Z; now met

                """))
    }

    @Test("a processed drop file stands for its forwarded original, found by its inline key")
    func dropFile() throws {
        let world = try Self.scannedWorld()
        let result = try Self.explain("Mail/drop/processed/1764003600.M1P5001.mx.example.com", in: world, json: true)
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["resolved_as"] as? String == "file")
        let file = object["file"] as! [String: Any]
        #expect(file["source"] as? String == world.file("Mail/drop"))
        #expect(file["source_type"] as? String == "drop")
        #expect(file["forwarded_by"] as? String == "ann@example.com")
        let messages = object["messages"] as! [[String: Any]]
        #expect(messages.count == 1)
        let m = messages[0]
        #expect(m["subject"] as? String == "Contract review")
        #expect(m["time_source"] as? String == "forward")
        #expect(m["date"] as? String == "2026-11-24T16:05:00Z")
        #expect((m["dedupe_key"] as? String)?.hasPrefix("inline:") == true)
        #expect(m["location"] as? String == "processed/1764003600.M1P5001.mx.example.com#1")
        #expect(m["outcome_detail"] as? String == "lead #3 by address (fatima@globex.example.org)")
        let clocks = m["clocks"] as! [[String: Any]]
        #expect(
            clocks.map { "\($0["effect"]!) \($0["policy"]!) #\($0["episode"]!) \($0["state"]!) \($0["due_at"]!)" } == [
                "started reply #1 breached 2026-11-25T16:05:00Z"
            ])
    }

    @Test("a lead's story: interactions, every clock episode and both alerts of its breached reply clock")
    func lead() throws {
        let world = try Self.scannedWorld()
        let result = try Self.explain("gus@initech.example.net", in: world)
        #expect(result.status == 0)
        let ids = try SampleWorldAlertsTests.messageIDs(world)
        let breach = try #require(ids["gus@initech.example.net breach"])
        let escalation = try #require(ids["gus@initech.example.net escalation 1"])
        #expect(
            result.stdout == """
                lead #4 (L-1004) Gus Fring <gus@initech.example.net>, Initech (initech.example.net)
                  stage opportunity, owner bob@example.com (team emea), source webinar
                  deal 12500.00 EUR
                story as of 2026-11-26T17:00:00Z:
                2026-11-02T00:00:00Z  lead created
                                      → stale-deal clock #1 started, due 2026-11-16T00:00:00Z
                2026-11-03T09:00:00Z  became an MQL
                2026-11-03T09:30:00Z  assigned to bob@example.com
                                      owner - → bob@example.com
                2026-11-12T12:00:00Z  stale-deal clock #1 reached its warning point
                2026-11-16T00:00:00Z  stale-deal clock #1 breached
                2026-11-20T12:00:00Z  inbound email "Contract draft" to bob@example.com [address]
                                      → reply clock #1 started, due 2026-11-23T12:00:00Z
                2026-11-20T13:00:00Z  outbound email "Re: Contract draft" by bob@example.com [address]
                                      → reply clock #1 met
                                      → stale-deal clock #1 met late (4d 13h late)
                                      → stale-deal clock #2 started, due 2026-12-04T13:00:00Z
                2026-11-23T08:15:00Z  inbound email "Renewal" to bob@example.com [address]
                                      → reply clock #2 started, due 2026-11-24T08:15:00Z
                2026-11-23T14:37:30Z  reply clock #2 reached its warning point
                2026-11-24T08:15:00Z  reply clock #2 breached
                2026-11-26T08:15:00Z  reply clock #2 escalation 1 due
                2026-11-26T17:00:00Z  stage - → opportunity
                                      deal amount - → 12500.00 EUR
                                      breach alert #2 about reply #2 sent to mia@example.com cc bob@example.com
                                      escalation 1 alert #3 about reply #2 sent to victor@example.com cc
                                        mia@example.com, bob@example.com
                clocks:
                  reply #1 met: started 2026-11-20T12:00:00Z, due 2026-11-23T12:00:00Z, stopped 2026-11-20T13:00:00Z
                  reply #2 breached: started 2026-11-23T08:15:00Z, due 2026-11-24T08:15:00Z, 25h 15m late
                  stale-deal #1 met_late: started 2026-11-02T00:00:00Z, due 2026-11-16T00:00:00Z, stopped
                    2026-11-20T13:00:00Z, 4d 13h late
                  stale-deal #2 running: started 2026-11-20T13:00:00Z, due 2026-12-04T13:00:00Z
                notifications:
                  #2 breach about reply #2: sent after 1 attempt, to mia@example.com cc bob@example.com
                    created 2026-11-26T17:00:00Z, sent 2026-11-26T17:00:00Z
                    Message-ID <\(breach)>
                  #3 escalation 1 about reply #2: sent after 1 attempt, to victor@example.com cc mia@example.com,
                    bob@example.com
                    created 2026-11-26T17:00:00Z, sent 2026-11-26T17:00:00Z
                    Message-ID <\(escalation)>

                """)
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let json = try Self.explain("L-1004", in: world, json: true)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(object["resolved_as"] as? String == "lead")
        #expect((object["lead"] as! [String: Any])["id"] as? Int == 4)
        let notifications = object["notifications"] as! [[String: Any]]
        #expect(notifications.map { $0["message_id"] as! String } == [breach, escalation])
        let story = (object["story"] as! [[String: Any]]).filter { ($0["event"] as! String).hasPrefix("notification") }
        #expect(
            story.map { "\($0["time"]!) \($0["event"]!) \($0["notification_id"]!)" } == [
                "2026-11-26T17:00:00Z notification_sent 2", "2026-11-26T17:00:00Z notification_sent 3",
            ])
        let deal = (object["story"] as! [[String: Any]]).filter { $0["event"] as! String == "amount" }
        #expect(deal.map { "\($0["time"]!) \($0["text"]!)" } == ["2026-11-26T17:00:00Z deal amount - → 12500.00 EUR"])
        let hana = try Self.explain("hana.sato@gmail.com", in: world)
        #expect(hana.stdout.contains("\n  deal amount unknown, sales' reason \"Bad timing: budget review in Q2\"\n"))
        #expect(hana.stdout.contains("  sales' reason - → \"Bad timing: budget review in Q2\"\n"))
    }

    @Test(
        "a bounce known only by its French or Spanish subject is explained by the classifier's rule that fired",
        arguments: [
            ("Non remis : Question", "French \"non remis :\""),
            ("No se puede entregar: Pregunta", "Spanish \"no se puede entregar:\""),
        ])
    func foreignBounce(subject: String, rule: String) throws {
        let world = try Self.scannedWorld()
        let bounce = """
            From: Mail System <mx@isp.example.net>\r
            To: ann@example.com\r
            Subject: \(subject)\r
            Return-Path: <>\r
            Date: Thu, 26 Nov 2026 10:00:00 +0000\r
            Message-ID: <bounce-1@isp.example.net>\r
            \r
            <dana@acme-robotics.com>: mailbox unavailable\r

            """
        try bounce.write(toFile: world.file("bounce.eml"), atomically: true, encoding: .utf8)
        let result = try Self.explain("bounce.eml", in: world)
        #expect(result.status == 0)
        // The line wraps where the subject's length puts it: compared with its white space collapsed.
        let kind = Self.section(result.stdout, from: "  kind", to: "never scanned")
        #expect(
            kind.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                == "kind: bounce: a bounce subject with an empty Return-Path: \"\(subject)\" (\(rule)); failed "
                + "recipients: dana@acme-robotics.com")
        #expect(
            Self.section(result.stdout, from: "  bounce", to: "  →") == """
                  bounce      matched    delivery to dana@acme-robotics.com failed: lead #1 (dana@acme-robotics.com)
                """)
    }

    @Test("an argument that is no file, no lead and no stored Message-ID exits 66")
    func unknown() throws {
        let world = try Self.scannedWorld()
        let result = try Self.explain("<nobody-1@nowhere.example>", in: world)
        #expect(result.status == 66)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "baton: <nobody-1@nowhere.example>: no such file, no lead with this address, external id or id, "
                + "and no scanned message with this Message-ID (was its mailbox configured as a source and scanned?)\n")
    }
}
