/// TEXT value escapes (RFC 5545, 3.3.11).
public enum TextEscaping {
    /// Decodes `\\ \; \, \n \N`; an unknown escape keeps the escaped character.
    public static func unescape(_ raw: String) -> String {
        guard raw.utf8.contains(UInt8(ascii: "\\")) else { return raw }
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count)
        var escaped = false
        for byte in raw.utf8 {
            if escaped {
                switch byte {
                case UInt8(ascii: "n"), UInt8(ascii: "N"): out.append(0x0A)
                default: out.append(byte)
                }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        if escaped { out.append(UInt8(ascii: "\\")) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Splits a TEXT list value on unescaped commas, then unescapes each item.
    public static func splitList(_ raw: String, separator: UInt8 = UInt8(ascii: ",")) -> [String] {
        var items: [String] = []
        var current: [UInt8] = []
        var escaped = false
        for byte in raw.utf8 {
            if escaped {
                current.append(byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                current.append(byte)
                escaped = true
            } else if byte == separator {
                items.append(unescape(String(decoding: current, as: UTF8.self)))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        items.append(unescape(String(decoding: current, as: UTF8.self)))
        return items
    }
}
