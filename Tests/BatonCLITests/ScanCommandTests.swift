import Foundation
import TestSupport
import Testing

/// `baton scan` as cron runs it: real processes, real files, killed mid-run.
@Suite struct ScanCommandTests {
    @Test("scan is silent on success and --json reports every source")
    func json() throws {
        let world = try SampleWorld.temporaryCopy()
        let quiet = try BatonProcess.run(["scan", "--now", "2026-11-26T17:00:00Z"], in: world.path)
        #expect(quiet.status == 0)
        #expect(quiet.stdout == "")
        #expect(quiet.stderr == "")
        let again = try BatonProcess.run(["scan", "--now", "2026-11-26T17:05:00Z", "--json"], in: world.path)
        #expect(again.status == 0)
        #expect(
            again.stdout.hasPrefix(
                "{\n  \"sources\": [\n    {\n      \"path\": \"\(world.path)/Mail/ann.mbox\",\n      \"type\": \"mbox\",\n"
            ))
        #expect(again.stdout.contains("\"new_messages\": 0,\n      \"interactions\": 0,"))
        #expect(
            again.stdout.contains("\"notifications\": {\n    \"queued\": 0,\n    \"sent\": 0,\n    \"failed\": 0\n  }"))
        let show = try BatonProcess.run(
            ["lead", "show", "fatima@globex.example.org", "--json", "--now", "2026-11-26T17:05:00Z"], in: world.path)
        #expect(
            show.stdout.contains(
                """
                    {
                      "time": "2026-11-24T16:05:00Z",
                      "type": "email",
                      "direction": "inbound",
                      "rep": "ann@example.com",
                      "message_id": null,
                      "subject": "Contract review",
                      "match": "address",
                      "kind": "message",
                      "state": null,
                      "note": null,
                      "time_source": "forward",
                      "sightings": [
                        {
                          "source": "\(world.path)/Mail/drop",
                          "location": "processed/1764003600.M1P5001.mx.example.com#1"
                        }
                      ]
                    }
                """))
    }

    @Test("--dry-run writes nothing and moves nothing, and says what it would do")
    func dryRun() throws {
        let world = try SampleWorld.temporaryCopy()
        let result = try BatonProcess.run(["scan", "--dry-run", "--now", "2026-11-26T17:00:00Z"], in: world.path)
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix(
                "dry run: nothing was written or moved\nreps \(world.path)/Config/reps.csv: 4 inserted"))
        #expect(
            result.stdout.contains(
                "drop \(world.path)/Mail/drop: 3 new messages, 2 interactions, 0 meetings, 0 skipped, 1 quarantined, 0 errors\n"
            ))
        #expect(!FileManager.default.fileExists(atPath: world.file("var/baton.sqlite")))
        let waiting = try FileManager.default.contentsOfDirectory(atPath: world.file("Mail/drop/new")).filter {
            !$0.hasPrefix(".")
        }
        #expect(waiting.count == 4)
        #expect(!FileManager.default.fileExists(atPath: world.file("Mail/drop/processed")))
    }

    @Test("--verbose lists each source and every quarantined file")
    func verbose() throws {
        let world = try SampleWorld.temporaryCopy()
        let result = try BatonProcess.run(["scan", "--verbose", "--now", "2026-11-26T17:00:00Z"], in: world.path)
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "  \(world.path)/Mail/drop/new/1764014400.M4P5001.mx.example.com: quarantined: no passing DKIM or SPF result from mx.example.com for example.com in Authentication-Results: the From may be forged\n"
            ))
        #expect(
            result.stdout.contains(
                "mbox \(world.path)/Mail/ann.mbox: 12 new messages, 10 interactions, 0 meetings, 2 skipped, 0 quarantined, 0 errors\n"
            ))
    }

    @Test("a source that exists but cannot be read exits 74; the other sources are still scanned")
    func unreadableSource() throws {
        let world = try SampleWorld.temporaryCopy()
        // Ann's "mbox" becomes a folder: it exists, but is no mbox.
        try FileManager.default.removeItem(atPath: world.file("Mail/ann.mbox"))
        try FileManager.default.createDirectory(atPath: world.file("Mail/ann.mbox"), withIntermediateDirectories: true)
        let result = try BatonProcess.run(["scan", "--verbose", "--now", "2026-11-26T17:00:00Z"], in: world.path)
        #expect(result.status == 74)
        #expect(
            result.stdout.contains(
                "mbox \(world.path)/Mail/ann.mbox: 0 new messages, 0 interactions, 0 meetings, 0 skipped, 0 quarantined, 1 errors\n  cannot read \(world.path)/Mail/ann.mbox: not a regular file (an mbox source is one file)\n"
            ))
        #expect(result.stdout.contains("maildir \(world.path)/Mail/bob: 5 new messages, 5 interactions"))
    }
}
