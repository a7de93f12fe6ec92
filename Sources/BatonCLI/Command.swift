import BatonCore
import Foundation

/// One `baton` subcommand: its words, its options and what it does.
public protocol BatonCommand: Sendable {
    /// The words that name it: `["leads", "import"]`.
    static var path: [String] { get }
    /// Positional arguments for the usage line: `FILE.csv`.
    static var arguments: String { get }
    /// One line for `baton --help`.
    static var summary: String { get }
    /// Options beyond the global ones.
    static var options: [OptionSpec] { get }
    /// Paragraphs for `--help` after the summary (how arguments are read); empty for most commands.
    static var discussion: String { get }
    /// Does the work; returns the exit status, or throws a `BatonError`.
    static func run(_ invocation: Invocation) throws -> ExitCode
}

extension BatonCommand {
    /// No discussion: the summary and options say it all.
    public static var discussion: String { "" }

    /// `baton leads import FILE.csv [--json]`.
    public static var usage: String {
        var line = "baton " + path.joined(separator: " ")
        if !arguments.isEmpty { line += " " + arguments }
        for option in options {
            line += " [--\(option.name)\(option.valueName.map { " " + $0 } ?? "")]"
        }
        return line
    }

    /// The full help text for `baton CMD --help`.
    public static var help: String {
        var text = "usage: \(usage)\n\n\(summary)\n\n" + (discussion.isEmpty ? "" : discussion + "\n\n") + "options:\n"
        for option in options + OptionSpec.global {
            let left = "  --\(option.name)\(option.valueName.map { " " + $0 } ?? "")"
            text += left.padding(toLength: max(left.count + 2, 22), withPad: " ", startingAt: 0) + option.help + "\n"
        }
        return text
    }
}
