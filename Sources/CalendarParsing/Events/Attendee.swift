/// An `ATTENDEE` (RFC 5545, 3.8.4.1) with the parameters scheduling needs (RFC 5546).
public struct Attendee: Sendable, Hashable {
    /// The address, lower-cased, without `mailto:`.
    public var address: String
    /// `CN`, or nil.
    public var name: String?
    /// `PARTSTAT`, upper-cased; `NEEDS-ACTION` when absent.
    public var participationStatus: String
    /// `ROLE`, upper-cased; `REQ-PARTICIPANT` when absent.
    public var role: String
    /// `RSVP=TRUE`.
    public var rsvp: Bool
    /// `DELEGATED-TO` addresses.
    public var delegatedTo: [String]
    /// `DELEGATED-FROM` addresses.
    public var delegatedFrom: [String]

    /// An attendee.
    public init(
        address: String, name: String? = nil, participationStatus: String = "NEEDS-ACTION",
        role: String = "REQ-PARTICIPANT", rsvp: Bool = false, delegatedTo: [String] = [], delegatedFrom: [String] = []
    ) {
        self.address = address
        self.name = name
        self.participationStatus = participationStatus
        self.role = role
        self.rsvp = rsvp
        self.delegatedTo = delegatedTo
        self.delegatedFrom = delegatedFrom
    }

    /// Reads an `ATTENDEE` content line.
    public init(_ line: ContentLine) {
        self.init(
            address: Attendee.address(line.value),
            name: line.parameter("CN").flatMap { $0.isEmpty ? nil : $0 },
            participationStatus: line.parameter("PARTSTAT")?.uppercased() ?? "NEEDS-ACTION",
            role: line.parameter("ROLE")?.uppercased() ?? "REQ-PARTICIPANT",
            rsvp: line.parameter("RSVP")?.uppercased() == "TRUE",
            delegatedTo: line.parameterValues("DELEGATED-TO").map(Attendee.address),
            delegatedFrom: line.parameterValues("DELEGATED-FROM").map(Attendee.address))
    }

    /// A CAL-ADDRESS as Baton prints it: trimmed, lower-cased, without a `mailto:` prefix (any case).
    public static func address(_ value: String) -> String {
        var text = value.trimmingSpaces
        if text.count >= 7, text.prefix(7).lowercased() == "mailto:" { text = String(text.dropFirst(7)) }
        return text.lowercased()
    }
}
