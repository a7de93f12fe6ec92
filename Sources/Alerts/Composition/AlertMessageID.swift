import BatonCore

/// The `Message-ID`s Baton gives its alerts, and how the ingestion loop guard recognises them.
///
/// Both forms are `prefix.<32 lowercase hex>@domain`, the hex being the first half of the SHA-256 of a key, so
/// the same key always gives the same id and no key text (untrusted) reaches a header.
public enum AlertMessageID {
    static let alertPrefix = "baton-alert."
    static let threadPrefix = "baton-lead."

    /// `baton-alert.<32 hex of SHA-256 of key>@<domain>`: stable for the same key.
    public static func make(key: String, domain: String) -> String {
        alertPrefix + String(SHA256.hex(key).prefix(32)) + "@" + cleanDomain(domain)
    }

    /// The per-lead thread root every alert about a lead references: `baton-lead.<32 hex of SHA-256>@<domain>`.
    public static func threadRoot(leadKey: String, domain: String) -> String {
        threadPrefix + String(SHA256.hex(leadKey).prefix(32)) + "@" + cleanDomain(domain)
    }

    /// Whether an id (without angle brackets; brackets are tolerated) is one Baton made, in either form.
    public static func isBaton(_ id: String) -> Bool {
        var text = Substring(id)
        if text.hasPrefix("<"), text.hasSuffix(">"), text.count >= 2 { text = text.dropFirst().dropLast() }
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix(alertPrefix) {
            rest = lower.dropFirst(alertPrefix.count)
        } else if lower.hasPrefix(threadPrefix) {
            rest = lower.dropFirst(threadPrefix.count)
        } else {
            return false
        }
        let hex = rest.prefix(32)
        guard hex.count == 32, hex.allSatisfy({ $0.isHexDigit }) else { return false }
        let tail = rest.dropFirst(32)
        return tail.count > 1 && tail.first == "@"
    }

    /// The domain reduced to letters, digits, dots and hyphens, so that it can only be a dot-atom.
    static func cleanDomain(_ domain: String) -> String {
        let kept = domain.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-")
        }
        let text = String(String.UnicodeScalarView(kept)).trimmingDots()
        return text.isEmpty ? "baton.invalid" : String(text.prefix(200))
    }
}

extension String {
    /// Without leading or trailing dots.
    func trimmingDots() -> String {
        var s = Substring(self)
        while s.first == "." { s = s.dropFirst() }
        while s.last == "." { s = s.dropLast() }
        return String(s)
    }
}
