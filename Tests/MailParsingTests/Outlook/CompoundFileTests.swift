import Testing

@testable import MailParsing

@Suite struct CompoundFileTests {
    private static let small = Array(String(repeating: "a small stream, kept in the mini stream. ", count: 4).utf8)
    private static let large = (0..<10_000).map { UInt8($0 % 251) }

    private static let tree: [CompoundFileWriter.Node] = [
        .stream("Small", small),
        .stream("Large", large),
        .storage("Folder", [.stream("Inner", Array("inner".utf8)), .stream("Empty", [])]),
    ]

    private static func open(_ bytes: [UInt8]) throws(CompoundFileError) -> CompoundFile {
        let result: Result<CompoundFile, CompoundFileError> = bytes.withUnsafeBytes { raw in
            do throws(CompoundFileError) { return .success(try CompoundFile(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func error(_ bytes: [UInt8]) -> CompoundFileError? {
        do {
            let file = try open(bytes)
            // Reading every stream is where a damaged chain shows.
            var pending = [0]
            while let storage = pending.popLast() {
                for child in try file.children(of: storage) {
                    if file.entries[child].kind == .stream { _ = try file.stream(child) } else { pending.append(child) }
                }
            }
            return nil
        } catch {
            return error
        }
    }

    @Test("streams in the mini stream and in regular sectors read back, by case-insensitive name", arguments: [9, 12])
    func roundTrip(sectorShift: Int) throws {
        let file = try Self.open(CompoundFileWriter(sectorShift: sectorShift).write(Self.tree))
        let small = try #require(try file.child(named: "SMALL", in: 0))
        let large = try #require(try file.child(named: "large", in: 0))
        let folder = try #require(try file.child(named: "Folder", in: 0))
        #expect(try file.stream(small) == Self.small)
        #expect(try file.stream(large) == Self.large)
        #expect(file.entries[folder].kind == .storage)
        let inner = try #require(try file.child(named: "Inner", in: folder))
        #expect(try file.stream(inner) == Array("inner".utf8))
        let empty = try #require(try file.child(named: "Empty", in: folder))
        #expect(try file.stream(empty) == [])
        #expect(try file.children(of: 0).map { file.entries[$0].name }.sorted() == ["Folder", "Large", "Small"])
        #expect(try file.streamBytes(under: 0) == 164 + 10_000 + 5)
    }

    @Test("a FAT larger than the header's 109 sectors is found through the DIFAT chain")
    func difat() throws {
        // 110 FAT sectors of 128 entries cover 14,080 sectors: a stream of 14,000 sectors needs the DIFAT.
        let big = [UInt8](repeating: 0x5A, count: 14_000 * 512)
        let bytes = CompoundFileWriter().write([.stream("Big", big)])
        #expect(CompoundFile.u32(bytes, 44) > 109)
        #expect(CompoundFile.u32(bytes, 72) == 1)
        let file = try Self.open(bytes)
        let stream = try file.stream(try #require(try file.child(named: "Big", in: 0)))
        #expect(stream.count == big.count)
        #expect(stream == big)
    }

    @Test("a directory chain that loops is refused, naming the chain")
    func directoryLoop() {
        let bytes = CompoundFileWriter(damage: .directoryLoop).write(Self.tree)
        guard case .loop(let stream, _) = Self.error(bytes) else {
            Issue.record("expected a loop, got \(String(describing: Self.error(bytes)))")
            return
        }
        #expect(stream == "directory")
    }

    @Test("a stream whose chain leads outside the file is refused")
    func chainOutside() {
        let bytes = CompoundFileWriter(damage: .chainOutsideFile("Large")).write(Self.tree)
        #expect(Self.error(bytes) == .badChain(stream: "Large", sector: 0x00FF_FFF0))
        #expect(
            Self.error(bytes)?.description
                == "Compound File: the chain of 'Large' leads to bad sector 16777200")
    }

    @Test("a mini stream chain that loops is refused")
    func miniLoop() {
        let bytes = CompoundFileWriter(damage: .miniChainLoop("Small")).write(Self.tree)
        guard case .loop(let stream, _) = Self.error(bytes) else {
            Issue.record("expected a loop, got \(String(describing: Self.error(bytes)))")
            return
        }
        #expect(stream == "Small")
    }

    @Test("siblings that point at each other are refused")
    func siblingLoop() {
        let bytes = CompoundFileWriter(damage: .siblingLoop).write(Self.tree)
        guard case .badDirectory(let entry, let reason) = Self.error(bytes) else {
            Issue.record("expected a directory error, got \(String(describing: Self.error(bytes)))")
            return
        }
        #expect(entry == 0)
        #expect(reason.hasPrefix("the tree of children loops"))
    }

    @Test("a file cut short, a bad header and foreign bytes are refused with a reason")
    func truncated() {
        let bytes = CompoundFileWriter().write(Self.tree)
        #expect(Self.error(Array(bytes.prefix(300))) == .truncatedHeader(size: 300))
        #expect(Self.error(Array(bytes.prefix(2_000))) != nil)
        #expect(Self.error(Array("From: someone".utf8)) == .notCompoundFile)
        var badShift = bytes
        badShift[30] = 10
        #expect(Self.error(badShift) == .badHeader(field: "sector shift 10 for major version 3"))
    }

    @Test("every prefix and every single-byte change of a file is read or refused, never trapped")
    func everyPrefix() {
        let bytes = CompoundFileWriter().write(Self.tree)
        var refused = 0
        for length in stride(from: 0, through: bytes.count, by: 97) where Self.error(Array(bytes.prefix(length))) != nil
        {
            refused += 1
        }
        #expect(refused > 0)
        for offset in stride(from: 0, to: bytes.count, by: 13) {
            var changed = bytes
            changed[offset] ^= 0xFF
            _ = Self.error(changed)
        }
    }
}
