import Foundation
import TestSupport
import Testing

/// The PostgreSQL store against the SQLite store: the sample world scanned into each at the same moment, then every
/// reading command compared byte for byte (the world's folder written as WORLD), and the alerts each delivered.
@Suite(.serialized)
struct PostgresStoreTests {
    static let now = "2026-11-26T17:00:00Z"

    /// A copy of the sample world whose configuration names `store` instead of its SQLite file.
    static func world(store: String?) throws -> TemporaryFolder {
        let world = try SampleWorld.temporaryCopy()
        if let store {
            let config = world.file("Config/baton.json")
            let text = try String(contentsOfFile: config, encoding: .utf8)
            let replaced = text.replacingOccurrences(
                of: "\"store\": \"../var/baton.sqlite\"", with: "\"store\": \"\(store)\"")
            #expect(replaced != text)
            try replaced.write(toFile: config, atomically: true, encoding: .utf8)
        }
        return world
    }

    /// `text` with the world's folder written as WORLD and each Message-ID and MIME boundary Baton made written as
    /// HEX: they are hashed with a salt of each store's own (`instance_id`), so two stores never mint the same.
    static func clean(_ text: String, _ world: TemporaryFolder) -> String {
        text.replacingOccurrences(of: world.path, with: "WORLD").replacingOccurrences(
            of: "baton-(alert|lead)\\.[0-9a-f]{32}", with: "baton-$1.HEX", options: .regularExpression
        ).replacingOccurrences(of: "=_baton_[0-9a-f]{32}", with: "=_baton_HEX", options: .regularExpression)
            // A narrow column cuts the world's folder short from the left: `…89B7-A2C55F5486BA/Mail/ann.mbox`.
            .replacingOccurrences(of: "…[^ ]*/Mail/", with: "…WORLD/Mail/", options: .regularExpression)
    }

    /// `baton ARGS` in `world`: its status and its output, `clean`.
    static func run(_ arguments: [String], _ world: TemporaryFolder) throws -> (Int32, String, String) {
        let result = try BatonProcess.run(
            arguments, in: world.path, environment: ["BATON_CONFIG": world.file("Config/baton.json")])
        return (result.status, clean(result.stdout, world), clean(result.stderr, world))
    }

    /// The `.eml` files a world's scans delivered (the folder transport names them at random), `clean`, sorted.
    static func delivered(_ world: TemporaryFolder) throws -> [String] {
        let folder = world.file("var/outbox")
        return try ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).map {
            clean(try String(contentsOfFile: folder + "/" + $0, encoding: .utf8), world)
        }.sorted()
    }

    @Test(
        "the sample world scanned into PostgreSQL reads exactly as in SQLite: every reading command, and the alerts",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)),
        .timeLimit(.minutes(3)))
    func sampleWorldAgrees() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        let sqlite = try Self.world(store: nil)
        let postgres = try Self.world(store: uri)
        for world in [sqlite, postgres] {
            let scan = try Self.run(["scan", "--now", Self.now, "--verbose"], world)
            #expect(scan.0 == 0, "\(scan.2)")
        }
        // Then what users write besides scans: a touch logged by hand (twice: the second changes nothing), the CRM
        // files imported again, a person forgotten, a digest rehearsed; then a later scan, every reading after.
        let later = "2026-11-27T10:00:00Z"
        let commands: [[String]] = [
            [
                "lead", "touch", "gus@initech.example.net", "--at", "2026-11-26T16:30:00Z", "--note", "call", "--rep",
                "bob@example.com",
            ],
            [
                "lead", "touch", "gus@initech.example.net", "--at", "2026-11-26T16:30:00Z", "--note", "call", "--rep",
                "bob@example.com",
            ],
            ["leads", "import", "Config/leads.csv", "--json"], ["reps", "import", "Config/reps.csv"],
            ["spend", "import", "Config/spend.csv", "--json"], ["forget", "hana.sato@gmail.com", "--json"],
            ["digest", "--now", Self.now, "--dry-run", "--json"],
            ["scan", "--now", later, "--verbose"], ["scan", "--now", later, "--verbose"],
            ["leads", "list"], ["reps", "list"], ["lead", "show", "fatima@globex.example.org", "--now", Self.now],
            ["sla", "check", "--now", Self.now, "--json"], ["sla", "check", "--now", Self.now],
            ["alerts", "list", "--json"], ["report", "--now", Self.now, "--format", "json"],
            ["report", "--now", Self.now], ["report", "--now", Self.now, "--by", "rep", "--format", "csv"],
            ["explain", "L-1008", "--now", Self.now], ["digest", "--now", Self.now],
            ["export", "fatima@globex.example.org"], ["report", "--now", Self.now, "--format", "html"],
        ]
        for command in commands {
            let a = try Self.run(command, sqlite)
            let b = try Self.run(command, postgres)
            #expect(a.0 == b.0, "\(command): status \(a.0) on SQLite, \(b.0) on PostgreSQL: \(b.2)")
            #expect(a.1 == b.1, "\(command): output differs")
            #expect(a.2 == b.2, "\(command): errors differ")
        }
        let sent = try Self.delivered(sqlite)
        #expect(sent.count == 9)
        #expect(try Self.delivered(postgres) == sent)
    }

    /// Every row of every table of an SQLite store as text, a table's rows sorted.
    static func dump(_ store: String) throws -> String {
        var lines: [String] = []
        for table in try BatonProcess.sqlite(store, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .split(separator: "\n")
        {
            lines.append("== \(table)")
            lines += try BatonProcess.sqlite(store, "SELECT * FROM \(table)").split(separator: "\n").map(String.init)
                .sorted()
        }
        return lines.joined(separator: "\n")
    }

    @Test(
        "store copy moves the sample world to PostgreSQL and back: every row equal, every reading command the same",
        .enabled(if: PostgresServer.runs, Comment(rawValue: PostgresServer.reason)),
        .timeLimit(.minutes(3)))
    func copyThereAndBack() throws {
        try #require(PostgresServer.ready, Comment(rawValue: PostgresServer.reason))
        let uri = try PostgresServer.createDatabase()
        defer { PostgresServer.dropDatabase(uri) }
        let world = try Self.world(store: nil)
        #expect(try Self.run(["scan", "--now", Self.now], world).0 == 0)
        let before = [
            ["sla", "check", "--now", Self.now, "--json"], ["alerts", "list", "--json"],
            ["report", "--now", Self.now, "--format", "json"],
        ]
        .map { (try? Self.run($0, world)).map { "\($0.0) \($0.1)" } ?? "" }
        let copied = try Self.run(["store", "copy", "--to", uri, "--json"], world)
        #expect(copied.0 == 0, "\(copied.2)")
        #expect(copied.1.contains("\"name\": \"interactions\",\n      \"rows\": 26\n"))
        #expect(copied.1.contains("\"name\": \"notifications\",\n      \"rows\": 8\n"))
        // A second copy into the same database refuses, naming a table that has rows.
        let again = try Self.run(["store", "copy", "--to", uri], world)
        #expect(again.0 == 73)
        #expect(again.2.contains("is not empty (table settings has rows)"))
        let withPassword = try Self.run(
            ["store", "copy", "--to", "postgresql://baton:s3cret@127.0.0.1:55432/x"], world)
        #expect(withPassword.0 == 64)
        #expect(!withPassword.2.contains("s3cret"))
        // The world now reads from PostgreSQL.
        let config = world.file("Config/baton.json")
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "\"store\": \"../var/baton.sqlite\"", with: "\"store\": \"\(uri)\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let after = [
            ["sla", "check", "--now", Self.now, "--json"], ["alerts", "list", "--json"],
            ["report", "--now", Self.now, "--format", "json"],
        ]
        .map { (try? Self.run($0, world)).map { "\($0.0) \($0.1)" } ?? "" }
        #expect(after == before)
        // And back into a new SQLite file: the same rows as the original, table by table.
        let back = try Self.run(["store", "copy", "--to", "var/back.sqlite"], world)
        #expect(back.0 == 0, "\(back.2)")
        #expect(back.1 == "")
        #expect(try Self.dump(world.file("var/back.sqlite")) == Self.dump(world.file("var/baton.sqlite")))
    }
}
