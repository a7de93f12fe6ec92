import BatonCore
import Store

/// The person an address on the command line stands for (`baton forget`, `baton export`): the lead that has it
/// (every address of that lead), or the address alone, compared under the configuration's matching rules.
public struct PersonLookup {
    /// The address as given, lowercased.
    public let address: String
    /// The leads that have it.
    public let leadIDs: [Int64]
    /// The normalized forms of every address of the person.
    public let keys: Set<String>
    let rules: AddressRules
    let directory: MatchDirectory

    /// Looks `address` up in `store`.
    public init(address: String, config: Config, store: BatonStore) throws {
        self.address = EmailAddress.normalize(address)
        rules = AddressRules(config.matching)
        let leads = try store.people.leadDirectory()
        directory = MatchDirectory(config: config, leads: leads, reps: try store.people.repDirectory())
        let rules = rules
        let key = rules.key(self.address)
        leadIDs = try store.people.personLeads(
            PersonSelector(isPerson: { rules.key($0) == key }, isInternal: { _ in false }))
        var keys: Set<String> = [key]
        for entry in leads where leadIDs.contains(entry.id) {
            for address in entry.addresses { keys.insert(rules.key(address)) }
        }
        self.keys = keys
    }

    /// Whether the address is a rep's or in an internal domain: such an address is never forgotten.
    public var isInternal: Bool { directory.isInternal(address) }

    /// The store's view of the person.
    public var selector: PersonSelector {
        let rules = rules
        let keys = keys
        let directory = directory
        return PersonSelector(isPerson: { keys.contains(rules.key($0)) }, isInternal: { directory.isInternal($0) })
    }

    /// The normalized form of an address, as the forgotten hashes are taken.
    public var normalize: @Sendable (String) -> String {
        let rules = rules
        return { rules.key($0) }
    }
}
