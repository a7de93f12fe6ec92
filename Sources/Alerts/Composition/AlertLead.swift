/// The lead an alert is about, as the alert shows it; every field is untrusted text from a CRM export or mail.
public struct AlertLead: Sendable, Equatable {
    /// The CRM's id for the lead, used in the CRM link.
    public var externalID: String?
    /// The lead's name.
    public var name: String?
    /// The lead's company.
    public var company: String?
    /// The channel the lead came from (webinar, paid search, referral…).
    public var source: String?
    /// The canonical stage id (`mql`, `sql`…).
    public var stage: String
    /// The lead's addresses, in import order.
    public var addresses: [String]
    /// The rep who owns the lead, or nil.
    public var owner: AlertRecipient?

    /// A lead.
    public init(
        externalID: String? = nil, name: String? = nil, company: String? = nil, source: String? = nil,
        stage: String, addresses: [String], owner: AlertRecipient? = nil
    ) {
        self.externalID = externalID
        self.name = name
        self.company = company
        self.source = source
        self.stage = stage
        self.addresses = addresses
        self.owner = owner
    }
}
