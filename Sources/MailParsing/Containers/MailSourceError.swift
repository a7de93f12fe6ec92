#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a mail container, or one message in it, could not be read.
public enum MailSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path does not exist.
    case notFound(path: String)
    /// The path exists but cannot be opened, listed or read (errno).
    case unreadable(path: String, errno: Int32)
    /// One message is larger than the limit; it was skipped.
    case oversized(path: String, offset: Int, size: Int, limit: Int)
    /// One message is empty.
    case empty(path: String, offset: Int)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such file or folder"
        case .unreadable(let path, let code): "\(path): cannot read: \(String(cString: strerror(code)))"
        case .oversized(let path, let offset, let size, let limit):
            "\(path) at byte \(offset): message of \(size) bytes exceeds the limit of \(limit) bytes; skipped"
        case .empty(let path, let offset): "\(path) at byte \(offset): empty message"
        }
    }
}
