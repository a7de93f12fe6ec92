import BatonCore
import Store

/// The people `baton forget` erased, known only by salted hashes of their normalized addresses: what later scans
/// and imports consult to store nothing about them again.
public struct ForgottenPeople: Sendable {
    let salt: String
    let hashes: Set<String>
    let rules: AddressRules

    /// The store's forgotten hashes under `config`'s matching rules.
    public init(store: BatonStore, config: Config) throws {
        salt = try store.privacy.forgetSalt()
        hashes = try store.privacy.forgottenHashes()
        rules = AddressRules(config.matching)
    }

    /// Whether nobody was ever forgotten (then nothing needs hashing).
    public var isEmpty: Bool { hashes.isEmpty }

    /// Whether this address belongs to a forgotten person.
    public func contains(_ address: String) -> Bool {
        !hashes.isEmpty && hashes.contains(PersonalData.forgottenHash(rules.key(address), salt: salt))
    }

    /// The lead records of an import without those naming a forgotten person, and those rows' lines.
    public func filter(_ records: [LeadRecord]) -> (kept: [LeadRecord], skipped: [Int]) {
        guard !isEmpty else { return (records, []) }
        let forgotten = records.filter { $0.addresses.contains(where: contains) }
        return (records.filter { !$0.addresses.contains(where: contains) }, forgotten.map(\.line))
    }
}
