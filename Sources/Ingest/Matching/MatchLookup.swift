import BatonCore
import Store

/// What the `match_lookup` setting records: that the match snapshot (`match_leads` and `match_keys`) holds every
/// lead's entry as the directory with `fingerprint` makes it, the matching inputs the stored matches were then
/// checked against, that directory's highest lead id, and its fingerprint's hash state after the leads. A scan that
/// finds the inputs unchanged looks leads up in the snapshot with it (`MatchDirectory.lookingUp`), and adds a lead it
/// creates as a loaded directory would. Kept as four lines of text; an empty or malformed setting is no lookup.
struct MatchLookup: Equatable {
    var fingerprint: String
    var inputs: String
    var lastID: Int64
    var leadsHash: String

    init(fingerprint: String, inputs: String, lastID: Int64, leadsHash: String) {
        self.fingerprint = fingerprint
        self.inputs = inputs
        self.lastID = lastID
        self.leadsHash = leadsHash
    }

    /// The setting's value read back; nil for none, an empty one, or one that is not four lines with a number third.
    init?(_ text: String?) {
        guard let parts = text?.split(separator: "\n", omittingEmptySubsequences: false), parts.count == 4,
            !parts[0].isEmpty, let lastID = Int64(parts[2])
        else { return nil }
        self.init(fingerprint: String(parts[0]), inputs: String(parts[1]), lastID: lastID, leadsHash: String(parts[3]))
    }

    /// The setting's value.
    var text: String { "\(fingerprint)\n\(inputs)\n\(lastID)\n\(leadsHash)" }
}

extension MessageIngestor {
    /// Whether this scan's directory looks its leads up in the store rather than holding them all (`lookup`).
    public var looksLeadsUp: Bool { builtDirectory?.stored != nil }

    /// The directory that looks leads up, when `refreshDirectory` found the snapshot fit and it still is (the
    /// directory is made at the first message, maybe after another command changed the leads), and its
    /// fingerprint, made from the saved hash state, the reps and the configuration, is the one recorded.
    func lookedUpDirectory() throws -> MatchDirectory? {
        guard let lookup, MatchLookup(try store.settings.matchLookup) == lookup, try matchInputs() == lookup.inputs,
            let hash = SHA256(savedState: lookup.leadsHash)
        else { return nil }
        let looked = try MatchDirectory.lookingUp(store: store, config: config, lastID: lookup.lastID, leadsHash: hash)
        return looked.fingerprint == lookup.fingerprint ? looked : nil
    }
}
