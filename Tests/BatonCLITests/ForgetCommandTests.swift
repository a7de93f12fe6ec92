import Foundation
import TestSupport
import Testing

/// `baton forget`: the person goes — every address, the name, their messages, meetings and alerts' content — and
/// stays gone, while what others shared with them is kept byte for byte.
@Suite struct ForgetCommandTests {
    static let now = "2026-11-05T12:00:00Z"

    @Test("forget leaves no byte of the address or name in the store or its WAL and keeps the other lead's timeline")
    func erasesEveryByte() throws {
        let world = try PrivacyWorld.make()
        let scan = try PrivacyWorld.run(world, ["scan", "--now", Self.now])
        #expect(scan.status == 0)
        #expect(scan.stderr == "")
        #expect(!PrivacyWorld.tokensOnDisk(world).isEmpty)
        let alerts =
            try PrivacyWorld.json(try PrivacyWorld.run(world, ["alerts", "list", "--json"])) as! [[String: Any]]
        #expect(alerts.map { $0["lead"] as? String } == [PrivacyWorld.address])
        let before = try PrivacyWorld.run(
            world, ["lead", "show", "olive@othercorp.example", "--json", "--now", Self.now])
        #expect(before.status == 0)

        let dry = try PrivacyWorld.run(world, ["forget", PrivacyWorld.alias, "--dry-run", "--json", "--now", Self.now])
        #expect(dry.status == 0)
        let counts = """
            {
              "address": "\(PrivacyWorld.alias)",
              "leads": 1,
              "messages": 1,
              "interactions": 4,
              "meetings": 1,
              "notifications": 1
            }

            """
        #expect(dry.stdout == counts)
        #expect(!PrivacyWorld.tokensOnDisk(world).isEmpty)
        // The match lookup's hash state holds the end of the last lead's line, in hex: forgetting a lead empties it.
        let lookup = "SELECT length(value) > 80 FROM settings WHERE key = 'match_lookup'"
        #expect(try BatonProcess.sqlite(world.file("var/baton.sqlite"), lookup) == "1\n")

        let forget = try PrivacyWorld.run(world, ["forget", PrivacyWorld.alias, "--json", "--now", Self.now])
        #expect(forget.status == 0)
        #expect(forget.stderr == "")
        #expect(forget.stdout == counts)
        #expect(PrivacyWorld.tokensOnDisk(world) == [])
        #expect(try BatonProcess.sqlite(world.file("var/baton.sqlite"), lookup) == "0\n")
        let wal = (try? FileManager.default.attributesOfItem(atPath: world.file("var/baton.sqlite-wal")))?[.size]
        #expect((wal as? Int ?? 0) == 0)

        let after = try PrivacyWorld.run(
            world, ["lead", "show", "olive@othercorp.example", "--json", "--now", Self.now])
        #expect(after.stdout == before.stdout)
        #expect(after.stdout.contains("\"subject\": \"Shared pricing question\""))
        let leads = try PrivacyWorld.run(world, ["leads", "list"])
        #expect(!leads.stdout.contains("zqx"))
        // The notification is a tombstone: key and state kept, content and lead gone.
        let rows = try BatonProcess.sqlite(
            world.file("var/baton.sqlite"),
            "SELECT kind, state, lead_id IS NULL, content IS NULL, tombstoned_at FROM notifications")
        #expect(rows == "alert|sent|1|1|1793880000\n")
        let meetings = try BatonProcess.sqlite(
            world.file("var/baton.sqlite"),
            "SELECT m.uid, group_concat(a.address) FROM meetings m LEFT JOIN meeting_attendees a ON a.meeting_id = m.id GROUP BY m.id"
        )
        #expect(meetings == "together-1@example.com|olive@othercorp.example\n")
    }

    @Test("after forget, later scans and imports skip the person: nothing stored, nothing alerted again")
    func staysForgotten() throws {
        let world = try PrivacyWorld.make()
        #expect(try PrivacyWorld.run(world, ["scan", "--now", Self.now]).status == 0)
        let forget = try PrivacyWorld.run(world, ["forget", PrivacyWorld.address, "--verbose", "--now", Self.now])
        #expect(forget.status == 0)
        #expect(
            forget.stdout == """
                \(PrivacyWorld.address): removed 1 lead, 1 message, 4 interactions, 1 meeting; 1 notification erased \
                (their keys kept)
                kept a salted hash of 2 addresses: later scans and imports skip them

                """)
        // The CRM export still lists the person, and changes (so it is imported again); a new message arrives.
        try world.write("leads.csv", PrivacyWorld.leads + "L3,new@newco.example,New Lead,NewCo,,webinar,new,,,,\n")
        let mbox = try FileHandle(forWritingTo: URL(fileURLWithPath: world.file("ann.mbox")))
        mbox.seekToEndOfFile()
        mbox.write(Data(PrivacyWorld.later.utf8))
        try mbox.close()
        // The calendar file changes (read again): the person's events and lines are not stored again.
        try world.write(
            "meetings.ics", PrivacyWorld.calendar.replacingOccurrences(of: "Joint review", with: "Joint review 2"))
        let scan = try PrivacyWorld.run(world, ["scan", "--now", "2026-11-06T12:00:00Z", "--verbose"])
        #expect(scan.status == 0)
        #expect(scan.stdout.contains("\(world.file("leads.csv")):2: a forgotten person: skipped\n"))
        #expect(scan.stdout.contains(": only a forgotten person outside the company: nothing stored\n"))
        #expect(PrivacyWorld.tokensOnDisk(world, PrivacyWorld.tokens + ["later-only-7x"]) == [])
        #expect(
            try BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT uid, summary FROM meetings")
                == "together-1@example.com|Joint review 2\n")
        let leads = try PrivacyWorld.run(world, ["leads", "list", "--json"])
        let addresses = (try PrivacyWorld.json(leads) as! [[String: Any]]).map { ($0["addresses"] as! [String])[0] }
        #expect(addresses == ["olive@othercorp.example", "new@newco.example"])
        let alerts = try PrivacyWorld.run(world, ["alerts", "list"])
        #expect(alerts.stdout.hasSuffix("1 notification: 1 sent\n"))
        // `leads import` skips the person too, and says so with --verbose.
        let manual = try PrivacyWorld.run(world, ["leads", "import", world.file("leads.csv"), "--verbose"])
        #expect(manual.status == 0)
        #expect(manual.stdout.hasPrefix("\(world.file("leads.csv")):2: a forgotten person: skipped\n"))
        #expect(PrivacyWorld.tokensOnDisk(world) == [])
    }

    @Test(
        "a rep's or an internal address is refused with exit 64, and nothing changes",
        arguments: [
            "ann@example.com", "nobody@example.com", "MIA@Example.com",
        ])
    func refusesInternal(address: String) throws {
        let world = try PrivacyWorld.make()
        #expect(try PrivacyWorld.run(world, ["scan", "--now", Self.now]).status == 0)
        let forget = try PrivacyWorld.run(world, ["forget", address, "--now", Self.now])
        #expect(forget.status == 64)
        #expect(
            forget.stderr
                == "baton: \(address.lowercased()) is a rep's or an internal address: a rep leaves by re-importing "
                + "the reps without them\n")
        #expect(
            try BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT COUNT(*) FROM forgotten_addresses") == "0\n"
        )
    }

    @Test("forgetting an address no lead has erases it from messages and keeps the others")
    func addressAlone() throws {
        let world = try PrivacyWorld.make()
        #expect(try PrivacyWorld.run(world, ["scan", "--now", Self.now]).status == 0)
        let forget = try PrivacyWorld.run(world, ["forget", "olive@othercorp.example", "--json", "--now", Self.now])
        #expect(forget.status == 0)
        // Olive is a lead here: her lead goes; the shared message stays for the person in copy.
        let json = try PrivacyWorld.json(forget) as! [String: Any]
        #expect(json["leads"] as? Int == 1)
        #expect(json["messages"] as? Int == 1)
        let stranger = try PrivacyWorld.run(
            world, ["forget", "stranger@elsewhere.example", "--json", "--now", Self.now])
        #expect(
            stranger.stdout == """
                {
                  "address": "stranger@elsewhere.example",
                  "leads": 0,
                  "messages": 0,
                  "interactions": 0,
                  "meetings": 0,
                  "notifications": 0
                }

                """)
        // Olive's address and the stranger's are both kept as hashes, though nothing named the stranger yet.
        #expect(
            try BatonProcess.sqlite(world.file("var/baton.sqlite"), "SELECT COUNT(*) FROM forgotten_addresses") == "2\n"
        )
    }
}
