/// One rep row of a CRM or HR export.
public struct RepRecord: Sendable, Equatable {
    public var line: Int
    public var email: String
    public var name: String?
    public var team: String?
    public var managerEmail: String?
    public var timezoneID: String?
    /// Further addresses, normalised.
    public var aliases: [String]

    /// A value with every field given.
    public init(
        line: Int, email: String, name: String? = nil, team: String? = nil, managerEmail: String? = nil,
        timezoneID: String? = nil, aliases: [String]
    ) {
        self.line = line
        self.email = email
        self.name = name
        self.team = team
        self.managerEmail = managerEmail
        self.timezoneID = timezoneID
        self.aliases = aliases
    }
}
