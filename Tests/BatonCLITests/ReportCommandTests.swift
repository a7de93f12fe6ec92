import BatonCore
import Foundation
import TestSupport
import Testing

/// `baton report` on the shipped sample world, scanned at Thursday 2026-11-26 17:00Z.
///
/// Figures checked by hand against `baton sla check --now 2026-11-26T17:00:00Z`: first-response episodes in
/// November are Dana's (met, 1h 25m), Erik's (met late, 12h), Hana's (paused) and Kai's (warning); so 4 episodes,
/// 2 answered, nearest-rank median 1h 25m (rank 1 of 2), p90 12h (rank 2), within target 1 ÷ (1 + 1). Seven
/// breaches are open, the oldest due Wednesday 18th 09:00 (Dana, acceptance, 59h late). All seven leads became
/// MQL in the period; Gus is the only SQL and Fatima and Gus count as accepted.
@Suite struct ReportCommandTests {
    static let now = "2026-11-26T17:00:00Z"
    static let period = ["--now", now, "--since", "2026-11-02", "--until", "2026-11-30"]

    static func scannedWorld() throws -> TemporaryFolder {
        let world = try SampleWorld.temporaryCopy()
        let scan = try BatonProcess.run(["scan", "--now", now], in: world.path)
        #expect(scan.status == 0)
        return world
    }

    /// The object under `key` in a JSON object.
    static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let pairs) = value else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    static func rows(_ value: JSONValue, _ key: String) -> [JSONValue] {
        guard case .array(let items)? = member(value, key) else { return [] }
        return items
    }

    @Test("text: exit 0, every line within 100 columns, the figures worked out from sla check")
    func text() throws {
        let world = try Self.scannedWorld()
        let result = try BatonProcess.run(["report"] + Self.period, in: world.path)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        for line in result.stdout.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
        #expect(
            result.stdout.hasPrefix(
                "Baton report, 2026-11-02T00:00:00Z to 2026-11-30T00:00:00Z (Europe/London)\n"
                    + "now 2026-11-26T17:00:00Z, by rep\n"))
        #expect(
            result.stdout.contains(
                "first_response  all                     4         2   1h 25m  12h 00m        50%\n"))
        #expect(
            result.stdout.contains(
                "dana@acme-robotics.com     acceptance         ann@example.com  2026-11-18T09:00:00Z  59h 00m\n"))
        #expect(result.stdout.contains("\nQuarantined drop-folder files: 1\n"))
    }

    @Test("the README's excerpt of the sample world's report is what baton report prints, table for table")
    func readmeExcerpt() throws {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let intro = "The sample world's, after the demo's scan (`baton report "
        let start = try #require(readme.range(of: intro))
        let arguments = readme[start.upperBound...].prefix { $0 != "`" }.split(whereSeparator: \.isWhitespace)
            .map(String.init)
        #expect(arguments == ["--now", Self.now, "--since", "2026-10-01", "--until", "2026-11-27"])
        let fence = try #require(readme.range(of: "```text\n", range: start.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "\n```", range: fence.upperBound..<readme.endIndex))
        let tables = readme[fence.upperBound..<end.lowerBound].components(separatedBy: "\n\n")
        #expect(tables.count == 4)
        let world = try Self.scannedWorld()
        let result = try BatonProcess.run(["report"] + arguments, in: world.path)
        #expect(result.status == 0)
        for table in tables { #expect(result.stdout.contains("\n" + table + "\n\n"), "\(table)") }
    }

    @Test("json: one object whose figures match the text")
    func json() throws {
        let world = try Self.scannedWorld()
        let result = try BatonProcess.run(["report", "--format", "json"] + Self.period, in: world.path)
        #expect(result.status == 0)
        let report = try JSONParser.parse(Array(result.stdout.utf8))
        let response = Self.rows(report, "response")
        let all = response.first {
            Self.member($0, "clock") == .string("first_response") && Self.member($0, "key") == .string("all")
        }
        #expect(all.flatMap { Self.member($0, "episodes") } == .int(4))
        #expect(all.flatMap { Self.member($0, "answered") } == .int(2))
        #expect(all.flatMap { Self.member($0, "median_seconds") } == .int(5_100))
        #expect(all.flatMap { Self.member($0, "p90_seconds") } == .int(43_200))
        #expect(all.flatMap { Self.member($0, "within_target") } == .double(0.5))
        let breaches = Self.rows(report, "open_breaches")
        #expect(breaches.count == 7)
        #expect(breaches.first.flatMap { Self.member($0, "late_seconds") } == .int(59 * 3_600))
        let funnel = Self.rows(report, "funnel").last
        #expect(funnel.flatMap { Self.member($0, "source") } == .string("all"))
        #expect(funnel.flatMap { Self.member($0, "mql") } == .int(7))
        #expect(funnel.flatMap { Self.member($0, "accepted") } == .int(2))
        #expect(funnel.flatMap { Self.member($0, "sql") } == .int(1))
        #expect(Self.member(report, "capture").flatMap { Self.member($0, "quarantined") } == .int(1))
    }

    @Test("csv: the long table's header, and --out writes the file instead of standard output")
    func csvToFile() throws {
        let world = try Self.scannedWorld()
        let result = try BatonProcess.run(
            ["report", "--format", "csv", "--out", "out/report.csv", "--by", "source"] + Self.period, in: world.path)
        #expect(result.status == 73)
        #expect(result.stderr.contains("out/report.csv: cannot be created"))
        try FileManager.default.createDirectory(atPath: world.file("out"), withIntermediateDirectories: true)
        let again = try BatonProcess.run(
            ["report", "--format", "csv", "--out", "out/report.csv", "--by", "source"] + Self.period, in: world.path)
        #expect(again.status == 0)
        #expect(again.stdout == "")
        let text = try String(contentsOfFile: world.file("out/report.csv"), encoding: .utf8)
        #expect(
            text.hasPrefix("section,dimension,key,week,metric,value\nperiod,period,all,,since,2026-11-02T00:00:00Z\n"))
        #expect(text.contains("\nhandoff,source,trade show,2026-W48,leads,1\n"))
        #expect(text.contains("\nresponse,source,webinar,,first_response.episodes,2\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: world.file("out"))
        #expect(leftovers == ["report.csv"])
    }

    @Test(
        "bad dates and values are usage errors (exit 64)",
        arguments: [
            ["--since", "2026-13-01"], ["--until", "yesterday"], ["--since", "2026-11-30", "--until", "2026-11-02"],
            ["--by", "manager"], ["--format", "pdf"], ["--silent-days", "-1"],
        ])
    func badValues(arguments: [String]) throws {
        let world = try SampleWorld.temporaryCopy()
        let result = try BatonProcess.run(["report", "--now", Self.now] + arguments, in: world.path)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("baton: bad value"))
    }
}
