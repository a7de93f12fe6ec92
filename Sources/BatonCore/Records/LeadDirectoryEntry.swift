/// A lead as matching sees it.
public struct LeadDirectoryEntry: Sendable, Equatable {
    public var id: Int64
    public var addresses: [String]
    public var companyDomain: String?
    public var ownerEmail: String?

    /// A value with every field given.
    public init(id: Int64, addresses: [String], companyDomain: String? = nil, ownerEmail: String? = nil) {
        self.id = id
        self.addresses = addresses
        self.companyDomain = companyDomain
        self.ownerEmail = ownerEmail
    }
}
