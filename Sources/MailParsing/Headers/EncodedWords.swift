/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in unstructured text and phrases.
enum EncodedWords {
    /// Decodes every well-formed encoded word in `bytes`; whitespace between adjacent encoded words is dropped
    /// (RFC 2047 section 6.2) and words in the same charset are joined before charset decoding, so a character
    /// split across two words survives. A malformed word is left as written.
    static func decode<C: RandomAccessCollection>(_ input: C, diagnostics: inout [MailDiagnostic]) -> String
    where C.Element == UInt8, C.Index == Int {
        let bytes = input
        guard containsMarker(bytes) else { return HeaderText.decode(bytes) }
        var out = ""
        var pendingCharset: String?
        var pending: [UInt8] = []
        var literalStart = bytes.startIndex
        var i = bytes.startIndex
        var lastWordEnd: Int? = nil

        func flushPending() {
            if let cs = pendingCharset {
                out += Charset.decode(pending, charset: cs, diagnostics: &diagnostics)
                pending.removeAll(keepingCapacity: true)
                pendingCharset = nil
            }
        }

        while i < bytes.endIndex {
            if bytes[i] == 0x3D, i + 1 < bytes.endIndex, bytes[i + 1] == 0x3F,
                let word = parseWord(bytes, at: i)
            {
                let between = bytes[literalStart..<i]
                let onlySpace = between.allSatisfy { $0.isWhitespace }
                if !(lastWordEnd != nil && onlySpace) {
                    flushPending()
                    out += HeaderText.decode(between)
                }
                if pendingCharset != word.charset { flushPending() }
                pendingCharset = word.charset
                pending.append(contentsOf: word.decoded)
                i = word.end
                literalStart = i
                lastWordEnd = i
                continue
            }
            i += 1
        }
        flushPending()
        out += HeaderText.decode(bytes[literalStart..<bytes.endIndex])
        return out
    }

    @inline(__always)
    private static func containsMarker<C: RandomAccessCollection>(_ bytes: C) -> Bool
    where C.Element == UInt8, C.Index == Int {
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            if bytes[i] == 0x3D && bytes[i + 1] == 0x3F { return true }
            i += 1
        }
        return false
    }

    private struct Word {
        var charset: String
        var decoded: [UInt8]
        var end: Int
    }

    /// `encoded-word = "=?" charset "?" encoding "?" encoded-text "?="` (RFC 2047 section 2).
    private static func parseWord<C: RandomAccessCollection>(_ b: C, at start: Int) -> Word?
    where C.Element == UInt8, C.Index == Int {
        var i = start + 2
        let csStart = i
        while i < b.endIndex, b[i] != 0x3F, !b[i].isWhitespace { i += 1 }
        guard i < b.endIndex, b[i] == 0x3F, i > csStart else { return nil }
        var charset = b[csStart..<i].lowercasedASCIIString
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }  // RFC 2231 section 5
        i += 1
        guard i + 1 < b.endIndex, b[i + 1] == 0x3F else { return nil }
        let enc = b[i].lowercasedASCII
        guard enc == 0x62 || enc == 0x71 else { return nil }
        i += 2
        let textStart = i
        while i + 1 < b.endIndex {
            if b[i] == 0x3F && b[i + 1] == 0x3D { break }
            if b[i] == 0x20 || b[i] == 0x09 { return nil }
            i += 1
        }
        guard i + 1 < b.endIndex else { return nil }
        let text = b[textStart..<i]
        var decoded: [UInt8]
        if enc == 0x62 {
            guard let d = TransferDecoding.decodeBase64Strict(text) else { return nil }
            decoded = d
        } else {
            decoded = []
            decoded.reserveCapacity(text.count)
            var k = text.startIndex
            while k < text.endIndex {
                let c = text[k]
                if c == 0x5F {
                    decoded.append(0x20)
                } else if c == 0x3D, k + 2 < text.endIndex, let h = text[k + 1].hexValue, let l = text[k + 2].hexValue {
                    decoded.append(h << 4 | l)
                    k += 2
                } else {
                    decoded.append(c)
                }
                k += 1
            }
        }
        return Word(charset: charset, decoded: decoded, end: i + 2)
    }
}
