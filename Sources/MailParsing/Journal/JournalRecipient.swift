/// One recipient line of an Exchange journal report's envelope: `To: ann@example.com`, optionally followed by
/// `, Expanded: sales@example.com` (the recipient got the message as a member of that distribution list) or
/// `, Forwarded: bob@example.com` (the message was redirected to the recipient from that address).
public struct JournalRecipient: Sendable, Equatable {
    /// The field that named the recipient, as the envelope spells it (case-insensitively).
    public enum Field: String, Sendable, Equatable {
        /// `To:`: addressed in the original's To.
        case to
        /// `Cc:`: addressed in the original's Cc.
        case cc
        /// `Bcc:`: a blind copy, in no header of the original.
        case bcc
        /// `Recipient:`: an envelope recipient whose header field Exchange could not verify.
        case recipient
    }

    /// The field that named the recipient.
    public var field: Field
    /// The recipient's address, lowercased.
    public var address: String
    /// The distribution list whose expansion reached the recipient (`Expanded:`), lowercased, or nil.
    public var expandedFrom: String?
    /// The address the message was forwarded from to the recipient (`Forwarded:`), lowercased, or nil.
    public var forwardedFrom: String?

    /// A recipient line's values.
    public init(field: Field, address: String, expandedFrom: String? = nil, forwardedFrom: String? = nil) {
        self.field = field
        self.address = address
        self.expandedFrom = expandedFrom
        self.forwardedFrom = forwardedFrom
    }
}
