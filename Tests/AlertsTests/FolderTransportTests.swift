import Alerts
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct FolderTransportTests {
    typealias T = TransportFixtures

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test("a message is written as <24 hex of sha256(id)>.eml, mode 0600, with its CRLF bytes, in a new 0700 folder")
    func writes() throws {
        try T.withFolder { dir in
            let outbox = dir + "/var/outbox"
            let message = T.message
            #expect(FolderTransport(path: outbox).deliver(message) == .accepted)
            #expect(
                FolderTransport.fileName(forMessageID: message.messageID) == "158a05451d1149ce3dd2df9c.eml")
            let file = outbox + "/158a05451d1149ce3dd2df9c.eml"
            #expect(T.read(file) == message.bytes)
            #expect(T.read(file)?.contains(0x0D) == true)
            #expect(Self.mode(file) == 0o600)
            #expect(Self.mode(outbox) == 0o700)
            #expect(Self.mode(dir + "/var") == 0o700)
            let listing = try FileManager.default.contentsOfDirectory(atPath: outbox)
            #expect(listing == ["158a05451d1149ce3dd2df9c.eml"])
        }
    }

    @Test("delivering the same message id again rewrites the same file and leaves no temporary file")
    func idempotent() throws {
        try T.withFolder { dir in
            let transport = FolderTransport(path: dir)
            var message = T.message
            #expect(transport.deliver(message) == .accepted)
            message.bytes = Array("Subject: again\r\n\r\nsecond\r\n".utf8)
            #expect(transport.deliver(message) == .accepted)
            let listing = try FileManager.default.contentsOfDirectory(atPath: dir)
            #expect(listing == ["158a05451d1149ce3dd2df9c.eml"])
            #expect(T.read(dir + "/158a05451d1149ce3dd2df9c.eml") == message.bytes)
        }
    }

    @Test("an existing folder keeps its mode")
    func existingFolder() throws {
        try T.withFolder { dir in
            chmod(dir, 0o755)
            #expect(FolderTransport(path: dir).deliver(T.message) == .accepted)
            #expect(Self.mode(dir) == 0o755)
        }
    }

    @Test("a path that is a file is a failure naming the path")
    func pathIsFile() throws {
        try T.withFolder { dir in
            let file = dir + "/plain"
            try "x".write(toFile: file, atomically: false, encoding: .utf8)
            #expect(FolderTransport(path: file).deliver(T.message) == .failed("\(file) exists and is not a folder"))
            let below = file + "/outbox"
            guard case .failed(let reason) = FolderTransport(path: below).deliver(T.message) else {
                Issue.record("expected a failure")
                return
            }
            #expect(reason == "cannot create folder \(below): Not a directory")
        }
    }
}
