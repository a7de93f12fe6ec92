/// One entity of a message's MIME tree (RFC 2045, RFC 2046), with its body as a range of the message buffer.
struct MIMEPart {
    /// `type/subtype`, lowercased; `text/plain` when absent or unreadable (RFC 2045 section 5.2).
    var contentType: String
    /// Content-Type parameters by lowercased name.
    var parameters: [String: String]
    /// The Content-Disposition value, lowercased, or nil.
    var disposition: String?
    /// The file name from the disposition's `filename` or the type's `name`, or nil.
    var filename: String?
    /// The Content-Transfer-Encoding, lowercased (`7bit` when absent).
    var transferEncoding: String
    /// The body's bytes in the message buffer.
    var body: Range<Int>
    /// How deep in the tree (0: the message itself).
    var depth: Int
    /// A leaf: anything but a multipart that was entered.
    var isLeaf: Bool

    /// `message/*` and anything the parser did not enter count as leaves.
    var isMessage: Bool { contentType.hasPrefix("message/") }
    /// An attachment is a leaf with `Content-Disposition: attachment` or a file name.
    var isAttachment: Bool { isLeaf && (disposition == "attachment" || filename != nil) }
    /// The charset parameter, or nil.
    var charset: String? { parameters["charset"] }
}
