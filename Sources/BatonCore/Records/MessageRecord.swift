import Foundation

/// A scanned message as the store keeps it: enough to match it again without reading the mailbox.
public struct MessageRecord: Sendable, Equatable {
    public var id: Int64?
    /// `mid:` + Message-ID, `inline:` + hash for a forwarded original without one, `hash:` + hash otherwise.
    public var dedupeKey: String
    public var messageID: String?
    /// UTC seconds; nil when no time could be found.
    public var sentAt: Int64?
    /// `date` (the Date header), `from_line` (the mbox separator), `delivery` (Maildir delivery), `forward`
    /// (an inline original's date read in the forwarding rep's zone) or `scan` (none found: the scan time).
    public var timeSource: TimeSource
    public var fromAddress: String?
    public var subject: String?
    /// The subject without `Re:`/`Fwd:` prefixes, case-folded: forwarded originals match on it.
    public var subjectKey: String?
    /// `message`, `auto_reply`, `bounce` or `bulk`.
    public var kind: MessageKind
    /// The rep whose mailbox or forward it came from.
    public var mailboxRep: String?
    public var failedRecipients: [String]
    public var participants: [ParticipantRecord]
    /// In-Reply-To and References ids.
    public var refs: [String]
    /// `matched`, `internal`, `bulk`, `no_known_party`, `blocklisted`, `loop`, `not_sales_team`.
    public var outcome: MessageOutcome
    public var outcomeDetail: String?

    public init(
        dedupeKey: String, messageID: String?, sentAt: Int64?, timeSource: TimeSource, fromAddress: String?,
        subject: String?, subjectKey: String?, kind: MessageKind, mailboxRep: String?, failedRecipients: [String],
        participants: [ParticipantRecord], refs: [String], outcome: MessageOutcome = .pending,
        outcomeDetail: String? = nil
    ) {
        self.dedupeKey = dedupeKey
        self.messageID = messageID
        self.sentAt = sentAt
        self.timeSource = timeSource
        self.fromAddress = fromAddress
        self.subject = subject
        self.subjectKey = subjectKey
        self.kind = kind
        self.mailboxRep = mailboxRep
        self.failedRecipients = failedRecipients
        self.participants = participants
        self.refs = refs
        self.outcome = outcome
        self.outcomeDetail = outcomeDetail
    }
}
