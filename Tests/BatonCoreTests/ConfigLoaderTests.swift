import Foundation
import TestSupport
import Testing

@testable import BatonCore

@Suite struct ConfigLoaderTests {
    /// A valid configuration with every required key; tests replace parts of it.
    static let minimal = """
        {
          "store": "../var/baton.sqlite",
          "internal_domains": ["example.com"],
          "sources": [],
          "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},
          "policies": [{"name": "fr", "clock": "first_response", "target": "4h", "time": "business", "stages": ["mql"]}],
          "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "../var/outbox"}}
        }
        """

    static func problems(_ json: String) -> [String] {
        do {
            _ = try ConfigLoader.parse(Array(json.utf8), path: "/etc/baton/baton.json")
            return []
        } catch {
            return error.problems
        }
    }

    static func config(_ json: String) throws -> Config {
        try ConfigLoader.parse(Array(json.utf8), path: "/etc/baton/conf/baton.json")
    }

    @Test("a minimal configuration resolves paths against its folder and fills every default")
    func defaults() throws {
        let c = try Self.config(Self.minimal)
        #expect(c.store == "/etc/baton/var/baton.sqlite")
        #expect(c.timezoneID == "UTC")
        #expect(c.internalDomains == ["example.com"])
        #expect(c.salesAddresses == [])
        #expect(c.autoCreateLeads == false)
        #expect(c.matching == Config.Matching(subaddress: true, gmailDots: true, freemailDomains: []))
        #expect(c.crm.preset == .baton)
        #expect(c.drop == Config.Drop())
        #expect(c.meetingsHorizon == DurationSpec(amount: 90, unit: .days))
        #expect(c.limits == Config.Limits(maxMessageBytes: 52_428_800, maxMimeDepth: 32, maxOccurrences: 100_000))
        #expect(c.defaultTeam == "emea")
        #expect(c.teams[0].hours.days[0] == [WeeklyHours.Span(start: 540, end: 1050)])
        #expect(c.teams[0].hours.days[5] == [])
        let p = c.policies[0]
        #expect(p.pauseStages == [.nurture, .onHold])
        #expect(p.start == .assigned)
        #expect(p.warnAt == 0.75)
        #expect(p.target == DurationSpec(amount: 4, unit: .hours))
        #expect(c.alerts.transport == .folder(path: "/etc/baton/var/outbox"))
        #expect(c.alerts.digest == .off)
    }

    @Test("the first team is the default team unless default_team names another")
    func teamOrder() throws {
        let json = Self.minimal.replacingOccurrences(
            of: #""teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}}"#,
            with:
                #""teams": {"zulu": {"timezone": "UTC", "hours": {"mon": "08:00-12:00,13:00-17:00", "sat": "10:00-14:00"}}, "amer": {"timezone": "America/New_York", "hours": {"mon-fri": "09:00-17:00"}, "holidays": ["2026-12-25", "2026-12-24 09:00-13:00"]}}"#
        )
        let c = try Self.config(json)
        #expect(c.teams.map(\.name) == ["zulu", "amer"])
        #expect(c.defaultTeam == "zulu")
        #expect(c.teams[0].hours.days[0] == [.init(start: 480, end: 720), .init(start: 780, end: 1020)])
        #expect(c.teams[0].hours.days[5] == [.init(start: 600, end: 840)])
        #expect(
            c.teams[1].holidays == [
                .init(year: 2026, month: 12, day: 25, workingSpans: []),
                .init(year: 2026, month: 12, day: 24, workingSpans: [.init(start: 540, end: 780)]),
            ])
        let withDefault = try Self.config(
            json.replacingOccurrences(of: #""store""#, with: #""default_team": "amer", "store""#))
        #expect(withDefault.defaultTeam == "amer")
    }

    @Test(
        "each kind of mistake gets its exact message with the key path",
        arguments: [
            (#""store": "../var/baton.sqlite""#, #""store": 3"#, "store: expected a string, got a number"),
            (
                #""store": "../var/baton.sqlite""#, #""store": "x", "timezon": "UTC""#,
                "timezon: unknown key (did you mean 'timezone'?)"
            ),
            (
                #""store": "../var/baton.sqlite""#, #""store": "x", "timezone": "Europe/Londn""#,
                "timezone: unknown time zone 'Europe/Londn' (did you mean 'Europe/London'?): expected an IANA zone id such as Europe/London"
            ),
            (
                #""target": "4h""#, #""target": "4x""#,
                "policies[0].target: bad duration '4x': expected a whole number and a unit m, h, d or w (90m, 4h, 1d, 2w)"
            ),
            (#""target": "4h""#, #""targt": "4h""#, "policies[0].targt: unknown key (did you mean 'target'?)"),
            (#""target": "4h", "#, "", "policies[0].target: missing required key"),
            (
                #""stages": ["mql"]"#, #""stages": ["MQL", "qualified"]"#,
                "policies[0].stages[1]: unknown stage 'qualified': expected one of new, mql, accepted, sql, opportunity, won, lost, rejected, nurture, on_hold"
            ),
            (
                #""stages": ["mql"]"#, #""stages": ["mql"], "warn_at": 1.5"#,
                "policies[0].warn_at: expected a fraction between 0 and 1, got 1.5"
            ),
            (#""sources": []"#, #""sources": {}"#, "sources: expected a list, got an object"),
            (
                #""sources": []"#, #""sources": [{"type": "mbx", "path": "a.mbox"}]"#,
                "sources[0].type: 'mbx' is not one of mbox, maildir, drop, journal, calendar (did you mean 'mbox'?)"
            ),
            (#""sources": []"#, #""sources": [{"type": "mbox"}]"#, "sources[0].path: missing required key"),
            (
                #""sources": []"#, #""sources": [{"type": "mbox", "path": "a", "rep": "ann at example"}]"#,
                "sources[0].rep: 'ann at example' is not an email address"
            ),
            (
                #""mon-fri": "09:00-17:30""#, #""mon-fri": "17:30-09:00""#,
                "teams.emea.hours.mon-fri: '17:30-09:00' ends before it starts (overnight ranges are not supported)"
            ),
            (
                #""mon-fri": "09:00-17:30""#, #""mon-fry": "09:00-17:30""#,
                "teams.emea.hours.mon-fry: 'mon-fry' is not a day (mon … sun) or a range of days (mon-fri)"
            ),
            (
                #""from": "baton@example.com""#, #""from": "baton@example.com", "digest": "hourly""#,
                "alerts.digest: 'hourly' is not off, run or daily HH:MM"
            ),
            (
                #""type": "folder", "path": "../var/outbox""#, #""type": "smtp""#,
                "alerts.transport.type: 'smtp' is not one of sendmail, folder"
            ),
            (
                #""type": "folder", "path": "../var/outbox""#, #""type": "sendmail", "timeout": "soon""#,
                "alerts.transport.timeout: bad duration 'soon': expected a whole number and a unit s, m, h, d or w (30s, 5m)"
            ),
            (#""internal_domains": ["example.com"],"#, "", "internal_domains: missing required key"),
        ])
    func mistakes(original: String, replacement: String, expected: String) {
        let json = Self.minimal.replacingOccurrences(of: original, with: replacement)
        #expect(json != Self.minimal)
        #expect(Self.problems(json) == [expected])
    }

    @Test(
        "a store URI holding a password, or of another database, is refused without echoing the rest of the URI",
        arguments: [
            "postgresql://baton:s3cret@db.example.com/baton", "postgres://baton:s3cret@db.example.com:5432/baton",
            "postgresql://db.example.com/baton?sslmode=require&password=s3cret",
        ])
    func storeURIWithPasswordRefused(uri: String) {
        let json = Self.minimal.replacingOccurrences(of: "\"../var/baton.sqlite\"", with: "\"\(uri)\"")
        #expect(
            Self.problems(json) == [
                "store: the PostgreSQL URI holds a password; remove it and give it in ~/.pgpass, PGPASSFILE or "
                    + "PGPASSWORD"
            ])
    }

    @Test("a store of another kind of database is refused, naming only its scheme")
    func storeURIOfAnotherKind() {
        let json = Self.minimal.replacingOccurrences(of: "\"../var/baton.sqlite\"", with: "\"mysql://root:pw@db/b\"")
        #expect(
            Self.problems(json) == ["store: expected an SQLite file path or a postgresql:// URI, got a 'mysql://' URI"])
    }

    @Test(
        "a PostgreSQL URI without a password is the store as written (libpq reads the password itself)",
        arguments: [
            "postgresql://baton@db.example.com/baton?sslmode=verify-full", "postgres://db.example.com/baton",
            "postgresql:///baton?host=/var/run/postgresql", "postgresql://b%40x@db/baton?passfile=/etc/baton/pgpass",
        ])
    func storeURIKept(uri: String) throws {
        let json = Self.minimal.replacingOccurrences(of: "\"../var/baton.sqlite\"", with: "\"\(uri)\"")
        #expect(Self.problems(json) == [])
        let config = try Self.config(json)
        #expect(config.store == uri)
        #expect(config.isSharedStore)
    }

    @Test("every problem is reported, not only the first")
    func allProblems() {
        let json = """
            {"store": 1, "timezon": "UTC", "internal_domains": "example.com", "sources": [],
             "teams": {"emea": {"timezone": "Mars/Olympus", "hours": {"mon-fri": "9-5"}}},
             "policies": [{"name": "a", "clock": "first_reply", "target": "4h", "time": "business", "stages": ["mql"]},
                          {"name": "a", "clock": "reply", "target": "1d", "time": "wall", "stages": ["mql"], "teams": ["apac"]}],
             "alerts": {"from": "not-an-address", "transport": {"type": "folder"}}}
            """
        #expect(
            Self.problems(json) == [
                "timezon: unknown key (did you mean 'timezone'?)",
                "store: expected a string, got a number",
                "internal_domains: expected a list, got a string",
                "teams.emea.timezone: unknown time zone 'Mars/Olympus': expected an IANA zone id such as Europe/London",
                "teams.emea.hours.mon-fri: '9-5' is not a time range like 09:00-17:30",
                "policies[0].clock: 'first_reply' is not one of first_response, reply, meeting_follow_up, acceptance, no_touch",
                "policies[1].name: another policy is called 'a'",
                "policies[1].time: 'wall' is not one of business, calendar",
                "policies[1].teams: no team called 'apac' in teams",
                "alerts.from: 'not-an-address' is not an email address",
                "alerts.transport.path: missing required key",
            ])
    }

    @Test("a file that is not JSON names the line and column")
    func notJSON() {
        #expect(
            Self.problems("{\n \"store\": \"x\",,\n}") == [
                "not valid JSON: line 2, column 15: expected a key in quotes"
            ])
    }

    @Test("a missing configuration file and a folder are told apart")
    func missingFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-config-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(
            throws: ConfigError(
                path: folder + "/none.json", problems: ["no such file (give --config FILE or set BATON_CONFIG)"])
        ) {
            try ConfigLoader.load(path: folder + "/none.json")
        }
        #expect(throws: ConfigError(path: folder, problems: ["is a folder, not a file"])) {
            try ConfigLoader.load(path: folder)
        }
    }

    @Test("a holidays file that does not exist is an error; a source that does not exist yet is not")
    func paths() {
        let json = Self.minimal.replacingOccurrences(
            of: #""hours": {"mon-fri": "09:00-17:30"}"#,
            with: #""hours": {"mon-fri": "09:00-17:30"}, "holidays": "holidays/uk.ics""#
        ).replacingOccurrences(
            of: #""sources": []"#, with: #""sources": [{"type": "mbox", "path": "/nonexistent/ann.mbox"}]"#)
        #expect(Self.problems(json) == ["teams.emea.holidays: '/etc/baton/holidays/uk.ics' does not exist"])
    }

    @Test("the sample configuration shipped in Config/ is valid")
    func sample() throws {
        let root = URL(fileURLWithPath: Repository.root)
        let c = try ConfigLoader.load(path: root.appendingPathComponent("Config/baton.json").path)
        #expect(c.store == root.appendingPathComponent("var/baton.sqlite").path)
        #expect(c.sources.map(\.type) == [.mbox, .maildir, .journal, .drop, .calendar])
        #expect(c.sources[2].path == root.appendingPathComponent("Mail/journal").path)
        #expect(c.sources[4].path == root.appendingPathComponent("Mail/calendars/*.ics").path)
        #expect(
            c.policies[0].escalate == [.init(after: DurationSpec(amount: 8, unit: .hours), to: .managerOfManager)])
    }
}
