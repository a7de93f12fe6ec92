/// One parsed message: the fields ingestion needs, decoded, plus diagnostics about what was odd.
public struct MailMessage: Sendable, Equatable {
    /// Every header in order, unfolded and decoded as text (raw UTF-8 allowed, RFC 6532).
    public var headers: [MailHeader] {
        headerSpans.map {
            MailHeader(name: HeaderText.decode(headerBytes[$0.name]), value: HeaderText.decode(headerBytes[$0.value]))
        }
    }
    /// Whether any header field was found (a file without one is not a mail message).
    public var hasHeaders: Bool { !headerSpans.isEmpty }
    /// The unfolded header section, names and values back to back; decoded only when asked for.
    var headerBytes: [UInt8] = []
    /// Where each field's name and value are in `headerBytes`.
    var headerSpans: [HeaderSpan] = []
    /// `Message-ID` without angle brackets.
    public var messageID: String?
    /// `Date`, as an instant (or local parts for inline forwards written without a zone).
    public var date: MailDate?
    /// `From` addresses.
    public var from: [MailAddress] = []
    /// `To` addresses.
    public var to: [MailAddress] = []
    /// `Cc` addresses.
    public var cc: [MailAddress] = []
    /// `Bcc` addresses: present in the sender's own copy (a Sent folder), never in what recipients get.
    public var bcc: [MailAddress] = []
    /// `Reply-To` addresses.
    public var replyTo: [MailAddress] = []
    /// `Subject`, RFC 2047-decoded and unfolded.
    public var subject: String?
    /// The ids in `In-Reply-To`.
    public var inReplyTo: [String] = []
    /// The ids in `References`.
    public var references: [String] = []
    /// The first leaf `text/plain` part that is not an attachment, decoded, with `\n` line ends.
    public var text: String?
    /// Text drawn from the first HTML part, when there is no plain text part.
    public var htmlText: String?
    /// Every leaf part that is an attachment.
    public var attachments: [MailAttachment] = []
    /// What sort of message this is.
    public var kind: MessageKind = .message
    /// For bounces: the recipients whose delivery failed, lowercased.
    public var failedRecipients: [String] = []
    /// The classifier's rules that gave the message its `kind`; empty for `message`.
    public var kindEvidence: [KindRule] = []
    /// Every embedded original (attached or inline), in document order, flattened.
    public var forwarded: [MailMessage] = []
    /// Where in `forwarded` the messages attached to this one are (`message/rfc822` or `message/global` parts,
    /// an Outlook file's embedded messages), in document order: not the originals nested inside those, never an
    /// inline forward found in the text. A journal report's original is one of these.
    public var attachedIndices: [Int] = []
    /// The decoded bytes of every `text/calendar` part, for the calendar parser.
    public var calendarParts: [[UInt8]] = []
    /// What was odd about the message (never fatal).
    public var diagnostics: [MailDiagnostic] = []

    /// An empty message.
    public init() {}

    /// The messages attached to this one (see `attachedIndices`), in document order.
    public var attachedMessages: [MailMessage] {
        attachedIndices.compactMap { forwarded.indices.contains($0) ? forwarded[$0] : nil }
    }

    /// Every value of the headers called `name` (case-insensitive), in order, unfolded and not RFC 2047-decoded.
    public func headerValues(_ name: String) -> [String] {
        let wanted = Array(name.lowercased().utf8)
        return headerSpans.compactMap { span in
            guard span.name.count == wanted.count,
                zip(headerBytes[span.name], wanted).allSatisfy({ $0.lowercasedASCII == $1 })
            else { return nil }
            return HeaderText.decode(headerBytes[span.value])
        }
    }

    /// The first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headerValueBytes(name).map { HeaderText.decode($0) }
    }

    /// The unfolded value bytes of the first header called `name` (ASCII, case-insensitive).
    func headerValueBytes(_ name: String) -> ArraySlice<UInt8>? {
        let wanted = Array(name.utf8)
        for span in headerSpans where span.name.count == wanted.count {
            var same = true
            var k = 0
            for i in span.name {
                if headerBytes[i].lowercasedASCII != wanted[k].lowercasedASCII {
                    same = false
                    break
                }
                k += 1
            }
            if same { return headerBytes[span.value] }
        }
        return nil
    }
}

/// Where one header field's name and value are in a message's header bytes.
struct HeaderSpan: Sendable, Equatable {
    var name: Range<Int>
    var value: Range<Int>
}

/// One header field: its name as written and its unfolded value.
public struct MailHeader: Sendable, Equatable {
    /// The field name as written.
    public var name: String
    /// The unfolded value, raw (not RFC 2047-decoded), without leading whitespace.
    public var value: String
    /// A header.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One mailbox: a display name and an addr-spec (lowercased); the address is nil when none could be read.
public struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    /// The display name, decoded, or nil.
    public var name: String?
    /// The addr-spec, lowercased, or nil.
    public var address: String?
    /// A mailbox.
    public init(name: String?, address: String?) {
        self.name = name
        self.address = address
    }
    public var description: String { "\(name ?? "-") <\(address ?? "-")>" }
}

/// A leaf part that is an attachment.
public struct MailAttachment: Sendable, Equatable {
    /// The file name (RFC 2231 and 2047 decoded), or nil.
    public var filename: String?
    /// `type/subtype`, lowercased.
    public var contentType: String
    /// The decoded size in bytes, computed without decoding; nil for a MIME part when the parser was told not to
    /// count it (`MessageParser.Options.countsAttachmentSizes`). An Outlook `.msg` file's attachments have theirs
    /// either way: the file says it.
    public var size: Int?
    /// An attachment.
    public init(filename: String?, contentType: String, size: Int?) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
    }
}

/// The sort of message; the cases are in the classifier's order of precedence.
public enum MessageKind: String, Sendable, Equatable {
    case bounce
    case autoReply = "auto_reply"
    case bulk
    case message
}

/// A message's date: an instant, or wall-clock parts without a zone (inline forwards).
public struct MailDate: Sendable, Equatable {
    /// Seconds since the epoch; for a zoneless date, the local wall-clock time read as if it were UTC.
    public var secondsSinceEpoch: Int64
    /// Whether the date carried a zone; when false ingestion reads `secondsSinceEpoch` in the rep's zone.
    public var hasZone: Bool
    /// A date.
    public init(secondsSinceEpoch: Int64, hasZone: Bool) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.hasZone = hasZone
    }
}

/// Something odd met while parsing; parsing went on.
public struct MailDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// What kind of oddity.
    public enum Code: String, Sendable {
        case unknownCharset = "unknown_charset"
        case invalidBytes = "invalid_bytes"
        case tooDeep = "too_deep"
        case tooManyParts = "too_many_parts"
        case missingFinalBoundary = "missing_final_boundary"
        case headerTooLong = "header_too_long"
        case truncated
        case badBase64 = "bad_base64"
        case badParameter = "bad_parameter"
        /// An Outlook `.msg` file whose Compound File or properties cannot be read; the message is empty.
        case unreadableOutlookMessage = "unreadable_outlook_message"
    }
    /// What kind of oddity.
    public var code: Code
    /// A human sentence with detail.
    public var detail: String
    /// A diagnostic.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }
    public var description: String { "\(code.rawValue): \(detail)" }
}

extension MailMessage {
    /// Adds an embedded original and, after it, the originals nested in it: `forwarded` is flat, outermost first.
    mutating func appendForwarded(_ original: MailMessage) {
        var original = original
        let nested = original.forwarded
        original.forwarded = []
        original.attachedIndices = []
        forwarded.append(original)
        forwarded += nested
    }
}

extension MailMessage {
    /// Adds a message attached to this one (a `message/*` part, an Outlook embedded message): an original that
    /// `attachedIndices` lists, followed by the originals nested in it.
    mutating func appendAttached(_ original: MailMessage) {
        attachedIndices.append(forwarded.count)
        appendForwarded(original)
    }
}

extension MailDiagnostic {
    /// An attached message not read because it is nested deeper than `limit` (`limits.max_mime_depth`).
    static func attachedTooDeep(limit: Int) -> MailDiagnostic {
        MailDiagnostic(.tooDeep, "attached message nested deeper than \(limit) (limits.max_mime_depth); not read")
    }
}
