import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A mail container on disk, as DESIGN.md's `baton inspect mail` reads it: a Maildir (a folder with `cur/` or
/// `new/`), a folder of message files, an mbox (a file whose first bytes, after blank lines, are `From `), or
/// any other file as one message.
public enum MailSource {
    /// The shape of a container.
    public enum Kind: String, Sendable {
        case maildir, folder, mbox, file
    }

    /// Where one message was found.
    public struct Location: Sendable, Equatable {
        /// The file holding it.
        public var path: String
        /// Byte offset in that file (0 except in an mbox).
        public var offset: Int
        /// Length in bytes.
        public var length: Int
        /// Maildir flags, when read from a Maildir.
        public var flags: MaildirFlags?
    }

    /// Reading limits.
    public struct Options: Sendable {
        /// A larger message is reported and skipped (DESIGN.md `limits.max_message_bytes`, 50 MB).
        public var maxMessageBytes: Int
        /// Options with the defaults.
        public init(maxMessageBytes: Int = 50 << 20) { self.maxMessageBytes = maxMessageBytes }
    }

    /// The kind of container at `path`.
    public static func kind(of path: String) throws(MailSourceError) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound(path: path)
        }
        if isDirectory.boolValue {
            var sub: ObjCBool = false
            for name in ["cur", "new"] {
                if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &sub), sub.boolValue {
                    return .maildir
                }
            }
            return .folder
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path: path, errno: errno) }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 4096)
        let n = head.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 4096) }
        if n < 0 { throw .unreadable(path: path, errno: errno) }
        var i = 0
        while i < n, head[i] == 0x0A || head[i] == 0x0D { i += 1 }
        if i + 5 <= n, head[i..<(i + 5)].elementsEqual("From ".utf8) { return .mbox }
        return .file
    }

    /// Calls `body` with every message of the container at `path`, in DESIGN.md's order, with its bytes
    /// (valid only during the call) or the error that kept it from being read. Throws when the container
    /// itself cannot be read.
    public static func read(
        path: String, options: Options = Options(),
        _ body: (Location, Result<UnsafeRawBufferPointer, MailSourceError>) -> Void
    ) throws(MailSourceError) {
        switch try kind(of: path) {
        case .mbox:
            let reader = try MboxReader(path: path, maxMessageBytes: options.maxMessageBytes)
            try reader.forEach { record, result in
                body(Location(path: path, offset: record.offset, length: record.length, flags: nil), result)
            }
        case .file:
            var scratch = [UInt8]()
            readFile(path, flags: nil, options: options, scratch: &scratch, body)
        case .folder:
            var scratch = [UInt8]()
            for file in try listFiles(path) {
                readFile(path + "/" + file, flags: nil, options: options, scratch: &scratch, body)
            }
        case .maildir:
            var scratch = [UInt8]()
            for entry in try maildirEntries(path) {
                readFile(entry.path, flags: entry.flags, options: options, scratch: &scratch, body)
            }
        }
    }

    /// The messages of a Maildir: `cur/` and `new/` (never `tmp/`), ordered by unique name over both.
    public static func maildirEntries(_ path: String) throws(MailSourceError) -> [(path: String, flags: MaildirFlags)] {
        var entries: [(unique: String, path: String, flags: MaildirFlags)] = []
        for sub in ["cur", "new"] {
            let folder = path + "/" + sub
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                continue
            }
            for name in try listFiles(folder) {
                let (unique, flags) = MaildirFlags.parse(fileName: name)
                entries.append((unique, folder + "/" + name, flags))
            }
        }
        // Byte order of the unique names, as `ls` in the C locale would list them.
        let keyed = entries.map { (Array($0.unique.utf8), Array($0.path.utf8), $0) }
        let sorted = keyed.sorted {
            $0.0 != $1.0 ? $0.0.lexicographicallyPrecedes($1.0) : $0.1.lexicographicallyPrecedes($1.1)
        }
        return sorted.map { ($0.2.path, $0.2.flags) }
    }

    /// Regular, visible files of a folder, sorted by name (byte order).
    private static func listFiles(_ folder: String) throws(MailSourceError) -> [String] {
        guard let dir = opendir(folder) else { throw .unreadable(path: folder, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            // d_type saves a stat per file; file systems that do not fill it get the stat.
            let type = entry.pointee.d_type
            if type != UInt8(DT_REG) {
                guard type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) else { continue }
                var st = stat()
                guard stat(folder + "/" + name, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            }
            names.append(name)
        }
        return names.map { (Array($0.utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }

    private static func readFile(
        _ path: String, flags: MaildirFlags?, options: Options, scratch: inout [UInt8],
        _ body: (Location, Result<UnsafeRawBufferPointer, MailSourceError>) -> Void
    ) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            body(
                Location(path: path, offset: 0, length: 0, flags: flags),
                .failure(.unreadable(path: path, errno: errno)))
            return
        }
        defer { close(fd) }
        var st = stat()
        _ = fstat(fd, &st)
        let size = Int(st.st_size)
        let location = Location(path: path, offset: 0, length: size, flags: flags)
        if size > options.maxMessageBytes {
            body(location, .failure(.oversized(path: path, offset: 0, size: size, limit: options.maxMessageBytes)))
            return
        }
        if size == 0 {
            body(location, .failure(.empty(path: path, offset: 0)))
            return
        }
        // One buffer reused from file to file: no allocation, zeroing or page faults per message.
        if scratch.count < size { scratch = [UInt8](repeating: 0, count: max(size, scratch.count * 2, 1 << 20)) }
        var got = 0
        let failure: Int32? = scratch.withUnsafeMutableBytes { raw in
            while got < size {
                let n = Glibc.read(fd, raw.baseAddress! + got, size - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { break }
                got += n
            }
            return nil
        }
        if let failure {
            body(location, .failure(.unreadable(path: path, errno: failure)))
            return
        }
        scratch.withUnsafeBytes { body(location, .success(UnsafeRawBufferPointer(rebasing: $0[0..<got]))) }
    }
}
