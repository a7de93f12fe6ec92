/// Quoted-printable (RFC 2045 section 6.7) for the text and HTML parts.
///
/// Chosen over base64 so that an outbox `.eml` stays readable. Because `=` itself is always encoded, a MIME
/// boundary that contains `=_` can never appear in the encoded body (RFC 2045 section 6.7, note 4 of 2046).
enum QuotedPrintable {
    /// Encoded lines are at most 76 characters, soft line break included (rule 5).
    static let maxLine = 76

    /// Encodes UTF-8 text whose lines are separated by `\n` (a lone `\r` is encoded); hard line breaks become
    /// CRLF. The result ends with CRLF when the text ends with `\n`.
    static func encode(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        // The encoded line being built, and where in it the text after its last literal space starts: a soft
        // break goes there when it can, so that words stay whole for readers of the raw message.
        var line: [UInt8] = []
        var afterSpace: Int? = nil
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                out += line
                out += [0x0D, 0x0A]
                line.removeAll(keepingCapacity: true)
                afterSpace = nil
                i += 1
                continue
            }
            let lineEndsNext = i + 1 >= bytes.count || bytes[i + 1] == 0x0A
            let literal = (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || ((b == 0x20 || b == 0x09) && !lineEndsNext)
            let width = literal ? 1 : 3
            // Leave a column for the soft break `=` unless this is the line's last character.
            let limit = lineEndsNext ? maxLine : maxLine - 1
            if line.count + width > limit {
                if let cut = afterSpace, cut > 0, line.count - cut + width <= limit {
                    out += line[..<cut]
                    line.removeFirst(cut)
                } else {
                    out += line
                    line.removeAll(keepingCapacity: true)
                }
                out += [UInt8(ascii: "="), 0x0D, 0x0A]
                afterSpace = nil
            }
            if literal {
                line.append(b)
                if b == 0x20 { afterSpace = line.count }
            } else {
                line += [UInt8(ascii: "="), hexDigit(b >> 4), hexDigit(b & 0x0F)]
            }
            i += 1
        }
        out += line
        return out
    }

    @inline(__always) private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10
    }
}
