/// Parses one message's bytes (RFC 5322 and MIME) into a `MailMessage`; never fails, never traps.
public enum MessageParser {
    /// Limits against hostile or broken input.
    public struct Options: Sendable {
        /// Deepest MIME nesting entered, attached messages included (`limits.max_mime_depth`, Config/README.md).
        public var maxDepth: Int
        /// Most MIME parts read in one message.
        public var maxParts: Int
        /// Whether each MIME attachment's decoded size is counted (`MailAttachment.size`, nil when not). Counting
        /// reads every byte of every attachment once more; a scan stores no size and skips it.
        public var countsAttachmentSizes: Bool
        /// Options with the defaults.
        public init(maxDepth: Int = 32, maxParts: Int = 10_000, countsAttachmentSizes: Bool = true) {
            self.maxDepth = maxDepth
            self.maxParts = maxParts
            self.countsAttachmentSizes = countsAttachmentSizes
        }
    }

    /// Parses a message held in `bytes`.
    public static func parse(_ bytes: [UInt8], options: Options = Options()) -> MailMessage {
        bytes.withUnsafeBytes { parse($0, options: options) }
    }

    /// Parses a message held in `buffer` (for instance a window of an mbox); copies only what it decodes.
    public static func parse(_ buffer: UnsafeRawBufferPointer, options: Options = Options()) -> MailMessage {
        // A message file saved by Outlook is a Compound File, wherever a single message file is read.
        if CompoundFile.hasMagic(buffer) { return OutlookMessage.parse(buffer, options: options) }
        return parse(buffer, options: options, depth: 0)
    }

    static func parse(_ buffer: UnsafeRawBufferPointer, options: Options, depth: Int) -> MailMessage {
        var message = MailMessage()
        let headers = HeaderBlock(buffer, from: 0, to: buffer.count)
        if headers.truncated {
            message.diagnostics.append(
                MailDiagnostic(.headerTooLong, "more than \(HeaderBlock.maxFields) header fields"))
        }
        readHeaders(headers, buffer, into: &message)

        var mime = MIMEParser(buffer: buffer, maxDepth: options.maxDepth - depth, maxParts: options.maxParts)
        mime.walk(headers: headers, body: headers.bodyStart..<buffer.count, depth: 0)
        message.diagnostics += mime.diagnostics
        let parts = mime.parts

        var firstHTML: MIMEPart? = nil
        for part in parts where part.isLeaf {
            let attachment = part.isAttachment
            if part.contentType == "text/plain", !attachment, message.text == nil {
                message.text = decodeText(buffer, part, diagnostics: &message.diagnostics)
            } else if part.contentType == "text/html", firstHTML == nil, !attachment {
                firstHTML = part
            }
            if attachment {
                let size =
                    options.countsAttachmentSizes
                    ? TransferDecoding.decodedSize(buffer, part.body, encoding: part.transferEncoding) : nil
                message.attachments.append(
                    MailAttachment(filename: part.filename, contentType: part.contentType, size: size))
            }
            if part.contentType == "text/calendar" || part.contentType == "application/ics" {
                message.calendarParts.append(
                    TransferDecoding.decode(buffer, part.body, encoding: part.transferEncoding))
            }
            if part.contentType == "message/rfc822" || part.contentType == "message/global" {
                let inner = TransferDecoding.decode(buffer, part.body, encoding: part.transferEncoding)
                if depth + part.depth + 1 < options.maxDepth {
                    message.appendAttached(
                        inner.withUnsafeBytes { parse($0, options: options, depth: depth + part.depth + 1) })
                } else {
                    message.diagnostics.append(.attachedTooDeep(limit: options.maxDepth))
                }
            }
        }
        if message.text == nil, let html = firstHTML {
            message.htmlText = HTMLText.extract(decodeText(buffer, html, diagnostics: &message.diagnostics))
        }
        if let body = message.text ?? message.htmlText {
            message.forwarded += InlineForwards.find(in: body)
        }
        KindClassifier.classify(&message, parts: parts, buffer: buffer)
        return message
    }

    static func readHeaders(_ block: HeaderBlock, _ buffer: UnsafeRawBufferPointer, into m: inout MailMessage) {
        m.headerSpans.reserveCapacity(block.fields.count)
        var seenDate = false, seenSubject = false, seenID = false, seenFrom = false, seenReplyTo = false
        var seenInReplyTo = false, seenReferences = false
        for field in block.fields {
            let nameStart = m.headerBytes.count
            m.headerBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[field.name]))
            let valueStart = m.headerBytes.count
            HeaderBlock.unfold(buffer, field.value, into: &m.headerBytes)
            if field.value.count > HeaderBlock.maxValueBytes {
                let name = String(
                    decoding: UnsafeRawBufferPointer(rebasing: buffer[field.name]).prefix(80), as: UTF8.self)
                m.diagnostics.append(
                    MailDiagnostic(
                        .headerTooLong,
                        "\(name) field of \(field.value.count) bytes cut to its first \(HeaderBlock.maxValueBytes)"))
            }
            m.headerSpans.append(HeaderSpan(name: nameStart..<valueStart, value: valueStart..<m.headerBytes.count))
            guard field.name.count <= 11 else { continue }
            guard let known = KnownField(buffer, field.name) else { continue }
            let value = Array(m.headerBytes[valueStart...])
            switch known.rawValue {
            case "message-id" where !seenID:
                seenID = true
                m.messageID = MessageIDs.first(value)
            case "date" where !seenDate:
                seenDate = true
                m.date = DateParser.parse(HeaderText.decode(value)).map {
                    MailDate(secondsSinceEpoch: $0.secondsSinceEpoch, hasZone: true)
                }
            case "from" where !seenFrom:
                seenFrom = true
                m.from = AddressListParser.parse(value, diagnostics: &m.diagnostics)
            case "to":
                m.to += AddressListParser.parse(value, diagnostics: &m.diagnostics)
            case "cc":
                m.cc += AddressListParser.parse(value, diagnostics: &m.diagnostics)
            case "bcc":
                m.bcc += AddressListParser.parse(value, diagnostics: &m.diagnostics)
            case "reply-to" where !seenReplyTo:
                seenReplyTo = true
                m.replyTo = AddressListParser.parse(value, diagnostics: &m.diagnostics)
            case "subject" where !seenSubject:
                seenSubject = true
                m.subject = EncodedWords.decode(value, diagnostics: &m.diagnostics)
            case "in-reply-to" where !seenInReplyTo:
                seenInReplyTo = true
                m.inReplyTo = MessageIDs.all(value)
            case "references" where !seenReferences:
                seenReferences = true
                m.references = MessageIDs.all(value)
            default:
                break
            }
        }
    }

    /// The header fields read into `MailMessage`'s own properties.
    enum KnownField: String {
        case messageID = "message-id", date, from, to, cc, bcc, replyTo = "reply-to", subject
        case inReplyTo = "in-reply-to", references

        private static let all: [(KnownField, [UInt8])] = [
            KnownField.messageID, .date, .from, .to, .cc, .bcc, .replyTo, .subject, .inReplyTo, .references,
        ].map { ($0, Array($0.rawValue.utf8)) }

        /// The field named by `buffer[name]`, compared without allocating.
        init?(_ buffer: UnsafeRawBufferPointer, _ name: Range<Int>) {
            for (field, bytes) in Self.all
            where bytes.count == name.count && bytes[0] == buffer[name.lowerBound].lowercasedASCII {
                var same = true
                var k = 0
                for i in name {
                    if buffer[i].lowercasedASCII != bytes[k] {
                        same = false
                        break
                    }
                    k += 1
                }
                if same {
                    self = field
                    return
                }
            }
            return nil
        }
    }

    /// A text part's body decoded by transfer encoding and charset (default `us-ascii`), with `\n` line ends.
    static func decodeText(_ buffer: UnsafeRawBufferPointer, _ part: MIMEPart, diagnostics: inout [MailDiagnostic])
        -> String
    {
        let charset = part.charset ?? "us-ascii"
        let lowerCharset = charset.lowercased()
        let wide = ["utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2", "ucs-4"].contains {
            lowerCharset.hasPrefix($0)
        }
        let encoded = part.transferEncoding == "base64" || part.transferEncoding == "quoted-printable"
        if !encoded, !wide,
            ByteSearch.index(of: 0x0D, in: buffer, from: part.body.lowerBound, to: part.body.upperBound) == nil
        {
            // 7bit, 8bit or binary with LF line ends: decode straight from the message buffer.
            return Charset.decode(
                UnsafeRawBufferPointer(rebasing: buffer[part.body]), charset: charset, diagnostics: &diagnostics)
        }
        var bytes = TransferDecoding.decode(buffer, part.body, encoding: part.transferEncoding)
        if !wide, let normalized = LineEnds.normalized(bytes) { bytes = normalized }
        var text = Charset.decode(bytes, charset: charset, diagnostics: &diagnostics)
        if wide { text = text.replacingCRLF() }
        return text
    }
}

extension String {
    /// CRLF and lone CR as LF.
    func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in unicodeScalars {
            if s == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if s == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(s)
        }
        return String(out)
    }
}
