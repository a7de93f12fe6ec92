import BatonCore
import Foundation

/// `lstat(2)` of a path: what a scan compares to notice a change without reading.
public struct FileStatus: Equatable {
    var device: Int64
    var inode: Int64
    var size: Int64
    var mtimeNanoseconds: Int64
    /// A folder.
    public var isDirectory: Bool
    /// A regular file.
    public var isRegular: Bool
    /// A symbolic link (only when not followed).
    public var isSymlink: Bool

    /// The status of `path` itself (a symlink is not followed unless `follow`), or nil when it does not exist.
    public init?(_ path: String, follow: Bool = false) {
        var st = stat()
        guard (follow ? stat(path, &st) : lstat(path, &st)) == 0 else { return nil }
        device = Int64(st.st_dev)
        inode = Int64(st.st_ino)
        size = Int64(st.st_size)
        mtimeNanoseconds = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        let type = st.st_mode & S_IFMT
        isDirectory = type == S_IFDIR
        isRegular = type == S_IFREG
        isSymlink = type == S_IFLNK
    }

    /// The file's identity (device, inode, size, modification time) as one text, when its last change is at
    /// least two seconds older than the wall clock `now`: a file rewritten again within the same tick of its
    /// time could otherwise keep its identity with new content. Nil for a file that has not settled yet.
    public func settledIdentity(wallClock now: Int64) -> String? {
        guard now - mtimeNanoseconds / 1_000_000_000 >= 2 else { return nil }
        return "\(device):\(inode):\(size):\(mtimeNanoseconds)"
    }

    /// Up to `count` bytes of a file ending at `end`, hashed: an mbox's fingerprint before its cursor.
    static func fingerprint(_ path: String, end: Int64, count: Int64 = 4096) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let start = max(0, end - count)
        var buffer = [UInt8](repeating: 0, count: Int(end - start))
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start)) }
        guard n == buffer.count else { return nil }
        return SHA256.hex(buffer)
    }

    /// The first line of a file region (an mbox `From ` line), at most 512 bytes.
    static func firstLine(_ path: String, at offset: Int) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
        guard n > 0 else { return nil }
        let line = buffer[..<n].prefix { $0 != 0x0A && $0 != 0x0D }
        return String(decoding: line, as: UTF8.self)
    }
}

/// Reading one message file whole, refusing symlinks and files over the limit.
enum MessageFile {
    enum Failure: Error, CustomStringConvertible {
        case missing, symlink, notRegular, tooLarge(Int64, Int), unreadable(Int32)
        var description: String {
            switch self {
            case .missing: "vanished while scanning (it will be read next time)"
            case .symlink: "is a symbolic link; not followed"
            case .notRegular: "is not a regular file"
            case .tooLarge(let size, let limit): "message of \(size) bytes exceeds the limit of \(limit) bytes; skipped"
            case .unreadable(let code): "cannot read: \(String(cString: strerror(code)))"
            }
        }
    }

    static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: return .failure(.missing)
            case ELOOP: return .failure(.symlink)
            default: return .failure(.unreadable(errno))
            }
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.unreadable(errno)) }
        guard st.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegular) }
        let size = Int64(st.st_size)
        if size > Int64(limit) { return .failure(.tooLarge(size, limit)) }
        // Read into memory not zeroed first: the read writes every byte the array keeps.
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, initialized in
            var got = 0
            while got < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + got, buffer.count - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                got += n
            }
            initialized = got
        }
        if let failure { return .failure(.unreadable(failure)) }
        return .success(bytes)
    }
}
