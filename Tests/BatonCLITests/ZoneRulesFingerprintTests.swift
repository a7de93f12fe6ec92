import Foundation
import TestSupport
import Testing

/// The clocks' fingerprint covers the rules of the zones they read, not only their names: a time-zone database in
/// which Europe/London's rules changed makes the next scan evaluate every lead once; the same database copied
/// elsewhere does not.
@Suite struct ZoneRulesFingerprintTests {
    /// `clocks_evaluated` of `baton scan --json`: how many leads of how many, and why all.
    static func evaluated(_ world: String, now: String, zones: String?) throws -> String {
        let scan = try BatonProcess.run(
            ["scan", "--json", "--now", now], in: world, environment: zones.map { ["TZDIR": $0] } ?? [:])
        #expect(scan.status == 0, "\(scan.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any], "\(scan.stdout)")
        let clocks = try #require(object["clocks_evaluated"] as? [String: Any])
        return "\(clocks["leads"] as? Int ?? -1) of \(clocks["of"] as? Int ?? -1): \(clocks["all"] as? String ?? "-")"
    }

    @Test("a zone whose rules changed in the time-zone database evaluates every lead once; a copy of it none")
    func changedZoneRules() throws {
        let world = try SampleWorld.temporaryCopy()
        let database = "/usr/share/zoneinfo"
        #expect(FileManager.default.fileExists(atPath: database + "/Europe/London"), "tzdata is not installed")
        let same = world.path + "/zoneinfo-copy"
        let changed = world.path + "/zoneinfo-changed"
        try FileManager.default.copyItem(atPath: database, toPath: same)
        try FileManager.default.copyItem(atPath: database, toPath: changed)
        // Summer time from the fourth Sunday of March instead of the last: the footer's rule, used after 2100.
        let london = changed + "/Europe/London"
        let bytes = try #require(FileManager.default.contents(atPath: london))
        let footer = Data("\nGMT0BST,M3.5.0/1,M10.5.0\n".utf8)
        try #require(bytes.suffix(footer.count) == footer)
        try FileManager.default.removeItem(atPath: london)
        try (bytes.dropLast(footer.count) + Data("\nGMT0BST,M3.4.0/1,M10.5.0\n".utf8)).write(
            to: URL(fileURLWithPath: london))

        #expect(try Self.evaluated(world.path, now: "2026-11-26T17:00:00Z", zones: nil) == "8 of 8: first evaluation")
        #expect(try Self.evaluated(world.path, now: "2026-11-26T17:05:00Z", zones: same) == "0 of 8: -")
        #expect(
            try Self.evaluated(world.path, now: "2026-11-26T17:10:00Z", zones: changed)
                == "8 of 8: what the clocks read changed")
        #expect(try Self.evaluated(world.path, now: "2026-11-26T17:15:00Z", zones: changed) == "0 of 8: -")
        #expect(
            try Self.evaluated(world.path, now: "2026-11-26T17:20:00Z", zones: nil)
                == "8 of 8: what the clocks read changed")
    }
}
