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
            if i < n, bytes[i] == 0x22 {
                i += 1
                while i < n, bytes[i] != 0x22 {
                    if bytes[i] == 0x5C, i + 1 < n { i += 1 }
                    raw.append(bytes[i])
                    i += 1
                }
                i += 1
            } else {
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
            if sections[name]![section] == nil { sections[name]![section] = (raw, extended) }
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
            for key in parts.keys.sorted() {
                guard case (var raw, let extended)? = parts[key] else { continue }
                if extended {
                    anyExtended = true
                    if key == 0 || charset == nil && key == parts.keys.min() {
                        // charset'language'value (RFC 2231 section 4)
                        if let q1 = raw.firstIndex(of: 0x27), let q2 = raw[(q1 + 1)...].firstIndex(of: 0x27) {
                            charset = raw[0..<q1].lowercasedASCIIString
                            raw = Array(raw[(q2 + 1)...])
                        }
                    }
                    joined.append(contentsOf: ContentFields.percentDecode(raw))
                } else {
                    joined.append(contentsOf: raw)
                }
            }
            if anyExtended {
                params[name] = Charset.decode(joined, charset: charset ?? "utf-8", diagnostics: &diagnostics)
            } else {
                // Many mailers put RFC 2047 words in quoted parameters, against the RFC; decode them anyway.
                params[name] = EncodedWords.decode(joined, diagnostics: &diagnostics)
            }
        }
        parameters = params
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
