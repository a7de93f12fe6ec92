import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A mail container on disk, as `baton inspect mail` reads it: a Maildir (a folder with `cur/` or
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
        /// A larger message is reported and skipped (`limits.max_message_bytes`, 50 MB).
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

    /// Calls `body` with every message of the container at `path`, in container order, with its bytes
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
            readFile(directory: AT_FDCWD, name: path, path: path, flags: nil, options: options, scratch: &scratch, body)
        case .folder:
            var scratch = [UInt8]()
            let names = try listFiles(path)
            let directory = try openDirectory(path)
            defer { close(directory) }
            for name in names {
                readFile(
                    directory: directory, name: name, path: path + "/" + name, flags: nil, options: options,
                    scratch: &scratch, body)
            }
        case .maildir:
            var scratch = [UInt8]()
            let entries = try maildirEntryNames(path)
            var directories: [String: Int32] = [:]
            defer { for fd in directories.values { close(fd) } }
            for entry in entries {
                if directories[entry.folder] == nil { directories[entry.folder] = try openDirectory(entry.folder) }
                readFile(
                    directory: directories[entry.folder]!, name: entry.name, path: entry.folder + "/" + entry.name,
                    flags: entry.flags, options: options, scratch: &scratch, body)
            }
        }
    }

    /// A descriptor for a folder, so that its files are opened relative to it (`openat`) without resolving
    /// the whole path each time.
    private static func openDirectory(_ path: String) throws(MailSourceError) -> Int32 {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path: path, errno: errno) }
        return fd
    }

    /// The messages of a Maildir: `cur/` and `new/` (never `tmp/`), ordered by unique name over both, each with
    /// its unique name (the file name without the flags).
    public static func maildirEntries(
        _ path: String
    ) throws(MailSourceError) -> [(path: String, unique: String, flags: MaildirFlags)] {
        try maildirEntryNames(path).map { ($0.folder + "/" + $0.name, $0.unique, $0.flags) }
    }

    private static func maildirEntryNames(
        _ path: String
    ) throws(MailSourceError) -> [(folder: String, name: String, unique: String, flags: MaildirFlags)] {
        typealias Entry = (
            unique: [UInt8], name: [UInt8], folder: String, fileName: String, uniqueName: String, flags: MaildirFlags
        )
        var entries: [Entry] = []
        for sub in ["cur", "new"] {
            let folder = path + "/" + sub
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                continue
            }
            for name in try listFiles(folder) {
                let (unique, flags) = MaildirFlags.parse(fileName: name)
                entries.append((Array(unique.utf8), Array((sub + "/" + name).utf8), folder, name, unique, flags))
            }
        }
        // Byte order of the unique names, as `ls` in the C locale would list them.
        entries.sort {
            $0.unique != $1.unique
                ? $0.unique.lexicographicallyPrecedes($1.unique) : $0.name.lexicographicallyPrecedes($1.name)
        }
        return entries.map { ($0.folder, $0.fileName, $0.uniqueName, $0.flags) }
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
        directory: Int32, name: String, path: String, flags: MaildirFlags?, options: Options,
        scratch: inout [UInt8], _ body: (Location, Result<UnsafeRawBufferPointer, MailSourceError>) -> Void
    ) {
        let fd = openat(directory, name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            body(
                Location(path: path, offset: 0, length: 0, flags: flags),
                .failure(.unreadable(path: path, errno: errno)))
            return
        }
        defer { close(fd) }
        // Read to the end into one buffer reused from file to file (no fstat, no allocation, no page faults per
        // message); stop once past the limit.
        if scratch.isEmpty { scratch = [UInt8](repeating: 0, count: 1 << 20) }
        var got = 0
        var failure: Int32? = nil
        while true {
            if got == scratch.count {
                if got > options.maxMessageBytes { break }
                scratch.append(contentsOf: repeatElement(0, count: scratch.count))
            }
            let n = scratch.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress! + got, raw.count - got) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            if n == 0 { break }
            got += n
        }
        if let failure {
            body(
                Location(path: path, offset: 0, length: got, flags: flags),
                .failure(.unreadable(path: path, errno: failure)))
            return
        }
        if got > options.maxMessageBytes {
            var st = stat()
            let size = fstat(fd, &st) == 0 ? Int(st.st_size) : got
            body(
                Location(path: path, offset: 0, length: size, flags: flags),
                .failure(.oversized(path: path, offset: 0, size: size, limit: options.maxMessageBytes)))
            return
        }
        let location = Location(path: path, offset: 0, length: got, flags: flags)
        if got == 0 {
            body(location, .failure(.empty(path: path, offset: 0)))
            return
        }
        scratch.withUnsafeBytes { body(location, .success(UnsafeRawBufferPointer(rebasing: $0[0..<got]))) }
    }
}
