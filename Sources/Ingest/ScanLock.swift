import BatonCore
import Foundation

/// Another scan holds the lock (exit 75).
public struct ScanLockedError: BatonError {
    public let lockPath: String
    public var failureKind: FailureKind { .tryAgain }
    public var description: String { "another baton scan is running (it holds \(lockPath)); try again later" }
}

/// An exclusive `flock(2)` on a file beside the store: the kernel drops it when the process dies, so a killed
/// scan never leaves a stale lock.
public final class ScanLock {
    private let descriptor: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock at once or throws `ScanLockedError`; the file is created 0600 when missing.
    public init(storePath: String) throws {
        path = storePath + ".lock"
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ScanIOError(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw ScanLockedError(lockPath: path) }
            throw ScanIOError(path: path, reason: "cannot lock: \(String(cString: strerror(code)))")
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// A file or folder that exists but cannot be read or written (exit 74).
public struct ScanIOError: BatonError {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var failureKind: FailureKind { .ioFailure }
    public var description: String { "\(path): \(reason)" }
}
