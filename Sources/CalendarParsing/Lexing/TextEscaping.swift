#if canImport(Glibc)
    import Glibc
#endif

/// TEXT value escapes (RFC 5545, 3.3.11).
public enum TextEscaping {
    /// Decodes `\\ \; \, \n \N`; an unknown escape keeps the escaped character.
    public static func unescape(_ raw: String) -> String {
        var text = raw
        // Decoded straight into the new string's storage: the output is never longer than the input.
        let decoded: String? = text.withUTF8 { input in
            guard let base = input.baseAddress, memchr(base, Int32(UInt8(ascii: "\\")), input.count) != nil else {
                return nil
            }
            return String(unsafeUninitializedCapacity: input.count) { out in
                var written = 0
                var escaped = false
                for byte in input {
                    if escaped {
                        out[written] = byte == UInt8(ascii: "n") || byte == UInt8(ascii: "N") ? 0x0A : byte
                        written += 1
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else {
                        out[written] = byte
                        written += 1
                    }
                }
                if escaped {
                    out[written] = UInt8(ascii: "\\")
                    written += 1
                }
                return written
            }
        }
        return decoded ?? raw
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
