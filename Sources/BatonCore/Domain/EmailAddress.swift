import Foundation

/// Checks and normalises the addresses Baton reads from CSV files and configuration.
public enum EmailAddress {
    /// Lowercases and trims an address, dropping surrounding `<…>` and a `mailto:` prefix.
    public static func normalize(_ raw: String) -> String {
        var s = raw.trimmedWhitespace()
        if s.hasPrefix("<") && s.hasSuffix(">") { s = String(s.dropFirst().dropLast()) }
        let lower = s.lowercased()
        return lower.hasPrefix("mailto:") ? String(s.dropFirst(7)).lowercased() : lower
    }

    /// Whether `address` (already normalised) looks like `local@domain.tld`: one `@`, no spaces or controls,
    /// a dotted domain of letters, digits and hyphens (RFC 5321 §4.1.2, relaxed for UTF-8 per RFC 6531).
    public static func isValid(_ address: String) -> Bool {
        if let ascii = isValidASCII(address.utf8) { return ascii }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return false }
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty, domain.count <= 253 else { return false }
        for scalar in address.unicodeScalars {
            switch scalar {
            case "<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "\"": return false
            default: if scalar.value <= 0x20 || scalar.value == 0x7F { return false }
            }
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return domain == "localhost" }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy {
                    // Of the ASCII characters, the alphanumerics are exactly the letters and digits.
                    switch $0 {
                    case "a"..."z", "A"..."Z", "0"..."9", "-": true
                    default: $0.value > 0x7F
                    }
                }
        }
    }

    /// `isValid` for an ASCII address, read byte by byte (nil when `bytes` holds a byte outside ASCII): what a CSV
    /// import checks for every address of every row. The same rules, where a byte is a character: an ASCII string
    /// holds one character per byte but for CR LF, which the rules refuse either way.
    private static func isValidASCII(_ bytes: String.UTF8View) -> Bool? {
        var at: String.UTF8View.Index?
        var valid = true
        for i in bytes.indices {
            let b = bytes[i]
            if b >= 0x80 { return nil }
            switch b {
            case 0x00...0x20, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
                UInt8(ascii: "\\"), UInt8(ascii: "\""):
                valid = false
            case UInt8(ascii: "@"):
                if at != nil { valid = false }
                at = i
            default: break
            }
        }
        guard valid, let at else { return false }
        let local = bytes[..<at]
        let domain = bytes[bytes.index(after: at)...]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty, domain.count <= 253 else { return false }
        let dot = UInt8(ascii: ".")
        if local.first == dot || local.last == dot { return false }
        if zip(local, local.dropFirst()).contains(where: { $0 == dot && $1 == dot }) { return false }
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return domain.elementsEqual("localhost".utf8) }
        let hyphen = UInt8(ascii: "-")
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != hyphen && label.last != hyphen
                && label.allSatisfy { b in
                    switch b {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                        UInt8(ascii: "0")...UInt8(ascii: "9"), hyphen:
                        true
                    default: false
                    }
                }
        }
    }

    /// The domain part of an address, or nil.
    public static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let d = address[address.index(after: at)...]
        return d.isEmpty ? nil : String(d)
    }
}
