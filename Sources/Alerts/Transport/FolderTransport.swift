import BatonCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Delivers by writing each message as a `.eml` file into a folder (the demo's outbox, or a pickup directory).
///
/// The file is named by the first 24 hex digits of the SHA-256 of the message id, so delivering the same
/// message again rewrites the same file. Files are written atomically (a hidden temporary file in the same
/// folder, `fsync`, `rename`), mode 0600, with the message's CRLF bytes unchanged.
public struct FolderTransport: MailTransport, Sendable {
    /// The folder; created with mode 0700 (and any missing parents) on first delivery.
    public var path: String

    /// A transport writing into `path`.
    public init(path: String) {
        self.path = path
    }

    /// The file name a message gets: `<first 24 hex of sha256(messageID)>.eml`.
    public static func fileName(forMessageID messageID: String) -> String {
        String(SHA256.hex(messageID).prefix(24)) + ".eml"
    }

    /// Writes the message; any error is `.failed` with the path and the system's reason.
    public func deliver(_ message: ComposedMessage) -> DeliveryOutcome {
        if let reason = makeFolder() { return .failed(reason) }
        let final = path + "/" + Self.fileName(forMessageID: message.messageID)
        let temporary = path + "/." + Self.fileName(forMessageID: message.messageID) + ".\(getpid()).\(Self.nonce())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .failed("cannot create \(temporary): \(Self.describe(errno))") }
        var failure: String? = nil
        if fchmod(fd, 0o600) != 0 {
            failure = "cannot set the mode of \(temporary): \(Self.describe(errno))"
        } else if let reason = Self.writeAll(fd, message.bytes) {
            failure = "cannot write \(temporary): \(reason)"
        } else if fsync(fd) != 0 {
            failure = "cannot sync \(temporary): \(Self.describe(errno))"
        }
        if close(fd) != 0, failure == nil { failure = "cannot close \(temporary): \(Self.describe(errno))" }
        if failure == nil, rename(temporary, final) != 0 {
            failure = "cannot rename \(temporary) to \(final): \(Self.describe(errno))"
        }
        if let failure {
            unlink(temporary)
            return .failed(failure)
        }
        // Make the rename itself durable; a failure here leaves a complete file, so it is not an error.
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
        return .accepted
    }

    /// Creates the folder and missing parents with mode 0700; nil when it exists (as a folder) afterwards.
    private func makeFolder() -> String? {
        guard !path.isEmpty else { return "the outbox folder path is empty" }
        var info = stat()
        if stat(path, &info) == 0 {
            return info.st_mode & S_IFMT == S_IFDIR ? nil : "\(path) exists and is not a folder"
        }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                let at = prefix == path ? "" : " (at \(prefix))"
                return "cannot create folder \(path)\(at): \(Self.describe(errno))"
            }
        }
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            return "\(path) exists and is not a folder"
        }
        return nil
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return describe(errno)
            }
            offset += n
        }
        return nil
    }

    /// A few random hex digits, so that two processes writing the same message never share a temporary file.
    private static func nonce() -> String {
        String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
