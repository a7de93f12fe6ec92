/// What kind of failure a module met, in the module's own terms. Only the command line turns it into a process
/// exit status (`BatonCLI`'s `ExitCode`); modules never choose a number.
///
/// The cases are declared from the least to the most serious, so `<` and `max` pick the failure a run reports
/// when it met several: a configuration problem first, then an I/O failure, a missing service, a temporary
/// failure, and then the rest.
public enum FailureKind: Sendable, Comparable, CaseIterable {
    /// Input that exists but does not make sense: a malformed file, a rejected row, a stored value that does not
    /// decode.
    case badInput
    /// Input that was named but does not exist.
    case missingInput
    /// A fault of Baton itself, or a failure it does not classify.
    case internalFault
    /// A file or folder that could not be created.
    case cannotCreate
    /// A temporary failure that a later run should get past: the store or the scan lock is busy, the mail
    /// transfer agent is down.
    case tryAgain
    /// A service Baton needs is missing, such as the sendmail program.
    case unavailable
    /// Reading or writing a file failed.
    case ioFailure
    /// The configuration, or a store it points at, cannot be used as it is.
    case configuration
}

/// An error that can end a command: it says what kind of failure it is and prints as one line.
public protocol BatonError: Error, CustomStringConvertible {
    /// What kind of failure this is; the command line decides the exit status from it.
    var failureKind: FailureKind { get }
}
