/// A rep as matching sees it.
public struct RepDirectoryEntry: Sendable, Equatable {
    public var email: String
    /// Primary address first, then aliases.
    public var addresses: [String]
    public var timezoneID: String?

    /// A value with every field given.
    public init(email: String, addresses: [String], timezoneID: String? = nil) {
        self.email = email
        self.addresses = addresses
        self.timezoneID = timezoneID
    }
}
