import Foundation
import TestSupport
import Testing

@testable import Ingest

/// Reading one Maildir message file whole (`MessageFile.read`).
@Suite struct MessageFileTests {
    static func outcome(_ result: Result<[UInt8], MessageFile.Failure>) -> String {
        switch result {
        case .success(let bytes): "\(bytes.count) bytes"
        case .failure(let failure): failure.description
        }
    }

    @Test("a file's every byte is read, an empty file is empty, and what is not a readable file says why")
    func reads() throws {
        let folder = try TemporaryFolder()
        // Every byte value, 70,000 bytes: more than one read of the kernel's usual size.
        let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 256) }
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("message")))
        #expect(try MessageFile.read(folder.file("message"), limit: 1 << 20).get() == bytes)
        _ = try folder.write("empty", "")
        #expect(try MessageFile.read(folder.file("empty"), limit: 10).get() == [])
        #expect(
            Self.outcome(MessageFile.read(folder.file("message"), limit: 69_999))
                == MessageFile.Failure.tooLarge(70_000, 69_999).description)
        #expect(
            Self.outcome(MessageFile.read(folder.file("gone"), limit: 10)) == MessageFile.Failure.missing.description)
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("link"), withDestinationPath: folder.file("message"))
        #expect(
            Self.outcome(MessageFile.read(folder.file("link"), limit: 1 << 20))
                == MessageFile.Failure.symlink.description)
        try FileManager.default.createDirectory(atPath: folder.file("folder"), withIntermediateDirectories: false)
        #expect(
            Self.outcome(MessageFile.read(folder.file("folder"), limit: 10))
                == MessageFile.Failure.notRegular.description)
    }
}
