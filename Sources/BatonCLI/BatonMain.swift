import BatonCore
import Foundation

/// The `baton` program: finds the command named by the first words, parses its options and runs it.
public enum BatonMain {
    /// Baton's version, printed by `--version`.
    public static let version = "0.2.0"

    /// Every command, in the order `baton --help` lists them.
    public static let commands: [any BatonCommand.Type] = [
        ScanCommand.self,
        InspectMailCommand.self,
        InspectCalendarCommand.self,
        LeadsImportCommand.self,
        LeadsListCommand.self,
        LeadShowCommand.self,
        LeadTouchCommand.self,
        RepsImportCommand.self,
        RepsListCommand.self,
        SpendImportCommand.self,
        SLACheckCommand.self,
        SLABacktestCommand.self,
        AlertsListCommand.self,
        ReportCommand.self,
        ExplainCommand.self,
        DigestCommand.self,
        ConfigCheckCommand.self,
        InitCommand.self,
        StoreCheckCommand.self,
        StoreBackupCommand.self,
        StoreCopyCommand.self,
        ForgetCommand.self,
        ExportCommand.self,
    ]

    /// Runs `baton` with `arguments` (without the program name) and returns the exit status. `exitsAfter`: the
    /// caller exits with that status at once, so a command may leave its large structures for the exit to reclaim
    /// (`Invocation.leaveForExit`).
    public static func run(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        out: TextOutput = TextOutput(descriptor: 1), err: TextOutput = TextOutput(descriptor: 2),
        exitsAfter: Bool = false
    ) -> Int32 {
        defer {
            out.flush()
            err.flush()
        }
        var words = arguments
        if words.isEmpty || words == ["--help"] || words == ["-h"] || words == ["help"] {
            out.write(overview)
            return ExitCode.ok.rawValue
        }
        if words == ["--version"] {
            out.line("baton \(version)")
            return ExitCode.ok.rawValue
        }
        var wantsHelp = false
        if words.first == "help" {
            words.removeFirst()
            wantsHelp = true
        }
        guard let command = find(words) else {
            let name = words.prefix { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")
            err.line("baton: \(UsageError.unknownCommand(name.isEmpty ? words[0] : name))")
            err.write(overview)
            return ExitCode.usage.rawValue
        }
        if wantsHelp {
            out.write(command.help)
            return ExitCode.ok.rawValue
        }
        let rest = Array(words.dropFirst(command.path.count))
        let parsed: ParsedArguments
        do {
            parsed = try ParsedArguments.parse(rest, options: command.options + OptionSpec.global)
        } catch {
            err.line("baton: \(error)")
            err.line("usage: \(command.usage)")
            return ExitCode.usage.rawValue
        }
        if parsed.flag("help") {
            out.write(command.help)
            return ExitCode.ok.rawValue
        }
        let invocation = Invocation(
            arguments: parsed, environment: environment, workingDirectory: workingDirectory, out: out, err: err,
            processEndsWithCommand: exitsAfter)
        do {
            return try command.run(invocation).rawValue
        } catch let error as UsageError {
            err.line("baton: \(error)")
            err.line("usage: \(command.usage)")
            return error.exitCode.rawValue
        } catch let error as ConfigError {
            for problem in error.problems { err.line("baton: \(error.path): \(problem)") }
            return ExitCode(error.failureKind).rawValue
        } catch let error as any CommandLineError {
            err.line("baton: \(error)")
            return error.exitCode.rawValue
        } catch let error as any BatonError {
            err.line("baton: \(error)")
            return ExitCode(error.failureKind).rawValue
        } catch {
            err.line("baton: \(error)")
            return ExitCode.software.rawValue
        }
    }

    /// The command whose words start `words`, longest match first.
    static func find(_ words: [String]) -> (any BatonCommand.Type)? {
        commands.filter { words.starts(with: $0.path) }.max { $0.path.count < $1.path.count }
    }

    /// The text of `baton --help`.
    public static var overview: String {
        var text = """
            usage: baton COMMAND [OPTIONS]

            Baton measures the lead handoff between marketing and sales from the mail itself.

            commands:

            """
        for command in commands {
            let name = "  " + command.path.joined(separator: " ")
            text +=
                name.padding(toLength: max(name.count + 2, 22), withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += """

            Every command takes --config FILE, --now ISO, --verbose and --help.
            'baton help COMMAND' or 'baton COMMAND --help' shows a command's options.

            """
        return text
    }
}
