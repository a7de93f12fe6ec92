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

    /// The domain part of an address, or nil.
    public static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let d = address[address.index(after: at)...]
        return d.isEmpty ? nil : String(d)
    }
}
