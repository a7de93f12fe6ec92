#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child started with `posix_spawn` (never `Process`, whose children inherit a blocked signal mask when
/// started off the main thread, so they cannot be stopped): empty signal mask, default dispositions, its own
/// process group, stdin and stderr on pipes, stdout on `/dev/null`.
///
/// Owns the pid and the parent's pipe ends: `deinit` closes the pipes and, if the child was never reaped, kills
/// its group and reaps it, so no path leaves a zombie or a stray child. Not `Sendable`: one thread drives it.
/// Alerts runs sendmail with it, and the HTML report's browser test runs Chromium.
public final class ChildProcess {
    /// How the child ended.
    public enum Termination: Equatable, Sendable {
        /// `exit(code)`.
        case exited(Int32)
        /// Killed by a signal it did not handle.
        case signalled(Int32)
        /// Still running at the deadline; its group was sent SIGTERM, then SIGKILL, and it was reaped.
        case timedOut
    }

    /// Why the child could not be started.
    public struct SpawnFailure: Error {
        /// The `errno` from `pipe2`, `posix_spawn` or the exec inside it.
        public var code: Int32
        /// The call that failed.
        public var call: String
    }

    /// How much of stderr is kept for the error text (its end, where the reason usually is).
    public static let stderrKept = 2048
    /// How long a child's stderr is still read after it exits (a grandchild may hold the pipe open).
    static let drainAfterExit: Duration = .seconds(1)
    /// How long a timed-out group has between SIGTERM and SIGKILL.
    static let termGrace: Duration = .seconds(2)

    /// The child's pid, which is also its process group id.
    public let pid: pid_t
    private var stdinFD: Int32
    private var stderrFD: Int32
    private var reaped = false
    private var status: Int32 = 0
    private var stderrTail: [UInt8] = []

    /// Starts `path` with `arguments` (argv[0] first) and `environment` (`NAME=value` entries), by default the
    /// parent's.
    public init(path: String, arguments: [String], environment: [String]? = nil) throws(SpawnFailure) {
        var input: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard Self.makePipe(&input) else { throw SpawnFailure(code: errno, call: "pipe") }
        guard Self.makePipe(&errors) else {
            let code = errno
            close(input[0])
            close(input[1])
            throw SpawnFailure(code: code, call: "pipe")
        }

        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
            var attributes: posix_spawnattr_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        // dup2 clears close-on-exec on the copies; every original end is close-on-exec.
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)

        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in Int32(1)..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(Int(POSIX_SPAWN_SETSIGMASK) | Int(POSIX_SPAWN_SETSIGDEF) | Int(POSIX_SPAWN_SETPGROUP)))

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        var envp: [UnsafeMutablePointer<CChar>?] = (environment ?? []).map { strdup($0) }
        envp.append(nil)
        defer { for pointer in argv + envp { free(pointer) } }
        var child: pid_t = 0
        let result =
            environment == nil
            ? posix_spawn(&child, path, &actions, &attributes, argv, Self.environment)
            : posix_spawn(&child, path, &actions, &attributes, argv, &envp)
        close(input[0])
        close(errors[1])
        guard result == 0 else {
            close(input[1])
            close(errors[0])
            throw SpawnFailure(code: result, call: "posix_spawn")
        }
        pid = child
        stdinFD = input[1]
        stderrFD = errors[0]
        _ = fcntl(stdinFD, F_SETFL, fcntl(stdinFD, F_GETFL) | O_NONBLOCK)
        _ = fcntl(stderrFD, F_SETFL, fcntl(stderrFD, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        closeStdin()
        closeStderr()
        if !reaped {
            kill(-pid, SIGKILL)
            reap(blocking: true)
        }
    }

    /// Writes `input` to the child's stdin and closes it, reads its stderr meanwhile (so a chatty child never
    /// blocks), and waits for it to exit until `timeout`. A child that stops reading, or exits early (`EPIPE`,
    /// which needs SIGPIPE ignored), only ends the writing. Returns how it ended and the end of its stderr.
    public func run(input: [UInt8], timeout: Duration) -> (termination: Termination, stderr: [UInt8]) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var written = 0
        var exitedAt: ContinuousClock.Instant? = nil
        if input.isEmpty { closeStdin() }
        while true {
            if !reaped { reap(blocking: false) }
            if reaped {
                // Nobody is left to read stdin, and stderr is read only while a grandchild might still write.
                closeStdin()
                let now = clock.now
                let exited = exitedAt ?? now
                exitedAt = exited
                if stderrFD < 0 || now - exited >= Self.drainAfterExit || now >= deadline {
                    closeStderr()
                    break
                }
            } else if clock.now >= deadline {
                stop()
                return (.timedOut, stderrTail)
            }
            var fds: [pollfd] = []
            if stdinFD >= 0 { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if stderrFD >= 0 { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            // Without descriptors this is the short sleep between `waitpid` polls.
            guard poll(&fds, nfds_t(fds.count), 20) > 0 else { continue }
            for entry in fds where entry.revents != 0 {
                if entry.fd == stdinFD {
                    if entry.revents & Int16(POLLOUT) != 0 {
                        writeSome(input, written: &written)
                    } else {
                        closeStdin()  // POLLERR: the reading end is closed
                    }
                } else if entry.fd == stderrFD {
                    readStderr()
                }
            }
        }
        return (Self.termination(status), stderrTail)
    }

    /// SIGKILL to whatever is left of the child's process group once the child itself has been reaped (helpers
    /// that outlive it, such as a browser's renderers, would otherwise keep its files open).
    public func killGroup() {
        kill(-pid, SIGKILL)
    }

    /// SIGTERM to the group, up to `termGrace` for it to go, then SIGKILL to the group (stragglers included) and
    /// a blocking reap.
    private func stop() {
        closeStdin()
        kill(-pid, SIGTERM)
        let clock = ContinuousClock()
        let grace = clock.now + Self.termGrace
        while clock.now < grace {
            reap(blocking: false)
            if reaped { break }
            if stderrFD >= 0 { readStderr() }
            var none: [pollfd] = []
            _ = poll(&none, 0, 20)
        }
        kill(-pid, SIGKILL)
        if !reaped { reap(blocking: true) }
        closeStderr()
    }

    private func writeSome(_ input: [UInt8], written: inout Int) {
        let count = min(65_536, input.count - written)
        let n = input.withUnsafeBytes { write(stdinFD, $0.baseAddress! + written, count) }
        if n > 0 {
            written += n
            if written == input.count { closeStdin() }
        } else if n < 0, errno != EAGAIN, errno != EINTR {
            closeStdin()  // EPIPE: the child exited or closed stdin; its exit status decides
        }
    }

    private func readStderr() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { read(stderrFD, $0.baseAddress!, $0.count) }
        if n > 0 {
            stderrTail += buffer[..<n]
            if stderrTail.count > Self.stderrKept { stderrTail.removeFirst(stderrTail.count - Self.stderrKept) }
        } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
            closeStderr()
        }
    }

    private func reap(blocking: Bool) {
        while true {
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, blocking ? 0 : WNOHANG)
            if result == pid {
                status = raw
                reaped = true
                return
            }
            if result == -1, errno == EINTR { continue }
            if result == -1 { reaped = true }  // ECHILD: nothing left to reap
            return
        }
    }

    private func closeStdin() {
        if stdinFD >= 0 {
            close(stdinFD)
            stdinFD = -1
        }
    }

    private func closeStderr() {
        if stderrFD >= 0 {
            close(stderrFD)
            stderrFD = -1
        }
    }

    /// `WIFEXITED`/`WEXITSTATUS`/`WTERMSIG`, which Swift does not import (they are macros).
    private static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    /// A pipe whose both ends are close-on-exec from the start, so that a child spawned by another thread at
    /// the same moment cannot inherit them (it would hold the pipe open and hide end-of-file).
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        #if canImport(Darwin)
            guard pipe(&fds) == 0 else { return false }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            return true
        #else
            // Swift's Glibc module leaves out `pipe2` (it is behind `_GNU_SOURCE`); glibc has had it since 2.9.
            if let pipe2 = Self.pipe2 { return pipe2(&fds, O_CLOEXEC) == 0 }
            guard pipe(&fds) == 0 else { return false }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            return true
        #endif
    }

    #if !canImport(Darwin)
        private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
        /// glibc's `pipe2`, looked up once.
        private static let pipe2: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }
    #endif

    private static var environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        #if canImport(Darwin)
            _NSGetEnviron().pointee
        #else
            environ
        #endif
    }
}
