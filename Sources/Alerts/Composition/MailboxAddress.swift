import BatonCore

/// Addr-specs and display names as RFC 5322 section 3.4 writes them, for addresses that are untrusted input.
enum MailboxAddress {
    /// `atext` (RFC 5322 section 3.2.3): letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    @inline(__always) static func isAtext(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// Whether `address` is a plain `local@domain` Baton will write: a dot-atom local part (RFC 5322
    /// section 3.4.1), a domain of letter-digit-hyphen labels, at most 254 octets (RFC 5321 section 4.5.3.1.3),
    /// and no leading `-` (it would read as an option to sendmail). Quoted local parts, domain literals and
    /// non-ASCII addresses are refused: none is needed for alerts, and each is a way to smuggle syntax.
    static func isPlain(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count >= 3, bytes.count <= 254, bytes[0] != UInt8(ascii: "-") else { return false }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        return isDotAtom(local, allowed: isAtext) && isDotAtom(domain, allowed: isLabelByte)
    }

    @inline(__always) private static func isLabelByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-")
    }

    /// Non-empty runs of allowed bytes separated by single dots.
    private static func isDotAtom(_ bytes: ArraySlice<UInt8>, allowed: (UInt8) -> Bool) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x2E, last != 0x2E else { return false }
        var previousDot = false
        for b in bytes {
            if b == 0x2E {
                if previousDot { return false }
                previousDot = true
            } else {
                guard allowed(b) else { return false }
                previousDot = false
            }
        }
        return true
    }

    /// The header tokens of a display name (RFC 5322 section 3.2.5 `phrase`): plain words when every character
    /// is `atext`; a quoted string for other short ASCII names (`"`, `,`, `<`, `@`…); RFC 2047 encoded words for
    /// non-ASCII, long names, or names that already look like encoded words. Nil for an empty name.
    static func phraseTokens(_ name: String?, firstRoom: Int) -> [String]? {
        guard let cleaned = UntrustedText.optionalLine(name) else { return nil }
        let bytes = Array(cleaned.utf8)
        let ascii = bytes.allSatisfy { $0 < 0x80 }
        if ascii, !cleaned.contains("=?"), bytes.count <= 60 {
            let words = cleaned.split(separator: " ").map(String.init)
            if words.allSatisfy({ $0.utf8.allSatisfy(isAtext) }) { return words }
            var quoted = "\""
            for ch in cleaned {
                if ch == "\"" || ch == "\\" { quoted.append("\\") }
                quoted.append(ch)
            }
            quoted.append("\"")
            if quoted.utf8.count <= 70 { return [quoted] }
        }
        return EncodedWord.encode(cleaned, firstRoom: firstRoom)
    }
}
