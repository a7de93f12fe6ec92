/// A row left out, and why.
public struct RowProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line where the record starts.
    public let line: Int
    public let reason: String
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
    public var description: String { "line \(line): \(reason)" }
}
