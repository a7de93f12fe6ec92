import Foundation
import TestSupport
import Testing

/// `privacy.retention` and `privacy.subjects` at every scan: what is deleted at the boundary, clocks from the
/// horizon on, and questions about the deleted past refused.
@Suite struct PrivacyRetentionTests {
    /// Olive writes at 10:00:00; Ann answers one second later.
    static let boundaryMbox = """
        From olive@othercorp.example Mon Nov  2 10:00:00 2026
        From: Olive Other <olive@othercorp.example>
        To: ann@example.com
        Subject: Question
        Message-ID: <question-1@othercorp.example>
        Date: Mon, 02 Nov 2026 10:00:00 +0000

        What does it cost?

        From ann@example.com Mon Nov  2 10:00:01 2026
        From: Ann Archer <ann@example.com>
        To: Olive Other <olive@othercorp.example>
        Subject: Re: Question
        Message-ID: <answer-1@example.com>
        Date: Mon, 02 Nov 2026 10:00:01 +0000

        Less than you think.

        """

    static func sql(_ world: TemporaryFolder, _ query: String) throws -> String {
        try BatonProcess.sqlite(world.file("var/baton.sqlite"), query)
    }

    @Test("a message one second outside the window is deleted, one at its start is kept")
    func boundary() throws {
        let world = try PrivacyWorld.make(privacy: #"{"retention": "2d"}"#, mbox: Self.boundaryMbox)
        #expect(try PrivacyWorld.run(world, ["scan", "--now", "2026-11-03T12:00:00Z"]).status == 0)
        #expect(
            try Self.sql(world, "SELECT message_id FROM messages ORDER BY sent_at")
                == "question-1@othercorp.example\nanswer-1@example.com\n")
        // Two days after 10:00:01: the horizon is Ann's answer's second.
        let scan = try PrivacyWorld.run(world, ["scan", "--now", "2026-11-04T10:00:01Z", "--verbose"])
        #expect(scan.status == 0)
        #expect(
            scan.stdout.contains(
                "privacy.retention: removed 1 messages, 0 meetings, 1 interactions, 1 sightings; 0 notifications erased\n"
            ))
        #expect(try Self.sql(world, "SELECT message_id FROM messages") == "answer-1@example.com\n")
        #expect(
            try Self.sql(world, "SELECT COUNT(*), MIN(time) FROM interactions WHERE message_id IS NOT NULL")
                == "1|1793613601\n")
        #expect(try Self.sql(world, "SELECT value FROM settings WHERE key = 'retention_horizon'") == "1793613601\n")
        // The deleted message found again (its mailbox rewritten, so read from the start) is not stored again.
        try world.write("ann.mbox", Self.boundaryMbox.components(separatedBy: "From ann@example.com Mon")[0])
        let later = try PrivacyWorld.run(world, ["scan", "--now", "2026-11-04T10:00:01Z", "--verbose"])
        #expect(later.status == 0)
        #expect(later.stdout.contains(": older than privacy.retention: not stored\n"))
        #expect(try Self.sql(world, "SELECT message_id FROM messages") == "answer-1@example.com\n")
    }

    @Test("a clock breached before the horizon is not notified again once its history is deleted")
    func noRealert() throws {
        let world = try PrivacyWorld.make(privacy: #"{"retention": "3d"}"#)
        #expect(try PrivacyWorld.run(world, ["scan", "--now", "2026-11-03T10:00:00Z"]).status == 0)
        let before = try PrivacyWorld.run(world, ["alerts", "list"])
        #expect(before.stdout.hasSuffix("1 notification: 1 sent\n"))
        // Three days on, every message is gone: without the horizon, Olive's met first response would look breached.
        let scan = try PrivacyWorld.run(world, ["scan", "--now", "2026-11-06T12:00:00Z", "--json"])
        #expect(scan.status == 0)
        #expect(
            scan.stdout.contains("\"notifications\": {\n    \"queued\": 0,\n    \"sent\": 0,\n    \"failed\": 0\n  }"))
        #expect(try Self.sql(world, "SELECT COUNT(*) FROM messages") == "0\n")
        #expect(
            try Self.sql(world, "SELECT key LIKE 'alert|1|%', state, content IS NULL, tombstoned_at FROM notifications")
                == "1|sent|1|1793966400\n")
        let check = try PrivacyWorld.run(world, ["sla", "check", "--now", "2026-11-06T12:00:00Z", "--json"])
        #expect(check.status == 0)
        #expect(check.stdout == "[]\n")
        let again = try PrivacyWorld.run(world, ["scan", "--now", "2026-11-09T12:00:00Z"])
        #expect(again.status == 0)
        #expect(try PrivacyWorld.run(world, ["alerts", "list"]).stdout.hasSuffix("1 notification: 1 sent\n"))
    }

    @Test("sla check and report before the horizon say that the data is gone (exit 65)")
    func beforeHorizon() throws {
        let world = try PrivacyWorld.make(privacy: #"{"retention": "3d"}"#)
        #expect(try PrivacyWorld.run(world, ["scan", "--now", "2026-11-06T12:00:00Z"]).status == 0)
        let check = try PrivacyWorld.run(world, ["sla", "check", "--now", "2026-11-03T00:00:00Z"])
        #expect(check.status == 65)
        #expect(check.stdout == "")
        #expect(
            check.stderr
                == "baton: --now 2026-11-03T00:00:00Z is before 2026-11-03T12:00:00Z: the data before then is gone (privacy.retention)\n"
        )
        let report = try PrivacyWorld.run(
            world, ["report", "--since", "2026-11-01", "--until", "2026-11-06", "--now", "2026-11-06T12:00:00Z"])
        #expect(report.status == 65)
        #expect(
            report.stderr
                == "baton: --since 2026-11-01T00:00:00Z is before 2026-11-03T12:00:00Z: the data before then is gone (privacy.retention)\n"
        )
        try world.write("stricter.json", #"{"policies": []}"#)
        let backtest = try PrivacyWorld.run(
            world,
            [
                "sla", "backtest", "--policies", "stricter.json", "--since", "2026-11-02", "--now",
                "2026-11-06T12:00:00Z",
            ])
        #expect(backtest.status == 65)
        let inside = try PrivacyWorld.run(world, ["sla", "check", "--now", "2026-11-03T12:00:00Z"])
        #expect(inside.status == 0)
    }

    @Test(
        "privacy.subjects decides what is kept of subjects and meeting summaries", arguments: ["store", "hash", "drop"])
    func subjects(mode: String) throws {
        let world = try PrivacyWorld.make(privacy: "{\"subjects\": \"\(mode)\"}")
        #expect(try PrivacyWorld.run(world, ["scan", "--now", ForgetCommandTests.now]).status == 0)
        let rows = try Self.sql(
            world, "SELECT IFNULL(subject, '-'), IFNULL(substr(subject_key, 1, 2), '-') FROM messages ORDER BY sent_at")
        let meetings = try Self.sql(world, "SELECT IFNULL(summary, '-') FROM meetings ORDER BY start_at")
        switch mode {
        case "store":
            #expect(rows == "Shared pricing question|sh\nRe: Shared pricing question|sh\nA private matter|a \n")
            #expect(meetings == "Demo\nJoint review\n")
        case "hash":
            #expect(rows == "-|h:\n-|h:\n-|h:\n")
            // The question and its answer share a thread key, so a forwarded copy still meets its original.
            #expect(try Self.sql(world, "SELECT COUNT(DISTINCT subject_key) FROM messages") == "2\n")
            #expect(meetings == "-\n-\n")
        default:
            #expect(rows == "-|-\n-|-\n-|-\n")
            #expect(meetings == "-\n-\n")
        }
        let show = try PrivacyWorld.run(
            world, ["lead", "show", "olive@othercorp.example", "--json", "--now", ForgetCommandTests.now])
        #expect(show.stdout.contains("\"subject\": \"Shared pricing question\"") == (mode == "store"))
    }
}
