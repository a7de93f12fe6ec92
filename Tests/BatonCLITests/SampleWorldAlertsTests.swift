import Foundation
import TestSupport
import Testing

/// The shipped sample world, scanned at the demo's `--now`: exactly the clocks and notifications written down
/// here, and re-runs that send nothing twice.
@Suite struct SampleWorldAlertsTests {
    static let now = "2026-11-26T17:00:00Z"

    static let clocks = """
        LEAD                       POLICY             #  STATE     STARTED               DUE                   STOPPED               ELAPSED  LATE
        dana@acme-robotics.com     first-response     1  met       2026-11-16T09:05:00Z  2026-11-16T13:05:00Z  2026-11-16T10:30:00Z  1h 25m   -
        dana@acme-robotics.com     reply              1  met       2026-11-16T08:12:00Z  2026-11-17T09:00:00Z  2026-11-16T10:30:00Z  1h 30m   -
        dana@acme-robotics.com     reply              2  breached  2026-11-17T09:00:00Z  2026-11-18T09:00:00Z  -                     67h 30m  59h 00m
        dana@acme-robotics.com     meeting-follow-up  1  met_late  2026-11-03T15:30:00Z  2026-11-04T15:30:00Z  2026-11-16T10:30:00Z  71h 30m  63h 00m
        dana@acme-robotics.com     meeting-follow-up  2  breached  2026-11-17T15:30:00Z  2026-11-18T15:30:00Z  -                     61h 00m  52h 30m
        dana@acme-robotics.com     acceptance         1  breached  2026-11-16T08:12:00Z  2026-11-18T09:00:00Z  -                     76h 00m  59h 00m
        erik@northwind.io          first-response     1  met_late  2026-11-17T15:00:00Z  2026-11-18T10:30:00Z  2026-11-19T10:00:00Z  12h 00m  8h 00m
        erik@northwind.io          reply              1  met_late  2026-11-17T15:25:00Z  2026-11-18T15:25:00Z  2026-11-19T10:00:00Z  11h 35m  3h 05m
        erik@northwind.io          acceptance         1  breached  2026-11-17T14:40:00Z  2026-11-19T14:40:00Z  -                     61h 20m  44h 20m
        fatima@globex.example.org  reply              1  breached  2026-11-24T16:05:00Z  2026-11-25T16:05:00Z  -                     17h 55m  9h 25m
        gus@initech.example.net    reply              1  met       2026-11-20T12:00:00Z  2026-11-23T12:00:00Z  2026-11-20T13:00:00Z  1h 00m   -
        gus@initech.example.net    reply              2  breached  2026-11-23T08:15:00Z  2026-11-24T08:15:00Z  -                     33h 45m  25h 15m
        gus@initech.example.net    stale-deal         1  met_late  2026-11-02T00:00:00Z  2026-11-16T00:00:00Z  2026-11-20T13:00:00Z  18d 13h  4d 13h
        gus@initech.example.net    stale-deal         2  running   2026-11-20T13:00:00Z  2026-12-04T13:00:00Z  -                     6d 04h   -
        hana.sato@gmail.com        first-response     1  paused    2026-11-21T10:00:00Z  2026-11-27T12:30:00Z  -                     0s       -
        ivan@umbrella-corp.net     acceptance         1  breached  2026-11-24T11:00:00Z  2026-11-26T11:00:00Z  -                     23h 00m  6h 00m
        kai@fjord-analytics.no     first-response     1  warning   2026-11-26T13:30:00Z  2026-11-26T17:30:00Z  -                     3h 30m   -
        kai@fjord-analytics.no     acceptance         1  running   2026-11-26T13:10:00Z  2026-11-30T13:10:00Z  -                     3h 50m   -
        18 clock episodes: 2 running, 1 warning, 7 breached, 1 paused, 3 met, 4 met_late

        """

    static let outbox = """
        ID  STATE  LEVEL         LEAD                       POLICY          TO                     CC                                TRIES  CREATED               NOTE
        1   sent   breach        fatima@globex.example.org  reply           mia@example.com        ann@example.com                   1      2026-11-26T17:00:00Z  -
        2   sent   breach        gus@initech.example.net    reply           mia@example.com        bob@example.com                   1      2026-11-26T17:00:00Z  -
        3   sent   escalation 1  gus@initech.example.net    reply           victor@example.com     mia@example.com, bob@example.com  1      2026-11-26T17:00:00Z  -
        4   sent   breach        ivan@umbrella-corp.net     acceptance      sales-ops@example.com  -                                 1      2026-11-26T17:00:00Z  -
        5   sent   warning       kai@fjord-analytics.no     first-response  ann@example.com        -                                 1      2026-11-26T17:00:00Z  -
        6   sent   weekly        -                          -               mia@example.com        -                                 1      2026-11-26T17:00:00Z  -
        7   sent   weekly        -                          -               victor@example.com     -                                 1      2026-11-26T17:00:00Z  -
        8   sent   weekly        -                          -               marketing@example.com  -                                 1      2026-11-26T17:00:00Z  -
        8 notifications: 8 sent

        """

    /// The messages in the outbox folder as `baton inspect mail` reads them: subject, to, cc, in-reply-to.
    static func delivered(_ world: TemporaryFolder) throws -> [String] {
        let result = try BatonProcess.run(["inspect", "mail", world.file("var/outbox")], in: world.path)
        return try result.stdout.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            func addresses(_ key: String) -> String {
                (object[key] as! [[String: Any]]).map { $0["address"] as! String }.joined(separator: ",")
            }
            let replyTo = (object["in_reply_to"] as! [String]).first ?? "-"
            return "\(object["subject"] as! String) | to \(addresses("to")) | cc \(addresses("cc")) | \(replyTo)"
        }.sorted()
    }

    /// `alerts list --json`'s message ids by (lead, level).
    static func messageIDs(_ world: TemporaryFolder) throws -> [String: String] {
        let result = try BatonProcess.run(["alerts", "list", "--json"], in: world.path)
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        var ids: [String: String] = [:]
        for item in list {
            let escalation = (item["escalation"] as? Int).map { " \($0)" } ?? ""
            ids["\((item["lead"] as? String) ?? "-") \(item["level"] as! String)\(escalation)"] =
                item["message_id"] as? String
        }
        return ids
    }

    @Test("the sample world gives exactly the clocks and notifications written down for it")
    func firstScan() throws {
        let world = try SampleWorld.temporaryCopy()
        let scan = try BatonProcess.run(["scan", "--now", Self.now], in: world.path)
        #expect(scan.status == 0)
        #expect(scan.stdout == "")
        #expect(scan.stderr == "")
        let check = try BatonProcess.run(["sla", "check", "--now", Self.now], in: world.path)
        #expect(check.stdout == Self.clocks)
        let alerts = try BatonProcess.run(["alerts", "list"], in: world.path)
        #expect(alerts.stdout == Self.outbox)
        let ids = try Self.messageIDs(world)
        let gusBreach = ids["gus@initech.example.net breach"]!
        let all = try Self.delivered(world)
        #expect(all.count == 8)
        // Monday's weekly digests of week 47 went too (the scan is the first since 08:00 on Monday); marketing
        // also sees the breach of Ivan, who has no owner and so no manager.
        #expect(
            all.filter { $0.hasPrefix("[Baton] Week") }
                == [
                    "[Baton] Week 2026-W47: 0 SQLs, 7 open breaches | to marketing@example.com | cc  | -",
                    "[Baton] Week 2026-W47: 0 SQLs, 6 open breaches | to victor@example.com | cc  | -",
                    "[Baton] Week 2026-W47: 0 SQLs, 6 open breaches | to mia@example.com | cc  | -",
                ].sorted())
        let delivered = all.filter { !$0.hasPrefix("[Baton] Week") }
        #expect(
            delivered.map { $0.components(separatedBy: " | ").dropLast().joined(separator: " | ") } == [
                "[Baton] Breach: acceptance of Ivan Petrov (Umbrella Corp) 6h 00m late | to sales-ops@example.com | cc ",
                "[Baton] Breach: reply to Fatima Khan (Globex, Inc.) 9h 25m late | to mia@example.com | cc ann@example.com",
                "[Baton] Breach: reply to Gus Fring (Initech) 25h 15m late | to mia@example.com | cc bob@example.com",
                "[Baton] Escalation 1: reply to Gus Fring (Initech) 25h 15m late | to victor@example.com | cc mia@example.com,bob@example.com",
                "[Baton] Warning: first response to Kai Lund (Fjord Analytics) due 17:30 Europe/London | to ann@example.com | cc ",
            ])
        // The escalation answers the breach about the same lead; the first alert about a lead answers nothing (it
        // only names the lead's thread root in References).
        #expect(delivered[3].hasSuffix(" | \(gusBreach)"))
        #expect(delivered[2].hasSuffix(" | -"))
    }

    @Test("re-runs send nothing twice; a later run sends only what fell due since, threaded under the warning")
    func reruns() throws {
        let world = try SampleWorld.temporaryCopy()
        #expect(try BatonProcess.run(["scan", "--now", Self.now], in: world.path).status == 0)
        let again = try BatonProcess.run(["scan", "--now", Self.now, "--json"], in: world.path)
        #expect(again.status == 0)
        #expect(
            again.stdout.contains("\"notifications\": {\n    \"queued\": 0,\n    \"sent\": 0,\n    \"failed\": 0\n  }"))
        #expect(try Self.delivered(world).count == 8)
        let warning = try Self.messageIDs(world)["kai@fjord-analytics.no warning"]!
        let morning = try BatonProcess.run(["scan", "--now", "2026-11-27T09:30:00Z", "--json"], in: world.path)
        #expect(morning.status == 0)
        #expect(
            morning.stdout.contains(
                "\"notifications\": {\n    \"queued\": 1,\n    \"sent\": 1,\n    \"failed\": 0\n  }"))
        let delivered = try Self.delivered(world)
        #expect(delivered.count == 9)
        #expect(
            delivered.contains(
                "[Baton] Breach: first response to Kai Lund (Fjord Analytics) 30m late | to mia@example.com | cc ann@example.com | \(warning)"
            ))
        #expect(try BatonProcess.run(["scan", "--now", "2026-11-27T09:35:00Z"], in: world.path).status == 0)
        #expect(try Self.delivered(world).count == 9)
    }

    @Test("a call logged with lead touch stops the clock in time, and no breach follows")
    func touch() throws {
        let world = try SampleWorld.temporaryCopy()
        #expect(try BatonProcess.run(["scan", "--now", Self.now], in: world.path).status == 0)
        let touch = try BatonProcess.run(
            [
                "lead", "touch", "kai@fjord-analytics.no", "--at", "2026-11-26T17:10:00Z", "--note",
                "Called; demo booked\r\nBcc: x@evil.example", "--verbose",
            ], in: world.path)
        #expect(touch.status == 0)
        #expect(touch.stdout == "logged a touch with lead #7 at 2026-11-26T17:10:00Z by ann@example.com\n")
        let twice = try BatonProcess.run(
            [
                "lead", "touch", "kai@fjord-analytics.no", "--at", "2026-11-26T17:10:00Z", "--note",
                "Called; demo booked\r\nBcc: x@evil.example",
            ],
            in: world.path)
        #expect(twice.stdout == "this touch was already logged; nothing changed\n")
        let unknownRep = try BatonProcess.run(
            ["lead", "touch", "kai@fjord-analytics.no", "--rep", "zed@example.com"], in: world.path)
        #expect(unknownRep.status == 64)
        let morning = try BatonProcess.run(["scan", "--now", "2026-11-27T09:30:00Z", "--json"], in: world.path)
        #expect(
            morning.stdout.contains(
                "\"notifications\": {\n    \"queued\": 0,\n    \"sent\": 0,\n    \"failed\": 0\n  }"))
        let check = try BatonProcess.run(
            ["sla", "check", "--now", "2026-11-27T09:30:00Z", "--policy", "first-response", "--json"], in: world.path)
        #expect(
            check.stdout.contains(
                "\"lead\": \"kai@fjord-analytics.no\",\n    \"lead_id\": 7,\n    \"policy\": \"first-response\",\n    \"clock\": \"first_response\",\n    \"episode\": 1,\n    \"state\": \"met\","
            ))
        #expect(
            check.stdout.contains(
                "\"stopped_at\": \"2026-11-26T17:10:00Z\",\n    \"stop_reason\": \"touch\",\n    \"elapsed_seconds\": 13200,"
            ))
        let show = try BatonProcess.run(
            ["lead", "show", "kai@fjord-analytics.no", "--json", "--now", "2026-11-27T09:30:00Z"], in: world.path)
        #expect(
            show.stdout.contains(
                "\"type\": \"manual\",\n      \"direction\": \"outbound\",\n      \"rep\": \"ann@example.com\","))
        #expect(show.stdout.contains("\"note\": \"Called; demo booked  Bcc: x@evil.example\","))
    }

    @Test("a backtest prints what stricter targets would have sent, and sends nothing")
    func backtest() throws {
        let world = try SampleWorld.temporaryCopy()
        #expect(try BatonProcess.run(["scan", "--now", Self.now], in: world.path).status == 0)
        try world.write(
            "strict.json",
            """
            {"policies": [
              {"name": "first-response-2h", "clock": "first_response", "target": "2h", "time": "business",
               "stages": ["mql", "nurture"], "escalate": [{"after": "4h", "to": "manager_of_manager"}]}
            ]}
            """)
        let before = try BatonProcess.run(["alerts", "list", "--json"], in: world.path).stdout
        let result = try BatonProcess.run(
            ["sla", "backtest", "--policies", "strict.json", "--since", "2026-11-01", "--now", Self.now], in: world.path
        )
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                TIME                  LEVEL         LEAD                    POLICY             #  TO                  CC
                2026-11-17T16:30:00Z  warning       erik@northwind.io       first-response-2h  1  bob@example.com     -
                2026-11-18T08:30:00Z  breach        erik@northwind.io       first-response-2h  1  mia@example.com     bob@example.com
                2026-11-18T12:30:00Z  escalation 1  erik@northwind.io       first-response-2h  1  victor@example.com  mia@example.com, bob@example.com
                2026-11-26T15:00:00Z  warning       kai@fjord-analytics.no  first-response-2h  1  ann@example.com     -
                2026-11-26T15:30:00Z  breach        kai@fjord-analytics.no  first-response-2h  1  mia@example.com     ann@example.com
                5 notifications since 2026-11-01T00:00:00Z: 2 warning, 2 breach, 1 escalation; nothing was sent

                """)
        #expect(try BatonProcess.run(["alerts", "list", "--json"], in: world.path).stdout == before)
        #expect(try Self.delivered(world).count == 8)
        try world.write(
            "bad.json",
            #"{"policies": [{"name": "x", "clock": "first_respons", "target": "4h", "time": "business", "stages": ["mql"]}]}"#
        )
        let bad = try BatonProcess.run(
            ["sla", "backtest", "--policies", "bad.json", "--since", "2026-11-01"], in: world.path)
        #expect(bad.status == 78)
        #expect(
            bad.stderr
                == "baton: \(world.path)/bad.json: policies[0].clock: 'first_respons' is not one of first_response, reply, meeting_follow_up, acceptance, no_touch (did you mean 'first_response'?)\n"
        )
        let missing = try BatonProcess.run(
            ["sla", "backtest", "--policies", "nope.json", "--since", "2026-11-01"], in: world.path)
        #expect(missing.status == 66)
        let noSince = try BatonProcess.run(["sla", "backtest", "--policies", "strict.json"], in: world.path)
        #expect(noSince.status == 64)
    }

    @Test("an alert a manager forwards to the drop folder is recognised and never becomes an interaction")
    func loopGuard() throws {
        let world = try SampleWorld.temporaryCopy()
        #expect(try BatonProcess.run(["scan", "--now", Self.now], in: world.path).status == 0)
        let store = world.file("var/baton.sqlite")
        let interactions = try BatonProcess.sqlite(store, "SELECT COUNT(*) FROM interactions")
        let breach = try Self.messageIDs(world)["gus@initech.example.net breach"]!
        let outbox = world.file("var/outbox")
        var alert = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: outbox) {
            let text = try String(contentsOfFile: outbox + "/" + name, encoding: .utf8)
            if text.contains("Message-ID: <\(breach)>") { alert = text }
        }
        #expect(!alert.isEmpty)
        let forward =
            """
            Authentication-Results: mx.example.com; dkim=pass header.d=example.com header.s=s1; spf=pass smtp.mailfrom=mia@example.com\r
            From: Mia Moreau <mia@example.com>\r
            To: log@baton.example.com\r
            Subject: Fwd: Gus is waiting\r
            Date: Thu, 26 Nov 2026 17:30:00 +0000\r
            Message-ID: <fwd-alert-1@example.com>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="outer"\r
            \r
            --outer\r
            Content-Type: text/plain\r
            \r
            Bob, see below.\r
            --outer\r
            Content-Type: message/rfc822\r
            \r

            """ + alert + "\r\n--outer--\r\n"
        try world.write("Mail/drop/new/1764178200.M9P1.mx.example.com", forward)
        let scan = try BatonProcess.run(["scan", "--now", "2026-11-26T17:20:00Z", "--json"], in: world.path)
        #expect(scan.status == 0)
        #expect(scan.stdout.contains("\"notifications\": {\n    \"queued\": 0,"))
        #expect(
            try BatonProcess.sqlite(
                store, "SELECT outcome, outcome_detail FROM messages WHERE message_id = '\(breach)'")
                == "loop|Baton's own alert (Message-ID \(breach))\n")
        #expect(try BatonProcess.sqlite(store, "SELECT COUNT(*) FROM interactions") == interactions)
        #expect(
            FileManager.default.fileExists(atPath: world.file("Mail/drop/processed/1764178200.M9P1.mx.example.com")))
    }

    @Test("a dry run lists the alerts it would queue and writes, moves and sends nothing")
    func dryRun() throws {
        let world = try SampleWorld.temporaryCopy()
        let dry = try BatonProcess.run(["scan", "--now", Self.now, "--dry-run"], in: world.path)
        #expect(dry.status == 0)
        #expect(
            dry.stdout.hasSuffix(
                """
                clocks: 2 running, 1 warning, 7 breached, 1 paused, 3 met, 4 met_late
                clocks evaluated: 8 of 8 leads (all: first evaluation)
                notifications: 8 would be queued, 0 sent, 0 failed
                  weekly digest to mia@example.com
                  weekly digest to victor@example.com
                  weekly digest to marketing@example.com
                  breach lead #3 (reply) to mia@example.com cc ann@example.com
                  breach lead #4 (reply) to mia@example.com cc bob@example.com
                  escalation 1 lead #4 (reply) to victor@example.com cc mia@example.com, bob@example.com
                  breach lead #6 (acceptance) to sales-ops@example.com
                  warning lead #7 (first-response) to ann@example.com

                """))
        #expect(!FileManager.default.fileExists(atPath: world.file("var/baton.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: world.file("var/outbox")))
        // Four forwards and the folder's .keep file, all still there.
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.file("Mail/drop/new")).count == 5)
        #expect(try BatonProcess.run(["scan", "--now", Self.now], in: world.path).status == 0)
        let later = try BatonProcess.run(["scan", "--now", "2026-11-27T09:30:00Z", "--dry-run"], in: world.path)
        #expect(
            later.stdout.hasSuffix(
                "notifications: 1 would be queued, 0 sent, 0 failed\n  breach lead #7 (first-response) to mia@example.com cc ann@example.com\n"
            ))
        #expect(
            try BatonProcess.run(["alerts", "list", "--state", "sent"], in: world.path).stdout.hasSuffix(
                "8 notifications: 8 sent\n"))
        #expect(try Self.delivered(world).count == 8)
    }

    @Test("baton digest: once per recipient and week, text and the report's charts, a dry run sends nothing")
    func weeklyDigest() throws {
        let world = try SampleWorld.temporaryCopy()
        #expect(try BatonProcess.run(["scan", "--now", Self.now], in: world.path).status == 0)
        let again = try BatonProcess.run(
            ["digest", "--week", "2026-W47", "--now", Self.now, "--verbose"], in: world.path)
        #expect(again.status == 0)
        #expect(
            again.stdout == """
                0 digests queued for 2026-W47; 0 sent
                nothing new: the digests of 2026-W47 were queued before, or nobody receives one

                """)
        let dry = try BatonProcess.run(
            ["digest", "--week", "2026-11-11", "--now", Self.now, "--dry-run"], in: world.path)
        #expect(dry.status == 0)
        #expect(
            dry.stdout.hasPrefix(
                "dry run: 3 digests for 2026-W46; nothing was queued or sent\n\n== to mia@example.com (manager): "))
        #expect(dry.stdout.contains("Mia Moreau: your team is ann@example.com, bob@example.com.\n"))
        #expect(dry.stdout.contains("Victor Perez: your team is ann@example.com, bob@example.com, mia@example.com.\n"))
        #expect(try Self.delivered(world).count == 8)
        let send = try BatonProcess.run(
            ["digest", "--week", "2026-W46", "--now", Self.now, "--verbose"], in: world.path)
        #expect(send.status == 0)
        #expect(send.stdout.hasPrefix("3 digests queued for 2026-W46; 3 sent\n"))
        #expect(try Self.delivered(world).count == 11)
        let outbox = world.file("var/outbox")
        var html = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: outbox) {
            let text = try String(contentsOfFile: outbox + "/" + name, encoding: .utf8)
            if text.contains("X-Baton-Alert: weekly-digest") && text.contains("To: Victor Perez")
                && text.contains("Subject: [Baton] Week 2026-W47")
            {
                html = text.replacingOccurrences(of: "=\r\n", with: "")
            }
        }
        #expect(html.contains("Baton weekly digest for 2026-W47 (Mon 16 Nov 2026 to Sun 22 Nov 2026, Europe/London)"))
        // Histogram, attainment, funnel, weekly trend, spend by channel, lead quality, speed by source and the
        // targets' progress (no deal of the week's MQLs is open or won: no pipeline chart).
        #expect(html.components(separatedBy: "<svg").count - 1 == 8)
        let bad = try BatonProcess.run(["digest", "--week", "2026-W60"], in: world.path)
        #expect(bad.status == 64)
    }

    @Test("sla check filters by state and policy, and refuses unknown ones with exit 64")
    func filters() throws {
        let world = try SampleWorld.temporaryCopy()
        #expect(try BatonProcess.run(["scan", "--now", Self.now], in: world.path).status == 0)
        let paused = try BatonProcess.run(["sla", "check", "--now", Self.now, "--state", "paused"], in: world.path)
        #expect(
            paused.stdout.hasSuffix(
                "hana.sato@gmail.com  first-response  1  paused  2026-11-21T10:00:00Z  2026-11-27T12:30:00Z  -        0s       -\n1 clock episode: 1 paused\n"
            ))
        let state = try BatonProcess.run(["sla", "check", "--state", "late"], in: world.path)
        #expect(state.status == 64)
        #expect(
            state.stderr.hasPrefix(
                "baton: bad value 'late' for --state: expected running, warning, breached, paused, met, met_late, cancelled\n"
            ))
        let policy = try BatonProcess.run(["sla", "check", "--policy", "nope"], in: world.path)
        #expect(policy.status == 64)
    }
}
