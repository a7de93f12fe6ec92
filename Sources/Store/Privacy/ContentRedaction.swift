import BatonCore

/// Rewrites stored message bytes (a digest kept for retries) so that they no longer name a person.
public enum ContentRedaction {
    /// What a person's address or name becomes.
    public static let replacement = Array("[forgotten]".utf8)

    /// `bytes` with every occurrence of each token — as written, quoted-printable encoded (soft line breaks
    /// skipped), HTML-escaped, or inside a header's RFC 2047 encoded words, ASCII letters in any case —
    /// replaced; nil when nothing matched.
    public static func redact(_ original: [UInt8], tokens: [String]) -> [UInt8]? {
        let headersRedacted = redactEncodedHeaders(original, tokens: tokens)
        let bytes = headersRedacted ?? original
        var variants: [[UInt8]] = []
        for token in tokens where !token.isEmpty {
            for variant in [Array(token.utf8), quotedPrintable(token), htmlEscaped(token)]
            where !variants.contains(variant) {
                variants.append(variant)
            }
        }
        return replacing(variants, in: bytes) ?? headersRedacted
    }

    /// `bytes` with every match of a variant (`match`) replaced by `replacement`; nil when none matched.
    static func replacing(_ variants: [[UInt8]], in bytes: [UInt8]) -> [UInt8]? {
        guard !variants.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var changed = false
        var i = 0
        scan: while i < bytes.count {
            for variant in variants {
                if let end = match(variant, in: bytes, at: i) {
                    out += replacement
                    i = end
                    changed = true
                    continue scan
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return changed ? out : nil
    }

    /// The message's header section with every field whose value, its encoded words decoded (RFC 2047: the space
    /// between two adjacent encoded words is dropped), names a token rewritten whole: decoded, redacted and
    /// written again as UTF-8 encoded words, folded with the field's own line ending. A name split between plain
    /// and encoded words (`Fatima Kh=?UTF-8?B?…?=`) or across two encoded words is found too. Nil when no field
    /// changed.
    static func redactEncodedHeaders(_ bytes: [UInt8], tokens: [String]) -> [UInt8]? {
        let needles = tokens.filter { !$0.isEmpty }.map { Array($0.utf8) }
        guard !needles.isEmpty else { return nil }
        // Lines of the header section, each with its line ending; the section ends at the first empty line.
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            let line = bytes[start..<end]
            if line.first == 0x0A || (line.first == 0x0D && line.count == 2) { break }
            lines.append(line)
            start = end
        }
        var out: [UInt8] = []
        var changed = false
        var index = 0
        while index < lines.count {
            var field = [lines[index]]
            index += 1
            while index < lines.count, let first = lines[index].first, first == 0x20 || first == 0x09 {
                field.append(lines[index])
                index += 1
            }
            if let rewritten = redactField(field, needles) {
                out += rewritten
                changed = true
            } else {
                for line in field { out += line }
            }
        }
        guard changed else { return nil }
        return out + bytes[start...]
    }

    /// One header field (its lines) rewritten when its decoded value names a needle; nil otherwise.
    private static func redactField(_ lines: [ArraySlice<UInt8>], _ needles: [[UInt8]]) -> [UInt8]? {
        let eol: [UInt8] = lines[0].suffix(2) == [0x0D, 0x0A] ? [0x0D, 0x0A] : [0x0A]
        let unfolded = lines.flatMap { $0.filter { $0 != 0x0D && $0 != 0x0A } }
        guard let colon = unfolded.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let value = String(decoding: unfolded[(colon + 1)...], as: UTF8.self)
        guard value.contains("=?") else { return nil }
        var decoded: [UInt8] = []
        var previousEncoded = false
        for word in value.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if let bytes = EncodedWord.decode(word) {
                if !decoded.isEmpty && !previousEncoded { decoded.append(0x20) }
                decoded += bytes
                previousEncoded = true
            } else {
                if !decoded.isEmpty { decoded.append(0x20) }
                decoded += Array(word.utf8)
                previousEncoded = false
            }
        }
        guard let redacted = replacing(needles, in: decoded) else { return nil }
        let name = Array(unfolded[..<colon])
        let words = EncodedWord.encode(String(decoding: redacted, as: UTF8.self), firstRoom: 76 - name.count)
        return name + Array(": ".utf8) + Array(words.joined(separator: String(decoding: eol, as: UTF8.self) + " ").utf8)
            + eol
    }

    /// The end of `variant` matched at `start`, skipping quoted-printable soft line breaks inside it.
    static func match(_ variant: [UInt8], in bytes: [UInt8], at start: Int) -> Int? {
        var j = start
        for (k, expected) in variant.enumerated() {
            while k > 0, j + 2 < bytes.count, bytes[j] == 0x3D, bytes[j + 1] == 0x0D, bytes[j + 2] == 0x0A { j += 3 }
            while k > 0, j + 1 < bytes.count, bytes[j] == 0x3D, bytes[j + 1] == 0x0A { j += 2 }
            guard j < bytes.count, lower(bytes[j]) == lower(expected) else { return nil }
            j += 1
        }
        return j
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// The token as quoted-printable writes it: `=` and non-ASCII bytes as `=XX`.
    static func quotedPrintable(_ token: String) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in token.utf8 {
            if byte == 0x3D || byte >= 0x80 {
                out += [0x3D, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            } else {
                out.append(byte)
            }
        }
        return out
    }

    /// The token as HTML text writes it.
    static func htmlEscaped(_ token: String) -> [UInt8] { Array(HTMLEscaping.escape(token).utf8) }
}
