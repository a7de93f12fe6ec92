import Foundation
import TestSupport

/// A small world for the privacy commands: a person to forget whose address and name are tokens found nowhere
/// else (so a byte search of the store proves they are gone), and another lead who shared a message with them.
enum PrivacyWorld {
    static let address = "zqxforgetme7@quuxcorp.example"
    static let alias = "zqx.alias7@quuxmail.example"
    static let name = "Zebulon Quaffington"
    /// Lowercased tokens that must not remain in the store after `forget`.
    static let tokens = ["zqxforgetme7", "zqx.alias7", "zebulon", "quaffington", "zqxreason7"]
    /// The person's rejection reason: a token of its own, so that forgetting is seen to erase it and its history.
    static let reason = "zqxreason7 budget frozen"

    static let config = """
        {
          "store": "var/baton.sqlite",
          "internal_domains": ["example.com"],
          "crm": {"reps_file": "reps.csv", "leads_file": "leads.csv"},
          "sources": [
            {"type": "mbox", "path": "ann.mbox", "rep": "ann@example.com"},
            {"type": "calendar", "path": "meetings.ics"}
          ],
          "teams": {"emea": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}},
          "policies": [
            {"name": "first-response", "clock": "first_response", "target": "4h", "time": "calendar",
             "stages": ["mql"]}
          ],
          "alerts": {"from": "baton@example.com", "active_from": "2026-11-01T00:00:00Z",
                     "transport": {"type": "folder", "path": "var/outbox"}}PRIVACY
        }
        """

    static let reps = """
        email,name,team,manager_email,timezone,aliases
        ann@example.com,Ann Archer,emea,mia@example.com,,
        mia@example.com,Mia Moreau,emea,,,

        """

    static let leads = """
        external_id,email,name,company,company_domain,source,stage,owner_email,created_at,mql_at,assigned_at,amount,currency,closed_at,rejection_reason
        L1,\(address);\(alias),\(name),Quux Corp,,webinar,mql,ann@example.com,2026-11-01 09:00,2026-11-01 09:00,2026-11-01 09:00,4200.00,EUR,,\(reason)
        L2,olive@othercorp.example,Olive Other,Other Corp,,webinar,mql,ann@example.com,2026-11-02 09:00,2026-11-02 09:00,2026-11-02 09:00,,,,

        """

    /// Olive writes to Ann with the person in copy; Ann answers Olive alone; the person writes to Ann alone.
    static let mbox = """
        From olive@othercorp.example Mon Nov  2 10:00:00 2026
        From: Olive Other <olive@othercorp.example>
        To: ann@example.com
        Cc: \(name) <\(address)>
        Subject: Shared pricing question
        Message-ID: <shared-1@othercorp.example>
        Date: Mon, 02 Nov 2026 10:00:00 +0000

        What does it cost?

        From ann@example.com Mon Nov  2 11:00:00 2026
        From: Ann Archer <ann@example.com>
        To: Olive Other <olive@othercorp.example>
        Subject: Re: Shared pricing question
        Message-ID: <answer-1@example.com>
        Date: Mon, 02 Nov 2026 11:00:00 +0000

        Less than you think.

        From \(address) Mon Nov  2 12:00:00 2026
        From: \(name) <\(address)>
        To: ann@example.com
        Subject: A private matter
        Message-ID: <private-1@quuxcorp.example>
        Date: Mon, 02 Nov 2026 12:00:00 +0000

        Just between us.

        """

    /// A later message whose only external party is the person.
    static let later = """
        From \(address) Wed Nov  4 09:00:00 2026
        From: \(name) <\(address)>
        To: ann@example.com
        Subject: Are you there?
        Message-ID: <later-only-7x@quuxcorp.example>
        Date: Wed, 04 Nov 2026 09:00:00 +0000

        Hello again.

        """

    /// One meeting with the person alone, one with the person and Olive.
    static let calendar = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Baton tests//EN\r
        BEGIN:VEVENT\r
        UID:alone-1@example.com\r
        DTSTAMP:20261101T000000Z\r
        DTSTART:20261120T100000Z\r
        DTEND:20261120T103000Z\r
        SUMMARY:Demo\r
        ORGANIZER;CN=Ann Archer:mailto:ann@example.com\r
        ATTENDEE;CN=\(name);PARTSTAT=ACCEPTED:mailto:\(address)\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:together-1@example.com\r
        DTSTAMP:20261101T000000Z\r
        DTSTART:20261121T100000Z\r
        DTEND:20261121T103000Z\r
        SUMMARY:Joint review\r
        ORGANIZER;CN=Ann Archer:mailto:ann@example.com\r
        ATTENDEE;CN=Olive Other;PARTSTAT=ACCEPTED:mailto:olive@othercorp.example\r
        ATTENDEE;CN=\(name);PARTSTAT=ACCEPTED:\r
         mailto:\(address)\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    /// A fresh world; `privacy` is the `privacy` key's JSON, when given.
    static func make(privacy: String? = nil, mbox: String = mbox) throws -> TemporaryFolder {
        let world = try TemporaryFolder()
        try world.write(
            "baton.json",
            config.replacingOccurrences(of: "PRIVACY", with: privacy.map { ",\n  \"privacy\": \($0)" } ?? ""))
        try world.write("reps.csv", reps)
        try world.write("leads.csv", leads)
        try world.write("ann.mbox", mbox)
        try world.write("meetings.ics", calendar)
        return world
    }

    /// Runs baton in the world with its configuration.
    static func run(_ world: TemporaryFolder, _ arguments: [String]) throws -> BatonProcess.Result {
        try BatonProcess.run(arguments + ["--config", world.file("baton.json")], in: world.path)
    }

    /// The tokens found in the store's file and its WAL, free pages included (lowercased bytes).
    static func tokensOnDisk(_ world: TemporaryFolder, _ tokens: [String] = tokens) -> [String] {
        var found: [String] = []
        for file in ["var/baton.sqlite", "var/baton.sqlite-wal"] {
            guard let data = FileManager.default.contents(atPath: world.file(file)) else { continue }
            let bytes = Data(data.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 })
            for token in tokens where bytes.range(of: Data(token.utf8)) != nil { found.append("\(file): \(token)") }
        }
        return found
    }

    /// Parses a command's JSON output.
    static func json(_ result: BatonProcess.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}
