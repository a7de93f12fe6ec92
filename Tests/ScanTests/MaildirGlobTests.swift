import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Ingest
@testable import Scan
@testable import Store

/// Globs over mbsync's Maildir trees (docs/capture-imap.md): a Maildir++ tree is its root and `root/.*`, which
/// must list neither `.` nor `..` nor the state files mbsync keeps beside the folders.
@Suite struct MaildirGlobTests {
    @Test("`.*` matches the dot folders, never `.` or `..`; `*` matches no dot folder")
    func dotGlobs() throws {
        let folder = try TemporaryFolder()
        for name in [".Sent/cur", ".Archive/new", "cur", "new"] {
            try FileManager.default.createDirectory(atPath: folder.file(name), withIntermediateDirectories: true)
        }
        try folder.write(".uidvalidity", "1\n")
        #expect(
            PathGlob.expand(folder.path + "/.*")
                == [folder.file(".Archive"), folder.file(".Sent"), folder.file(".uidvalidity")])
        #expect(PathGlob.expand(folder.path + "/*") == [folder.file("cur"), folder.file("new")])
    }

    @Test("a Maildir++ tree scanned as its root and `root/.*`: each folder once, mbsync's state files not sources")
    func maildirPlusPlus() throws {
        let world = try TemporaryFolder()
        let message = { (id: String, from: String) in
            "From: \(from)\nTo: bob@example.com\nSubject: Hello\nDate: Tue, 17 Nov 2026 09:00:00 +0000\n"
                + "Message-ID: <\(id)>\n\nHi.\n"
        }
        for name in ["bob/cur", "bob/new", "bob/.Sent/cur", "bob/.Archive/cur"] {
            try FileManager.default.createDirectory(atPath: world.file(name), withIntermediateDirectories: true)
        }
        try world.write("bob/new/1.1_1.host,U=1:2,", message("a@lead.test", "lead@lead.test"))
        try world.write("bob/.Archive/cur/2.1_1.host,U=1:2,S", message("b@lead.test", "lead@lead.test"))
        try world.write("bob/.mbsyncstate", "FarUidValidity 1\n")
        try world.write("bob/.uidvalidity", "1\n2\n")
        try world.write(
            "baton.json",
            """
            {"store": "store.sqlite", "timezone": "UTC", "internal_domains": ["example.com"],
             "sources": [{"type": "maildir", "path": "bob", "rep": "bob@example.com"},
                         {"type": "maildir", "path": "bob/.*", "rep": "bob@example.com"}],
             "teams": {"t": {"timezone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}}, "policies": [],
             "alerts": {"from": "b@example.com", "transport": {"type": "folder", "path": "out"}}}
            """)
        let config = try ConfigLoader.load(path: world.file("baton.json"))
        let store = try BatonStore(path: config.store)
        let report = try ScanRun(config: config, store: store, now: 1_795_000_000).run().scan
        #expect(report.worstFailure == nil)
        #expect(report.sources.map(\.path) == [world.file("bob"), world.file("bob/.Archive"), world.file("bob/.Sent")])
        #expect(report.sources.map(\.newMessages) == [1, 1, 0])
        #expect(report.sources.map(\.errors) == [0, 0, 0])
    }
}
