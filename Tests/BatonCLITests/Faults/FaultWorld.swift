import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The fault suite's world: the shipped sample (config with five policies, reps with managers, leads, a drop
/// folder, calendars) grown with generated mail and leads, its alerts handed to a fake sendmail that logs the
/// Message-ID of every message it accepts.
enum FaultWorld {
    static let now = "2026-11-26T17:00:00Z"
    /// 2026-11-16 08:00:00 UTC, the first generated message.
    static let base = 1_794_816_000

    /// `baton scan` for the world at `now`.
    static func scan(at now: String = now) -> [String] {
        ["scan", "--config", "Config/baton.json", "--now", now]
    }

    /// An integer from the environment, else `fallback`.
    static func knob(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }

    /// Builds the world in the (new) folder `path`: the sample world plus `messages` generated mbox messages, a
    /// quarter as many Maildir files for Bob, and 200 generated leads, 30 of them assigned the day before `now`
    /// and never answered, so that breaches and escalations go out.
    static func make(at path: String, messages: Int) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        try SampleWorld.copy(into: path)
        let configPath = path + "/Config/baton.json"
        let config = try String(contentsOfFile: configPath, encoding: .utf8)
        let sendmail = #""transport": {"type": "sendmail", "path": "../sendmail.sh"}"#
        let patched = config.replacingOccurrences(
            of: #""transport": {"type": "folder", "path": "../var/outbox"}"#, with: sendmail)
        #expect(patched != config)
        try Data(patched.utf8).write(to: URL(fileURLWithPath: configPath))
        try installSendmail(in: path)

        var leads = try String(contentsOfFile: path + "/Config/leads.csv", encoding: .utf8)
        for n in 0..<200 {
            let owner = n % 2 == 0 ? "ann@example.com" : "bob@example.com"
            let assigned =
                n < 170 ? "2026-11-16 07:00" : String(format: "2026-11-25 %02d:%02d", 9 + n % 8, n % 60)
            leads +=
                "G-\(n),lead\(n)@company\(n % 50).com,Lead \(n),Company \(n % 50),,webinar,mql,\(owner),"
                + "2026-11-16 07:00,2026-11-16 07:00,\(assigned)\n"
        }
        try Data(leads.utf8).write(to: URL(fileURLWithPath: path + "/Config/leads.csv"))

        let mbox = FileHandle(forWritingAtPath: path + "/Mail/ann.mbox")!
        defer { try? mbox.close() }
        try mbox.seekToEnd()
        try mbox.write(contentsOf: Data(mboxMessages(0..<messages, bobMessages: messages / 4).utf8))
        for n in 0..<(messages / 4) {
            try Data(maildirMessage(n).utf8).write(
                to: URL(fileURLWithPath: path + "/Mail/bob/cur/\(base + n).M\(n)P1.gen:2,S"))
        }
        // A Maildir folder changed in the last two seconds is listed again by the next scan (a message renamed in
        // the same second would otherwise be missed). Dated a minute back, the world's folders are settled, so
        // whether the first scan records their fingerprint never depends on how fast this machine is.
        let settled = Date().addingTimeInterval(-60)
        for folder in ["new", "cur"] {
            try manager.setAttributes([.modificationDate: settled], ofItemAtPath: path + "/Mail/bob/" + folder)
        }
    }

    /// A fake sendmail in `folder`: reads the message whole, then appends its Message-ID line to `sent.log`
    /// beside it. It `exec`s awk, so killing it kills the reader (a shell that
    /// forks would leave the reader running).
    static func installSendmail(in folder: String) throws {
        let script = """
            #!/bin/sh
            exec awk -v out="${0%/*}/sent.log" \
              'tolower($0) ~ /^message-id:/ && !seen { id = $0; seen = 1 } END { if (seen) print id >> out }'

            """
        let path = folder + "/sendmail.sh"
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// Generated mbox records `numbers`: a third outbound from Ann, odd ones replies to the one before; every
    /// fiftieth (25, 75, …) comes from a partner nobody knows and answers one of Bob's Maildir messages, which
    /// the scan reads later: an orphan that only the thread pass after ingestion can match.
    static func mboxMessages(_ numbers: Range<Int>, bobMessages: Int, words: Int = 40) -> String {
        var text = ""
        for n in numbers {
            let lead = "lead\(n % 250)@company\(n % 50).com"
            let outbound = n % 3 == 0
            var from = outbound ? "ann@example.com" : lead
            var to = outbound ? lead : "ann@example.com"
            var reply = n % 2 == 1 ? "In-Reply-To: <m\(n - 1)@gen>" : "X-Note: first"
            if n % 50 == 25, bobMessages > 0 {
                from = "partner\(n)@partner-firm.org"
                to = "ann@example.com"
                reply = "In-Reply-To: <b\((n / 4) % bobMessages)@gen>"
            }
            text += """
                From x Mon Nov 16 08:12:00 2026
                From: \(from)
                To: \(to)
                Subject: \(n % 2 == 0 ? "Re: " : "")Topic \(n / 2)
                Date: \(httpDate(base + n * 97))
                Message-ID: <m\(n)@gen>
                \(reply)

                Message \(n) \(String(repeating: "text ", count: words))

                """
        }
        return text
    }

    /// Bob's generated Maildir message `n`, from a lead.
    static func maildirMessage(_ n: Int) -> String {
        """
        From: lead\(n % 200)@company\(n % 50).com
        To: bob@example.com
        Subject: Bob topic \(n)
        Date: \(httpDate(base + n * 311))
        Message-ID: <b\(n)@gen>

        Hello Bob \(n).

        """
    }

    /// An RFC 5322 date for `seconds` since 1970, in UTC.
    static func httpDate(_ seconds: Int) -> String {
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(
            format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", days[(seconds / 86_400) % 7], c.day!, months[c.month! - 1],
            c.year!, c.hour!, c.minute!, c.second!)
    }

    // MARK: What a run leaves

    /// The store's content a scan decides, as sorted lines per table, with `world` written `$W`: everything but
    /// row ids of rows that are replaced, file identities (inode, mtime) and what depends on the store's random
    /// instance id (alert Message-IDs and bytes). Then the drop folder's files and `baton sla check --json`.
    static func dump(_ world: String) throws -> [String] {
        let store = world + "/var/baton.sqlite"
        var lines: [String] = []
        for (table, sql) in dumpQueries {
            lines.append("== \(table)")
            // Paths written `$W` before sorting, so that two worlds' rows sort alike.
            lines += try BatonProcess.sqlite(store, sql).split(separator: "\n").map {
                $0.replacingOccurrences(of: world, with: "$W")
            }.sorted()
        }
        lines.append("== drop folder")
        lines += TemporaryFolder.listing(world + "/Mail/drop")
        lines.append("== sla check")
        let check = try BatonProcess.run(
            ["sla", "check", "--json", "--config", "Config/baton.json", "--now", now], in: world)
        #expect(check.status == 0, "sla check: \(check.stderr)")
        lines += check.stdout.split(separator: "\n").map(String.init)
        return lines.map { $0.replacingOccurrences(of: world, with: "$W") }
    }

    static let dumpQueries: [(String, String)] = [
        ("leads", "SELECT * FROM leads"), ("lead_addresses", "SELECT * FROM lead_addresses"),
        ("reps", "SELECT * FROM reps"), ("rep_addresses", "SELECT * FROM rep_addresses"),
        ("stage_history", "SELECT lead_id, old_stage, new_stage, changed_at, import_id FROM stage_history"),
        ("owner_history", "SELECT lead_id, old_owner, new_owner, changed_at, import_id FROM owner_history"),
        (
            "amount_history",
            "SELECT lead_id, old_minor, old_currency, new_minor, new_currency, changed_at, import_id FROM amount_history"
        ),
        ("reason_history", "SELECT lead_id, old_reason, new_reason, changed_at, import_id FROM reason_history"),
        ("imports", "SELECT * FROM imports"), ("messages", "SELECT * FROM messages"),
        ("message_addresses", "SELECT * FROM message_addresses"), ("message_refs", "SELECT * FROM message_refs"),
        ("sightings", "SELECT message_id, meeting_id, source, location, seen_at FROM sightings"),
        ("meetings", "SELECT * FROM meetings"), ("meeting_attendees", "SELECT * FROM meeting_attendees"),
        (
            "interactions",
            "SELECT lead_id, type, message_id, meeting_id, direction, rep, time, kind, match, note FROM interactions"
        ),
        ("undeliverable_addresses", "SELECT * FROM undeliverable_addresses"),
        ("calendar_inputs", "SELECT source, location, content_hash FROM calendar_inputs"),
        ("maildir_seen", "SELECT * FROM maildir_seen"),
        // A Maildir's fingerprint is its folders' mtimes: another copy of the world has others.
        (
            "source_state",
            """
            SELECT path, type, size, offset, CASE type WHEN 'maildir' THEN NULL ELSE fingerprint END, content_hash, updated_at
            FROM source_state
            """
        ),
        // A CRM file's identity holds its inode, which another copy of the world does not share.
        (
            "settings",
            "SELECT * FROM settings WHERE key NOT IN ('instance_id', 'forget_salt') AND key NOT LIKE 'crm_file_identity:%'"
        ),
        (
            "clock_state",
            """
            SELECT lead_id, dirty, evaluated_at, next_at, running, warning, breached, paused, met, met_late, cancelled
            FROM clock_state
            """
        ),
        (
            "notifications",
            """
            SELECT key, kind, lead_id, policy, clock, episode, episode_started_at, due_at, level, escalation,
                   to_addresses, cc_addresses, state, created_at, not_before, next_attempt_at, attempts, last_error,
                   sent_at, digest_id IS NOT NULL FROM notifications
            """
        ),
    ]

    /// The first lines where two dumps differ, section by section, for a failure message.
    static func difference(_ a: [String], _ b: [String]) -> String {
        func sections(_ lines: [String]) -> [String: [String]] {
            var result: [String: [String]] = [:]
            var current = ""
            for line in lines {
                if line.hasPrefix("== ") { current = line } else { result[current, default: []].append(line) }
            }
            return result
        }
        let left = sections(a)
        let right = sections(b)
        var text: [String] = []
        for name in Set(left.keys).union(right.keys).sorted() where left[name] != right[name] {
            let l = left[name] ?? []
            let r = right[name] ?? []
            text.append(name)
            text += Set(l).subtracting(r).sorted().prefix(3).map { "- " + $0 }
            text += Set(r).subtracting(l).sorted().prefix(3).map { "+ " + $0 }
        }
        return text.joined(separator: "\n")
    }

    /// The Message-IDs the fake sendmail logged in `world`, in order.
    static func sent(_ world: String) -> [String] {
        guard let text = try? String(contentsOfFile: world + "/sent.log", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
    }

    /// The Message-IDs of the notifications the store holds as sent.
    static func sentInStore(_ world: String) throws -> [String] {
        try BatonProcess.sqlite(
            world + "/var/baton.sqlite", "SELECT message_id FROM notifications WHERE state = 'sent'"
        )
        .split(separator: "\n").map(String.init)
    }

    /// `PRAGMA integrity_check` of the world's store.
    static func integrity(_ world: String) throws -> String {
        try BatonProcess.sqlite(world + "/var/baton.sqlite", "PRAGMA integrity_check")
    }

    /// How many lines `path` holds (0 when missing).
    static func lineCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}

/// A `baton` child that the test starts, watches and may kill.
final class BatonChild {
    let process = Process()
    let started = Date()
    private let outPath: String
    private let errPath: String

    /// Starts `prefix + [baton] + arguments` in `folder` (a prefix such as `setpriv …` or `prlimit …` runs
    /// Baton under it); output goes to files beside the folder's other dot files.
    init(_ arguments: [String], in folder: String, prefix: [String] = []) throws {
        let executable = prefix.first ?? BatonProcess.executable
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            prefix.isEmpty ? arguments : Array(prefix.dropFirst()) + [BatonProcess.executable] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ["PATH": "/usr/bin:/bin", "TZ": "UTC", "SWIFT_BACKTRACE": "enable=no"]
        let id = UUID().uuidString
        outPath = folder + "/.child-out-\(id)"
        errPath = folder + "/.child-err-\(id)"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// SIGKILL now; true when it was still running (it died of the signal).
    func kill() -> Bool {
        let wasRunning = process.isRunning
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return wasRunning && process.terminationReason == .uncaughtSignal
    }

    /// Waits for the end; the exit status and both outputs (the files are removed).
    func wait() -> BatonProcess.Result {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return BatonProcess.Result(status: status, stdout: out, stderr: err)
    }

    /// Polls every 5 ms until `condition` holds or the child ends, for at most `limit` seconds.
    func wait(until condition: () -> Bool, limit: Double = 60) {
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && !condition() && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
    }
}
