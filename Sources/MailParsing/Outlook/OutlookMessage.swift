/// Reads an Outlook message file (MS-OXMSG: a Compound File of MAPI properties) into the same `MailMessage` an
/// RFC 5322 message gives; never fails, never traps. A file that cannot be read is an empty message carrying an
/// `unreadableOutlookMessage` diagnostic that says why.
public enum OutlookMessage {
    /// Parses the `.msg` file held in `buffer`.
    public static func parse(_ buffer: UnsafeRawBufferPointer, options: MessageParser.Options = .init()) -> MailMessage
    {
        do {
            let file = try CompoundFile(buffer)
            guard try file.child(named: "__properties_version1.0", in: 0) != nil else {
                throw OutlookMessageError.notAMessage
            }
            var visited: Set<Int> = [0]
            return try read(file, storage: 0, headerLength: 32, options: options, depth: 0, visited: &visited)
        } catch {
            var message = MailMessage()
            message.diagnostics.append(MailDiagnostic(.unreadableOutlookMessage, "\(error)"))
            return message
        }
    }

    // MARK: Property ids (MS-OXPROPS)

    private static let messageClass: UInt16 = 0x001A
    private static let subject: UInt16 = 0x0037
    private static let clientSubmitTime: UInt16 = 0x0039
    private static let transportHeaders: UInt16 = 0x007D
    private static let senderName: UInt16 = 0x0C1A
    private static let senderAddressType: UInt16 = 0x0C1E
    private static let senderEmail: UInt16 = 0x0C1F
    private static let recipientType: UInt16 = 0x0C15
    private static let deliveryTime: UInt16 = 0x0E06
    private static let attachSize: UInt16 = 0x0E20
    private static let body: UInt16 = 0x1000
    private static let rtfCompressed: UInt16 = 0x1009
    private static let html: UInt16 = 0x1013
    private static let internetMessageID: UInt16 = 0x1035
    private static let internetReferences: UInt16 = 0x1039
    private static let inReplyTo: UInt16 = 0x1042
    private static let displayName: UInt16 = 0x3001
    private static let addressType: UInt16 = 0x3002
    private static let emailAddress: UInt16 = 0x3003
    private static let attachData: UInt16 = 0x3701
    private static let attachFilename: UInt16 = 0x3704
    private static let attachMethod: UInt16 = 0x3705
    private static let attachLongFilename: UInt16 = 0x3707
    private static let attachMimeTag: UInt16 = 0x370E
    private static let smtpAddress: UInt16 = 0x39FE
    private static let internetCodePage: UInt16 = 0x3FDE
    private static let messageCodePage: UInt16 = 0x3FFD
    private static let senderSMTPAddress: UInt16 = 0x5D01

    /// Reads the message in `storage` (the root, or an embedded message's `__substg1.0_3701000D`).
    private static func read(
        _ file: CompoundFile, storage: Int, headerLength: Int, options: MessageParser.Options, depth: Int,
        visited: inout Set<Int>
    ) throws -> MailMessage {
        var m = MailMessage()
        let props = try PropertyBag(file, storage: storage, headerLength: headerLength)
        let charset = props.int32(messageCodePage).map { OutlookCodePage.charset(Int($0)) } ?? "windows-1252"

        if let headers = try props.string(transportHeaders, charset: charset, diagnostics: &m.diagnostics) {
            readTransportHeaders(headers, into: &m)
        }
        let hadHeaders = m.hasHeaders
        if m.subject == nil, let s = try props.string(subject, charset: charset, diagnostics: &m.diagnostics) {
            m.subject = s
        }
        if m.from.isEmpty, let sender = try sender(props, charset: charset, diagnostics: &m.diagnostics) {
            m.from = [sender]
        }
        if m.to.isEmpty && m.cc.isEmpty {
            for index in try sortedChildren(file, of: storage, prefix: "__recip_version1.0_#") {
                let recipient = try PropertyBag(file, storage: index, headerLength: 8)
                guard let address = try self.recipient(recipient, charset: charset, diagnostics: &m.diagnostics) else {
                    continue
                }
                // MS-OXOMSG 2.2.3.1: 1 To, 2 Cc, 3 Bcc; the high bits are flags.
                switch (recipient.int32(recipientType) ?? 1) & 0xF {
                case 2: m.cc.append(address)
                case 3: m.bcc.append(address)
                default: m.to.append(address)
                }
            }
        }
        if m.date == nil, let seconds = props.time(clientSubmitTime) ?? props.time(deliveryTime) {
            m.date = MailDate(secondsSinceEpoch: seconds, hasZone: true)
        }
        if m.messageID == nil,
            let id = try props.string(internetMessageID, charset: charset, diagnostics: &m.diagnostics)
        {
            m.messageID = MessageIDs.first(Array(id.utf8))
        }
        if m.inReplyTo.isEmpty, let ids = try props.string(inReplyTo, charset: charset, diagnostics: &m.diagnostics) {
            m.inReplyTo = MessageIDs.all(Array(ids.utf8))
        }
        if m.references.isEmpty,
            let ids = try props.string(internetReferences, charset: charset, diagnostics: &m.diagnostics)
        {
            m.references = MessageIDs.all(Array(ids.utf8))
        }
        if !hadHeaders { synthesizeHeaders(&m) }

        try readBody(props, charset: charset, into: &m)
        try readAttachments(
            file, storage: storage, options: options, depth: depth, charset: charset, visited: &visited, into: &m)
        if let body = m.text ?? m.htmlText { m.forwarded += InlineForwards.find(in: body) }

        // MS-OXCMSG: a non-delivery report's class is `REPORT.<original class>.NDR`.
        let messageClass = try props.string(messageClass, charset: charset, diagnostics: &m.diagnostics)?.uppercased()
        if let messageClass, messageClass.hasPrefix("REPORT."), messageClass.hasSuffix(".NDR") {
            m.kind = .bounce
        } else if let messageClass, messageClass.hasPrefix("IPM.NOTE.RULES.OOFTEMPLATE") {
            m.kind = .autoReply
        } else {
            KindClassifier.classify(&m, parts: [], buffer: UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return m
    }

    /// `PR_TRANSPORT_MESSAGE_HEADERS` is the received message's header section: read with the RFC 5322 reader.
    private static func readTransportHeaders(_ text: String, into m: inout MailMessage) {
        var bytes = Array(text.utf8)
        // Exchange prefixes the section with a line that is not a field.
        let banner = Array("Microsoft Mail Internet Headers".utf8)
        if bytes.starts(with: banner) {
            if let newline = bytes.firstIndex(of: 0x0A) {
                bytes.removeSubrange(0...newline)
            } else {
                bytes = []
            }
        }
        bytes += [0x0D, 0x0A, 0x0D, 0x0A]
        bytes.withUnsafeBytes { buffer in
            let block = HeaderBlock(buffer, from: 0, to: buffer.count, skipFromLine: false)
            MessageParser.readHeaders(block, buffer, into: &m)
        }
    }

    /// Header fields made from the properties, for a message saved without its internet headers (a sent or
    /// draft item), so that `headers` and `header(_:)` answer as for any other message.
    private static func synthesizeHeaders(_ m: inout MailMessage) {
        func add(_ name: String, _ value: String) {
            let nameStart = m.headerBytes.count
            m.headerBytes += Array(name.utf8)
            let valueStart = m.headerBytes.count
            m.headerBytes += Array(value.utf8)
            m.headerSpans.append(HeaderSpan(name: nameStart..<valueStart, value: valueStart..<m.headerBytes.count))
        }
        func list(_ addresses: [MailAddress]) -> String {
            addresses.map { a in
                let address = a.address.map { "<\($0)>" } ?? ""
                guard let name = a.name else { return address }
                var quoted = "\""
                for c in name {
                    if c == "\\" || c == "\"" { quoted.append("\\") }
                    quoted.append(c)
                }
                quoted.append("\"")
                return address.isEmpty ? quoted : quoted + " " + address
            }.joined(separator: ", ")
        }
        if !m.from.isEmpty { add("From", list(m.from)) }
        if !m.to.isEmpty { add("To", list(m.to)) }
        if !m.cc.isEmpty { add("Cc", list(m.cc)) }
        if let subject = m.subject { add("Subject", subject) }
        if let id = m.messageID { add("Message-ID", "<\(id)>") }
        if !m.inReplyTo.isEmpty { add("In-Reply-To", m.inReplyTo.map { "<\($0)>" }.joined(separator: " ")) }
        if !m.references.isEmpty { add("References", m.references.map { "<\($0)>" }.joined(separator: " ")) }
    }

    /// The sender: `PR_SENDER_SMTP_ADDRESS`, else `PR_SENDER_EMAIL_ADDRESS` when it is an SMTP address (an
    /// Exchange `/o=…` distinguished name is not one).
    private static func sender(_ props: PropertyBag, charset: String, diagnostics: inout [MailDiagnostic]) throws
        -> MailAddress?
    {
        try address(
            props, name: senderName, smtp: senderSMTPAddress, type: senderAddressType, email: senderEmail,
            charset: charset, diagnostics: &diagnostics)
    }

    /// A recipient: `PR_SMTP_ADDRESS`, else `PR_EMAIL_ADDRESS` when its type is SMTP; `PR_DISPLAY_NAME`.
    private static func recipient(_ props: PropertyBag, charset: String, diagnostics: inout [MailDiagnostic]) throws
        -> MailAddress?
    {
        try address(
            props, name: displayName, smtp: smtpAddress, type: addressType, email: emailAddress,
            charset: charset, diagnostics: &diagnostics)
    }

    /// A name and address from four properties: the SMTP address, else the e-mail address when the address type
    /// is absent or `SMTP`; nil when neither a name nor an address is there.
    private static func address(
        _ props: PropertyBag, name nameTag: UInt16, smtp smtpTag: UInt16, type typeTag: UInt16,
        email emailTag: UInt16, charset: String, diagnostics: inout [MailDiagnostic]
    ) throws -> MailAddress? {
        let name = try props.string(nameTag, charset: charset, diagnostics: &diagnostics).flatMap(nonEmpty)
        var address = try props.string(smtpTag, charset: charset, diagnostics: &diagnostics).flatMap(smtp)
        if address == nil {
            let type = try props.string(typeTag, charset: charset, diagnostics: &diagnostics)
            if type == nil || type?.uppercased() == "SMTP" {
                address = try props.string(emailTag, charset: charset, diagnostics: &diagnostics).flatMap(smtp)
            }
        }
        if name == nil && address == nil { return nil }
        return MailAddress(name: name, address: address)
    }

    private static func nonEmpty(_ s: String) -> String? {
        let trimmed = s.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An SMTP addr-spec, lowercased, or nil for anything else (an X.500 DN, a bare name).
    private static func smtp(_ s: String) -> String? {
        var t = s.trimmingWhitespace()
        if t.hasPrefix("<"), t.hasSuffix(">"), t.count >= 2 { t = String(t.dropFirst().dropLast()) }
        guard !t.hasPrefix("/"), let at = t.lastIndex(of: "@"), at != t.startIndex, t.index(after: at) != t.endIndex,
            !t.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "," })
        else { return nil }
        return t.lowercased()
    }

    /// The body: `PR_BODY`, else text drawn from `PR_HTML`, else the compressed RTF (its HTML, or its text).
    private static func readBody(_ props: PropertyBag, charset: String, into m: inout MailMessage) throws {
        if let text = try props.string(body, charset: charset, diagnostics: &m.diagnostics) {
            m.text = OutlookMessage.lineFeeds(text)
            return
        }
        let htmlCharset = props.int32(internetCodePage).map { OutlookCodePage.charset(Int($0)) } ?? charset
        if let bytes = try props.binary(html) {
            m.htmlText = HTMLText.extract(
                Charset.decode(trimmingNUL(bytes), charset: htmlCharset, diagnostics: &m.diagnostics))
            return
        }
        if let html = try props.string(html, charset: htmlCharset, diagnostics: &m.diagnostics) {
            m.htmlText = HTMLText.extract(html)
            return
        }
        guard let compressed = try props.binary(rtfCompressed) else { return }
        do {
            switch CompressedRTF.body(ofRTF: try CompressedRTF.decompress(compressed)) {
            case .html(let html): m.htmlText = HTMLText.extract(html)
            case .text(let text): m.text = text
            }
        } catch {
            m.diagnostics.append(MailDiagnostic(.truncated, "RTF body (PR_RTF_COMPRESSED): \(error)"))
        }
    }

    /// Attachments in storage-name order; an embedded message is also a forwarded original.
    private static func readAttachments(
        _ file: CompoundFile, storage: Int, options: MessageParser.Options, depth: Int, charset: String,
        visited: inout Set<Int>, into m: inout MailMessage
    ) throws {
        for index in try sortedChildren(file, of: storage, prefix: "__attach_version1.0_#") {
            let props = try PropertyBag(file, storage: index, headerLength: 8)
            var name = try props.string(attachLongFilename, charset: charset, diagnostics: &m.diagnostics)
            if name?.isEmpty ?? true {
                name = try props.string(attachFilename, charset: charset, diagnostics: &m.diagnostics)
            }
            if name?.isEmpty ?? false { name = nil }
            var type =
                try props.string(attachMimeTag, charset: charset, diagnostics: &m.diagnostics).map(mediaType)
                ?? "application/octet-stream"
            var size = 0
            if let data = props.streamIndex(attachData, type: 0x0102) {
                size = file.entries[data].size
            } else if let storage = props.storageIndex(attachData, type: 0x000D),
                try !isEmbeddedMessage(file, storage, method: props.int32(attachMethod))
            {
                // An OLE object (a Word document, say) kept as a storage: an attachment, not a message.
                size = try file.streamBytes(under: storage)
            } else if let embedded = props.storageIndex(attachData, type: 0x000D) {
                type = "message/rfc822"
                // Outlook's own figure; without it, the bytes the embedded message's streams hold.
                size = try props.int32(attachSize).map { Int($0) } ?? file.streamBytes(under: embedded)
                if !visited.insert(embedded).inserted {
                    // A hostile directory can make two attachments share one storage, or one contain itself.
                    throw CompoundFileError.badDirectory(entry: embedded, reason: "embedded message reached twice")
                } else if depth + 1 < options.maxDepth {
                    m.appendAttached(
                        try read(
                            file, storage: embedded, headerLength: 24, options: options, depth: depth + 1,
                            visited: &visited))
                } else {
                    m.diagnostics.append(.attachedTooDeep(limit: options.maxDepth))
                }
            }
            m.attachments.append(MailAttachment(filename: name, contentType: type, size: size))
        }
    }

    /// Whether an attachment's storage is a message: `PR_ATTACH_METHOD` 5 (`afEmbeddedMessage`) says so, 6
    /// (`afStorage`) says not; without the property, a message is what has a property stream.
    private static func isEmbeddedMessage(_ file: CompoundFile, _ storage: Int, method: Int32?) throws -> Bool {
        if let method { return method == 5 }
        return try file.child(named: "__properties_version1.0", in: storage) != nil
    }

    /// `type/subtype` lowercased, without parameters.
    private static func mediaType(_ s: String) -> String {
        let bare = s.split(separator: ";", maxSplits: 1).first.map(String.init) ?? s
        let t = bare.trimmingWhitespace().lowercased()
        return t.contains("/") ? t : "application/octet-stream"
    }

    /// The substorages whose names start with `prefix`, ordered by name (their number).
    private static func sortedChildren(_ file: CompoundFile, of storage: Int, prefix: String) throws -> [Int] {
        try file.children(of: storage)
            .filter { file.entries[$0].kind == .storage && file.entries[$0].name.hasPrefix(prefix) }
            .sorted { file.entries[$0].name < file.entries[$1].name }
    }

    /// CRLF and lone CR as LF, on the UTF-8 bytes (a CR byte is never part of a multi-byte sequence).
    static func lineFeeds(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in LineEnds.normalized(utf8).map { String(decoding: $0, as: UTF8.self) } } ?? text
    }

    static func trimmingNUL(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 { end -= 1 }
        return Array(bytes[0..<end])
    }
}

/// Why a Compound File is not an Outlook message.
enum OutlookMessageError: Error, CustomStringConvertible {
    /// A Compound File without a property stream (a Word or Excel document, say).
    case notAMessage

    var description: String {
        switch self {
        case .notAMessage: "a Compound File but not an Outlook message (no __properties_version1.0 stream)"
        }
    }
}
