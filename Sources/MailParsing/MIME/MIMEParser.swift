/// Walks a message's MIME structure (RFC 2046 section 5.1) into a flat list of parts in document order.
struct MIMEParser {
    /// The message buffer.
    let buffer: UnsafeRawBufferPointer
    /// Limits.
    let maxDepth: Int
    let maxParts: Int
    /// The parts found, in document order.
    var parts: [MIMEPart] = []
    /// What was odd.
    var diagnostics: [MailDiagnostic] = []
    private var warnedDepth = false
    private var warnedParts = false

    init(buffer: UnsafeRawBufferPointer, maxDepth: Int, maxParts: Int) {
        self.buffer = buffer
        self.maxDepth = maxDepth
        self.maxParts = maxParts
    }

    /// Adds the entity with `headers` whose body is `body`, and its children.
    mutating func walk(headers: HeaderBlock, body: Range<Int>, depth: Int, defaultType: String = "text/plain") {
        if parts.count >= maxParts {
            if !warnedParts {
                warnedParts = true
                diagnostics.append(MailDiagnostic(.tooManyParts, "more than \(maxParts) MIME parts; the rest ignored"))
            }
            return
        }
        var type: ContentFields? = nil
        var disposition: ContentFields? = nil
        var encoding = "7bit"
        for field in headers.fields {
            let nameLength = field.name.count
            guard nameLength >= 12, buffer[field.name.lowerBound].lowercasedASCII == 0x63 else { continue }
            if type == nil, HeaderBlock.nameIs(buffer, field, Self.contentType) {
                type = ContentFields(HeaderBlock.unfold(buffer, field.value), diagnostics: &diagnostics)
            } else if disposition == nil, HeaderBlock.nameIs(buffer, field, Self.contentDisposition) {
                disposition = ContentFields(HeaderBlock.unfold(buffer, field.value), diagnostics: &diagnostics)
            } else if HeaderBlock.nameIs(buffer, field, Self.contentTransferEncoding) {
                let v = HeaderBlock.unfold(buffer, field.value)
                encoding = v.trimmedWhitespace().lowercasedASCIIString
            }
        }
        var contentType = type?.value ?? defaultType
        if !contentType.utf8.contains(0x2F) || contentType.hasPrefix("/") || contentType.hasSuffix("/") {
            contentType = defaultType
        }
        let params = type?.parameters ?? [:]
        var filename = disposition?.parameters["filename"] ?? params["name"]
        if let f = filename, f.isEmpty { filename = nil }
        var part = MIMEPart(
            contentType: contentType, parameters: params,
            disposition: disposition?.value.isEmpty == false ? disposition?.value : nil,
            filename: filename, transferEncoding: encoding, body: body, depth: depth, isLeaf: true)
        guard contentType.hasPrefix("multipart/"), let boundary = params["boundary"], !boundary.isEmpty else {
            parts.append(part)
            return
        }
        if depth >= maxDepth {
            if !warnedDepth {
                warnedDepth = true
                diagnostics.append(
                    MailDiagnostic(
                        .tooDeep, "MIME nesting deeper than \(maxDepth) (limits.max_mime_depth); inner parts not read"))
            }
            parts.append(part)
            return
        }
        part.isLeaf = false
        parts.append(part)
        let childDefault = contentType == "multipart/digest" ? "message/rfc822" : "text/plain"
        for child in splitMultipart(body: body, boundary: Array(boundary.utf8)) {
            let childHeaders = HeaderBlock(buffer, from: child.lowerBound, to: child.upperBound, skipFromLine: false)
            walk(
                headers: childHeaders, body: childHeaders.bodyStart..<child.upperBound, depth: depth + 1,
                defaultType: childDefault)
            if parts.count >= maxParts { break }
        }
    }

    private static let contentType = Array("content-type".utf8)
    private static let contentDisposition = Array("content-disposition".utf8)
    private static let contentTransferEncoding = Array("content-transfer-encoding".utf8)

    /// The body parts between delimiter lines `--boundary` (RFC 2046 section 5.1.1): the preamble and the
    /// epilogue are dropped, whitespace after a delimiter is allowed, a missing close delimiter ends the last
    /// part at the end of the body.
    mutating func splitMultipart(body: Range<Int>, boundary: [UInt8]) -> [Range<Int>] {
        let delimiter: [UInt8] = [0x2D, 0x2D] + boundary
        var ranges: [Range<Int>] = []
        var partStart: Int? = nil
        var search = body.lowerBound
        let end = body.upperBound
        var closed = false
        while search < end, let hit = ByteSearch.index(ofDashed: delimiter, in: buffer, from: search, to: end) {
            search = hit + 1
            guard hit == body.lowerBound || buffer[hit - 1] == 0x0A else { continue }
            var k = hit + delimiter.count
            var isClose = false
            if k + 1 < end, buffer[k] == 0x2D, buffer[k + 1] == 0x2D {
                isClose = true
                k += 2
            }
            while k < end, buffer[k].isWSP { k += 1 }
            guard k >= end || buffer[k] == 0x0A || buffer[k] == 0x0D else { continue }
            if let s = partStart {
                // The line break before the delimiter belongs to the delimiter.
                var e = hit
                if e > s, buffer[e - 1] == 0x0A { e -= 1 }
                if e > s, buffer[e - 1] == 0x0D { e -= 1 }
                ranges.append(s..<max(s, e))
                if ranges.count >= maxParts {
                    if !warnedParts {
                        warnedParts = true
                        diagnostics.append(
                            MailDiagnostic(.tooManyParts, "more than \(maxParts) MIME parts; the rest ignored"))
                    }
                    return ranges
                }
            }
            let lineEnd = ByteSearch.lineEnd(in: buffer, from: k, to: end)
            if isClose {
                closed = true
                partStart = nil
                break
            }
            partStart = min(lineEnd + 1, end)
            search = partStart!
        }
        if let s = partStart, !closed {
            ranges.append(s..<end)
            diagnostics.append(MailDiagnostic(.missingFinalBoundary, "multipart without its closing delimiter"))
        }
        return ranges
    }
}
