/// What the store keeps about a source between scans, so that the next scan reads only what changed.
public struct SourceState: Sendable, Equatable {
    public var path: String
    public var type: String
    public var device: Int64?
    public var inode: Int64?
    public var size: Int64?
    public var mtimeNanoseconds: Int64?
    /// mbox: bytes read so far.
    public var offset: Int64 = 0
    /// mbox: a hash of the bytes just before `offset`, to notice a rewritten file.
    public var fingerprint: String?
    /// calendar: a hash of the whole content.
    public var contentHash: String?

    public init(path: String, type: String) {
        self.path = path
        self.type = type
    }
}

/// One address of a scanned message, with its role.
public struct ParticipantRecord: Sendable, Equatable {
    /// `from`, `to` or `cc`.
    public var role: String
    public var address: String
    public var name: String?

    public init(role: String, address: String, name: String?) {
        self.role = role
        self.address = address
        self.name = name
    }
}

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
    public var timeSource: String
    public var fromAddress: String?
    public var subject: String?
    /// The subject without `Re:`/`Fwd:` prefixes, case-folded: forwarded originals match on it.
    public var subjectKey: String?
    /// `message`, `auto_reply`, `bounce` or `bulk`.
    public var kind: String
    /// The rep whose mailbox or forward it came from.
    public var mailboxRep: String?
    public var failedRecipients: [String]
    public var participants: [ParticipantRecord]
    /// In-Reply-To and References ids.
    public var refs: [String]
    /// `matched`, `internal`, `bulk`, `no_known_party`, `blocklisted`, `loop`.
    public var outcome: String
    public var outcomeDetail: String?

    public init(
        dedupeKey: String, messageID: String?, sentAt: Int64?, timeSource: String, fromAddress: String?,
        subject: String?, subjectKey: String?, kind: String, mailboxRep: String?, failedRecipients: [String],
        participants: [ParticipantRecord], refs: [String], outcome: String = "pending", outcomeDetail: String? = nil
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

/// One interaction: a (message, lead) pair, a (meeting, lead) pair, or a manual touch.
public struct InteractionRecord: Sendable, Equatable, Hashable {
    public var leadID: Int64
    /// `email`, `meeting` or `manual`.
    public var type: String
    public var messageID: Int64?
    public var meetingID: Int64?
    /// `inbound`, `outbound`, or nil for meetings.
    public var direction: String?
    /// The rep's address.
    public var rep: String?
    public var time: Int64
    /// The message's kind (`message`, `auto_reply`, `bounce`).
    public var kind: String?
    /// `address`, `domain`, `thread` or `manual`.
    public var match: String
    public var note: String?

    public init(
        leadID: Int64, type: String, messageID: Int64? = nil, meetingID: Int64? = nil, direction: String?,
        rep: String?, time: Int64, kind: String?, match: String, note: String? = nil
    ) {
        self.leadID = leadID
        self.type = type
        self.messageID = messageID
        self.meetingID = meetingID
        self.direction = direction
        self.rep = rep
        self.time = time
        self.kind = kind
        self.match = match
        self.note = note
    }
}

/// A lead as matching sees it.
public struct LeadDirectoryEntry: Sendable, Equatable {
    public var id: Int64
    public var addresses: [String]
    public var companyDomain: String?
    public var ownerEmail: String?
}

/// A rep as matching sees it.
public struct RepDirectoryEntry: Sendable, Equatable {
    public var email: String
    /// Primary address first, then aliases.
    public var addresses: [String]
    public var timezoneID: String?
}

/// A meeting occurrence as the store keeps it.
public struct MeetingRecord: Sendable, Equatable {
    public var id: Int64?
    public var uid: String
    /// The occurrence's original start (`YYYYMMDDTHHMMSSZ` or a date), empty for a single event.
    public var recurrenceID: String
    public var startAt: Int64
    public var endAt: Int64
    public var summary: String?
    public var organizer: String?
    /// `scheduled` or `cancelled`.
    public var status: String
    public var sequence: Int
    public var stamp: Int64?
    public var attendees: [MeetingAttendeeRecord]

    public init(
        uid: String, recurrenceID: String, startAt: Int64, endAt: Int64, summary: String?, organizer: String?,
        status: String, sequence: Int, stamp: Int64?, attendees: [MeetingAttendeeRecord]
    ) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.startAt = startAt
        self.endAt = endAt
        self.summary = summary
        self.organizer = organizer
        self.status = status
        self.sequence = sequence
        self.stamp = stamp
        self.attendees = attendees
    }
}

/// One attendee of a stored meeting.
public struct MeetingAttendeeRecord: Sendable, Equatable {
    public var address: String
    public var name: String?
    public var partstat: String
    public var role: String

    public init(address: String, name: String?, partstat: String, role: String) {
        self.address = address
        self.name = name
        self.partstat = partstat
        self.role = role
    }
}
