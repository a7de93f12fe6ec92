import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Alert delivery end to end: `baton scan` with a real postfix, with fake sendmails that refuse, fail, hang or
/// are missing, killed mid-delivery, and fed hostile CRM values.
///
/// The scenario: reps `batonrep` → manager `batonmgr` → `batondir` (all `@baton.test`, the local postfix's
/// domain); MQL leads owned by `batonrep` assigned from 09:00 UTC ten minutes apart; a calendar-time first
/// response of 1h escalated to the manager's manager 1h after the due time. At 11:30 every lead is breached and
/// escalated; the next rung (4h) is not due before 14:00.
@Suite struct AlertDeliveryTests {
    struct Lead {
        var name: String
        var company = "Prospect Ltd"
    }

    /// A notification as `baton alerts list --json` prints it.
    struct Alert: Decodable {
        let level: String
        let escalation: Int?
        let to: [String]
        let cc: [String]
        let state: String
        let attempts: Int
        let messageID: String
        let lastError: String?

        enum CodingKeys: String, CodingKey {
            case level, escalation, to, cc, state, attempts
            case messageID = "message_id"
            case lastError = "last_error"
        }
    }

    /// A message as `baton inspect mail` prints it.
    struct Mail: Decodable {
        struct Mailbox: Decodable { let address: String? }
        struct Source: Decodable {
            let offset: Int
            let length: Int
        }
        let messageID: String?
        let to: [Mailbox]
        let cc: [Mailbox]
        let subject: String?
        let inReplyTo: [String]
        let references: [String]
        let source: Source

        enum CodingKeys: String, CodingKey {
            case to, cc, subject, references, source
            case messageID = "message_id"
            case inReplyTo = "in_reply_to"
        }

        var toAddresses: [String] { to.compactMap(\.address) }
        var ccAddresses: [String] { cc.compactMap(\.address) }
    }

    static let rep = "batonrep@baton.test"
    static let manager = "batonmgr@baton.test"
    static let director = "batondir@baton.test"
    static let now = "2026-11-20T11:30:00Z"

    /// A scenario world whose alerts go through `transport` (a JSON object).
    static func world(transport: String, leads: [Lead]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            "baton.json",
            """
            {"store": "var/baton.sqlite", "timezone": "UTC", "internal_domains": ["baton.test"],
             "crm": {"reps_file": "reps.csv", "leads_file": "leads.csv"},
             "sources": [],
             "teams": {"sales": {"timezone": "UTC", "hours": {"mon-sun": "00:00-24:00"}}},
             "policies": [{"name": "first-response", "clock": "first_response", "target": "1h", "time": "calendar",
                           "stages": ["mql"], "escalate": [{"after": "1h", "to": "manager_of_manager"},
                                                           {"after": "4h", "to": "\(director)"}]}],
             "alerts": {"from": "baton@baton.test", "active_from": "2026-11-01T00:00:00Z", "transport": \(transport)}}
            """)
        try folder.write(
            "reps.csv",
            """
            email,name,team,manager_email,timezone,aliases
            \(rep),Rita Rep,sales,\(manager),UTC,
            \(manager),Max Manager,sales,\(director),UTC,
            \(director),Dora Director,sales,,UTC,

            """)
        // Every field quoted, so that a name may hold a comma, a quote or a CR LF.
        var csv =
            "external_id,email,name,company,company_domain,source,stage,owner_email,created_at,mql_at,assigned_at\r\n"
        for (n, lead) in leads.enumerated() {
            let fields = [
                "L-\(n + 1)", "lead\(n + 1)@prospect.example", lead.name, lead.company, "", "webinar", "mql", rep,
                "2026-11-20 08:00", "2026-11-20 08:00", "2026-11-20 09:\(n)0",
            ]
            csv += fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            csv += "\r\n"
        }
        try folder.write("leads.csv", csv)
        return folder
    }

    /// Writes an executable `#!/bin/sh` script `sendmail.sh` into the world (atomically: a scan may run it).
    static func fakeSendmail(_ world: TemporaryFolder, _ body: String) throws {
        let path = world.file("sendmail.sh")
        try Data(("#!/bin/sh\n" + body).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// A sendmail that accepts: each argv on one line of `args.log` (`|` after each argument), the message
    /// appended to `delivered.log`.
    static func acceptingSendmail(_ world: TemporaryFolder) throws {
        try fakeSendmail(
            world,
            """
            printf '%s|' "$@" >> '\(world.file("args.log"))'
            echo >> '\(world.file("args.log"))'
            exec cat >> '\(world.file("delivered.log"))'

            """)
    }

    static let sendmailTransport = #"{"type": "sendmail", "path": "sendmail.sh"}"#

    static func scan(_ world: TemporaryFolder, at now: String = now, json: Bool = false) throws -> BatonProcess.Result {
        try BatonProcess.run(
            ["scan", "--config", "baton.json", "--now", now] + (json ? ["--json"] : []), in: world.path)
    }

    static func alerts(_ world: TemporaryFolder) throws -> [Alert] {
        let result = try BatonProcess.run(["alerts", "list", "--json", "--config", "baton.json"], in: world.path)
        #expect(result.status == 0)
        return try JSONDecoder().decode([Alert].self, from: Data(result.stdout.utf8))
    }

    /// The lines of a file in the world, or none when it does not exist.
    static func lines(_ world: TemporaryFolder, _ name: String) -> [String] {
        guard let text = try? String(contentsOfFile: world.file(name), encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The Message-IDs (without brackets) of the `Message-ID:` header lines among `lines`, in order.
    static func messageIDs(in lines: [String]) -> [String] {
        lines.filter { $0.lowercased().hasPrefix("message-id:") }.compactMap { line in
            guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
    }

    /// `stderr` as lines without the final newline.
    static func stderrLines(_ result: BatonProcess.Result) -> [String] {
        result.stderr.split(separator: "\n").map(String.init)
    }

    /// The `(level, to, cc, subject)` of the alerts the scenario's leads (at most three) call for at 11:30, in
    /// the order they are queued.
    static func expectedAlerts(_ leads: [Lead]) -> [(level: String, to: [String], cc: [String], subject: String)] {
        leads.enumerated().flatMap { n, lead in
            let late = "1h \(30 - 10 * n)m late"
            let about = "first response to \(lead.name) (\(lead.company)) \(late)"
            return [
                ("breach", [manager], [rep], "[Baton] Breach: \(about)"),
                ("escalation", [director], [manager, rep], "[Baton] Escalation 1: \(about)"),
            ]
        }
    }

    // MARK: A real MTA

    /// `/usr/sbin/sendmail` present, postfix's master alive, the scenario's local users known, and root (the
    /// mailboxes are mode 0600, each owned by its user): what `Scripts/postfix-setup` gives CI.
    static let postfixReady: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sendmail"), geteuid() == 0,
            let text = try? String(contentsOfFile: "/var/spool/postfix/pid/master.pid", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) == 0
        else { return false }
        return ["batonrep", "batonmgr", "batondir"].allSatisfy { (user: String) in getpwnam(user) != nil }
    }()

    /// This run's messages in `/var/mail/USER`: those whose subject holds `token` (the mailbox keeps every
    /// earlier run's mail).
    static func mailbox(_ user: String, token: String, in world: TemporaryFolder) throws -> [Mail] {
        let path = "/var/mail/" + user
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let result = try BatonProcess.run(["inspect", "mail", path], in: world.path)
        #expect(result.status == 0, "baton inspect mail \(path): \(result.stderr)")
        return try result.stdout.split(separator: "\n").map { try JSONDecoder().decode(Mail.self, from: Data($0.utf8)) }
            .filter { $0.subject?.contains(token) == true }
    }

    /// Polls the mailboxes until each holds `expected` messages of this run, for at most 30 s; then reads them
    /// once more a moment later, so that a message postfix was still appending is read whole.
    static func delivered(_ expected: [String: Int], token: String, in world: TemporaryFolder) throws -> [String:
        [Mail]]
    {
        let deadline = Date().addingTimeInterval(30)
        func read() throws -> [String: [Mail]] {
            try Dictionary(uniqueKeysWithValues: expected.keys.map { ($0, try mailbox($0, token: token, in: world)) })
        }
        while Date() < deadline {
            let mail = try read()
            if expected.allSatisfy({ mail[$0.key]!.count >= $0.value }) { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Thread.sleep(forTimeInterval: 0.3)
        return try read()
    }

    @Test(
        "through postfix every recipient gets each alert once, threaded under the breach; later scans send nothing",
        .enabled(
            if: EndToEnd.runs(when: postfixReady),
            "needs root and a running postfix with local users (Scripts/postfix-setup)"))
    func postfix() throws {
        // In CI `.ci/run` starts postfix: its absence there fails the test instead of skipping it.
        try #require(Self.postfixReady, "needs root and a running postfix with local users (Scripts/postfix-setup)")
        // The mailboxes outlive the test: a token in each lead's name tells this run's mail from the others.
        let token = "run" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let leads = [Lead(name: "Ann \(token)"), Lead(name: "Ben \(token)")]
        let world = try Self.world(transport: #"{"type": "sendmail"}"#, leads: leads)
        let first = try Self.scan(world)
        #expect(first.status == 0)
        #expect(first.stderr == "")
        let alerts = try Self.alerts(world)
        let expected = Self.expectedAlerts(leads)
        try #require(alerts.count == expected.count)
        for (alert, want) in zip(alerts, expected) {
            #expect(alert.level == want.level)
            #expect(alert.to == want.to)
            #expect(alert.cc == want.cc)
            #expect(alert.state == "sent")
            #expect(alert.attempts == 1)
        }

        let counts = ["batonmgr": 4, "batonrep": 4, "batondir": 2]
        let mail = try Self.delivered(counts, token: token, in: world)
        #expect(mail.mapValues(\.count) == counts)
        for (user, messages) in mail {
            let address = user + "@baton.test"
            let meant = zip(alerts, expected).filter { $0.1.to.contains(address) || $0.1.cc.contains(address) }
            #expect(messages.compactMap(\.messageID).sorted() == meant.map(\.0.messageID).sorted(), "\(user)")
            let raw = try Data(contentsOf: URL(fileURLWithPath: "/var/mail/" + user))
            for message in messages {
                guard let (alert, want) = meant.first(where: { $0.0.messageID == message.messageID }) else { continue }
                #expect(message.toAddresses == want.to)
                #expect(message.ccAddresses == want.cc)
                #expect(message.subject == want.subject)
                let text = String(
                    decoding: raw[message.source.offset..<message.source.offset + message.source.length],
                    as: UTF8.self)
                #expect(text.contains("\nAuto-Submitted: auto-generated\n"))
                #expect(text.contains("\nMessage-ID: <\(alert.messageID)>\n"))
            }
        }

        // Threading, from the director's copies and the manager's: each escalation answers its lead's breach.
        let managerCopies = Dictionary(
            mail["batonmgr"]!.compactMap { m in m.messageID.map { ($0, m) } }, uniquingKeysWith: { a, _ in a })
        var roots: [String] = []
        for pair in [(alerts[0], alerts[1]), (alerts[2], alerts[3])] {
            let breach = try #require(managerCopies[pair.0.messageID])
            let escalation = try #require(managerCopies[pair.1.messageID])
            let root = try #require(breach.references.first)
            #expect(root.hasPrefix("baton-lead."))
            #expect(breach.inReplyTo == [])
            #expect(breach.references == [root])
            #expect(escalation.inReplyTo == [pair.0.messageID])
            #expect(escalation.references == [root, pair.0.messageID])
            roots.append(root)
        }
        #expect(Set(roots).count == 2)

        // The same instant again, then later (the second rung is due at 14:00): nothing new goes out.
        let again = try Self.scan(world)
        #expect(again.status == 0)
        #expect(again.stdout == "")
        #expect(again.stderr == "")
        let later = try Self.scan(world, at: "2026-11-20T13:00:00Z", json: true)
        #expect(later.status == 0)
        #expect(later.stderr == "")
        #expect(
            later.stdout.contains("\"notifications\": {\n    \"queued\": 0,\n    \"sent\": 0,\n    \"failed\": 0\n  }"))
        Thread.sleep(forTimeInterval: 2)
        #expect(try Self.delivered(counts, token: token, in: world).mapValues(\.count) == counts)
        let after = try Self.alerts(world)
        #expect(after.map(\.state) == ["sent", "sent", "sent", "sent"])
        #expect(after.map(\.attempts) == [1, 1, 1, 1])
        #expect(after.map(\.messageID) == alerts.map(\.messageID))
    }

    // MARK: Fake sendmails

    static let twoLeads = [Lead(name: "Ann Archer"), Lead(name: "Ben Baker")]

    /// The argv lines `acceptingSendmail` logs for the scenario's breach and escalation.
    static let breachArgs = "-i|-f|baton@baton.test|--|\(manager)|\(rep)|"
    static let escalationArgs = "-i|-f|baton@baton.test|--|\(director)|\(manager)|\(rep)|"

    @Test("sendmail exiting 75 makes the scan exit 75 and keeps the alerts queued; once it accepts, each goes once")
    func temporaryFailure() throws {
        let world = try Self.world(transport: Self.sendmailTransport, leads: Self.twoLeads)
        try Self.fakeSendmail(world, "cat >/dev/null\nexit 75\n")
        let refused = try Self.scan(world)
        #expect(refused.status == 75)
        #expect(
            refused.stderr
                == "baton: notification breach for lead #1 to \(Self.manager): sendmail exited 75; it stays queued\n")
        // The MTA is down: the first attempt stops this run's deliveries, the others are not tried.
        let queued = try Self.alerts(world)
        #expect(queued.map(\.state) == ["queued", "queued", "queued", "queued"])
        #expect(queued.map(\.attempts) == [1, 0, 0, 0])
        #expect(queued.map(\.lastError) == ["sendmail exited 75", nil, nil, nil])

        try Self.acceptingSendmail(world)
        let accepted = try Self.scan(world)
        #expect(accepted.status == 0)
        #expect(accepted.stderr == "")
        let sent = try Self.alerts(world)
        #expect(sent.map(\.state) == ["sent", "sent", "sent", "sent"])
        #expect(sent.map(\.attempts) == [2, 1, 1, 1])
        #expect(sent.map(\.lastError) == [nil, nil, nil, nil])
        #expect(Self.messageIDs(in: Self.lines(world, "delivered.log")) == sent.map(\.messageID))
        #expect(
            Self.lines(world, "args.log") == [
                Self.breachArgs, Self.escalationArgs, Self.breachArgs, Self.escalationArgs,
            ])
        // The refused attempt and the accepted one carried the same message.
        #expect(sent[0].messageID == queued[0].messageID)
    }

    @Test("sendmail exiting 1 is retried after a backoff and, at max_attempts, marked failed on stderr; exit 0")
    func failureWithBackoff() throws {
        let world = try Self.world(
            transport: #"{"type": "sendmail", "path": "sendmail.sh", "max_attempts": 2}"#, leads: Self.twoLeads)
        try Self.fakeSendmail(
            world,
            """
            echo called >> '\(world.file("calls.log"))'
            cat >/dev/null
            echo 'mail system on fire' >&2
            exit 1

            """)
        let reason = "sendmail exited 1: mail system on fire"
        let lines = [
            "breach for lead #1 to \(Self.manager)", "escalation for lead #1 to \(Self.director)",
            "breach for lead #2 to \(Self.manager)", "escalation for lead #2 to \(Self.director)",
        ]
        let first = try Self.scan(world)
        #expect(first.status == 0)
        #expect(Self.stderrLines(first) == lines.map { "baton: notification \($0): attempt 1 of 2 failed: \(reason)" })
        var alerts = try Self.alerts(world)
        #expect(alerts.map(\.state) == ["queued", "queued", "queued", "queued"])
        #expect(alerts.map(\.attempts) == [1, 1, 1, 1])
        #expect(alerts.map(\.lastError) == [reason, reason, reason, reason])
        #expect(Self.lines(world, "calls.log").count == 4)

        // Within the one-minute backoff: no attempt.
        let soon = try Self.scan(world)
        #expect(soon.status == 0)
        #expect(soon.stderr == "")
        #expect(Self.lines(world, "calls.log").count == 4)
        #expect(try Self.alerts(world).map(\.attempts) == [1, 1, 1, 1])

        // Two minutes later: the second and last attempt; the failure is per notification, so the scan exits 0.
        let last = try Self.scan(world, at: "2026-11-20T11:32:00Z", json: true)
        #expect(last.status == 0)
        #expect(
            Self.stderrLines(last) == lines.map { "baton: notification \($0): failed after 2 attempt(s): \(reason)" })
        #expect(
            last.stdout.contains("\"notifications\": {\n    \"queued\": 0,\n    \"sent\": 0,\n    \"failed\": 4\n  }"))
        #expect(Self.lines(world, "calls.log").count == 8)
        alerts = try Self.alerts(world)
        #expect(alerts.map(\.state) == ["failed", "failed", "failed", "failed"])
        #expect(alerts.map(\.attempts) == [2, 2, 2, 2])
        #expect(alerts.map(\.lastError) == [reason, reason, reason, reason])

        // Failed is final.
        let afterwards = try Self.scan(world, at: "2026-11-20T13:00:00Z")
        #expect(afterwards.status == 0)
        #expect(afterwards.stderr == "")
        #expect(Self.lines(world, "calls.log").count == 8)
    }

    @Test("a sendmail that hangs past the timeout is stopped with its whole process group; the alert stays queued")
    func hangingSendmail() throws {
        let world = try Self.world(
            transport: #"{"type": "sendmail", "path": "sendmail.sh", "timeout": "2s"}"#,
            leads: [Lead(name: "Ann Archer")])
        try Self.fakeSendmail(world, "echo $$ >> '\(world.file("pids"))'\nexec sleep 60\n")
        let started = Date()
        let result = try Self.scan(world)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 0)
        #expect(elapsed >= 4 && elapsed < 15, "two deliveries of 2 s each took \(elapsed) s")
        let reason = "sendmail did not finish within 2s; stopped"
        #expect(
            Self.stderrLines(result) == [
                "baton: notification breach for lead #1 to \(Self.manager): attempt 1 of 10 failed: \(reason)",
                "baton: notification escalation for lead #1 to \(Self.director): attempt 1 of 10 failed: \(reason)",
            ])
        let alerts = try Self.alerts(world)
        #expect(alerts.map(\.state) == ["queued", "queued"])
        #expect(alerts.map(\.attempts) == [1, 1])
        #expect(alerts.map(\.lastError) == [reason, reason])
        let pids = Self.lines(world, "pids").compactMap { pid_t($0) }
        #expect(pids.count == 2)
        for pid in pids {
            errno = 0
            #expect(kill(pid, 0) == -1 && errno == ESRCH, "sendmail \(pid) (sleep 60) is still there")
        }
    }

    @Test("a sendmail path that is missing or not executable exits 69; the alerts stay queued, never attempted")
    func missingSendmail() throws {
        let world = try Self.world(
            transport: #"{"type": "sendmail", "path": "bin/sendmail"}"#, leads: Self.twoLeads)
        let path = world.file("bin/sendmail")
        let missing = try Self.scan(world)
        #expect(missing.status == 69)
        #expect(missing.stderr == "baton: sendmail not found at \(path); notifications stay queued\n")
        var alerts = try Self.alerts(world)
        #expect(alerts.map(\.state) == ["queued", "queued", "queued", "queued"])
        #expect(alerts.map(\.attempts) == [0, 0, 0, 0])
        #expect(alerts.first?.lastError == "sendmail not found at \(path)")

        try world.write("bin/sendmail", "#!/bin/sh\nexec cat >/dev/null\n")
        let notExecutable = try Self.scan(world)
        #expect(notExecutable.status == 69)
        #expect(notExecutable.stderr == "baton: sendmail at \(path) is not executable; notifications stay queued\n")
        alerts = try Self.alerts(world)
        #expect(alerts.map(\.state) == ["queued", "queued", "queued", "queued"])
        #expect(alerts.map(\.attempts) == [0, 0, 0, 0])
    }

    // MARK: Crashes

    /// Starts `baton ARGS` and kills it with SIGKILL `extra` seconds after `ready()` first holds; nil when it was
    /// killed, else its exit status (it ended first).
    static func runKilled(
        _ arguments: [String], in folder: String, extra: Double, when ready: () -> Bool
    ) throws -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BatonProcess.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ["PATH": "/usr/bin:/bin", "TZ": "UTC", "SWIFT_BACKTRACE": "enable=no"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && !ready() && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        Thread.sleep(forTimeInterval: extra)
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return wasRunning && process.terminationReason == .uncaughtSignal ? nil : process.terminationStatus
    }

    @Test("a scan killed mid-delivery and run again sends every alert, each at most once more per kill")
    func killedMidDelivery() throws {
        let world = try Self.world(
            transport: Self.sendmailTransport,
            leads: [Lead(name: "Ann Archer"), Lead(name: "Ben Baker"), Lead(name: "Cy Cole")])
        // The Message-ID is logged as soon as sendmail has the message; Baton learns of it 0.3 s later.
        try Self.fakeSendmail(
            world, "grep -i -m 1 '^message-id:' >> '\(world.file("sent.log"))'\nexec sleep 0.3\n")
        let arguments = ["scan", "--config", "baton.json", "--now", Self.now]
        var kills = 0
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            // Killed only after this run has handed over two messages (so the first was recorded sent): a
            // message resent after one kill is never resent again, and every run makes progress.
            let before = Self.lines(world, "sent.log").count
            let extra = Double.random(in: 0...0.4, using: &generator)
            let status = try Self.runKilled(arguments, in: world.path, extra: extra) {
                Self.lines(world, "sent.log").count >= before + 2
            }
            guard status == nil else {
                #expect(status == 0)
                break
            }
            kills += 1
        }
        // A killed run's sendmail lives on for its 0.3 s.
        Thread.sleep(forTimeInterval: 0.5)
        let final = try BatonProcess.run(arguments, in: world.path)
        #expect(final.status == 0)
        #expect(final.stderr == "")
        #expect(kills > 0)
        let alerts = try Self.alerts(world)
        #expect(alerts.count == 6)
        #expect(alerts.allSatisfy { $0.state == "sent" })
        let logged = Self.messageIDs(in: Self.lines(world, "sent.log"))
        #expect(Set(logged) == Set(alerts.map(\.messageID)))
        for alert in alerts {
            let copies = logged.filter { $0 == alert.messageID }.count
            #expect((1...2).contains(copies), "\(alert.messageID) handed to sendmail \(copies) times")
        }
        #expect(logged.count - alerts.count <= kills, "\(logged.count) deliveries of 6 alerts with \(kills) kills")
    }

    // MARK: Hostile CRM values

    static let evil = Lead(name: "Evil\r\nBcc: attacker@evil.example", company: "<script>alert(1)</script>")

    /// Quoted-printable (RFC 2045 §6.7) decoded: soft line breaks removed, `=XX` turned into its byte.
    static func quotedPrintableDecoded(_ text: String) -> String {
        let bytes = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count,
                let byte = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16)
            {
                out.append(byte)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded body of the part whose `Content-Type` is `type`.
    static func part(_ type: String, of message: String) -> String? {
        guard let start = message.range(of: "Content-Type: \(type)"),
            let body = message.range(of: "\r\n\r\n", range: start.upperBound..<message.endIndex)
        else { return nil }
        let end = message.range(of: "\r\n--=_baton_", range: body.upperBound..<message.endIndex)?.lowerBound
        return quotedPrintableDecoded(String(message[body.upperBound..<(end ?? message.endIndex)]))
    }

    @Test("a CR LF and a header in a lead's name and HTML in its company stay text in the alert and its envelope")
    func headerInjection() throws {
        let world = try Self.world(transport: #"{"type": "folder", "path": "outbox"}"#, leads: [Self.evil])
        let result = try Self.scan(world)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let files = try FileManager.default.contentsOfDirectory(atPath: world.file("outbox")).filter {
            $0.hasSuffix(".eml")
        }
        #expect(files.count == 2)
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: world.file("outbox/" + file)))
            let message = String(decoding: bytes, as: UTF8.self)
            // Every line ends CR LF; no bare CR or LF could start a line of its own.
            for (n, byte) in bytes.enumerated() {
                if byte == 0x0A { #expect(n > 0 && bytes[bytes.startIndex + n - 1] == 0x0D, "bare LF at \(n)") }
                if byte == 0x0D { #expect(n + 1 < bytes.count && bytes[bytes.startIndex + n + 1] == 0x0A) }
            }
            let lines = message.components(separatedBy: "\r\n")
            #expect(!lines.contains { $0.lowercased().hasPrefix("bcc:") }, "\(file)")
            // Unfolded header fields: the name may show in the Subject only, as text.
            var fields: [String] = []
            for line in lines.prefix(while: { !$0.isEmpty }) {
                if line.hasPrefix(" ") || line.hasPrefix("\t"), !fields.isEmpty {
                    fields[fields.count - 1] += line
                } else {
                    fields.append(line)
                }
            }
            let naming = fields.filter { $0.contains("attacker") }.map { $0.prefix { $0 != ":" } }
            #expect(naming.allSatisfy { $0 == "Subject" }, "\(naming)")
            let html = try #require(Self.part("text/html", of: message))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script>"))
        }
        let inspected = try BatonProcess.run(["inspect", "mail", world.file("outbox")], in: world.path)
        let mail = try inspected.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Mail.self, from: Data($0.utf8))
        }
        let about = "first response to Evil Bcc: attacker@evil.example (<script>alert(1)</script>) 1h 30m late"
        #expect(Set(mail.compactMap(\.subject)) == ["[Baton] Breach: \(about)", "[Baton] Escalation 1: \(about)"])
        #expect(Set(mail.flatMap { $0.toAddresses + $0.ccAddresses }) == [Self.rep, Self.manager, Self.director])

        // Through sendmail: the envelope is the reps, and the message holds no Bcc header either.
        let sendmailWorld = try Self.world(transport: Self.sendmailTransport, leads: [Self.evil])
        try Self.acceptingSendmail(sendmailWorld)
        let sent = try Self.scan(sendmailWorld)
        #expect(sent.status == 0)
        #expect(sent.stderr == "")
        let argv = Self.lines(sendmailWorld, "args.log")
        #expect(argv == [Self.breachArgs, Self.escalationArgs])
        #expect(!argv.contains { $0.contains("attacker@evil.example") })
        let delivered = Self.lines(sendmailWorld, "delivered.log")
        #expect(Self.messageIDs(in: delivered).count == 2)
        #expect(!delivered.contains { $0.lowercased().hasPrefix("bcc:") })
    }
}
