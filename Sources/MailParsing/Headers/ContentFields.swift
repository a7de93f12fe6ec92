/// A `Content-Type` or `Content-Disposition` value: the leading token and its parameters
/// (RFC 2045 section 5.1, RFC 2183, with RFC 2231 continuations and `charset'lang'value` encoding).
struct ContentFields {
    /// The leading value, lowercased (`text/plain`, `attachment`).
    var value: String
    /// Parameters by lowercased name, decoded.
    var parameters: [String: String]

    /// Parses an unfolded header value.
    init(_ bytes: [UInt8], diagnostics: inout [MailDiagnostic]) {
        var i = 0
        let n = bytes.count
        func skipSpaceAndComments() {
            while i < n {
                if bytes[i].isWhitespace {
                    i += 1
                } else if bytes[i] == 0x28 {
                    var depth = 0
                    while i < n {
                        if bytes[i] == 0x5C { i += 2; continue }
                        if bytes[i] == 0x28 { depth += 1 }
                        if bytes[i] == 0x29 { depth -= 1; if depth == 0 { i += 1; break } }
                        i += 1
                    }
                } else {
                    return
                }
            }
        }
        skipSpaceAndComments()
        let start = i
        while i < n, bytes[i] != 0x3B, !bytes[i].isWhitespace, bytes[i] != 0x28 { i += 1 }
        value = bytes[start..<min(i, n)].lowercasedASCIIString
        // name → (section → (value, extended))
        var sections: [String: [Int: ([UInt8], Bool)]] = [:]
        var order: [String] = []
        var simple: [String: [UInt8]] = [:]
        while i < n {
            while i < n, bytes[i] != 0x3B { i += 1 }
            if i >= n { break }
            i += 1
            skipSpaceAndComments()
            let nameStart = i
            while i < n, bytes[i] != 0x3D, bytes[i] != 0x3B, !bytes[i].isWhitespace { i += 1 }
            var name = bytes[nameStart..<min(i, n)].lowercasedASCIIString
            skipSpaceAndComments()
            guard i < n, bytes[i] == 0x3D, !name.isEmpty else { continue }
            i += 1
            skipSpaceAndComments()
            var raw: [UInt8] = []
            if i < n, bytes[i] == 0x22, let close = Self.closingQuote(bytes, from: i + 1) {
                i += 1
                while i < close {
                    if bytes[i] == 0x5C, i + 1 < close { i += 1 }
                    raw.append(bytes[i])
                    i += 1
                }
                i = close + 1
            } else {
                if i < n, bytes[i] == 0x22 {
                    // A quote that never closes would swallow every later parameter (the boundary, the
                    // charset, the other sections of a name): read the value as a token up to the next `;`.
                    diagnostics.append(
                        MailDiagnostic(.badParameter, "parameter '\(name)': quoted string without its closing quote"))
                    i += 1
                }
                while i < n, bytes[i] != 0x3B {
                    raw.append(bytes[i])
                    i += 1
                }
                while let l = raw.last, l.isWhitespace { raw.removeLast() }
            }
            if !name.utf8.contains(0x2A) {
                // A plain parameter (nearly all of them): no RFC 2231 bookkeeping.
                if sections[name] == nil, simple[name] == nil {
                    simple[name] = raw
                    order.append(name)
                }
                continue
            }
            var extended = false
            if name.hasSuffix("*") {
                extended = true
                name.removeLast()
            }
            var section = 0
            if let star = name.lastIndex(of: "*"), let num = Int(name[name.index(after: star)...]) {
                section = num
                name = String(name[..<star])
            }
            if sections[name] == nil {
                order.append(name)
                sections[name] = [:]
            }
            if sections[name]![section] == nil {
                sections[name]![section] = (raw, extended)
            } else {
                diagnostics.append(
                    MailDiagnostic(.badParameter, "parameter '\(name)': section \(section) repeated; the first kept"))
            }
        }
        var params: [String: String] = [:]
        for name in order {
            if params[name] != nil { continue }
            if sections[name] == nil, let raw = simple[name] {
                // Many mailers put RFC 2047 words in quoted parameters, against the RFC; decode them anyway.
                params[name] = EncodedWords.decode(raw, diagnostics: &diagnostics)
                continue
            }
            guard let parts = sections[name] else { continue }
            var charset: String? = nil
            var joined: [UInt8] = []
            var anyExtended = false
            // Sections are joined in numeric order whatever order they were written in; a missing section
            // leaves a gap rather than losing the ones after it (RFC 2231 section 3 says nothing of gaps:
            // best effort, as other readers do), and a repeated one keeps its first value.
            let keys = parts.keys.sorted()
            if keys.first != 0 || keys.last != keys.count - 1 {
                diagnostics.append(
                    MailDiagnostic(
                        .badParameter, "parameter '\(name)': continuation sections missing; joined what is there"))
            }
            for key in keys {
                guard case (var raw, let extended)? = parts[key] else { continue }
                if extended {
                    if !anyExtended, let (label, rest) = Self.charsetPrefix(raw) {
                        // charset'language'value (RFC 2231 section 4), only in the first encoded section.
                        charset = label
                        raw = rest
                    } else if let first = charset, let (label, rest) = Self.charsetPrefix(raw), label == first {
                        // Some mailers repeat the prefix in every section.
                        raw = rest
                    }
                    anyExtended = true
                    joined.append(contentsOf: ContentFields.percentDecode(raw))
                } else {
                    joined.append(contentsOf: raw)
                }
            }
            if anyExtended {
                params[name] = Self.decode(joined, charset: charset, parameter: name, diagnostics: &diagnostics)
            } else {
                // Many mailers put RFC 2047 words in quoted parameters, against the RFC; decode them anyway.
                params[name] = EncodedWords.decode(joined, diagnostics: &diagnostics)
            }
        }
        parameters = params
    }

    /// The index of the quote that closes a quoted string starting at `from`, past quoted pairs; nil when the
    /// value ends first.
    private static func closingQuote(_ bytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if bytes[i] == 0x5C {
                i += 2
                continue
            }
            if bytes[i] == 0x22 { return i }
            i += 1
        }
        return nil
    }

    /// `charset'language'` at the start of an extended value (RFC 2231 section 4): the charset, lowercased,
    /// and the rest; nil when the value has no such prefix (a charset is a token: no space, quote or `%`).
    private static func charsetPrefix(_ raw: [UInt8]) -> (String, [UInt8])? {
        guard let q1 = raw.firstIndex(of: 0x27), let q2 = raw[(q1 + 1)...].firstIndex(of: 0x27) else { return nil }
        let isToken = { (b: UInt8) in b > 0x20 && b < 0x7F && b != 0x25 && b != 0x22 }
        guard raw[..<q1].allSatisfy(isToken), raw[(q1 + 1)..<q2].allSatisfy(isToken) else { return nil }
        return (raw[0..<q1].lowercasedASCIIString, Array(raw[(q2 + 1)...]))
    }

    /// An extended value's bytes in its charset (UTF-8 when none is given). A charset nobody knows leaves
    /// the bytes as UTF-8 when they are valid UTF-8 and as Windows-1252 otherwise: a file name is better
    /// read as `Résumé.pdf` than as `R\u{FFFD}sum\u{FFFD}.pdf`.
    private static func decode(
        _ bytes: [UInt8], charset: String?, parameter: String, diagnostics: inout [MailDiagnostic]
    ) -> String {
        guard let charset, !charset.isEmpty else {
            return Charset.decode(bytes, charset: "utf-8", diagnostics: &diagnostics)
        }
        var local: [MailDiagnostic] = []
        let text = Charset.decode(bytes, charset: charset, diagnostics: &local)
        guard local.contains(where: { $0.code == .unknownCharset }) else {
            diagnostics += local
            return text
        }
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            diagnostics.append(
                MailDiagnostic(.unknownCharset, "parameter '\(parameter)': charset '\(charset)' unknown; read as UTF-8")
            )
            return utf8
        }
        diagnostics.append(
            MailDiagnostic(
                .unknownCharset, "parameter '\(parameter)': charset '\(charset)' unknown; read as Windows-1252"))
        return Charset.decode(bytes, charset: "windows-1252", diagnostics: &diagnostics)
    }

    /// `%XX` decoding of an RFC 2231 extended value; a bad escape is kept.
    static func percentDecode(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == 0x25, i + 2 < raw.count, let h = raw[i + 1].hexValue, let l = raw[i + 2].hexValue {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return out
    }
}
