/// A problem met while reading a calendar; reading goes on after it.
public struct CalendarDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Sendable {
        case malformedLine = "malformed-line"
        case unbalancedComponent = "unbalanced-component"
        case badValue = "bad-value"
        case unknownTimeZone = "unknown-time-zone"
        case occurrenceLimit = "occurrence-limit"
        case attendeeLimit = "attendee-limit"
        case missingProperty = "missing-property"
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// The 1-based line where it was met (0 when it concerns no single line).
    public var line: Int
    /// A human sentence.
    public var message: String

    /// A diagnostic.
    public init(_ kind: Kind, line: Int, _ message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(kind.rawValue): \(message)" }
}
