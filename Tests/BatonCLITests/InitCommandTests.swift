import Foundation
import TestSupport
import Testing

@Suite struct InitCommandTests {
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("init writes a configuration that config check accepts and a scan runs with exit 0, and empty CSV files")
    func writes() throws {
        let folder = try TemporaryFolder()
        let result = try BatonProcess.run(["init", "site", "--verbose"], in: folder.path)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let site = folder.file("site")
        #expect(
            result.stdout == "wrote \(site)/baton.json\nwrote \(site)/reps.csv\nwrote \(site)/leads.csv\n")
        #expect(
            try String(contentsOfFile: site + "/reps.csv", encoding: .utf8)
                == "email,name,team,manager_email,timezone,aliases\n")
        #expect(
            try String(contentsOfFile: site + "/leads.csv", encoding: .utf8)
                == "external_id,email,name,company,company_domain,source,stage,owner_email,created_at,mql_at,"
                + "assigned_at,amount,currency,closed_at,rejection_reason\n")
        #expect(try Self.mode(site + "/baton.json") == 0o644)
        #expect(try Self.mode(site + "/reps.csv") == 0o600)
        #expect(try Self.mode(site + "/leads.csv") == 0o600)

        let config = ["--config", "site/baton.json"]
        let check = try BatonProcess.run(["config", "check"] + config, in: folder.path)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("\"store\": \"\(site)/baton.sqlite\""))
        let scan = try BatonProcess.run(["scan", "--now", "2026-12-01T09:00:00Z"] + config, in: folder.path)
        #expect(scan.status == 0)
        #expect(scan.stdout == "")
        #expect(scan.stderr == "")
        #expect(try BatonProcess.run(["leads", "import", "site/leads.csv"] + config, in: folder.path).status == 0)
        #expect(try BatonProcess.run(["reps", "import", "site/reps.csv"] + config, in: folder.path).status == 0)
        #expect(try BatonProcess.run(["store", "check"] + config, in: folder.path).status == 0)
    }

    @Test("without DIR, init writes into the working folder and says nothing")
    func workingFolder() throws {
        let folder = try TemporaryFolder()
        let result = try BatonProcess.run(["init"], in: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
        for name in ["baton.json", "reps.csv", "leads.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.file(name)))
        }
    }

    @Test("init never overwrites: any of the three files present exits 73 naming it and writes nothing")
    func neverOverwrites() throws {
        let folder = try TemporaryFolder()
        let mine = try folder.write("site/reps.csv", "email\nme@example.com\n")
        let result = try BatonProcess.run(["init", "site"], in: folder.path)
        #expect(result.status == 73)
        #expect(result.stdout == "")
        #expect(result.stderr == "baton: \(mine): already exists; nothing written\n")
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "email\nme@example.com\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("site/baton.json")))
        #expect(!FileManager.default.fileExists(atPath: folder.file("site/leads.csv")))

        // A dangling symbolic link is in the way too: writing through it would create its target.
        try FileManager.default.createDirectory(atPath: folder.file("other"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("other/baton.json"), withDestinationPath: folder.file("elsewhere.json"))

        let link = try BatonProcess.run(["init", "other"], in: folder.path)
        #expect(link.status == 73)
        #expect(link.stderr == "baton: \(folder.file("other/baton.json")): already exists; nothing written\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("elsewhere.json")))

        let again = try BatonProcess.run(["init"], in: folder.path)
        #expect(again.status == 0)
        let twice = try BatonProcess.run(["init"], in: folder.path)
        #expect(twice.status == 73)
        #expect(
            twice.stderr
                == "baton: \(folder.file("baton.json")), \(folder.file("reps.csv")), \(folder.file("leads.csv")): "
                + "already exist; nothing written\n")
    }

    @Test("init creates DIR with its parents; a DIR that is a file exits 73; two folders are a usage error")
    func folders() throws {
        let folder = try TemporaryFolder()
        #expect(try BatonProcess.run(["init", "a/b/c"], in: folder.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.file("a/b/c/baton.json")))
        let file = try folder.write("plain", "x")
        let result = try BatonProcess.run(["init", "plain"], in: folder.path)
        #expect(result.status == 73)
        #expect(result.stderr == "baton: \(file): exists and is not a folder\n")
        let usage = try BatonProcess.run(["init", "x", "y"], in: folder.path)
        #expect(usage.status == 64)
        #expect(usage.stderr == "baton: unexpected argument 'y'\nusage: baton init [DIR]\n")
    }
}
