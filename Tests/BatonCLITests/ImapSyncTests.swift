import Foundation
import TestSupport
import Testing

/// IMAP mailboxes synced to Maildir by `mbsync`, end to end with the real programs (docs/capture-imap.md): the
/// dovecot `Scripts/imap-setup` starts on 127.0.0.1:10143 (`.ci/run` runs it), messages appended over IMAP with
/// curl, `mbsync` (Debian's `isync`) syncing two reps' accounts, Ann's in the `SubFolders Verbatim` layout and
/// Bob's in `Maildir++`, and `baton scan` reading the Maildirs through globs. Each run logs in as users of its
/// own (the server takes any name with its one password), so runs never see each other's mail.
@Suite struct ImapSyncTests {
    static let port = 10143
    static let password = "baton-test"
    static let mbsync = "/usr/bin/mbsync"
    static let curl = "/usr/bin/curl"
    static let now = "2026-11-20T12:00:00Z"

    /// mbsync and curl installed, and the dovecot of `Scripts/imap-setup` taking a login on 127.0.0.1:10143.
    static let serverReady: Bool = {
        guard FileManager.default.isExecutableFile(atPath: mbsync), FileManager.default.isExecutableFile(atPath: curl)
        else { return false }
        let probe = try? Subprocess.run(
            curl, ["-sS", "--max-time", "5", "--user", "probe:\(password)", "imap://127.0.0.1:\(port)/"])
        return probe?.status == 0
    }()

    /// One IMAP account on the test server, driven with curl (one connection per command; curl appends with
    /// `\Seen`, so `append` clears it where a message should arrive unread).
    struct Account {
        let user: String
        let scratch: TemporaryFolder

        /// Runs one IMAP command with `mailbox` selected (or none); its untagged answers.
        @discardableResult
        func command(_ command: String, in mailbox: String = "") throws -> String {
            let result = try Subprocess.run(
                ImapSyncTests.curl,
                [
                    "-sS", "--max-time", "10", "--user", "\(user):\(ImapSyncTests.password)",
                    "imap://127.0.0.1:\(ImapSyncTests.port)/\(mailbox)", "-X", command,
                ])
            try #require(result.status == 0, "curl \(command) in \(mailbox): \(result.stderr)")
            return result.stdout
        }

        /// The UID of the message with `messageID` in `mailbox`.
        func uid(of messageID: String, in mailbox: String) throws -> Int {
            let answer = try command("UID SEARCH HEADER Message-ID \"<\(messageID)>\"", in: mailbox)
            let numbers = answer.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            try #require(numbers.count == 1, "\(messageID) in \(mailbox): \(answer)")
            return numbers[0]
        }

        func append(_ message: TestMessage, to mailbox: String, seen: Bool = true) throws {
            let file = try scratch.write("append-\(UUID().uuidString).eml", message.text)
            let result = try Subprocess.run(
                ImapSyncTests.curl,
                [
                    "-sS", "--max-time", "10", "--user", "\(user):\(ImapSyncTests.password)", "--upload-file", file,
                    "imap://127.0.0.1:\(ImapSyncTests.port)/\(mailbox)",
                ])
            try #require(result.status == 0, "curl APPEND to \(mailbox): \(result.stderr)")
            if !seen { try store(message.id, in: mailbox, "-FLAGS (\\Seen)") }
        }

        func store(_ messageID: String, in mailbox: String, _ change: String) throws {
            try command("UID STORE \(try uid(of: messageID, in: mailbox)) \(change)", in: mailbox)
        }

        func move(_ messageID: String, from mailbox: String, to target: String) throws {
            try command("UID MOVE \(try uid(of: messageID, in: mailbox)) \(target)", in: mailbox)
        }
    }

    /// A message of the scenario: every one concerns one lead and one rep.
    struct TestMessage {
        let id: String
        let from: String
        let to: String
        let subject: String
        let date: String
        var inReplyTo: String? = nil

        /// The message as sent, CR LF line ends.
        var text: String {
            var lines = [
                "From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: \(date)", "Message-ID: <\(id)>",
            ]
            if let inReplyTo { lines += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
            lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "", "About \(subject).", ""]
            return lines.joined(separator: "\r\n")
        }
    }

    static let ann = "ann@example.com"
    static let bob = "bob@example.com"
    static let m1 = TestMessage(
        id: "m1@acme.test", from: "Dana <dana@acme.test>", to: ann, subject: "Pricing",
        date: "Mon, 16 Nov 2026 10:00:00 +0000")
    static let m2 = TestMessage(
        id: "m2@example.com", from: ann, to: "dana@acme.test", subject: "Re: Pricing",
        date: "Mon, 16 Nov 2026 11:00:00 +0000", inReplyTo: "m1@acme.test")
    static let m3 = TestMessage(
        id: "m3@northwind.test", from: "Erik <erik@northwind.test>", to: ann, subject: "A demo?",
        date: "Mon, 16 Nov 2026 12:00:00 +0000")
    static let m4 = TestMessage(
        id: "m4@globex.test", from: "Fay <fay@globex.test>", to: bob, subject: "Integration",
        date: "Tue, 17 Nov 2026 09:00:00 +0000")
    static let m5 = TestMessage(
        id: "m5@example.com", from: bob, to: "fay@globex.test", subject: "Re: Integration",
        date: "Tue, 17 Nov 2026 10:30:00 +0000", inReplyTo: "m4@globex.test")
    static let m6 = TestMessage(
        id: "m6@initech.test", from: "Gus <gus@initech.test>", to: bob, subject: "Contract",
        date: "Tue, 10 Nov 2026 15:00:00 +0000")
    static let m7 = TestMessage(
        id: "m7@northwind.test", from: "Erik <erik@northwind.test>", to: ann, subject: "Demo next week",
        date: "Wed, 18 Nov 2026 08:00:00 +0000")
    static let m8 = TestMessage(
        id: "m8@initech.test", from: "Gus <gus@initech.test>", to: bob, subject: "Renewal",
        date: "Thu, 12 Nov 2026 14:00:00 +0000")

    /// Ann's messages and Bob's, once all have arrived: the plain-file world holds these.
    static let annMessages = [m1, m2, m3, m7]
    static let bobMessages = [m4, m5, m6, m8]
    static let leads = ["dana@acme.test", "erik@northwind.test", "fay@globex.test", "gus@initech.test"]

    /// A world with Ann and Bob, their four leads, a first-response policy and `sources`.
    static func world(sources: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            "baton.json",
            """
            {"store": "var/baton.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "crm": {"reps_file": "reps.csv", "leads_file": "leads.csv"},
             "sources": [\(sources)],
             "teams": {"sales": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}},
             "policies": [{"name": "first-response", "clock": "first_response", "target": "4h", "time": "business",
                           "stages": ["mql"]}],
             "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "outbox"}}}
            """)
        try folder.write(
            "reps.csv", "email,name,team\n\(ann),Ann Archer,sales\n\(bob),Bob Baker,sales\n")
        try folder.write(
            "leads.csv",
            """
            external_id,email,name,company,stage,owner_email,created_at,mql_at,assigned_at
            L-1,dana@acme.test,Dana Scully,Acme,mql,\(ann),2026-11-16 08:00,2026-11-16 08:00,2026-11-16 08:00
            L-2,erik@northwind.test,Erik Nilsen,Northwind,mql,\(ann),2026-11-16 08:00,2026-11-16 08:00,2026-11-16 08:00
            L-3,fay@globex.test,Fay Wray,Globex,mql,\(bob),2026-11-17 08:00,2026-11-17 08:00,2026-11-17 08:00
            L-4,gus@initech.test,Gus Fring,Initech,sql,\(bob),2026-11-09 08:00,2026-11-09 08:00,2026-11-09 08:00

            """)
        return folder
    }

    /// Ann's account in the Verbatim layout (INBOX placed under the store's Path, so `mail/ann/*` lists every
    /// folder), Bob's in Maildir++ (INBOX is the root, its folders `.Name` inside it).
    static func mbsyncConfig(_ world: TemporaryFolder, ann: String, bob: String) -> String {
        func account(_ name: String, user: String) -> [String] {
            [
                """
                IMAPAccount \(name)
                Host 127.0.0.1
                Port \(port)
                User \(user)
                Pass \(password)
                SSLType None
                AuthMechs LOGIN
                Timeout 10
                """,
                "IMAPStore \(name)-far\nAccount \(name)",
            ]
        }
        func channel(_ name: String) -> String {
            """
            Channel \(name)
            Far :\(name)-far:
            Near :\(name)-near:
            Patterns *
            Create Near
            Sync Pull
            Expunge Near
            SyncState *
            """
        }
        let annNear = """
            MaildirStore ann-near
            Path \(world.file("mail/ann"))/
            Inbox \(world.file("mail/ann/INBOX"))
            SubFolders Verbatim
            """
        let bobNear = "MaildirStore bob-near\nInbox \(world.file("mail/bob"))\nSubFolders Maildir++"
        let sections =
            account("ann", user: ann) + [annNear, channel("ann")] + account("bob", user: bob) + [
                bobNear, channel("bob"),
            ]
        return sections.joined(separator: "\n\n") + "\n"
    }

    static func sync(_ world: TemporaryFolder) throws -> Subprocess.Result {
        try FileManager.default.createDirectory(atPath: world.file("mail/ann"), withIntermediateDirectories: true)
        return try Subprocess.run(
            mbsync, ["-c", world.file("mbsyncrc"), "-a"], in: world.path,
            environment: ["PATH": "/usr/bin:/bin", "HOME": world.path, "LANG": "C.UTF-8"])
    }

    /// `baton scan --json`'s per-source counts, by path relative to the world: new messages, interactions,
    /// skipped, errors.
    static func scan(_ world: TemporaryFolder) throws -> [String: [Int]] {
        let result = try BatonProcess.run(
            ["scan", "--config", "baton.json", "--now", now, "--json"], in: world.path)
        #expect(result.status == 0, "\(result.stderr)\(result.stdout)")
        #expect(result.stderr == "")
        struct Report: Decodable {
            struct Source: Decodable {
                let path: String
                let newMessages, interactions, skipped, errors: Int
                enum CodingKeys: String, CodingKey {
                    case path, interactions, skipped, errors
                    case newMessages = "new_messages"
                }
            }
            let sources: [Source]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        var counts: [String: [Int]] = [:]
        for source in report.sources {
            let relative =
                source.path.hasPrefix(world.path + "/")
                ? String(source.path.dropFirst(world.path.count + 1)) : source.path
            counts[relative] = [source.newMessages, source.interactions, source.skipped, source.errors]
        }
        return counts
    }

    /// `baton lead show ADDRESS --json` of every lead, each timeline entry without its sightings (their sources
    /// and locations differ between the worlds compared).
    static func timelines(_ world: TemporaryFolder) throws -> [NSDictionary] {
        try leads.map { lead in
            let result = try BatonProcess.run(
                ["lead", "show", lead, "--json", "--config", "baton.json", "--now", now], in: world.path)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            var shown = object
            let timeline = try #require(object["timeline"] as? [[String: Any]])
            shown["timeline"] = timeline.map { entry in entry.filter { $0.key != "sightings" } }
            return shown as NSDictionary
        }
    }

    /// The store's count of `table`.
    static func count(_ world: TemporaryFolder, _ table: String) throws -> Int {
        Int(
            try BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT count(*) FROM \(table)")
                .trimmingCharacters(in: .newlines)) ?? -1
    }

    /// The unique names (before `:2,`) of the message files under `folder`, at any depth.
    static func uniqueNames(under folder: String) -> Set<String> {
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        let messages = files.filter {
            ["cur", "new"].contains((($0 as NSString).deletingLastPathComponent as NSString).lastPathComponent)
        }
        return Set(messages.map { String(($0 as NSString).lastPathComponent.prefix { $0 != ":" }) })
    }

    /// The same messages as plain mbox files, one per rep, scanned into a world of their own.
    static func plainWorld() throws -> TemporaryFolder {
        let world = try Self.world(
            sources: """
                {"type": "mbox", "path": "plain/ann.mbox", "rep": "\(ann)"},
                {"type": "mbox", "path": "plain/bob.mbox", "rep": "\(bob)"}
                """)
        for (name, messages) in [("ann", annMessages), ("bob", bobMessages)] {
            let mbox = messages.map {
                "From MAILER-DAEMON Thu Nov 19 00:00:00 2026\n"
                    + $0.text.replacingOccurrences(
                        of: "\r\n", with: "\n") + "\n"
            }.joined()
            try world.write("plain/\(name).mbox", mbox)
        }
        let counts = try scan(world)
        #expect(counts["plain/ann.mbox"] == [4, 4, 0, 0])
        #expect(counts["plain/bob.mbox"] == [4, 4, 0, 0])
        return world
    }

    @Test(
        "mbsync's Maildirs, both layouts: new mail, flag changes, moves and a UIDVALIDITY reset; each message once",
        .enabled(
            if: EndToEnd.runs(when: serverReady),
            "needs dovecot on 127.0.0.1:10143, mbsync and curl (Scripts/imap-setup)"),
        .timeLimit(.minutes(2)))
    func mbsyncBothLayouts() throws {
        try #require(
            Self.serverReady,
            "no IMAP server on 127.0.0.1:\(Self.port), or mbsync or curl missing: run Scripts/imap-setup")
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let world = try Self.world(
            sources: """
                {"type": "maildir", "path": "mail/ann/*", "rep": "\(Self.ann)"},
                {"type": "maildir", "path": "mail/bob", "rep": "\(Self.bob)"},
                {"type": "maildir", "path": "mail/bob/.*", "rep": "\(Self.bob)"}
                """)
        try world.write("mbsyncrc", Self.mbsyncConfig(world, ann: "ann-" + token, bob: "bob-" + token))
        let ann = Account(user: "ann-" + token, scratch: world)
        let bob = Account(user: "bob-" + token, scratch: world)

        // The first state of the server: mail arrives unread in the inboxes; Sent and Archive hold read mail.
        for account in [ann, bob] {
            try account.command("CREATE Sent")
            try account.command("CREATE Archive")
        }
        try ann.append(Self.m1, to: "INBOX", seen: false)
        try ann.append(Self.m3, to: "INBOX", seen: false)
        try ann.append(Self.m2, to: "Sent")
        try bob.append(Self.m4, to: "INBOX", seen: false)
        try bob.append(Self.m8, to: "INBOX", seen: false)
        try bob.append(Self.m5, to: "Sent")
        try bob.append(Self.m6, to: "Archive")
        let first = try Self.sync(world)
        try #require(first.status == 0, "mbsync: \(first.stderr)")
        // mbsync's names: `…,U=uid:2,FLAGS`, unread mail in new/.
        let inboxNew = try FileManager.default.contentsOfDirectory(atPath: world.file("mail/ann/INBOX/new"))
        #expect(inboxNew.count == 2)
        #expect(inboxNew.allSatisfy { $0.contains(",U=") && $0.hasSuffix(":2,") }, "\(inboxNew)")
        #expect(
            try Self.scan(world) == [
                "mail/ann/Archive": [0, 0, 0, 0], "mail/ann/INBOX": [2, 2, 0, 0], "mail/ann/Sent": [1, 1, 0, 0],
                "mail/bob": [2, 2, 0, 0], "mail/bob/.Archive": [1, 1, 0, 0], "mail/bob/.Sent": [1, 1, 0, 0],
            ])

        // On the server: a new message, flags changed (read and flagged: mbsync renames, new/ to cur/), a message
        // moved to Archive in each account.
        try ann.append(Self.m7, to: "INBOX", seen: false)
        try ann.store(Self.m1.id, in: "INBOX", "+FLAGS (\\Seen \\Flagged)")
        try ann.store(Self.m2.id, in: "Sent", "+FLAGS (\\Flagged)")
        try bob.store(Self.m4.id, in: "INBOX", "+FLAGS (\\Seen)")
        try ann.move(Self.m3.id, from: "INBOX", to: "Archive")
        try bob.move(Self.m8.id, from: "INBOX", to: "Archive")
        let before = Self.uniqueNames(under: world.file("mail"))
        let second = try Self.sync(world)
        try #require(second.status == 0, "mbsync: \(second.stderr)")
        let renamed = try FileManager.default.contentsOfDirectory(atPath: world.file("mail/ann/INBOX/cur"))
        #expect(renamed.count == 1 && renamed[0].hasSuffix(":2,FS"), "\(renamed)")
        #expect(Self.uniqueNames(under: world.file("mail")).subtracting(before).count == 3, "m7, m3 and m8 anew")
        // Exactly m7 is new mail with a new interaction; the moved m3 and m8 are new to their Archive folders
        // (`new_messages` counts per source) and to nothing else; flag renames are nothing.
        #expect(
            try Self.scan(world) == [
                "mail/ann/Archive": [1, 0, 0, 0], "mail/ann/INBOX": [1, 1, 0, 0], "mail/ann/Sent": [0, 0, 0, 0],
                "mail/bob": [0, 0, 0, 0], "mail/bob/.Archive": [1, 0, 0, 0], "mail/bob/.Sent": [0, 0, 0, 0],
            ])
        #expect(try Self.count(world, "messages") == 8)
        #expect(try Self.count(world, "interactions") == 8)
        let plain = try Self.plainWorld()
        let expected = try Self.timelines(plain)
        #expect(try Self.timelines(world) == expected)

        // A UIDVALIDITY reset: Sent and Archive recreated on the server, their messages appended again in
        // another order. mbsync refuses the folder whose messages moved ("genuinely changed"); the recovery
        // (docs/capture-imap.md) is a fresh copy: the local trees removed and synced again, every message
        // downloaded under a new name.
        for (account, sent, archive) in [(ann, [Self.m2], [Self.m3]), (bob, [Self.m5], [Self.m6, Self.m8])] {
            for (mailbox, messages) in [("Sent", sent), ("Archive", archive)] {
                try account.command("DELETE \(mailbox)")
                try account.command("CREATE \(mailbox)")
                for message in messages.reversed() { try account.append(message, to: mailbox) }
            }
        }
        let refused = try Self.sync(world)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("channel bob, far side box Archive: UIDVALIDITY genuinely changed"))
        let old = Self.uniqueNames(under: world.file("mail"))
        #expect(old.count == 8)
        try FileManager.default.removeItem(atPath: world.file("mail"))
        let fresh = try Self.sync(world)
        try #require(fresh.status == 0, "mbsync: \(fresh.stderr)")
        let new = Self.uniqueNames(under: world.file("mail"))
        #expect(new.count == 8)
        #expect(new.isDisjoint(with: old))
        #expect(
            try Self.scan(world) == [
                "mail/ann/Archive": [0, 0, 0, 0], "mail/ann/INBOX": [0, 0, 0, 0], "mail/ann/Sent": [0, 0, 0, 0],
                "mail/bob": [0, 0, 0, 0], "mail/bob/.Archive": [0, 0, 0, 0], "mail/bob/.Sent": [0, 0, 0, 0],
            ])
        #expect(try Self.count(world, "messages") == 8)
        #expect(try Self.count(world, "interactions") == 8)
        #expect(try Self.timelines(world) == expected)
    }
}
