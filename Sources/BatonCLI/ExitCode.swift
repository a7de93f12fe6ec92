import BatonCore

/// Process exit statuses from `sysexits.h`, as README.md lists them. Only the command line knows them: modules
/// report a `FailureKind`, which `init(_:)` maps to its status.
public enum ExitCode: Int32, Sendable {
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

    /// The status a failure of this kind ends the process with.
    public init(_ failure: FailureKind) {
        switch failure {
        case .badInput: self = .dataError
        case .missingInput: self = .noInput
        case .internalFault: self = .software
        case .cannotCreate: self = .cannotCreate
        case .tryAgain: self = .tryAgain
        case .unavailable: self = .unavailable
        case .ioFailure: self = .ioError
        case .configuration: self = .config
        }
    }

    /// The status of a run whose most serious failure was `worst`: `ok` when it met none.
    public init(worst: FailureKind?) {
        self = worst.map(ExitCode.init) ?? .ok
    }
}

/// An error of the command line itself, which knows its exit status: a usage error, an input named on the
/// command line that cannot be used.
protocol CommandLineError: Error, CustomStringConvertible {
    /// The status the process exits with when this error ends it.
    var exitCode: ExitCode { get }
}
