import Alerts
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Temporary folders and fake sendmail scripts for the transport tests, which run in parallel.
enum TransportFixtures {
    /// Runs `body` with a fresh folder of its own, removed afterwards.
    static func withFolder<T>(_ body: (String) throws -> T) throws -> T {
        // Baton ignores SIGPIPE in main.swift; the tests must too, or a sendmail that stops reading kills them.
        signal(SIGPIPE, SIG_IGN)
        var base = NSTemporaryDirectory()
        if !base.hasSuffix("/") { base += "/" }
        var template = Array((base + "baton-alerts-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        let path = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// Writes an executable `#!/bin/sh` script called `sendmail` into `folder`; `$DIR` in `body` is the folder.
    static func script(in folder: String, _ body: String) throws -> String {
        let path = folder + "/sendmail"
        let text = "#!/bin/sh\nDIR='\(folder)'\n" + body + "\n"
        // Written through a close-on-exec descriptor: a sendmail spawned meanwhile by a parallel test must not
        // inherit it, or executing this script fails with ETXTBSY.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    /// A small message from the composer.
    static var message: ComposedMessage {
        ComposerFixtures.compose(ComposerFixtures.content())
    }

    /// A message of about `size` bytes.
    static func message(size: Int) -> ComposedMessage {
        var bytes = Array("Subject: big\r\n\r\n".utf8)
        let line = Array((String(repeating: "x", count: 78) + "\r\n").utf8)
        while bytes.count < size { bytes += line }
        return ComposedMessage(
            bytes: bytes, envelopeFrom: "baton@example.com", recipients: ["ann@example.com"], messageID: "big@x.test")
    }

    /// The contents of a file, or nil.
    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// The pid written into a file by a script.
    static func pid(in path: String) -> pid_t? {
        read(path).flatMap {
            pid_t(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Whether a process is gone: no such pid, or only a zombie whose parent (init, here) has not reaped it yet.
    /// Whether `pid` is gone within `seconds`: a SIGKILL sent to a process group is delivered asynchronously, and
    /// an orphaned grandchild is reaped by whoever adopted it, so under load it can linger for a moment.
    static func isGone(_ pid: pid_t, within seconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if isGone(pid) { return true }
            usleep(20_000)
        }
        return isGone(pid)
    }

    static func isGone(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 { return errno == ESRCH }
        guard let stat = read("/proc/\(pid)/stat") else { return true }
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return false }
        return text[text.index(close, offsetBy: 2)...].hasPrefix("Z")
    }
}
