/// What makes two copies of a message one: its Message-ID, else (an inline-forwarded original) a hash of sender,
/// minute and subject, else a hash of its content. Stored as `messages.dedupe_key` in its `rawValue` form.
public enum DedupeKey: Sendable, Hashable {
    /// The Message-ID without angle brackets.
    case messageID(String)
    /// An inline-forwarded original without a Message-ID: a hash of sender, minute and subject key.
    case inline(String)
    /// Anything else: a hash of sender, time, subject and the start of the body.
    case hash(String)

    /// The three forms, by the prefix their stored text starts with.
    public enum Form: String, Sendable, CaseIterable {
        /// `mid:`
        case messageID = "mid:"
        /// `inline:`
        case inline = "inline:"
        /// `hash:`
        case hash = "hash:"
    }

    /// Reads the stored text; nil when it has none of the three prefixes.
    public init?(rawValue: String) {
        guard let form = Form.allCases.first(where: { rawValue.hasPrefix($0.rawValue) }) else { return nil }
        let value = String(rawValue.dropFirst(form.rawValue.count))
        switch form {
        case .messageID: self = .messageID(value)
        case .inline: self = .inline(value)
        case .hash: self = .hash(value)
        }
    }

    /// Which of the three it is.
    public var form: Form {
        switch self {
        case .messageID: .messageID
        case .inline: .inline
        case .hash: .hash
        }
    }

    /// The stored text: the form's prefix and the value.
    public var rawValue: String {
        switch self {
        case .messageID(let value), .inline(let value), .hash(let value): form.rawValue + value
        }
    }
}
