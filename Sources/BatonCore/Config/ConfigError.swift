/// Every problem found in a configuration file (exit 78).
public struct ConfigError: BatonError, Equatable {
    /// The configuration file.
    public let path: String
    /// One line per problem, each naming the key path (`policies[2].targt`).
    public let problems: [String]

    public init(path: String, problems: [String]) {
        self.path = path
        self.problems = problems
    }

    public var failureKind: FailureKind { .configuration }
    public var description: String { problems.map { "\(path): \($0)" }.joined(separator: "\n") }
}
