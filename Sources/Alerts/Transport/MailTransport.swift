/// A message ready for a transport: the bytes (RFC 5322, CRLF line ends) and its envelope.
public struct ComposedMessage: Sendable, Equatable {
    /// The whole message, headers and body, with CRLF line ends.
    public var bytes: [UInt8]
    /// The envelope sender (`alerts.from`).
    public var envelopeFrom: String
    /// The envelope recipients: every `To` and `Cc` address, in order, without duplicates.
    public var recipients: [String]
    /// The `Message-ID` without angle brackets.
    public var messageID: String

    public init(bytes: [UInt8], envelopeFrom: String, recipients: [String], messageID: String) {
        self.bytes = bytes
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.messageID = messageID
    }
}

/// What a transport did with one message.
public enum DeliveryOutcome: Sendable, Equatable {
    /// Handed over: sendmail exited 0, or the file was written.
    case accepted
    /// The MTA said to try again later (sendmail exit 75, `EX_TEMPFAIL`): the notification stays queued.
    case tryLater(String)
    /// This attempt failed (another exit status, a timeout, a signal, a write error): retried with backoff until
    /// `max_attempts`.
    case failed(String)
    /// Never deliverable as it is (a recipient that starts with `-` or holds a control character): no retry.
    case refused(String)
    /// The transport itself is missing (no sendmail binary, or not executable): exit 69, stays queued.
    case unavailable(String)
}

/// Hands composed messages to the outside world.
public protocol MailTransport {
    /// Delivers one message; never throws, every failure is an outcome.
    func deliver(_ message: ComposedMessage) -> DeliveryOutcome
}
