/// Address lists (RFC 5322 section 3.4 and the obsolete syntax of section 4.4): display names, quoted strings,
/// comments, groups and routes; an entry that holds no readable addr-spec is kept with a nil address.
enum AddressListParser {
    private enum Token {
        // Slices share the input's storage: no copy unless a quoted pair had to be undone.
        case word(ArraySlice<UInt8>, spaceBefore: Bool)  // atom, dot-atom or domain literal
        case quoted(ArraySlice<UInt8>, spaceBefore: Bool)
        case comment(ArraySlice<UInt8>)
        case special(UInt8, spaceBefore: Bool)
    }

    /// `specials` of RFC 5322 section 3.2.3 that structure an address list.
    @inline(__always) private static func isSpecial(_ b: UInt8) -> Bool {
        b == 0x3C || b == 0x3E || b == 0x2C || b == 0x3A || b == 0x3B || b == 0x40 || b == 0x22 || b == 0x28
            || b == 0x29
    }

    private static func tokenize(_ b: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var space = false
        let n = b.count
        while i < n {
            let c = b[i]
            if c.isWhitespace {
                space = true
                i += 1
                continue
            }
            if c == 0x22 {
                i += 1
                let start = i
                var escaped = false
                while i < n, b[i] != 0x22 {
                    if b[i] == 0x5C, i + 1 < n {
                        escaped = true
                        i += 1
                    }
                    i += 1
                }
                let end = min(i, n)
                i += 1
                if escaped {
                    var v: [UInt8] = []
                    var k = start
                    while k < end {
                        if b[k] == 0x5C, k + 1 < end { k += 1 }
                        v.append(b[k])
                        k += 1
                    }
                    tokens.append(.quoted(v[...], spaceBefore: space))
                } else {
                    tokens.append(.quoted(b[start..<end], spaceBefore: space))
                }
            } else if c == 0x28 {
                var depth = 0
                var v: [UInt8] = []
                while i < n {
                    let d = b[i]
                    if d == 0x5C, i + 1 < n {
                        v.append(b[i + 1])
                        i += 2
                        continue
                    }
                    if d == 0x28 {
                        depth += 1
                        if depth > 1 { v.append(d) }
                    } else if d == 0x29 {
                        depth -= 1
                        if depth == 0 {
                            i += 1
                            break
                        }
                        v.append(d)
                    } else {
                        v.append(d)
                    }
                    i += 1
                }
                tokens.append(.comment(v[...]))
                space = true
                continue
            } else if c == 0x5B {
                let start = i
                while i < n, b[i] != 0x5D { i += 1 }
                i = min(i + 1, n)
                tokens.append(.word(b[start..<i], spaceBefore: space))
            } else if isSpecial(c) {
                tokens.append(.special(c, spaceBefore: space))
                i += 1
            } else {
                let start = i
                while i < n, !b[i].isWhitespace, !isSpecial(b[i]), b[i] != 0x5B { i += 1 }
                tokens.append(.word(b[start..<i], spaceBefore: space))
            }
            space = false
        }
        return tokens
    }

    /// Parses an unfolded address-list header value.
    static func parse(_ bytes: [UInt8], diagnostics: inout [MailDiagnostic]) -> [MailAddress] {
        let tokens = tokenize(bytes)
        var result: [MailAddress] = []
        var item: [Token] = []
        var inAngle = false
        func finish() {
            if let a = address(from: item, diagnostics: &diagnostics) { result.append(a) }
            item.removeAll()
        }
        for t in tokens {
            if case .special(let c, _) = t {
                if c == 0x3C { inAngle = true }
                if c == 0x3E { inAngle = false }
                if !inAngle {
                    if c == 0x2C {
                        finish()
                        continue
                    }
                    if c == 0x3B {
                        finish()
                        continue
                    }
                    if c == 0x3A {
                        let hasAt = item.contains {
                            if case .special(let s, _) = $0 { return s == 0x40 || s == 0x3C } else { return false }
                        }
                        if !hasAt {
                            item.removeAll()  // group display name (section 3.4)
                            continue
                        }
                    }
                }
            }
            item.append(t)
        }
        finish()
        return result
    }

    private static func address(from item: [Token], diagnostics: inout [MailDiagnostic]) -> MailAddress? {
        if item.isEmpty { return nil }
        if let lt = item.firstIndex(where: { if case .special(0x3C, _) = $0 { return true } else { return false } }) {
            var inner = Array(item[(lt + 1)...])
            if let gt = inner.firstIndex(where: { if case .special(0x3E, _) = $0 { return true } else { return false } }
            ) {
                inner = Array(inner[..<gt])
            }
            // Obsolete route `@a,@b:` (section 4.4): keep what follows the last colon.
            if let colon = inner.lastIndex(where: {
                if case .special(0x3A, _) = $0 { return true } else { return false }
            }) {
                inner = Array(inner[(colon + 1)...])
            }
            var name = phrase(Array(item[..<lt]), diagnostics: &diagnostics)
            if name == nil {
                let tail = item[(lt + 1)...].compactMap { t -> [UInt8]? in
                    if case .comment(let c) = t { return Array(c) } else { return nil }
                }
                if let c = tail.last { name = decodePhrase(c, diagnostics: &diagnostics) }
            }
            let spec = addrSpec(inner)
            if spec == nil, name == nil {
                let raw = inner.compactMap { t -> [UInt8]? in
                    if case .word(let w, _) = t { return Array(w) } else { return nil }
                }
                if !raw.isEmpty { name = HeaderText.decode(Array(raw.joined(separator: [0x20]))) }
            }
            if spec == nil && name == nil { return nil }
            return MailAddress(name: name, address: spec)
        }
        guard let at = item.firstIndex(where: { if case .special(0x40, _) = $0 { return true } else { return false } })
        else {
            let name = phrase(item, diagnostics: &diagnostics)
            return name.map { MailAddress(name: $0, address: nil) }
        }
        // The addr-spec is the run of tokens around '@' with no whitespace inside it.
        var lo = at
        while lo > 0 {
            let prev = item[lo - 1]
            if case .word(_, let sp) = prev {
                lo -= 1
                if sp { break }
            } else if case .quoted(_, let sp) = prev {
                lo -= 1
                if sp { break }
            } else {
                break
            }
        }
        var hi = at + 1
        while hi < item.count {
            if case .word(_, let sp) = item[hi], !(sp && hi > at + 1) {
                hi += 1
            } else {
                break
            }
        }
        let spec = addrSpec(Array(item[lo..<hi]))
        var name = phrase(Array(item[..<lo]), diagnostics: &diagnostics)
        if name == nil {
            let comments = item.compactMap { t -> [UInt8]? in
                if case .comment(let c) = t { return Array(c) } else { return nil }
            }
            if let c = comments.last { name = decodePhrase(c, diagnostics: &diagnostics) }
        }
        if spec == nil && name == nil {
            let raw = item.compactMap { t -> [UInt8]? in
                if case .word(let w, _) = t { return Array(w) } else { return nil }
            }
            return MailAddress(name: HeaderText.decode(Array(raw.joined(separator: [0x40]))), address: nil)
        }
        return MailAddress(name: name, address: spec)
    }

    /// `addr-spec = local-part "@" domain` (section 3.4.1), lowercased; nil when either side is empty.
    private static func addrSpec(_ tokens: [Token]) -> String? {
        var local: [UInt8] = []
        var domain: [UInt8] = []
        var seenAt = false
        for t in tokens {
            switch t {
            case .word(let w, _):
                if seenAt { domain += w } else { local += w }
            case .quoted(let q, _):
                let plain = !q.isEmpty && q.allSatisfy { !$0.isWhitespace && !isSpecial($0) && $0 != 0x5C }
                let v = plain ? q : [0x22] + q + [0x22]
                if seenAt { domain += q } else { local += v }
            case .special(0x40, _):
                if seenAt { domain.append(0x40) } else { seenAt = true }
            case .special, .comment:
                continue
            }
        }
        guard seenAt, !local.isEmpty, !domain.isEmpty else { return nil }
        return HeaderText.decode(local + [0x40] + domain).lowercased()
    }

    /// A display name as written: each run of whitespace or comments between its tokens is one space
    /// (RFC 5322 section 3.2.2) and tokens written together stay together, so a name that is itself an
    /// address (`alice@example.com <bob@example.com>`) keeps its form; quoted strings are unquoted and encoded
    /// words decoded.
    private static func phrase(_ tokens: [Token], diagnostics: inout [MailDiagnostic]) -> String? {
        var bytes: [UInt8] = []
        for t in tokens {
            switch t {
            case .word(let w, let space), .quoted(let w, let space):
                if space, !bytes.isEmpty { bytes.append(0x20) }
                bytes += w
            case .special(let c, let space) where c == 0x40 || c == 0x3A:
                if space, !bytes.isEmpty { bytes.append(0x20) }
                bytes.append(c)
            default:
                continue
            }
        }
        return decodePhrase(bytes, diagnostics: &diagnostics)
    }

    private static func decodePhrase(_ bytes: [UInt8], diagnostics: inout [MailDiagnostic]) -> String? {
        let trimmed = Array(bytes.trimmedWhitespace())
        if trimmed.isEmpty { return nil }
        let text = EncodedWords.decode(trimmed, diagnostics: &diagnostics).trimmingWhitespace()
        return text.isEmpty ? nil : text
    }
}
