import BatonCLI
import Foundation
import TestSupport
import Testing

@Suite struct CommandLineTests {
    static let config = """
        {
          "store": "var/baton.sqlite",
          "timezone": "Europe/London",
          "internal_domains": ["example.com"],
          "sources": [],
          "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},
          "policies": [{"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}],
          "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "var/outbox"}}
        }
        """

    /// A folder with `Config/baton.json` (found by default from the working folder).
    static func world() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("Config/baton.json", config)
        return folder
    }

    @Test("--help, help COMMAND, COMMAND --help and --version succeed on stdout")
    func help() throws {
        let folder = try TemporaryFolder()
        let overview = try BatonProcess.run(["--help"], in: folder.path)
        #expect(overview.status == 0)
        #expect(overview.stdout.hasPrefix("usage: baton COMMAND [OPTIONS]\n"))
        #expect(overview.stdout.contains("\n  leads import        upsert leads from a CRM export"))
        #expect(overview.stderr == "")
        let command = try BatonProcess.run(["help", "leads", "import"], in: folder.path)
        #expect(command.status == 0)
        #expect(command.stdout.hasPrefix("usage: baton leads import FILE.csv [--json]\n"))
        #expect(try BatonProcess.run(["leads", "import", "--help"], in: folder.path).stdout == command.stdout)
        #expect(try BatonProcess.run(["--version"], in: folder.path).stdout == "baton \(BatonMain.version)\n")
    }

    @Test("an unknown command or option exits 64 with what was wrong and the usage on stderr")
    func usageErrors() throws {
        let folder = try TemporaryFolder()
        let command = try BatonProcess.run(["frobnicate"], in: folder.path)
        #expect(command.status == 64)
        #expect(command.stdout == "")
        #expect(command.stderr.hasPrefix("baton: unknown command 'frobnicate'\nusage: baton COMMAND [OPTIONS]\n"))
        let option = try BatonProcess.run(["leads", "list", "--frob"], in: folder.path)
        #expect(option.status == 64)
        #expect(option.stderr == "baton: unknown option '--frob'\nusage: baton leads list [--json]\n")
        let missing = try BatonProcess.run(["leads", "import", "--config"], in: folder.path)
        #expect(missing.status == 64)
        #expect(
            missing.stderr
                == "baton: option '--config' needs a value (FILE)\nusage: baton leads import FILE.csv [--json]\n")
        let extra = try BatonProcess.run(["leads", "list", "surplus"], in: folder.path)
        #expect(extra.status == 64)
        #expect(extra.stderr == "baton: unexpected argument 'surplus'\nusage: baton leads list [--json]\n")
        let now = try BatonProcess.run(["leads", "import", "x.csv", "--now", "2026-11-27 09:00"], in: folder.path)
        #expect(now.status == 64)
        #expect(
            now.stderr.hasPrefix(
                "baton: bad value '2026-11-27 09:00' for --now: expected an ISO 8601 time with Z or an offset\n"))
    }

    @Test("an invalid configuration lists every problem with the file's path and exits 78")
    func badConfig() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(
            "conf.json",
            Self.config.replacingOccurrences(of: "\"4h\"", with: "\"4 hours\"")
                .replacingOccurrences(of: "\"Europe/London\",\n", with: "\"Europe/Lodnon\",\n"))
        let result = try BatonProcess.run(["config", "check", "--config=\(path)"], in: folder.path)
        #expect(result.status == 78)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                baton: \(path): timezone: unknown time zone 'Europe/Lodnon' (did you mean 'Europe/London'?): expected an IANA zone id such as Europe/London
                baton: \(path): policies[0].target: bad duration '4 hours': expected a whole number and a unit m, h, d or w (90m, 4h, 1d, 2w)

                """)
        let none = try BatonProcess.run(["leads", "list"], in: folder.path)
        #expect(none.status == 78)
        #expect(
            none.stderr
                == "baton: \(folder.path)/Config/baton.json: no such file (give --config FILE or set BATON_CONFIG)\n")
    }

    @Test("the configuration comes from --config, else $BATON_CONFIG, else Config/baton.json")
    func configLookup() throws {
        let folder = try Self.world()
        try folder.write(
            "other/baton.json", Self.config.replacingOccurrences(of: "var/baton.sqlite", with: "other.sqlite"))
        let viaEnvironment = try BatonProcess.run(
            ["config", "check"], in: folder.path, environment: ["BATON_CONFIG": "other/baton.json"])
        #expect(viaEnvironment.status == 0)
        #expect(viaEnvironment.stdout.contains("\"store\": \"\(folder.path)/other/other.sqlite\""))
        let viaDefault = try BatonProcess.run(["config", "check"], in: folder.path)
        #expect(viaDefault.stdout.contains("\"store\": \"\(folder.path)/Config/var/baton.sqlite\""))
        let viaFlag = try BatonProcess.run(
            ["config", "check", "--config", "Config/baton.json"], in: folder.path,
            environment: ["BATON_CONFIG": "other/baton.json"])
        #expect(viaFlag.stdout == viaDefault.stdout)
    }

    @Test("imports are silent on success; leads list and lead show print what was imported")
    func importAndList() throws {
        let folder = try Self.world()
        try folder.write(
            "reps.csv",
            "email,name,team,manager_email,timezone,aliases\nann@example.com,Ann Archer,emea,mia@example.com,Europe/London,\n"
        )
        try folder.write(
            "leads.csv",
            """
            external_id,email,name,company,source,stage,owner_email,created_at,mql_at,assigned_at
            L1,dana@acme-robotics.com,Dana Scully,"Acme Robotics, Ltd",webinar,mql,ann@example.com,2026-07-01 09:00,2026-07-01 09:00,2026-07-01 10:15
            L2,ivan@umbrella-corp.net,Ivan Petrov,Umbrella,trade show,MQL,zed@example.com,2026-11-24,,

            """)
        let reps = try BatonProcess.run(["reps", "import", "reps.csv"], in: folder.path)
        #expect(reps.status == 0)
        #expect(reps.stdout == "")
        #expect(reps.stderr == "")
        let leads = try BatonProcess.run(
            ["leads", "import", "leads.csv", "--now", "2026-11-27T12:00:00Z"], in: folder.path)
        #expect(leads.status == 0)
        #expect(leads.stdout == "")
        #expect(
            leads.stderr
                == "baton: leads.csv:3: warning: owner zed@example.com is not a known rep: the lead is unassigned\n")
        let storePath = folder.file("Config/var/baton.sqlite")
        let mode = try FileManager.default.attributesOfItem(atPath: storePath)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        let list = try BatonProcess.run(["leads", "list"], in: folder.path)
        #expect(list.status == 0)
        #expect(
            list.stdout == """
                ID  EXTERNAL  NAME         ADDRESS                 COMPANY             SOURCE      STAGE  OWNER
                1   L1        Dana Scully  dana@acme-robotics.com  Acme Robotics, Ltd  webinar     mql    ann@example.com
                2   L2        Ivan Petrov  ivan@umbrella-corp.net  Umbrella            trade show  mql    unassigned
                2 leads

                """)
        let show = try BatonProcess.run(
            ["lead", "show", "DANA@acme-robotics.com", "--json", "--now", "2026-07-01T10:15:00Z"], in: folder.path)
        #expect(show.status == 0)
        #expect(
            show.stdout == """
                {
                  "id": 1,
                  "external_id": "L1",
                  "name": "Dana Scully",
                  "addresses": [
                    "dana@acme-robotics.com"
                  ],
                  "company": "Acme Robotics, Ltd",
                  "company_domain": "acme-robotics.com",
                  "source": "webinar",
                  "stage": "mql",
                  "owner": "ann@example.com",
                  "owner_email": "ann@example.com",
                  "team": "emea",
                  "created_at": "2026-07-01T08:00:00Z",
                  "mql_at": "2026-07-01T08:00:00Z",
                  "assigned_at": "2026-07-01T09:15:00Z",
                  "amount": null,
                  "currency": null,
                  "closed_at": null,
                  "rejection_reason": null,
                  "timeline": [],
                  "clocks": [
                    {
                      "lead": "dana@acme-robotics.com",
                      "lead_id": 1,
                      "policy": "fr",
                      "clock": "first_response",
                      "episode": 1,
                      "state": "running",
                      "started_at": "2026-07-01T09:15:00Z",
                      "warn_at": "2026-07-01T12:15:00Z",
                      "due_at": "2026-07-01T13:15:00Z",
                      "stopped_at": null,
                      "stop_reason": null,
                      "elapsed_seconds": 3600,
                      "late_seconds": 0,
                      "paused_seconds": 0,
                      "owner": "ann@example.com"
                    }
                  ],
                  "stage_history": [
                    {
                      "from": null,
                      "to": "mql",
                      "changed_at": "2026-07-01T08:00:00Z"
                    }
                  ],
                  "owner_history": [
                    {
                      "from": null,
                      "to": "ann@example.com",
                      "changed_at": "2026-07-01T09:15:00Z"
                    }
                  ],
                  "amount_history": [],
                  "reason_history": []
                }

                """)
        let unknown = try BatonProcess.run(["lead", "show", "nobody@nowhere.com"], in: folder.path)
        #expect(unknown.status == 66)
        #expect(unknown.stderr == "baton: nobody@nowhere.com: no lead with this address, external id or id\n")
    }

    @Test("rejected rows are listed with their line and reason, the good rows imported, exit 65")
    func rejectedRows() throws {
        let folder = try Self.world()
        try folder.write(
            "leads.csv",
            """
            email,stage,created_at
            good@acme.com,mql,2026-11-02
            ,mql,
            bad-address,mql,
            also.good@acme.com,MQL,
            worse@acme.com,hot,13/13/2026

            """)
        let result = try BatonProcess.run(["leads", "import", "leads.csv", "--json"], in: folder.path)
        #expect(result.status == 65)
        #expect(
            result.stderr == """
                baton: leads.csv:3: rejected: no address (the email field is empty)
                baton: leads.csv:4: rejected: invalid address 'bad-address'
                baton: leads.csv:6: rejected: unknown stage 'hot' (map it in crm.stage_map); created_at: unparseable date '13/13/2026' (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)

                """)
        #expect(
            result.stdout.hasPrefix(
                "{\n  \"file\": \"leads.csv\",\n  \"kind\": \"leads\",\n  \"inserted\": 2,\n  \"updated\": 0,\n  \"unchanged\": 0,\n  \"rejected\": 3,\n"
            ))
        let again = try BatonProcess.run(["leads", "import", "leads.csv", "--verbose"], in: folder.path)
        #expect(again.status == 65)
        #expect(again.stdout == "leads.csv: leads: 0 inserted, 0 updated, 2 unchanged, 3 rejected\n")
    }

    @Test("a CSV file that does not exist exits 66; one with an unclosed quote exits 65")
    func badFiles() throws {
        let folder = try Self.world()
        let missing = try BatonProcess.run(["leads", "import", "nope.csv"], in: folder.path)
        #expect(missing.status == 66)
        #expect(missing.stderr == "baton: nope.csv: no such file\n")
        try folder.write("broken.csv", "email,name\na@b.com,\"open\n")
        let broken = try BatonProcess.run(["reps", "import", "broken.csv"], in: folder.path)
        #expect(broken.status == 65)
        #expect(broken.stderr == "baton: broken.csv: line 2: a quoted field is never closed\n")
    }

    @Test("a store that is not SQLite is refused with exit 78 and left untouched")
    func notSQLite() throws {
        let folder = try Self.world()
        let store = try folder.write(
            "Config/var/baton.sqlite", "not a database at all, just text that is long enough\n")
        let result = try BatonProcess.run(["leads", "list"], in: folder.path)
        #expect(result.status == 78)
        #expect(result.stderr == "baton: store \(store): not a SQLite database; refusing to touch it\n")
        #expect(
            try String(contentsOfFile: store, encoding: .utf8)
                == "not a database at all, just text that is long enough\n")
    }

    @Test("a store that cannot be created exits 73")
    func cannotCreate() throws {
        let folder = try TemporaryFolder()
        try folder.write("blocker", "a file where the store's folder should be\n")
        try folder.write(
            "baton.json", Self.config.replacingOccurrences(of: "var/baton.sqlite", with: "blocker/baton.sqlite"))
        try folder.write("reps.csv", "email\nann@example.com\n")
        let result = try BatonProcess.run(["reps", "import", "reps.csv", "--config", "baton.json"], in: folder.path)
        #expect(result.status == 73)
        #expect(
            result.stderr
                == "baton: store \(folder.path)/blocker/baton.sqlite: cannot create the folder \(folder.path)/blocker\n"
        )
    }

    @Test("the shipped sample reps and leads import cleanly")
    func samples() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Repository.path("Config"), toPath: folder.file("Config"))
        let reps = try BatonProcess.run(["reps", "import", "Config/reps.csv", "--json"], in: folder.path)
        #expect(reps.status == 0)
        #expect(reps.stdout.contains("\"inserted\": 4,"))
        let leads = try BatonProcess.run(["leads", "import", "Config/leads.csv", "--json"], in: folder.path)
        #expect(leads.status == 0)
        #expect(leads.stderr == "")
        #expect(leads.stdout.contains("\"inserted\": 8,"))
        let list = try BatonProcess.run(["leads", "list", "--json"], in: folder.path)
        #expect(list.stdout.components(separatedBy: "\"owner\": \"ann@example.com\"").count - 1 == 4)
        #expect(list.stdout.components(separatedBy: "\"owner\": null").count - 1 == 1)
    }
}
