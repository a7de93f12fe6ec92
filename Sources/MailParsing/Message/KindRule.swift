/// One rule of the kind classifier that held for a message: the evidence for its `kind`, as `baton explain`
/// shows it. Values are the header values as the message gives them.
public enum KindRule: Sendable, Equatable {
    /// `Content-Type: multipart/report; report-type=delivery-status` (RFC 3464).
    case deliveryStatusReport
    /// Sent by a mail system's own mailbox (`mailer-daemon`, `postmaster`, …): the sender's address.
    case daemonSender(String)
    /// An `X-Failed-Recipients` header, with its value.
    case failedRecipientsHeader(String)
    /// A bounce subject (its prefix, as listed, and the prefix's language) with an empty `Return-Path`.
    case bounceSubject(prefix: String, language: SubjectLanguage)
    /// An `Auto-Submitted` header other than `no` (RFC 3834), with its value.
    case autoSubmitted(String)
    /// An `X-Autoreply` or `X-Autorespond` header: the header's name.
    case autoReplyHeader(String)
    /// A `Precedence` header of `auto_reply`, `bulk`, `list` or `junk`: the value, lowercased.
    case precedence(String)
    /// An out-of-office subject (its prefix, as listed, and the prefix's language).
    case outOfOfficeSubject(prefix: String, language: SubjectLanguage)
    /// A `List-Id` header (RFC 2919), with its value.
    case listID(String)
    /// A `List-Unsubscribe` header (RFC 2369).
    case listUnsubscribe
}

/// The language a classifier's subject prefix belongs to.
public enum SubjectLanguage: String, Sendable, Equatable, CaseIterable {
    case english, german, french, spanish, italian, dutch
}
