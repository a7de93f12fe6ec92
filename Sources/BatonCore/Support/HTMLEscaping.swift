/// Escaping of untrusted text for HTML element content, quoted attributes and SVG text (the HTML Living Standard's
/// "escaping a string", plus the apostrophe so that single-quoted attributes are safe too): alerts, reports and
/// digests share this one routine.
public enum HTMLEscaping {
    /// `text` with `& < > " '` as character references and C0 controls other than tab, line feed and carriage
    /// return replaced by U+FFFD (they are not allowed in SVG, which is XML).
    public static func escape(_ text: String) -> String {
        // Fast path: most addresses, sources and domains need nothing.
        if !text.utf8.contains(where: needsEscape) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
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

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x00...0x1F, 0x7F: byte != 0x09 && byte != 0x0A && byte != 0x0D
        default: false
        }
    }
}
