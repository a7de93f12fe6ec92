import BatonCore

/// How two spellings of an address are recognised as one person (`matching` in the configuration).
public struct AddressRules: Sendable {
    /// `a+tag@d` is `a@d`.
    public var subaddress: Bool
    /// Dots in Gmail local parts do not count; googlemail.com is gmail.com.
    public var gmailDots: Bool

    public init(subaddress: Bool = true, gmailDots: Bool = true) {
        self.subaddress = subaddress
        self.gmailDots = gmailDots
    }

    /// The rules of a configuration.
    public init(_ matching: Config.Matching) {
        self.init(subaddress: matching.subaddress, gmailDots: matching.gmailDots)
    }

    /// The form addresses are compared in.
    public func key(_ address: String) -> String {
        let lower = address.lowercased()
        guard let at = lower.lastIndex(of: "@") else { return lower }
        var local = String(lower[..<at])
        var domain = String(lower[lower.index(after: at)...])
        if domain == "googlemail.com" { domain = "gmail.com" }
        if subaddress, let plus = local.firstIndex(of: "+"), plus != local.startIndex {
            local = String(local[..<plus])
        }
        if gmailDots && domain == "gmail.com" { local.removeAll { $0 == "." } }
        return local + "@" + domain
    }
}
