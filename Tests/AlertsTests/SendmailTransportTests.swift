import Alerts
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct SendmailTransportTests {
    typealias T = TransportFixtures

    @Test("exit 0 is accepted; argv is exact and stdin is the message with LF line ends")
    func accepted() throws {
        try T.withFolder { dir in
            let path = try T.script(in: dir, "printf '%s\\n' \"$0\" \"$@\" > \"$DIR/args\"\nexec cat > \"$DIR/stdin\"")
            let transport = SendmailTransport(path: path, extraArguments: ["-N", "never"], timeoutSeconds: 10)
            let message = T.message
            #expect(transport.deliver(message) == .accepted)
            let args = String(decoding: T.read(dir + "/args") ?? [], as: UTF8.self)
            #expect(
                args
                    == [
                        path, "-i", "-f", "baton@example.com", "-N", "never", "--", "ann@example.com",
                        "mia@example.com",
                    ].map { $0 + "\n" }.joined())
            let stdin = T.read(dir + "/stdin") ?? []
            #expect(!stdin.contains(0x0D))
            #expect(stdin == message.bytes.filter { $0 != 0x0D })
            #expect(stdin.count == message.bytes.count - message.bytes.filter { $0 == 0x0A }.count)
        }
    }

    @Test("exit 75 is try-later with the stderr text")
    func tempFail() throws {
        try T.withFolder { dir in
            let path = try T.script(in: dir, "echo 'queue directory full' >&2\nexit 75")
            let outcome = SendmailTransport(path: path, timeoutSeconds: 10).deliver(T.message)
            #expect(outcome == .tryLater("sendmail exited 75: queue directory full"))
        }
    }

    @Test("another exit status is a failure carrying stderr")
    func failure() throws {
        try T.withFolder { dir in
            let path = try T.script(in: dir, "cat > /dev/null\necho 'ann@example.com... User unknown' >&2\nexit 67")
            let outcome = SendmailTransport(path: path, timeoutSeconds: 10).deliver(T.message)
            #expect(outcome == .failed("sendmail exited 67: ann@example.com... User unknown"))
        }
    }

    @Test("a child killed by a signal is a failure")
    func signalled() throws {
        try T.withFolder { dir in
            let path = try T.script(in: dir, "exec kill -9 $$")
            #expect(
                SendmailTransport(path: path, timeoutSeconds: 10).deliver(T.message)
                    == .failed("sendmail was killed by signal 9"))
        }
    }

    @Test("a child that never finishes is stopped at the timeout, reaped, and gone")
    func timeout() throws {
        try T.withFolder { dir in
            let path = try T.script(in: dir, "echo $$ > \"$DIR/pid\"\nexec sleep 60")
            let started = ContinuousClock.now
            let outcome = SendmailTransport(path: path, timeoutSeconds: 1).deliver(T.message(size: 1_000_000))
            #expect(outcome == .failed("sendmail did not finish within 1s; stopped"))
            #expect(ContinuousClock.now - started < .seconds(10))
            let pid = try #require(T.pid(in: dir + "/pid"))
            #expect(kill(pid, 0) == -1 && errno == ESRCH)
        }
    }

    @Test("a timeout also stops the child's own children, which share its process group")
    func timeoutKillsGroup() throws {
        try T.withFolder { dir in
            let path = try T.script(in: dir, "sleep 60 &\necho $! > \"$DIR/pid\"\nwait")
            let outcome = SendmailTransport(path: path, timeoutSeconds: 1).deliver(T.message)
            #expect(outcome == .failed("sendmail did not finish within 1s; stopped"))
            let grandchild = try #require(T.pid(in: dir + "/pid"))
            #expect(T.isGone(grandchild, within: 5))
        }
    }

    @Test("a child that exits without reading a 1 MB message is judged by its exit status", arguments: [0, 3])
    func exitsWithoutReading(code: Int) throws {
        try T.withFolder { dir in
            let path = try T.script(in: dir, "exit \(code)")
            let outcome = SendmailTransport(path: path, timeoutSeconds: 10).deliver(T.message(size: 1_000_000))
            #expect(outcome == (code == 0 ? .accepted : .failed("sendmail exited 3")))
        }
    }

    @Test("a child that writes much to stderr before reading stdin never blocks; the end of stderr is kept")
    func chattyChild() throws {
        try T.withFolder { dir in
            let path = try T.script(
                in: dir, "head -c 300000 /dev/zero | tr '\\0' 'x' >&2\necho ' END' >&2\ncat > \"$DIR/stdin\"\nexit 1")
            let message = T.message(size: 1_000_000)
            let outcome = SendmailTransport(path: path, timeoutSeconds: 20).deliver(message)
            guard case .failed(let reason) = outcome else {
                Issue.record("expected a failure, got \(outcome)")
                return
            }
            #expect(reason.hasPrefix("sendmail exited 1: xxxx"))
            #expect(reason.hasSuffix("x END"))
            #expect(reason.utf8.count <= "sendmail exited 1: ".utf8.count + 2048)
            #expect(T.read(dir + "/stdin")?.count == message.bytes.count - message.bytes.filter { $0 == 0x0D }.count)
        }
    }

    @Test("a missing binary, a file that is not executable and a folder are unavailable")
    func unavailable() throws {
        try T.withFolder { dir in
            #expect(
                SendmailTransport(path: dir + "/nope").deliver(T.message)
                    == .unavailable("sendmail not found at \(dir)/nope"))
            let plain = try T.script(in: dir, "exit 0")
            chmod(plain, 0o644)
            #expect(
                SendmailTransport(path: plain).deliver(T.message)
                    == .unavailable("sendmail at \(plain) is not executable"))
            #expect(
                SendmailTransport(path: dir).deliver(T.message) == .unavailable("sendmail at \(dir) is a directory"))
        }
    }

    @Test(
        "an envelope that could pass for options or holds whitespace is refused, and sendmail never runs",
        arguments: [
            ("baton@example.com", ["-oQ/tmp"], "recipient \"-oQ/tmp\" starts with '-'"),
            (
                "baton@example.com", ["ann@example.com", "a b@example.com"],
                "recipient \"a b@example.com\" contains whitespace or a control character"
            ),
            (
                "baton@example.com", ["ann@example.com\n"],
                "recipient \"ann@example.com\\n\" contains whitespace or a control character"
            ),
            ("baton@example.com", ["ann"], "recipient \"ann\" has no '@'"),
            ("baton@example.com", [], "no recipients"),
            ("-bs@example.com", ["ann@example.com"], "envelope sender \"-bs@example.com\" starts with '-'"),
            ("", ["ann@example.com"], "envelope sender \"\" has no '@'"),
        ])
    func refused(from: String, recipients: [String], reason: String) throws {
        try T.withFolder { dir in
            let path = try T.script(in: dir, "touch \"$DIR/ran\"\nexec cat > /dev/null")
            var message = T.message
            message.envelopeFrom = from
            message.recipients = recipients
            #expect(SendmailTransport(path: path).deliver(message) == .refused(reason))
            #expect(!FileManager.default.fileExists(atPath: dir + "/ran"))
        }
    }
}
