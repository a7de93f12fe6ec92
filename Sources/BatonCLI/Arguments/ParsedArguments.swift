import BatonCore

/// A command line split into positionals, option values and flags, checked against the command's options.
public struct ParsedArguments: Sendable {
    /// Words that are not options, in order.
    public var positionals: [String] = []
    /// The last value given for each option that takes one.
    public var values: [String: String] = [:]
    /// Flags that were given.
    public var flags: Set<String> = []

    /// The value of `--name`, if given.
    public func value(_ name: String) -> String? { values[name] }

    /// Whether `--name` was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Parses `words` against `options`; `-h` is `--help`; after `--` every word is positional.
    public static func parse(_ words: [String], options: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositionals || word == "-" || !word.hasPrefix("-") {
                result.positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            if word == "-h" {
                result.flags.insert("help")
                continue
            }
            guard word.hasPrefix("--") else { throw .unknownOption(word) }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = options.first(where: { $0.name == name }) else { throw .unknownOption("--" + name) }
            if spec.valueName == nil {
                guard inlineValue == nil else { throw .unexpectedValue("--" + name) }
                result.flags.insert(name)
            } else if let inlineValue {
                result.values[name] = inlineValue
            } else {
                guard index < words.count else { throw .missingValue("--" + name, spec.valueName ?? "VALUE") }
                result.values[name] = words[index]
                index += 1
            }
        }
        return result
    }
}

/// A command line Baton cannot act on (exit 64).
public enum UsageError: CommandLineError, Equatable {
    case unknownCommand(String)
    case unknownOption(String)
    case missingValue(String, String)
    case unexpectedValue(String)
    case missingArgument(String)
    case extraArgument(String)
    case badValue(option: String, value: String, expected: String)

    public var exitCode: ExitCode { .usage }

    public var description: String {
        switch self {
        case .unknownCommand(let name): "unknown command '\(name)'"
        case .unknownOption(let name): "unknown option '\(name)'"
        case .missingValue(let name, let placeholder): "option '\(name)' needs a value (\(placeholder))"
        case .unexpectedValue(let name): "option '\(name)' takes no value"
        case .missingArgument(let name): "missing argument \(name)"
        case .extraArgument(let word): "unexpected argument '\(word)'"
        case .badValue(let option, let value, let expected): "bad value '\(value)' for \(option): expected \(expected)"
        }
    }
}
