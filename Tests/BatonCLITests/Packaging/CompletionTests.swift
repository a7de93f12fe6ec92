import BatonCLI
import Foundation
import Testing

/// The bash and zsh completions know every command of `baton --help` and every option of each.
@Suite struct CompletionTests {
    static let bashScript = ManPageTests.repository + "/Packaging/completions/baton.bash"
    static let zshScript = ManPageTests.repository + "/Packaging/completions/_baton"

    /// What bash completes for the command line `words` (the last one being completed), run in the repository
    /// with the script sourced on its own: COMPREPLY, one entry a line.
    static func bash(_ words: [String]) throws -> [String] {
        let program = """
            source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _baton
            ((${#COMPREPLY[@]} == 0)) || printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try Subprocess.run(
            "/bin/bash", ["-c", program, "bash", bashScript] + words, in: ManPageTests.repository)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test(
        "bash completes commands, subcommands, options and option values exactly",
        arguments: [
            (
                ["baton", ""],
                [
                    "alerts", "config", "digest", "explain", "export", "forget", "help", "init", "inspect", "lead",
                    "leads", "report", "reps", "scan", "sla", "spend", "store",
                ]
            ),
            (["baton", "s"], ["scan", "sla", "spend", "store"]),
            (["baton", "--v"], ["--version"]),
            (["baton", "sla", ""], ["backtest", "check"]),
            (["baton", "store", ""], ["backup", "check", "copy"]),
            (["baton", "scan", "--"], ["--dry-run", "--json", "--config", "--now", "--verbose", "--help"]),
            (["baton", "sla", "check", "--state", "b"], ["breached"]),
            (["baton", "alerts", "list", "--state", ""], ["queued", "sent", "failed", "cancelled"]),
            (["baton", "report", "--format", ""], ["text", "json", "csv", "html"]),
            (["baton", "report", "--by", "s"], ["source"]),
            (["baton", "report", "--since", ""], []),
            (["baton", "inspect", "mail", "Mail/an"], ["Mail/ann.mbox"]),
            (["baton", "scan", "--config", "Config/baton.j"], ["Config/baton.json"]),
            (["baton", "scan", ""], []),
            (["baton", "help", "le"], ["lead", "leads"]),
            (["baton", "help", "leads", ""], ["import", "list"]),
            (["baton", "forget", "--"], ["--dry-run", "--json", "--config", "--now", "--verbose", "--help"]),
        ])
    func bashCases(words: [String], expected: [String]) throws {
        #expect(try Self.bash(words) == expected)
    }

    @Test("bash completes every command's words and exactly its options, for every command of baton --help")
    func bashEveryCommand() throws {
        let global = OptionSpec.global.map { "--" + $0.name }
        for command in BatonMain.commands {
            let path = command.path
            #expect(try Self.bash(["baton", path[0]]).contains(path[0]), "\(path)")
            if path.count == 2 {
                #expect(try Self.bash(["baton", path[0], ""]).contains(path[1]), "\(path)")
            }
            #expect(
                try Self.bash(["baton"] + path + ["--"]).sorted()
                    == (command.options.map { "--" + $0.name } + global).sorted(),
                "\(path)")
        }
    }

    /// The branch of `_baton` for `command` (`(scan)` or `('leads import'|…)`) up to its `;;`.
    static func zshBranch(_ command: [String], in script: String) -> String? {
        let pattern = command.count == 1 ? command[0] : "'\(command.joined(separator: " "))'"
        let lines = script.split(separator: "\n").map(String.init)
        guard
            let start = lines.firstIndex(where: {
                let trimmed = $0.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("("), let close = trimmed.firstIndex(of: ")") else { return false }
                return trimmed[trimmed.index(after: trimmed.startIndex)..<close].split(separator: "|")
                    .contains { $0 == pattern }
            })
        else { return nil }
        var branch = ""
        for line in lines[start...] {
            branch += line + "\n"
            if line.hasSuffix(";;") { break }
        }
        return branch
    }

    @Test("zsh completes every command and each of its options; the script parses")
    func zsh() throws {
        let script = try String(contentsOfFile: Self.zshScript, encoding: .utf8)
        #expect(script.hasPrefix("#compdef baton\n"))
        for option in OptionSpec.global {
            #expect(script.contains("'--\(option.name)[") || script.contains("'--\(option.name)=["))
        }
        for command in BatonMain.commands {
            #expect(script.contains("'\(command.path[0]):"), "\(command.path) among the commands")
            guard let branch = Self.zshBranch(command.path, in: script) else {
                Issue.record("no branch for \(command.path)")
                continue
            }
            for option in command.options {
                let spec = "'--\(option.name)" + (option.valueName == nil ? "[" : "=[")
                #expect(branch.contains(spec) || branch.contains("\"" + spec.dropFirst()), "\(command.path) \(spec)")
            }
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh") else { return }
        let parsed = try Subprocess.run("/usr/bin/zsh", ["-n", Self.zshScript])
        #expect(parsed.status == 0)
        #expect(parsed.stderr == "")
    }
}
