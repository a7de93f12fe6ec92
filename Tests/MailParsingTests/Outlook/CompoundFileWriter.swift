/// A small Compound File (MS-CFB) writer for building fixtures: storages and streams, version 3 (512-byte
/// sectors) or 4 (4096), the mini stream for small streams, the DIFAT when the FAT outgrows the header, and
/// deliberate damage for the reader's error paths.
struct CompoundFileWriter {
    /// A directory node.
    indirect enum Node: Sendable {
        case storage(String, [Node])
        case stream(String, [UInt8])

        var name: String {
            switch self {
            case .storage(let n, _), .stream(let n, _): n
            }
        }
    }

    /// Ways to break the written file.
    enum Damage {
        /// The directory's last sector chains back to its first.
        case directoryLoop
        /// The named regular stream's first sector points outside the file.
        case chainOutsideFile(String)
        /// The named mini stream's first mini sector points to itself.
        case miniChainLoop(String)
        /// Two children of the root point at each other as siblings.
        case siblingLoop
    }

    var sectorShift = 9
    var damage: Damage? = nil

    private struct Flat {
        var name: String
        var type: UInt8
        var data: [UInt8]
        var children: [Int] = []
        var left: UInt32 = 0xFFFF_FFFF
        var right: UInt32 = 0xFFFF_FFFF
        var child: UInt32 = 0xFFFF_FFFF
        var start: UInt32 = 0xFFFF_FFFE
    }

    /// The bytes of a Compound File whose root storage holds `children`.
    func write(_ children: [Node]) -> [UInt8] {
        let sectorSize = 1 << sectorShift
        let perSector = sectorSize / 4
        let end: UInt32 = 0xFFFF_FFFE
        var flat: [Flat] = [Flat(name: "Root Entry", type: 5, data: [])]
        func add(_ nodes: [Node], parent: Int) {
            for node in nodes {
                let index = flat.count
                switch node {
                case .stream(let name, let data): flat.append(Flat(name: name, type: 2, data: data))
                case .storage(let name, _): flat.append(Flat(name: name, type: 1, data: []))
                }
                flat[parent].children.append(index)
                if case .storage(_, let inner) = node { add(inner, parent: index) }
            }
        }
        add(children, parent: 0)
        // MS-CFB 2.6.4: siblings ordered by name length, then upper-cased name; a balanced tree of them.
        for i in flat.indices {
            let sorted = flat[i].children.sorted {
                let a = flat[$0].name.uppercased(), b = flat[$1].name.uppercased()
                return a.utf16.count != b.utf16.count ? a.utf16.count < b.utf16.count : a < b
            }
            func build(_ slice: ArraySlice<Int>) -> UInt32 {
                guard !slice.isEmpty else { return 0xFFFF_FFFF }
                let mid = slice.startIndex + slice.count / 2
                flat[slice[mid]].left = build(slice[slice.startIndex..<mid])
                flat[slice[mid]].right = build(slice[(mid + 1)...])
                return UInt32(slice[mid])
            }
            flat[i].child = build(sorted[...])
        }
        if case .siblingLoop = damage, flat[0].children.count >= 2 {
            let a = flat[0].children[0], b = flat[0].children[1]
            flat[a].right = UInt32(b)
            flat[b].right = UInt32(a)
            flat[0].child = UInt32(a)
        }

        // The mini stream and its FAT.
        var mini: [UInt8] = []
        var miniFAT: [UInt32] = []
        for i in flat.indices where flat[i].type == 2 && !flat[i].data.isEmpty && flat[i].data.count < 4096 {
            let first = miniFAT.count
            let count = (flat[i].data.count + 63) / 64
            flat[i].start = UInt32(first)
            for k in 0..<count { miniFAT.append(k == count - 1 ? end : UInt32(first + k + 1)) }
            if case .miniChainLoop(let name) = damage, flat[i].name == name { miniFAT[first] = UInt32(first) }
            mini += flat[i].data + [UInt8](repeating: 0, count: count * 64 - flat[i].data.count)
        }

        // Regular sectors: directory, mini FAT, mini stream, big streams; then the FAT and DIFAT sectors.
        var sectors: [[UInt8]] = []
        var fat: [UInt32] = []
        func place(_ data: [UInt8]) -> UInt32 {
            guard !data.isEmpty else { return end }
            let first = sectors.count
            let count = (data.count + sectorSize - 1) / sectorSize
            for k in 0..<count {
                var chunk = Array(data[(k * sectorSize)..<min(data.count, (k + 1) * sectorSize)])
                chunk += [UInt8](repeating: 0, count: sectorSize - chunk.count)
                sectors.append(chunk)
                fat.append(k == count - 1 ? end : UInt32(first + k + 1))
            }
            return UInt32(first)
        }
        let miniStart = place(mini)
        flat[0].start = miniStart
        flat[0].data = mini
        var miniFATBytes: [UInt8] = []
        for v in miniFAT { miniFATBytes += le32(v) }
        let miniFATStart = place(miniFATBytes)
        for i in flat.indices where flat[i].type == 2 && flat[i].data.count >= 4096 {
            flat[i].start = place(flat[i].data)
            if case .chainOutsideFile(let name) = damage, flat[i].name == name { fat[Int(flat[i].start)] = 0x00FF_FFF0 }
        }
        var directory: [UInt8] = []
        for (i, e) in flat.enumerated() {
            var entry = [UInt8](repeating: 0, count: 128)
            let units = Array(e.name.utf16.prefix(31))
            for (k, u) in units.enumerated() {
                entry[2 * k] = UInt8(u & 0xFF)
                entry[2 * k + 1] = UInt8(u >> 8)
            }
            entry[64] = UInt8((units.count + 1) * 2)
            entry[66] = e.type
            entry[67] = 1  // black
            put(&entry, 68, le32(e.left))
            put(&entry, 72, le32(e.right))
            put(&entry, 76, le32(i == 0 || e.type == 1 ? e.child : 0xFFFF_FFFF))
            put(&entry, 116, le32(e.type == 1 ? 0 : e.start))
            put(&entry, 120, le32(UInt32(e.data.count)))
            directory += entry
        }
        let directoryStart = place(directory)
        if case .directoryLoop = damage { fat[sectors.count - 1] = directoryStart }

        // FAT sectors cover every sector, themselves and the DIFAT's included.
        var fatCount = 0
        var difatCount = 0
        while true {
            let total = sectors.count + fatCount + difatCount
            let needFAT = (total + perSector - 1) / perSector
            let needDIFAT = needFAT > 109 ? (needFAT - 109 + perSector - 2) / (perSector - 1) : 0
            if needFAT == fatCount && needDIFAT == difatCount { break }
            fatCount = needFAT
            difatCount = needDIFAT
        }
        let fatStart = sectors.count
        let difatStart = fatStart + fatCount
        for _ in 0..<fatCount { fat.append(0xFFFF_FFFD) }
        for _ in 0..<difatCount { fat.append(0xFFFF_FFFC) }
        while fat.count < fatCount * perSector { fat.append(0xFFFF_FFFF) }
        for s in 0..<fatCount {
            var sector: [UInt8] = []
            for v in fat[(s * perSector)..<((s + 1) * perSector)] { sector += le32(v) }
            sectors.append(sector)
        }
        let fatSectorIDs = (0..<fatCount).map { UInt32(fatStart + $0) }
        for d in 0..<difatCount {
            var sector: [UInt8] = []
            let from = 109 + d * (perSector - 1)
            for k in 0..<(perSector - 1) {
                sector += le32(from + k < fatSectorIDs.count ? fatSectorIDs[from + k] : 0xFFFF_FFFF)
            }
            sector += le32(d == difatCount - 1 ? end : UInt32(difatStart + d + 1))
            sectors.append(sector)
        }

        var header = [UInt8](repeating: 0, count: 512)
        put(&header, 0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        put(&header, 24, le16(0x003E))
        put(&header, 26, le16(sectorShift == 12 ? 4 : 3))
        put(&header, 28, le16(0xFFFE))
        put(&header, 30, le16(UInt16(sectorShift)))
        put(&header, 32, le16(6))
        put(&header, 40, le32(sectorShift == 12 ? UInt32((directory.count + sectorSize - 1) / sectorSize) : 0))
        put(&header, 44, le32(UInt32(fatCount)))
        put(&header, 48, le32(directoryStart))
        put(&header, 56, le32(4096))
        put(&header, 60, le32(miniFATStart))
        put(&header, 64, le32(UInt32(miniFAT.count * 4 + sectorSize - 1) / UInt32(sectorSize)))
        put(&header, 68, le32(difatCount > 0 ? UInt32(difatStart) : end))
        put(&header, 72, le32(UInt32(difatCount)))
        for k in 0..<109 { put(&header, 76 + 4 * k, le32(k < fatSectorIDs.count ? fatSectorIDs[k] : 0xFFFF_FFFF)) }
        header += [UInt8](repeating: 0, count: sectorSize - 512)
        return header + sectors.flatMap { $0 }
    }

    private func put(_ bytes: inout [UInt8], _ at: Int, _ value: [UInt8]) {
        bytes.replaceSubrange(at..<(at + value.count), with: value)
    }
}

func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(v >> (8 * $0) & 0xFF) } }
