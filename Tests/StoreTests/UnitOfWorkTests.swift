import Foundation
import TestSupport
import Testing

@testable import Store

/// The units of work the store hands out: the only transactions callers outside the store open.
@Suite struct UnitOfWorkTests {
    struct Failure: Error, Equatable {}

    let folder: TemporaryFolder
    let store: BatonStore

    init() throws {
        folder = try TemporaryFolder()
        store = try BatonStore(path: folder.file("s.sqlite"))
    }

    @Test("a committed write is visible, to this connection and to another one")
    func committed() throws {
        let result = try store.write {
            try store.settings.setValue("colour", "teal")
            return 7
        }
        #expect(result == 7)
        #expect(try store.settings.value("colour") == "teal")
        #expect(try BatonStore(path: folder.file("s.sqlite")).settings.value("colour") == "teal")
    }

    @Test("a write that throws leaves nothing, its nested writes included, and rethrows the error unchanged")
    func thrownWrite() throws {
        try store.settings.setValue("kept", "1")
        #expect(throws: Failure()) {
            try store.write {
                try store.settings.setValue("colour", "teal")
                try store.write { try store.settings.setValue("shape", "round") }
                throw Failure()
            }
        }
        #expect(try store.settings.value("colour") == nil)
        #expect(try store.settings.value("shape") == nil)
        #expect(try store.settings.value("kept") == "1")
    }

    @Test("a rehearsal returns its result, sees its own writes, and leaves nothing")
    func rehearsal() throws {
        let seen = try store.rehearse {
            try store.settings.setValue("colour", "teal")
            return try store.settings.value("colour")
        }
        #expect(seen == "teal")
        #expect(try store.settings.value("colour") == nil)
    }

    @Test("a write nested in a rehearsal is rolled back with it")
    func nestedInRehearsal() throws {
        let seen = try store.rehearse {
            try store.write { try store.settings.setValue("colour", "teal") }
            try store.write { try store.settings.setValue("shape", "round") }
            return [try store.settings.value("colour"), try store.settings.value("shape")]
        }
        #expect(seen == ["teal", "round"])
        #expect(try store.settings.value("colour") == nil)
        #expect(try store.settings.value("shape") == nil)
        // The rehearsal's transaction is over: a write after it commits on its own.
        try store.write { try store.settings.setValue("colour", "blue") }
        #expect(try BatonStore(path: folder.file("s.sqlite")).settings.value("colour") == "blue")
    }

    @Test("a rehearsal that throws rethrows the error unchanged and leaves nothing")
    func thrownRehearsal() throws {
        #expect(throws: Failure()) {
            try store.rehearse {
                try store.settings.setValue("colour", "teal")
                throw Failure()
            }
        }
        #expect(try store.settings.value("colour") == nil)
    }

    @Test("a checkpoint copies the log into the store and truncates the -wal file to 0 bytes")
    func checkpoint() throws {
        try store.write { try store.settings.setValue("colour", "teal") }
        let log = folder.file("s.sqlite-wal")
        #expect(try walBytes(log) > 0)
        let result = try #require(try store.checkpoint())
        // With no other connection it succeeds, and SQLite reports the truncated log: no frames left.
        #expect(result.busy == false)
        #expect(result.logFrames == 0)
        #expect(result.checkpointedFrames == 0)
        #expect(try walBytes(log) == 0)
        #expect(try BatonStore(path: folder.file("s.sqlite")).settings.value("colour") == "teal")
    }

    func walBytes(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
    }
}
