import BatonCLI
import BatonCore
import Foundation
import TestSupport
import Testing

/// The hand-written man pages cannot drift: `baton(1)` documents every command of `baton --help` with each of
/// its options, every exit code and every environment variable the sources read; `baton.json(5)` every key of
/// `Config/README.md`.
@Suite struct ManPageTests {
    static let repository = Repository.root

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: repository + "/" + path, encoding: .utf8)
    }

    /// What `baton(1)` lacks: a `COMMANDS` subsection per command, naming its arguments and options, with a tag
    /// per option (`--state S`); each entry names the command and what is missing.
    static func missingFromBaton1(_ page: ManPage) -> [String] {
        var missing: [String] = []
        for command in BatonMain.commands {
            let name = (["baton"] + command.path).joined(separator: " ")
            let headings = page.headings.compactMap { $0.section == "COMMANDS" ? $0.subsection : nil }
            guard let heading = headings.first(where: { $0 == name || $0.hasPrefix(name + " ") }) else {
                missing.append(name)
                continue
            }
            if !command.arguments.isEmpty && !heading.contains(command.arguments) {
                missing.append("\(name): \(command.arguments) in its heading")
            }
            let tags = page.tags(in: "COMMANDS", subsection: heading)
            for option in command.options {
                let tag = "--\(option.name)" + (option.valueName.map { " " + $0 } ?? "")
                if !tags.contains(tag) || !heading.contains("--\(option.name)") { missing.append("\(name): \(tag)") }
            }
        }
        return missing
    }

    @Test("baton(1) has a section for every command of baton --help, with each of its options")
    func commands() throws {
        let page = ManPage(try Self.read("Packaging/man/baton.1"))
        #expect(Self.missingFromBaton1(page) == [])
        // Every command --help lists is one that the page was checked for.
        let listed = BatonMain.overview.split(separator: "\n", omittingEmptySubsequences: false).drop {
            $0 != "commands:"
        }.dropFirst()
            .prefix { !$0.isEmpty }.count
        #expect(listed == BatonMain.commands.count)
    }

    @Test("the check fails when a command or an option is missing from baton(1)")
    func checkCanFail() throws {
        let source = try Self.read("Packaging/man/baton.1")
        let withoutScan = source.replacingOccurrences(
            of: ".SS \"baton scan [\\-\\-dry\\-run] [\\-\\-json]\"", with: ".SS \"baton rescan\"")
        #expect(withoutScan != source)
        #expect(Self.missingFromBaton1(ManPage(withoutScan)) == ["baton scan"])
        let withoutPolicy = source.replacingOccurrences(of: ".BI \\-\\-policy \" P\"\n", with: ".B P\n")
        #expect(withoutPolicy != source)
        #expect(Self.missingFromBaton1(ManPage(withoutPolicy)) == ["baton sla check: --policy P"])
    }

    @Test("baton(1) documents every global option, every exit code and every environment variable read")
    func optionsExitCodesEnvironment() throws {
        let page = ManPage(try Self.read("Packaging/man/baton.1"))
        let global = OptionSpec.global.map { "--\($0.name)" + ($0.valueName.map { " " + $0 } ?? "") }
        #expect(page.tags(in: "OPTIONS") == global + ["--version"])
        let codes = (0...255).compactMap { ExitCode(rawValue: Int32($0)) }.map { String($0.rawValue) }
        #expect(codes.count == 10)
        #expect(page.tags(in: "EXIT STATUS") == codes)
        #expect(Set(try Self.environmentVariablesRead()).isSubset(of: Set(page.tags(in: "ENVIRONMENT"))))
        #expect(try Self.environmentVariablesRead().contains("BATON_CONFIG"))
    }

    /// The names in `environment["NAME"]` anywhere under `Sources/`, sorted.
    static func environmentVariablesRead() throws -> [String] {
        var names: Set<String> = []
        let sources = repository + "/Sources"
        let files = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            var rest = text[...]
            while let range = rest.range(of: "environment[\"") {
                let name = rest[range.upperBound...].prefix { $0 != "\"" }
                names.insert(String(name))
                rest = rest[range.upperBound...]
            }
        }
        return names.sorted()
    }

    /// The keys in the first column of the table right after `heading` in `Config/README.md`: every
    /// back-quoted name (`crm.leads_file`?, `crm.reps_file`? are two).
    static func readmeKeys(after heading: String, in readme: String) -> [String] {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0 == heading }) else { return [] }
        let table = lines[(start + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }.dropFirst(2)
        return table.flatMap { row -> [String] in
            let cell = row.split(separator: "|", omittingEmptySubsequences: false)[1]
            return cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
    }

    /// The keys of `Config/README.md` that `baton.json(5)` has no tag for: top-level keys in `KEYS`, policy keys
    /// in its `POLICIES` subsection.
    static func missingFromBatonJSON5(_ page: ManPage, readme: String) -> [String] {
        let keys = readmeKeys(after: "## Keys", in: readme)
        let policyKeys = readmeKeys(after: "### Policies", in: readme)
        let keyTags = Set(page.tags.filter { $0.section == "KEYS" && $0.subsection == nil }.map(\.text))
        let policyTags = Set(page.tags(in: "KEYS", subsection: "POLICIES"))
        return keys.filter { !keyTags.contains($0) }
            + policyKeys.filter { !policyTags.contains($0) }
            .map { "policies[]." + $0 }
    }

    @Test("baton.json(5) has an entry for every key of Config/README.md")
    func configurationKeys() throws {
        let readme = try Self.read("Config/README.md")
        let keys = Self.readmeKeys(after: "## Keys", in: readme)
        #expect(keys.count > 30)
        #expect(keys.first == "store")
        #expect(keys.contains("crm.reps_file") && keys.contains("teams.NAME.holidays"))
        #expect(keys.last == "alerts.transport")
        #expect(
            Self.readmeKeys(after: "### Policies", in: readme) == [
                "name", "clock", "target", "time", "stages", "pause_stages", "start", "sources", "teams", "warn_at",
                "escalate",
            ])
        let page = ManPage(try Self.read("Packaging/man/baton.json.5"))
        #expect(Self.missingFromBatonJSON5(page, readme: readme) == [])
    }

    @Test("the check fails when a key is missing from baton.json(5)")
    func keyCheckCanFail() throws {
        let readme = try Self.read("Config/README.md")
        let source = try Self.read("Packaging/man/baton.json.5")
        let withoutKey = source.replacingOccurrences(of: ".TP\n.B alerts.crm_url\n", with: "")
        let withoutPolicyKey = source.replacingOccurrences(of: ".TP\n.B warn_at\n", with: "")
        #expect(withoutKey != source && withoutPolicyKey != source)
        #expect(Self.missingFromBatonJSON5(ManPage(withoutKey), readme: readme) == ["alerts.crm_url"])
        #expect(Self.missingFromBatonJSON5(ManPage(withoutPolicyKey), readme: readme) == ["policies[].warn_at"])
    }

    @Test("both pages format without a groff warning")
    func groffClean() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") else { return }
        for page in ["Packaging/man/baton.1", "Packaging/man/baton.json.5"] {
            let result = try Subprocess.run("/usr/bin/groff", ["-ww", "-z", "-man", Self.repository + "/" + page])
            #expect(result.status == 0)
            #expect(result.stderr == "", "\(page)")
        }
    }
}
