import Foundation
import Store
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile input end to end: CRM files, mail (mbox, Maildir, drop folder) and calendars whose every field that
/// flows somewhere carries SQL, header breaks, markup, shell syntax or option-looking text, plus forged forwards
/// and symbolic links pointing outside. Real `baton` processes; a fake sendmail records each argv and message.
///
/// The world sits in `root/world`; `root/outside` holds files with a secret marker that only symbolic links
/// reach. Clocks: MQL leads assigned from 09:00 UTC, a calendar-time first response of 1h escalated to the
/// manager's manager 1h after the due time, so at 11:30 every one is breached and escalated.
@Suite struct HostileInputTests {
    static let now = "2026-11-20T11:30:00Z"
    static let secret = "SECRET-MARKER-d41d8c"

    static let sqlName = "Robert'); DROP TABLE leads;--"
    static let sqlCompany = "x\" OR \"1\"=\"1"
    static let sqlExternalID = "'; DELETE FROM reps;--"
    static let crlfName = "Evil\r\nBcc: attacker@evil.example"
    static let script = "<script>alert(1)</script>"
    static let formula = "=HYPERLINK(\"http://evil.example\",\"x\")"
    static let plusFormula = "+cmd|' /C calc'!A0"
    static let atFormula = "@SUM(1+1)"
    static let shellName = "$(touch /tmp/pwned)"
    static let backticks = "`id`"
    static let rmSource = "; rm -rf ~"
    static let optionName = "-oQ/tmp/x"
    static let helpCompany = "--help"
    static let annName = "Ann \"The Closer\" <Archer>, Jr."
    static let bobName = "Bob `id` $(touch /tmp/pwned)"
    static let calendarSummary = "<script>alert('cal')</script> <b>Demo</b> Robert'); DROP TABLE meetings;--"
    static let encodedCRLFSubject = "=?utf-8?q?a=0D=0ABcc:_x@evil.example?="

    /// Every hostile value written into the world's files (for the count in the suite's report).
    static let hostileValues = [
        sqlName, sqlCompany, sqlExternalID, crlfName, script, formula, plusFormula, atFormula, shellName, backticks,
        rmSource, optionName, helpCompany, annName, bobName, calendarSummary, encodedCRLFSubject,
        "-dash@example.com", "-f@evil.example", "../../etc/passwd", "<img src=x onerror=alert(1)>", "-referral",
    ]

    /// A temporary root holding the world and the outside folder.
    struct World {
        let root: TemporaryFolder
        var path: String { root.file("world") }
        var outside: String { root.file("outside") }
        func file(_ name: String) -> String { path + "/" + name }

        @discardableResult
        func write(_ name: String, _ text: String) throws -> String {
            try root.write("world/" + name, text)
        }

        func link(_ name: String, to target: String) throws {
            try FileManager.default.createDirectory(
                atPath: (file(name) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: file(name), withDestinationPath: target)
        }

        func baton(_ arguments: [String]) throws -> BatonProcess.Result {
            try BatonProcess.run(arguments + ["--config", "baton.json"], in: path)
        }
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\r\n"
    }

    /// Lines joined with CRLF (mail and iCalendar).
    static func crlf(_ lines: [String]) -> String { lines.joined(separator: "\r\n") + "\r\n" }

    static func makeWorld() throws -> World {
        let world = World(root: try TemporaryFolder())
        try FileManager.default.createDirectory(atPath: world.outside, withIntermediateDirectories: true)
        try world.write(
            "baton.json",
            """
            {"store": "var/baton.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "crm": {"reps_file": "reps.csv", "leads_file": "leads.csv"},
             "sources": [{"type": "mbox", "path": "mail/*.mbox", "rep": "ann@example.com"},
                         {"type": "maildir", "path": "mail/bob", "rep": "bob@example.com"},
                         {"type": "drop", "path": "mail/drop"},
                         {"type": "calendar", "path": "mail/calendars/*.ics"}],
             "drop": {"require_authentication": true, "authserv_id": "mx.example.com"},
             "teams": {"sales": {"timezone": "UTC", "hours": {"mon-sun": "00:00-24:00"}}},
             "policies": [{"name": "first-response", "clock": "first_response", "target": "1h", "time": "calendar",
                           "stages": ["mql"], "escalate": [{"after": "1h", "to": "manager_of_manager"}]}],
             "alerts": {"from": "baton@example.com", "fallback_to": "sales-ops@example.com",
                        "active_from": "2026-11-01T00:00:00Z",
                        "transport": {"type": "sendmail", "path": "sendmail.sh"}}}
            """)
        var reps = "email,name,team,manager_email,timezone,aliases\r\n"
        reps += csvLine(["ann@example.com", annName, "sales", "mia@example.com", "UTC", ""])
        reps += csvLine(["bob@example.com", bobName, "sales", "mia@example.com", "UTC", ""])
        reps += csvLine(["-dash@example.com", "--help", "sales", "mia@example.com", "UTC", ""])
        reps += csvLine(["mia@example.com", "Mia; rm -rf ~", "sales", "victor@example.com", "UTC", ""])
        reps += csvLine(["victor@example.com", "Victor -oQ/tmp/x", "sales", "", "UTC", ""])
        try world.write("reps.csv", reps)
        var leads =
            "external_id,email,name,company,company_domain,source,stage,owner_email,created_at,mql_at,assigned_at\r\n"
        let rows: [[String]] = [
            [sqlExternalID, "robert@prospect.example", sqlName, sqlCompany, script, "mql", "ann@example.com", "09:00"],
            ["L-2", "evil@prospect.example", crlfName, formula, plusFormula, "mql", "bob@example.com", "09:05"],
            ["L-3", "shell@prospect.example", shellName, backticks, rmSource, "mql", "-dash@example.com", "09:10"],
            ["L-4", "dash@prospect.example", optionName, helpCompany, atFormula, "mql", "-f@evil.example", "09:15"],
            [
                "L-5", "calm@prospect.example", "Calm <b>Lead</b>", "<img src=x onerror=alert(1)>", "-referral", "sql",
                "ann@example.com", "09:20",
            ],
        ]
        for r in rows {
            leads += csvLine([
                r[0], r[1], r[2], r[3], "", r[4], r[5], r[6], "2026-11-20 08:00", "2026-11-20 08:00",
                "2026-11-20 " + r[7],
            ])
        }
        try world.write("leads.csv", leads)

        // mbox: a display name with quotes, angle brackets and a comma, an encoded CR LF in a subject and a
        // From name, a path for a Message-ID, markup and shell syntax in subjects and bodies.
        try world.write(
            "mail/ann.mbox",
            """
            From robert@prospect.example Fri Nov 20 09:30:00 2026
            From: "Robert \\"Bobby\\" <Tables>, Esq." <robert@prospect.example>
            To: "Ann \\"The Closer\\" <Archer>, Jr." <ann@example.com>
            Subject: \(encodedCRLFSubject)
            Date: Fri, 20 Nov 2026 09:30:00 +0000
            Message-ID: <../../etc/passwd>
            Content-Type: text/html

            <script>alert('mail')</script><p>Robert'); DROP TABLE messages;--</p>

            From evil@prospect.example Fri Nov 20 09:40:00 2026
            From: =?utf-8?q?Evil=0D=0ABcc:_attacker@evil.example?= <evil@prospect.example>
            To: ann@example.com
            Subject: \(script) \(shellName) \(backticks)
            Date: Fri, 20 Nov 2026 09:40:00 +0000
            Message-ID: <$(touch /tmp/pwned)@prospect.example>

            ; rm -rf ~

            """)
        try Data(
            """
            From robert@prospect.example Fri Nov 20 09:50:00 2026
            From: \(secret) <robert@prospect.example>
            To: ann@example.com
            Subject: \(secret)
            Date: Fri, 20 Nov 2026 09:50:00 +0000
            Message-ID: <\(secret)@outside.example>

            \(secret)

            """.utf8
        ).write(to: URL(fileURLWithPath: world.outside + "/secret.mbox"))
        try world.link("mail/zz-secret.mbox", to: world.outside + "/secret.mbox")

        // Maildir: SQL in a subject; a symbolic link in cur/ to a message outside.
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(
                atPath: world.file("mail/bob/" + sub), withIntermediateDirectories: true)
        }
        try world.write(
            "mail/bob/cur/1763630000.M1P1.host:2,S",
            crlf([
                "From: \"Evil, <Bcc: x@evil.example>\" <evil@prospect.example>", "To: bob@example.com",
                "Subject: x\" OR \"1\"=\"1'); DROP TABLE messages;--", "Date: Fri, 20 Nov 2026 09:45:00 +0000",
                "Message-ID: <bob-1@prospect.example>", "", "-oQ/tmp/x --help",
            ]))
        let secretMessage = crlf([
            "From: \(secret) <shell@prospect.example>", "To: bob@example.com", "Subject: \(secret)",
            "Date: Fri, 20 Nov 2026 09:46:00 +0000", "Message-ID: <\(secret)-2@outside.example>", "", secret,
        ])
        try Data(secretMessage.utf8).write(to: URL(fileURLWithPath: world.outside + "/secret.eml"))
        try world.link("mail/bob/cur/1763630100.M2P1.host:2,S", to: world.outside + "/secret.eml")

        // Drop folder: a forged forward (dkim=fail), one with no Authentication-Results, one that passes, and
        // a symbolic link to a passing forward outside; file names that look like options or shell.
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(
                atPath: world.file("mail/drop/" + sub), withIntermediateDirectories: true)
        }
        func forward(auth: String?, from: String, lead: String, subject: String, body: String) -> String {
            crlf(
                (auth.map { ["Authentication-Results: mx.example.com; " + $0] } ?? []) + [
                    "From: \(from)", "To: log@baton.example.com", "Subject: Fwd: \(subject)",
                    "Date: Fri, 20 Nov 2026 10:00:00 +0000", "Message-ID: <fwd-\(UUID().uuidString)@example.com>",
                    "Content-Type: text/plain; charset=UTF-8", "", "---------- Forwarded message ---------",
                    "From: Lead <\(lead)>", "Date: Fri, Nov 20, 2026 at 9:55 AM", "Subject: \(subject)",
                    "To: Rep <ann@example.com>", "", body,
                ])
        }
        try world.write(
            "mail/drop/new/-oQ..x",
            forward(
                auth: "dkim=fail header.d=example.com; spf=fail smtp.mailfrom=ann@example.com",
                from: "Ann <ann@example.com>", lead: "shell@prospect.example", subject: "Forged", body: "forged"))
        try world.write(
            "mail/drop/new/$(touch pwned)",
            forward(
                auth: nil, from: "Bob <bob@example.com>", lead: "shell@prospect.example", subject: "Unsigned",
                body: "unsigned"))
        try world.write(
            "mail/drop/new/--help",
            forward(
                auth: "dkim=pass header.d=example.com header.s=s1", from: "Ann <ann@example.com>",
                lead: "calm@prospect.example", subject: "\(script) ../../etc/passwd", body: "hello"))
        try Data(
            forward(
                auth: "dkim=pass header.d=example.com header.s=s1", from: "Ann <ann@example.com>",
                lead: "robert@prospect.example", subject: secret, body: secret
            ).utf8
        ).write(to: URL(fileURLWithPath: world.outside + "/secret-drop.eml"))
        try world.link("mail/drop/new/zz-link", to: world.outside + "/secret-drop.eml")

        // Calendars: markup and SQL in a SUMMARY, a comma and brackets in a CN; a symbolic link to a calendar
        // outside.
        try world.write(
            "mail/calendars/hostile.ics",
            crlf([
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN", "METHOD:PUBLISH", "BEGIN:VEVENT",
                "UID:<script>uid</script>@example.com", "DTSTAMP:20261101T000000Z", "DTSTART:20261119T140000Z",
                "DTEND:20261119T143000Z",
                "SUMMARY:<script>alert('cal')</script> <b>Demo</b> Robert')\\; DROP TABLE meetings\\;--",
                "ORGANIZER;CN=\"Bob, <b>\":mailto:bob@example.com",
                "ATTENDEE;CN=\"Calm <Lead>, Sr.\";PARTSTAT=ACCEPTED:mailto:calm@prospect.example", "END:VEVENT",
                "END:VCALENDAR",
            ]))
        try Data(
            crlf([
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN", "BEGIN:VEVENT", "UID:\(secret)@outside",
                "DTSTAMP:20261101T000000Z", "DTSTART:20261119T150000Z", "DTEND:20261119T153000Z",
                "SUMMARY:\(secret)", "ORGANIZER:mailto:ann@example.com", "ATTENDEE:mailto:robert@prospect.example",
                "END:VEVENT", "END:VCALENDAR",
            ]).utf8
        ).write(to: URL(fileURLWithPath: world.outside + "/secret.ics"))
        try world.link("mail/calendars/zz-secret.ics", to: world.outside + "/secret.ics")

        // A sendmail that keeps each argv (one argument a line) and each message in files of its own.
        let script = world.file("sendmail.sh")
        try Data(
            """
            #!/bin/sh
            for a in "$@"; do printf '%s\\n' "$a"; done > '\(world.file("argv"))'/$$
            exec cat > '\(world.file("sent"))'/$$.eml

            """.utf8
        ).write(to: URL(fileURLWithPath: script))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        for folder in ["argv", "sent"] {
            try FileManager.default.createDirectory(atPath: world.file(folder), withIntermediateDirectories: true)
        }
        return world
    }

    // MARK: Helpers

    /// Every path under `folder` (relative, sorted) with its type, size and modification time.
    static func snapshot(_ folder: String) -> [String: String] {
        var result: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return result }
        while let name = walker.nextObject() as? String {
            var st = stat()
            guard lstat(folder + "/" + name, &st) == 0 else { continue }
            result[name] = "\(st.st_mode) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        }
        return result
    }

    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }

    static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    /// The header block of a message (up to the first empty line), as its raw bytes.
    static func headerBlock(_ bytes: [UInt8], lineEnd: [UInt8]) -> [UInt8] {
        let separator = lineEnd + lineEnd
        guard bytes.count >= separator.count else { return bytes }
        for i in 0...(bytes.count - separator.count) where Array(bytes[i..<(i + separator.count)]) == separator {
            return Array(bytes[..<(i + lineEnd.count)])
        }
        return bytes
    }

    struct Alert: Decodable {
        let lead: String?
        let level: String
        let to: [String]
        let cc: [String]
        let state: String
        let lastError: String?
        enum CodingKeys: String, CodingKey {
            case lead, level, to, cc, state
            case lastError = "last_error"
        }
    }

    struct LeadShow: Decodable {
        struct Event: Decodable {
            let type: String
            let subject: String?
            let messageID: String?
            enum CodingKeys: String, CodingKey {
                case type, subject
                case messageID = "message_id"
            }
        }
        let externalID: String?
        let name: String?
        let company: String?
        let source: String?
        let owner: String?
        let timeline: [Event]
        enum CodingKeys: String, CodingKey {
            case name, company, source, owner, timeline
            case externalID = "external_id"
        }
    }

    struct Clock: Decodable {
        let lead: String
        let state: String
    }

    // MARK: The scenario

    @Test("hostile values in every field reach no SQL, header, markup or argv; forgeries and links are refused")
    func hostileWorld() throws {
        let world = try Self.makeWorld()
        let before = Self.snapshot(world.root.path)
        let tmpBefore = Set(Self.files("/tmp"))

        let scan = try world.baton(["scan", "--verbose", "--now", Self.now])
        // Links and quarantined files are counted per source; refused notifications are per notification.
        #expect(scan.status == 0, "\(scan.stdout)\n\(scan.stderr)")
        let store = world.file("var/baton.sqlite")

        // No SQL ran from data: every table is there, row counts are what the files imply.
        let fresh = try TemporaryFolder()
        _ = try BatonStore(path: fresh.file("fresh.sqlite"))
        let tableList = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        #expect(
            try BatonProcess.sqlite(store, tableList)
                == (try BatonProcess.sqlite(fresh.file("fresh.sqlite"), tableList)))
        #expect(try BatonProcess.sqlite(store, "SELECT count(*) FROM leads") == "5\n")
        #expect(try BatonProcess.sqlite(store, "SELECT count(*) FROM reps") == "5\n")
        #expect(try BatonProcess.sqlite(store, "SELECT count(*) FROM meetings") == "1\n")
        // ann.mbox 2, bob 1, the passing forward's original 1.
        #expect(try BatonProcess.sqlite(store, "SELECT count(*) FROM messages") == "4\n")
        #expect(try BatonProcess.sqlite(store, "PRAGMA integrity_check") == "ok\n")
        #expect(
            try BatonProcess.sqlite(store, "SELECT name, company, source, external_id FROM leads ORDER BY id")
                == [
                    "\(Self.sqlName)|\(Self.sqlCompany)|\(Self.script)|\(Self.sqlExternalID)",
                    "\(Self.crlfName)|\(Self.formula)|\(Self.plusFormula)|L-2",
                    "\(Self.shellName)|\(Self.backticks)|\(Self.rmSource)|L-3",
                    "\(Self.optionName)|\(Self.helpCompany)|\(Self.atFormula)|L-4",
                    "Calm <b>Lead</b>|<img src=x onerror=alert(1)>|-referral|L-5",
                ].map { $0 + "\n" }.joined())
        #expect(
            try BatonProcess.sqlite(store, "SELECT summary FROM meetings") == Self.calendarSummary + "\n")

        // Nothing behind a symbolic link reached the store, in any table, as text or as bytes.
        for table in try BatonProcess.sqlite(store, tableList).split(separator: "\n") {
            let rows = try BatonProcess.sqlite(store, "SELECT * FROM \"\(table)\"")
            #expect(!rows.contains(Self.secret), "\(table)")
            #expect(!rows.lowercased().contains(Self.hex(Self.secret)), "\(table)")
        }
        // ... and each link is reported, left in place.
        let links = [
            "mail/zz-secret.mbox", "mail/bob/cur/1763630100.M2P1.host:2,S", "mail/drop/new/zz-link",
            "mail/calendars/zz-secret.ics",
        ]
        for link in links {
            #expect(scan.stdout.contains("\(world.file(link))"), "\(link) not reported:\n\(scan.stdout)")
            #expect(FileManager.default.fileExists(atPath: world.file(link)))
        }

        // Forgery: the dkim=fail forward and the unauthenticated one are in quarantine with their reasons.
        let drop = world.file("mail/drop")
        #expect(
            Self.files(drop + "/quarantine") == [
                "$(touch pwned)", "$(touch pwned).reason", "-oQ..x", "-oQ..x.reason",
            ])
        #expect(Self.files(drop + "/processed") == ["--help"])
        #expect(Self.files(drop + "/new") == ["zz-link"])
        for name in ["$(touch pwned)", "-oQ..x"] {
            let reason = try String(contentsOfFile: drop + "/quarantine/\(name).reason", encoding: .utf8)
            #expect(
                reason.hasPrefix(
                    "\(name): no passing DKIM or SPF result from mx.example.com for example.com in Authentication-Results: the From may be forged\n"
                ))
        }
        #expect(
            try BatonProcess.sqlite(store, "SELECT count(*) FROM messages WHERE subject IN ('Forged', 'Unsigned')")
                == "0\n")

        // Alerts: every one went out. A rep whose address looks like an option (`-dash@example.com`) is left out
        // of the alerts that name them, with a note; the others still get theirs. An owner that is no rep
        // (`-f@evil.example`) leaves the lead unassigned: the fallback gets it.
        let alertsRun = try world.baton(["alerts", "list", "--json"])
        #expect(alertsRun.status == 0)
        let alerts = try JSONDecoder().decode([Alert].self, from: Data(alertsRun.stdout.utf8))
        let summary = alerts.map { "\($0.lead ?? "-") \($0.level) \($0.to + $0.cc) \($0.state)" }.sorted()
        #expect(
            summary == [
                "dash@prospect.example breach [\"sales-ops@example.com\"] sent",
                "dash@prospect.example escalation [\"sales-ops@example.com\"] sent",
                "evil@prospect.example breach [\"mia@example.com\", \"bob@example.com\"] sent",
                "evil@prospect.example escalation [\"victor@example.com\", \"mia@example.com\", \"bob@example.com\"] sent",
                "robert@prospect.example breach [\"mia@example.com\", \"ann@example.com\"] sent",
                "robert@prospect.example escalation [\"victor@example.com\", \"mia@example.com\", \"ann@example.com\"] sent",
                "shell@prospect.example breach [\"mia@example.com\"] sent",
                "shell@prospect.example escalation [\"victor@example.com\", \"mia@example.com\"] sent",
            ])
        #expect(alerts.allSatisfy { $0.lastError == nil })

        // sendmail's argv: the fixed options, `--`, then plain addresses only.
        let argvFiles = Self.files(world.file("argv"))
        #expect(argvFiles.count == 8)
        var recipientLists: [[String]] = []
        for file in argvFiles {
            let argv = try String(contentsOfFile: world.file("argv/" + file), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            #expect(Array(argv.prefix(4)) == ["-i", "-f", "baton@example.com", "--"])
            let recipients = Array(argv.dropFirst(4))
            #expect(recipients.allSatisfy { !$0.hasPrefix("-") && $0.hasSuffix("@example.com") && !$0.contains(" ") })
            recipientLists.append(recipients)
        }
        #expect(
            Set(recipientLists.map { $0.joined(separator: " ") }) == [
                "mia@example.com ann@example.com", "victor@example.com mia@example.com ann@example.com",
                "mia@example.com bob@example.com", "victor@example.com mia@example.com bob@example.com",
                "sales-ops@example.com", "mia@example.com", "victor@example.com mia@example.com",
            ])

        // Every composed message (as stored, CRLF; as sendmail got it, LF): no Bcc header, no stray CR or LF in
        // the header block, and hostile text only escaped in the HTML part.
        let stored = try BatonProcess.sqlite(store, "SELECT hex(content) FROM notifications WHERE content IS NOT NULL")
            .split(separator: "\n").map { Self.bytes(hex: String($0)) }
        #expect(stored.count == 8)
        for message in stored {
            let header = Self.headerBlock(message, lineEnd: [0x0D, 0x0A])
            for (n, byte) in header.enumerated() {
                if byte == 0x0A { #expect(n > 0 && header[n - 1] == 0x0D, "bare LF in a header at \(n)") }
                if byte == 0x0D { #expect(n + 1 < header.count && header[n + 1] == 0x0A, "bare CR at \(n)") }
            }
            let lines = String(decoding: header, as: UTF8.self).components(separatedBy: "\r\n")
            #expect(!lines.contains { $0.lowercased().hasPrefix("bcc:") })
            let text = String(decoding: message, as: UTF8.self)
            let html = try #require(AlertDeliveryTests.part("text/html", of: text))
            #expect(!html.lowercased().contains("<script"))
            #expect(!html.contains("<b>") && !html.contains("<img"))
        }
        let robertAlerts = stored.map { String(decoding: $0, as: UTF8.self) }.filter {
            $0.contains("robert@prospect.example")
        }
        #expect(!robertAlerts.isEmpty)
        for text in robertAlerts {
            let html = try #require(AlertDeliveryTests.part("text/html", of: text))
            #expect(
                html.contains("Robert&#39;); DROP TABLE leads;--") || html.contains("Robert'); DROP TABLE leads;--"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
        let sentFiles = Self.files(world.file("sent"))
        #expect(sentFiles.count == 8)
        for file in sentFiles {
            let message = Array(try Data(contentsOf: URL(fileURLWithPath: world.file("sent/" + file))))
            let header = Self.headerBlock(message, lineEnd: [0x0A])
            #expect(!header.contains(0x0D))
            let lines = String(decoding: header, as: UTF8.self).split(separator: "\n")
            #expect(!lines.contains { $0.lowercased().hasPrefix("bcc:") })
        }
        // Read back by Baton's own parser: the recipients are exactly the plain reps.
        let inspected = try BatonProcess.run(["inspect", "mail", world.file("sent")], in: world.path)
        #expect(inspected.status == 0)
        let parsed = try inspected.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(AlertDeliveryTests.Mail.self, from: Data($0.utf8))
        }
        #expect(parsed.count == 8)
        #expect(
            Set(parsed.flatMap { $0.toAddresses + $0.ccAddresses }) == [
                "ann@example.com", "bob@example.com", "mia@example.com", "victor@example.com", "sales-ops@example.com",
            ])

        // Round trips through the commands a user runs.
        let show = try world.baton(["lead", "show", "robert@prospect.example", "--json", "--now", Self.now])
        #expect(show.status == 0)
        let robert = try JSONDecoder().decode(LeadShow.self, from: Data(show.stdout.utf8))
        #expect(robert.name == Self.sqlName)
        #expect(robert.company == Self.sqlCompany)
        #expect(robert.source == Self.script)
        #expect(robert.externalID == Self.sqlExternalID)
        #expect(robert.timeline.map(\.subject) == ["a\r\nBcc: x@evil.example"])
        #expect(robert.timeline.map(\.messageID) == ["../../etc/passwd"])
        let evilShow = try world.baton(["lead", "show", "evil@prospect.example", "--json", "--now", Self.now])
        let evil = try JSONDecoder().decode(LeadShow.self, from: Data(evilShow.stdout.utf8))
        #expect(evil.name == Self.crlfName)
        #expect(evil.company == Self.formula)
        #expect(
            Set(evil.timeline.compactMap(\.subject)) == [
                "\(Self.script) \(Self.shellName) \(Self.backticks)", "x\" OR \"1\"=\"1'); DROP TABLE messages;--",
            ])
        let dashShow = try world.baton(["lead", "show", "dash@prospect.example", "--json", "--now", Self.now])
        #expect(dashShow.status == 0)
        #expect(try JSONDecoder().decode(LeadShow.self, from: Data(dashShow.stdout.utf8)).owner == nil)
        let calmShow = try world.baton(["lead", "show", "calm@prospect.example", "--json", "--now", Self.now])
        let calm = try JSONDecoder().decode(LeadShow.self, from: Data(calmShow.stdout.utf8))
        #expect(
            calm.timeline.map { "\($0.type) \($0.subject ?? "")" }.sorted() == [
                "email \(Self.script) ../../etc/passwd", "meeting \(Self.calendarSummary)",
            ])

        let sla = try world.baton(["sla", "check", "--json", "--now", Self.now])
        #expect(sla.status == 0)
        let clocks = try JSONDecoder().decode([Clock].self, from: Data(sla.stdout.utf8))
        #expect(
            clocks.map { "\($0.lead) \($0.state)" }.sorted() == [
                "dash@prospect.example breached", "evil@prospect.example breached", "robert@prospect.example breached",
                "shell@prospect.example breached",
            ])

        let explain = try world.baton(["explain", "robert@prospect.example", "--now", Self.now])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains(Self.sqlName))
        #expect(!explain.stdout.contains(Self.secret))

        // Reports: HTML escapes, CSV defuses formulas, JSON and text carry the values as data.
        for by in ["rep", "source"] {
            let html = try world.baton(["report", "--format", "html", "--by", by, "--now", Self.now])
            #expect(html.status == 0)
            #expect(!html.stdout.lowercased().contains("<script"), "--by \(by)")
            #expect(!html.stdout.contains("<Archer>") && !html.stdout.contains("<img") && !html.stdout.contains("<b>"))
            #expect(!html.stdout.contains(Self.secret))
        }
        let htmlBySource = try world.baton(["report", "--format", "html", "--by", "source", "--now", Self.now])
        #expect(htmlBySource.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

        let csv = try world.baton(["report", "--format", "csv", "--by", "source", "--now", Self.now])
        #expect(csv.status == 0)
        let csvFields = csv.stdout.split(separator: "\n").flatMap { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.hasPrefix("\"") && $0.hasSuffix("\"") && $0.count >= 2
                    ? String($0.dropFirst().dropLast()) : String($0)
            }
        }
        for value in [Self.plusFormula, Self.atFormula, "-referral"] {
            #expect(csv.stdout.contains("'" + value), "\(value) not defused:\n\(csv.stdout)")
        }
        #expect(!csvFields.contains { field in "=+@".contains(field.first ?? " ") })
        #expect(!csvFields.contains { $0.first == "-" && $0.count > 1 && Double($0) == nil })
        let csvByRep = try world.baton(["report", "--format", "csv", "--by", "rep", "--now", Self.now])
        #expect(csvByRep.stdout.contains("'-dash@example.com"), "\(csvByRep.stdout)")

        for format in ["json", "text"] {
            let report = try world.baton(["report", "--format", format, "--by", "source", "--now", Self.now])
            #expect(report.status == 0, "\(format): \(report.stderr)")
            #expect(!report.stdout.contains(Self.secret))
        }
        let json = try world.baton(["report", "--format", "json", "--by", "source", "--now", Self.now])
        #expect(json.stdout.contains("\"<script>alert(1)</script>\"") || json.stdout.contains("<\\/script>"))

        // Nothing ran: no file from shell syntax anywhere; nothing written outside the configured folders.
        #expect(!FileManager.default.fileExists(atPath: "/tmp/pwned"))
        #expect(!FileManager.default.fileExists(atPath: world.file("pwned")))
        let tmpNew = Set(Self.files("/tmp")).subtracting(tmpBefore)
        #expect(!tmpNew.contains("pwned") && !tmpNew.contains("x") && !tmpNew.contains("etc"), "\(tmpNew)")
        let after = Self.snapshot(world.root.path)
        let changed = Set(after.keys).union(before.keys).filter { before[$0] != after[$0] }.sorted()
        let allowed = [
            "world/var", "world/mail/drop/processed", "world/mail/drop/quarantine", "world/argv", "world/sent",
        ]
        let moved = [
            "world/mail/drop/new", "world/mail/drop/new/-oQ..x", "world/mail/drop/new/$(touch pwned)",
            "world/mail/drop/new/--help", "world/mail/drop", "world/mail",
        ]
        let unexpected = changed.filter { path in
            !allowed.contains { path == $0 || path.hasPrefix($0 + "/") } && !moved.contains(path) && path != "world"
        }
        #expect(unexpected == [], "changed outside the configured folders: \(unexpected)")
        #expect(
            Self.snapshot(world.outside)
                == before.filter { $0.key.hasPrefix("outside/") }.reduce(into: [:]) {
                    $0[String($1.key.dropFirst("outside/".count))] = $1.value
                })

        // Modes: the store and its companions 0600; the drop folder's processed/ and quarantine/ 0700. What lies
        // inside those two keeps its mode (a moved file its own, a `.reason` file the umask's), shielded by the
        // folder; the store's folder `var/` is made with the umask's mode.
        #expect(Self.mode(store) == 0o600)
        for companion in ["-wal", "-shm", ".lock"] where FileManager.default.fileExists(atPath: store + companion) {
            #expect(Self.mode(store + companion) == 0o600, "\(companion)")
        }
        #expect(Self.mode(drop + "/processed") == 0o700)
        #expect(Self.mode(drop + "/quarantine") == 0o700)
        // While a connection is open, SQLite's -wal and -shm take the store's own mode, whatever the umask.
        let open = try SQLiteDatabase(path: store)
        _ = try open.query("SELECT count(*) FROM leads", [SQLValue]())
        for companion in ["-wal", "-shm"] {
            #expect(Self.mode(store + companion) == 0o600, "\(companion) while open")
        }
    }

    @Test("the folder transport's folder is 0700 and its messages 0600; hostile names stay out of its headers")
    func folderTransportModes() throws {
        let world = try Self.makeWorld()
        let config = try String(contentsOfFile: world.file("baton.json"), encoding: .utf8)
            .replacingOccurrences(
                of: #"{"type": "sendmail", "path": "sendmail.sh"}"#, with: #"{"type": "folder", "path": "out/box"}"#)
        try world.write("baton.json", config)
        let scan = try world.baton(["scan", "--now", Self.now])
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(Self.mode(world.file("out/box")) == 0o700)
        let files = Self.files(world.file("out/box"))
        // The folder transport writes every alert; a recipient that looks like an option is left out of it.
        #expect(files.count == 8)
        for file in files {
            #expect(Self.mode(world.file("out/box/" + file)) == 0o600, "\(file)")
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: world.file("out/box/" + file))))
            let header = String(decoding: Self.headerBlock(bytes, lineEnd: [0x0D, 0x0A]), as: UTF8.self)
            #expect(!header.contains("-dash@example.com") && !header.contains("-f@evil.example"), "\(header)")
            #expect(!header.components(separatedBy: "\r\n").contains { $0.lowercased().hasPrefix("bcc:") })
        }
    }

    @Test("a drop folder whose quarantine or processed folder is a symbolic link out moves nothing through it")
    func linkedDropFolders() throws {
        let world = try Self.makeWorld()
        try FileManager.default.createDirectory(
            atPath: world.outside + "/q", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: world.outside + "/p", withIntermediateDirectories: true)
        try world.link("mail/drop/quarantine", to: world.outside + "/q")
        try world.link("mail/drop/processed", to: world.outside + "/p")
        let scan = try world.baton(["scan", "--verbose", "--now", Self.now])
        #expect(Self.files(world.outside + "/q") == [])
        #expect(Self.files(world.outside + "/p") == [])
        #expect(scan.status == 74, "\(scan.stdout)\n\(scan.stderr)")
        #expect(scan.stderr.contains("symbolic link"), "\(scan.stderr)")
        // The files wait in new/ for an admin to fix the folder.
        #expect(Self.files(world.file("mail/drop/new")) == ["$(touch pwned)", "--help", "-oQ..x", "zz-link"])
    }
}
