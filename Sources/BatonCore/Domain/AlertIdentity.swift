/// How Baton's own alert mail is recognised when it comes back (the loop guard): every Message-ID it mints
/// starts with one of these prefixes.
public enum AlertIdentity {
    /// An alert's own Message-ID: `baton-alert.<hex>@domain`.
    public static let alertPrefix = "baton-alert."
    /// The per-lead thread root every alert references: `baton-lead.<hex>@domain`.
    public static let threadPrefix = "baton-lead."

    /// Whether `id` (no angle brackets) is one Baton minted.
    public static func isBatonMessageID(_ id: String) -> Bool {
        let lowered = id.lowercased()
        return lowered.hasPrefix(alertPrefix) || lowered.hasPrefix(threadPrefix)
    }
}
