/// Process exit statuses from `sysexits.h`, as README.md lists them.
public enum ExitCode: Int32, Sendable, Comparable {
    case ok = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case software = 70
    case cannotCreate = 73
    case ioError = 74
    case tryAgain = 75
    case config = 78

    /// How serious a status is when a run met several: 78, 74, 69, 75, then the rest by value.
    public var severity: Int {
        switch self {
        case .ok: 0
        case .config: 100
        case .ioError: 90
        case .unavailable: 80
        case .tryAgain: 70
        default: Int(rawValue) - 60
        }
    }

    public static func < (lhs: ExitCode, rhs: ExitCode) -> Bool { lhs.severity < rhs.severity }
}

/// An error that knows which exit status it deserves and prints as one line.
public protocol BatonError: Error, CustomStringConvertible {
    /// The status the process exits with when this error ends it.
    var exitCode: ExitCode { get }
}
