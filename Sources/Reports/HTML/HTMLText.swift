/// Escaping of data strings for HTML text, attribute values and SVG `<text>`/`<title>`, per the HTML Living
/// Standard's serialisation rules (§13.3, "escaping a string"), plus the apostrophe so that single-quoted attributes
/// are safe too.
enum HTMLText {
    /// `s` with `& < > " '` replaced by character references, and C0 controls other than tab, line feed and carriage
    /// return replaced by U+FFFD (they are not allowed in SVG, which is XML, and show as nothing useful in HTML).
    static func escape(_ s: String) -> String {
        // Fast path: most addresses, sources and domains need nothing.
        if !s.utf8.contains(where: needsEscape) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `s` shortened to at most `limit` characters (the last one an ellipsis) so that a label fits its column;
    /// callers escape the result and keep the full string in a `<title>`.
    static func truncate(_ s: String, to limit: Int) -> String {
        guard s.count > limit, limit > 1 else { return s }
        return String(s.prefix(limit - 1)) + "…"
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x00...0x1F, 0x7F: byte != 0x09 && byte != 0x0A && byte != 0x0D
        default: false
        }
    }
}
