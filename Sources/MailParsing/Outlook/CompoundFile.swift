/// A Compound File (MS-CFB, "OLE2 structured storage") read from memory: the header, the FAT (with its DIFAT
/// extension), the mini FAT and the directory tree, and any stream's bytes.
///
/// Every sector chain is checked before it is followed: a sector outside the file, a chain that loops or one
/// too short for its stream's size throws `CompoundFileError` naming the stream; nothing traps or spins.
public struct CompoundFile: Sendable {
    /// One directory entry (MS-CFB section 2.6).
    public struct Entry: Sendable, Equatable {
        /// The entry's kind: a storage (folder), a stream (file) or the root storage.
        public enum Kind: UInt8, Sendable {
            case storage = 1, stream = 2, root = 5
        }
        /// The entry's name (at most 31 UTF-16 code units).
        public var name: String
        /// Storage, stream or root.
        public var kind: Kind
        /// The stream's size in bytes (0 for a storage; for the root, the mini stream's size).
        public var size: Int
        var start: UInt32
        var left: UInt32
        var right: UInt32
        var child: UInt32
    }

    /// The sector that ends a chain.
    static let endOfChain: UInt32 = 0xFFFF_FFFE
    /// No sibling or child.
    static let noStream: UInt32 = 0xFFFF_FFFF
    /// The signature every Compound File starts with.
    public static let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// The directory, entry 0 being the root storage.
    public private(set) var entries: [Entry] = []
    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniCutoff: Int
    private let sectorsInFile: Int
    private var fat: [UInt32] = []
    private var miniFAT: [UInt32] = []
    private var miniStream: [UInt8] = []

    /// Whether `buffer` starts with the Compound File signature.
    public static func hasMagic(_ buffer: UnsafeRawBufferPointer) -> Bool {
        guard buffer.count >= 8 else { return false }
        for i in 0..<8 where buffer[i] != magic[i] { return false }
        return true
    }

    /// Reads the header, the allocation tables and the directory of the file held in `buffer` (copied).
    public init(_ buffer: UnsafeRawBufferPointer) throws(CompoundFileError) {
        guard Self.hasMagic(buffer) else { throw .notCompoundFile }
        guard buffer.count >= 512 else { throw .truncatedHeader(size: buffer.count) }
        var data = Array(buffer)
        // MS-CFB 2.2: version 3 files have 512-byte sectors, version 4 files 4096-byte ones.
        let major = Int(Self.u16(data, 26))
        let sectorShift = Int(Self.u16(data, 30))
        guard (major == 3 && sectorShift == 9) || (major == 4 && sectorShift == 12) else {
            throw .badHeader(field: "sector shift \(sectorShift) for major version \(major)")
        }
        sectorSize = 1 << sectorShift
        let miniShift = Int(Self.u16(data, 32))
        guard miniShift == 6 else { throw .badHeader(field: "mini sector shift \(miniShift)") }
        miniSectorSize = 64
        miniCutoff = Int(Self.u32(data, 56))
        guard miniCutoff == 4096 else { throw .badHeader(field: "mini stream cutoff \(miniCutoff)") }
        // Some writers leave the last sector short; padding it keeps every sector read in bounds.
        let remainder = (data.count - sectorSize) % sectorSize
        if data.count < sectorSize {
            data += [UInt8](repeating: 0, count: sectorSize - data.count)
        } else if remainder != 0 {
            data += [UInt8](repeating: 0, count: sectorSize - remainder)
        }
        bytes = data
        let fatSectorCount = Int(Self.u32(bytes, 44))
        let firstDirectory = Self.u32(bytes, 48)
        let firstMiniFAT = Self.u32(bytes, 60)
        let firstDIFAT = Self.u32(bytes, 68)
        let difatCount = Int(Self.u32(bytes, 72))

        sectorsInFile = (bytes.count - sectorSize) / sectorSize
        // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
        guard fatSectorCount <= sectorsInFile else {
            throw .badHeader(field: "\(fatSectorCount) FAT sectors in a file of \(sectorsInFile) sectors")
        }
        var fatSectors: [UInt32] = []
        fatSectors.reserveCapacity(fatSectorCount)
        for i in 0..<109 where fatSectors.count < fatSectorCount {
            fatSectors.append(Self.u32(bytes, 76 + 4 * i))
        }
        var difatSector = firstDIFAT
        var difatSeen = 0
        while fatSectors.count < fatSectorCount {
            guard difatSeen < difatCount, difatSeen <= sectorsInFile, let base = offset(of: difatSector) else {
                throw .badChain(stream: "DIFAT", sector: difatSector)
            }
            difatSeen += 1
            let perSector = sectorSize / 4 - 1
            for i in 0..<perSector where fatSectors.count < fatSectorCount {
                fatSectors.append(Self.u32(bytes, base + 4 * i))
            }
            difatSector = Self.u32(bytes, base + 4 * perSector)
        }
        fat.reserveCapacity(fatSectorCount * sectorSize / 4)
        for sector in fatSectors {
            guard let base = offset(of: sector) else { throw .badChain(stream: "FAT", sector: sector) }
            bytes.withUnsafeBytes { raw in
                for i in 0..<(sectorSize / 4) {
                    fat.append(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4 * i, as: UInt32.self)))
                }
            }
        }

        let directory = try chainBytes(from: firstDirectory, size: nil, name: "directory")
        let entryCount = directory.count / 128
        entries.reserveCapacity(entryCount)
        for i in 0..<entryCount {
            let base = i * 128
            let nameLength = min(64, Int(Self.u16(directory, base + 64)))
            let name = PropertyBag.decodeUTF16LE(Array(directory[base..<(base + nameLength)]))
            let rawKind = directory[base + 66]
            // Unused entries (type 0) and unknown types are kept as empty storages so that indexes stay stable,
            // but no name leads to them.
            let kind = Entry.Kind(rawValue: rawKind) ?? .storage
            var size = Int(truncatingIfNeeded: Self.u64(directory, base + 120))
            if major == 3 { size &= 0xFFFF_FFFF }
            entries.append(
                Entry(
                    name: rawKind == 0 ? "" : name, kind: kind, size: max(0, size),
                    start: Self.u32(directory, base + 116), left: Self.u32(directory, base + 68),
                    right: Self.u32(directory, base + 72), child: Self.u32(directory, base + 76)))
        }
        guard let root = entries.first, root.kind == .root else {
            throw .badDirectory(entry: 0, reason: "the first entry is not the root storage")
        }
        if root.size > 0 {
            miniStream = try chainBytes(from: root.start, size: root.size, name: "mini stream")
            let table = try chainBytes(from: firstMiniFAT, size: nil, name: "mini FAT")
            miniFAT.reserveCapacity(table.count / 4)
            for i in 0..<(table.count / 4) { miniFAT.append(Self.u32(table, 4 * i)) }
        }
    }

    /// The entries directly inside the storage at `index`, in directory-tree order.
    public func children(of index: Int) throws(CompoundFileError) -> [Int] {
        guard entries.indices.contains(index) else { throw .badDirectory(entry: index, reason: "no such entry") }
        var out: [Int] = []
        var seen = Set<UInt32>()
        // An explicit stack: a hostile tree may be as deep as it is long.
        var stack: [UInt32] = [entries[index].child]
        while let id = stack.popLast() {
            if id == Self.noStream { continue }
            guard Int(id) < entries.count else {
                throw .badDirectory(entry: index, reason: "child or sibling \(id) beyond the directory's end")
            }
            guard seen.insert(id).inserted else {
                throw .badDirectory(entry: index, reason: "the tree of children loops at entry \(id)")
            }
            let entry = entries[Int(id)]
            out.append(Int(id))
            stack.append(entry.right)
            stack.append(entry.left)
        }
        return out
    }

    /// The child of storage `parent` called `name` (names compare case-insensitively, as MS-CFB says).
    public func child(named name: String, in parent: Int) throws(CompoundFileError) -> Int? {
        let wanted = Self.upperASCII(name)
        for i in try children(of: parent) where Self.upperASCII(entries[i].name) == wanted { return i }
        return nil
    }

    /// The total size of the streams under the storage at `index`, at any depth.
    public func streamBytes(under index: Int) throws(CompoundFileError) -> Int {
        var total = 0
        var pending = [index]
        var visited = 0
        while let storage = pending.popLast() {
            // Each entry is a child of at most one storage in a sound file; more visits mean a cycle.
            visited += 1
            guard visited <= entries.count else {
                throw .badDirectory(entry: storage, reason: "storages nest in a cycle")
            }
            for child in try children(of: storage) {
                switch entries[child].kind {
                case .stream: total += entries[child].size
                case .storage: pending.append(child)
                case .root: break
                }
            }
        }
        return total
    }

    /// The bytes of the stream at `index`.
    public func stream(_ index: Int) throws(CompoundFileError) -> [UInt8] {
        guard entries.indices.contains(index), entries[index].kind == .stream else {
            throw .badDirectory(entry: index, reason: "not a stream")
        }
        let entry = entries[index]
        if entry.size == 0 { return [] }
        if entry.size < miniCutoff { return try miniChainBytes(from: entry.start, size: entry.size, name: entry.name) }
        return try chainBytes(from: entry.start, size: entry.size, name: entry.name)
    }

    /// A name with ASCII letters upper-cased: MS-CFB compares names by simple upper-casing, and the names that
    /// matter here are ASCII.
    static func upperASCII(_ name: String) -> String {
        var name = name
        return name.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
            return String(decoding: utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
        } ?? name
    }

    // MARK: Sector chains

    /// The byte offset of a regular sector, or nil when it lies outside the file.
    private func offset(of sector: UInt32) -> Int? {
        guard sector < 0xFFFF_FFFA else { return nil }
        let start = (Int(sector) + 1) * sectorSize
        return start + sectorSize <= bytes.count ? start : nil
    }

    /// Follows a FAT chain and concatenates its sectors; `size` (when known) must be covered by the chain.
    private func chainBytes(from first: UInt32, size: Int?, name: String) throws(CompoundFileError) -> [UInt8] {
        var out: [UInt8] = []
        let wanted = size ?? Int.max
        if let size {
            // A stream cannot hold more bytes than the file.
            guard size <= bytes.count else { throw .shortChain(stream: name, size: size, found: 0) }
            out.reserveCapacity(size)
        }
        var sector = first
        // Within the stream's size a loop would not stop the reading, but would repeat data: refuse it too.
        var seen = [Bool](repeating: false, count: sectorsInFile)
        while sector != Self.endOfChain, out.count < wanted {
            guard let start = offset(of: sector), Int(sector) < fat.count, Int(sector) < seen.count else {
                throw .badChain(stream: name, sector: sector)
            }
            if seen[Int(sector)] { throw .loop(stream: name, sector: sector) }
            seen[Int(sector)] = true
            let take = min(sectorSize, wanted - out.count)
            out.append(contentsOf: bytes[start..<(start + take)])
            sector = fat[Int(sector)]
        }
        if let size, out.count < size { throw .shortChain(stream: name, size: size, found: out.count) }
        return out
    }

    /// Follows a mini FAT chain through the mini stream.
    private func miniChainBytes(from first: UInt32, size: Int, name: String) throws(CompoundFileError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(size)
        var sector = first
        var seen = [Bool](repeating: false, count: miniStream.count / miniSectorSize)
        while sector != Self.endOfChain, out.count < size {
            let start = Int(sector) * miniSectorSize
            guard Int(sector) < miniFAT.count, Int(sector) < seen.count else {
                throw .badChain(stream: name, sector: sector)
            }
            if seen[Int(sector)] { throw .loop(stream: name, sector: sector) }
            seen[Int(sector)] = true
            let take = min(miniSectorSize, size - out.count)
            out.append(contentsOf: miniStream[start..<(start + take)])
            sector = miniFAT[Int(sector)]
        }
        if out.count < size { throw .shortChain(stream: name, size: size, found: out.count) }
        return out
    }

    // MARK: Little-endian integers

    @inline(__always) static func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
        UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    @inline(__always) static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    @inline(__always) static func u64(_ b: [UInt8], _ i: Int) -> UInt64 {
        UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32
    }
}

/// Why a Compound File could not be read.
public enum CompoundFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes do not start with the Compound File signature.
    case notCompoundFile
    /// The file is shorter than its 512-byte header.
    case truncatedHeader(size: Int)
    /// A header field has a value MS-CFB does not allow.
    case badHeader(field: String)
    /// A chain points at a sector outside the file or its table.
    case badChain(stream: String, sector: UInt32)
    /// A chain passes the same sector twice.
    case loop(stream: String, sector: UInt32)
    /// A chain ends before its stream's size is reached.
    case shortChain(stream: String, size: Int, found: Int)
    /// A directory entry is wrong (a link outside the directory, a tree that loops).
    case badDirectory(entry: Int, reason: String)

    public var description: String {
        switch self {
        case .notCompoundFile: "not a Compound File (no D0 CF 11 E0 A1 B1 1A E1 signature)"
        case .truncatedHeader(let size): "Compound File header cut short: \(size) bytes of 512"
        case .badHeader(let field): "Compound File header: bad \(field)"
        case .badChain(let stream, let sector): "Compound File: the chain of '\(stream)' leads to bad sector \(sector)"
        case .loop(let stream, let sector): "Compound File: the chain of '\(stream)' loops (sector \(sector))"
        case .shortChain(let stream, let size, let found):
            "Compound File: the chain of '\(stream)' holds \(found) of its \(size) bytes"
        case .badDirectory(let entry, let reason): "Compound File directory entry \(entry): \(reason)"
        }
    }
}
