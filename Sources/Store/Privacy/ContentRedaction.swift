import BatonCore

/// Rewrites stored message bytes (a digest kept for retries) so that they no longer name a person.
public enum ContentRedaction {
    /// What a person's address or name becomes.
    public static let replacement = Array("[forgotten]".utf8)

    /// `bytes` with every occurrence of each token — as written, quoted-printable encoded (soft line breaks
    /// skipped) or HTML-escaped, ASCII letters in any case — replaced; nil when nothing matched.
    public static func redact(_ bytes: [UInt8], tokens: [String]) -> [UInt8]? {
        var variants: [[UInt8]] = []
        for token in tokens where !token.isEmpty {
            for variant in [Array(token.utf8), quotedPrintable(token), htmlEscaped(token)]
            where !variants.contains(variant) {
                variants.append(variant)
            }
        }
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
