import ChildProcesses

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Delivers through a local sendmail: `path -i -f FROM <extraArguments…> -- RCPT…`, the message on stdin with
/// LF line ends (what a local sendmail expects), no shell in between.
///
/// The process that uses it must ignore SIGPIPE (`signal(SIGPIPE, SIG_IGN)`, as `main.swift` does): a sendmail
/// that exits without reading its input would otherwise kill Baton on the next write.
public struct SendmailTransport: MailTransport, Sendable {
    /// The sendmail binary.
    public var path: String
    /// Arguments from `alerts.transport.args`, placed after `-f FROM` and before `--`.
    public var extraArguments: [String]
    /// How long one delivery may take before the process group is stopped.
    public var timeoutSeconds: Double

    /// A transport.
    public init(path: String, extraArguments: [String] = [], timeoutSeconds: Double = 30) {
        self.path = path
        self.extraArguments = extraArguments
        self.timeoutSeconds = timeoutSeconds
    }

    /// Runs sendmail for `message`: exit 0 is `.accepted`, 75 (`EX_TEMPFAIL`) `.tryLater`, any other exit, a
    /// signal or the timeout `.failed` (with the end of its stderr); a missing or non-executable binary is
    /// `.unavailable`; an envelope address that could pass for an option or holds whitespace is `.refused`
    /// before anything runs.
    public func deliver(_ message: ComposedMessage) -> DeliveryOutcome {
        if let reason = Self.refusal(of: message) { return .refused(reason) }
        if let reason = unavailability() { return .unavailable(reason) }
        let arguments =
            [path, "-i", "-f", message.envelopeFrom] + extraArguments + ["--"] + message.recipients
        var attempt = 0
        let child: ChildProcess
        while true {
            do {
                child = try ChildProcess(path: path, arguments: arguments)
                break
            } catch {
                // ETXTBSY: the binary is open for writing (being upgraded, or just written by a process that
                // forked meanwhile); it clears within moments.
                if error.code == ETXTBSY, attempt < 5 {
                    attempt += 1
                    usleep(50_000)
                    continue
                }
                let reason = "could not start sendmail at \(path): \(Self.describe(error.code))"
                return error.code == ENOENT || error.code == EACCES ? .unavailable(reason) : .failed(reason)
            }
        }
        let timeout = Duration.milliseconds(Int64((max(0, timeoutSeconds) * 1000).rounded()))
        let (termination, stderr) = child.run(input: Self.lfLineEnds(message.bytes), timeout: timeout)
        let detail = Self.detail(stderr)
        switch termination {
        case .exited(0):
            return .accepted
        case .exited(75):
            return .tryLater("sendmail exited 75" + detail)
        case .exited(let code):
            return .failed("sendmail exited \(code)" + detail)
        case .signalled(let signal):
            return .failed("sendmail was killed by signal \(signal)" + detail)
        case .timedOut:
            return .failed("sendmail did not finish within \(Self.seconds(timeoutSeconds)); stopped" + detail)
        }
    }

    /// Why the envelope cannot be handed to sendmail, or nil: no recipients, or a sender or recipient that
    /// starts with `-` (it would be read as an option), holds whitespace or a control, or has no `@`.
    static func refusal(of message: ComposedMessage) -> String? {
        if let reason = refusal(message.envelopeFrom, role: "envelope sender") { return reason }
        if message.recipients.isEmpty { return "no recipients" }
        for recipient in message.recipients {
            if let reason = refusal(recipient, role: "recipient") { return reason }
        }
        return nil
    }

    private static func refusal(_ address: String, role: String) -> String? {
        let shown = String(reflecting: address)
        if address.hasPrefix("-") { return "\(role) \(shown) starts with '-'" }
        if address.unicodeScalars.contains(where: { $0.properties.isWhitespace || UntrustedText.isControl($0) }) {
            return "\(role) \(shown) contains whitespace or a control character"
        }
        if !address.contains("@") { return "\(role) \(shown) has no '@'" }
        return nil
    }

    /// Why the binary cannot run (missing, a directory, not executable), or nil.
    private func unavailability() -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT ? "sendmail not found at \(path)" : "sendmail at \(path): \(Self.describe(errno))"
        }
        if info.st_mode & S_IFMT == S_IFDIR { return "sendmail at \(path) is a directory" }
        guard access(path, X_OK) == 0 else { return "sendmail at \(path) is not executable" }
        return nil
    }

    /// The message with every CRLF as LF.
    static func lfLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                i += 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// `: <stderr on one line>`, or nothing when stderr was empty.
    private static func detail(_ stderr: [UInt8]) -> String {
        let text = UntrustedText.line(String(decoding: stderr, as: UTF8.self))
        return text.isEmpty ? "" : ": " + text
    }

    /// `30s`, or `1.5s`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? "\(Int(value))s" : "\(value)s"
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
