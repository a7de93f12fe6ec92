import Foundation

/// One lead row of a CRM export, checked and converted.
public struct LeadRecord: Sendable, Equatable {
    /// Where the row starts in the file.
    public var line: Int
    public var externalID: String?
    /// One or several addresses, normalised, in file order.
    public var addresses: [String]
    public var name: String?
    public var company: String?
    public var companyDomain: String?
    public var source: String?
    public var stage: Stage?
    /// The owner's address, when it is one.
    public var ownerEmail: String?
    /// The CRM's times, each in whole seconds since the epoch: when the lead was created, became an MQL, was
    /// assigned and last changed stage.
    public var createdAt: Int64?
    public var mqlAt: Int64?
    public var assignedAt: Int64?
    public var stageChangedAt: Int64?
    /// The deal's value in its currency (whole minor units), when the export gives one.
    public var amount: Money?
    /// When the deal was won or lost, in whole seconds since the epoch.
    public var closedAt: Int64?
    /// Why sales rejected the lead or sent it back to nurture, as the CRM writes it (free text or a picklist value).
    public var rejectionReason: String?

    /// A value with every field given.
    public init(
        line: Int, externalID: String? = nil, addresses: [String], name: String? = nil, company: String? = nil,
        companyDomain: String? = nil, source: String? = nil, stage: Stage? = nil, ownerEmail: String? = nil,
        createdAt: Int64? = nil, mqlAt: Int64? = nil, assignedAt: Int64? = nil, stageChangedAt: Int64? = nil,
        amount: Money? = nil, closedAt: Int64? = nil, rejectionReason: String? = nil
    ) {
        self.line = line
        self.externalID = externalID
        self.addresses = addresses
        self.name = name
        self.company = company
        self.companyDomain = companyDomain
        self.source = source
        self.stage = stage
        self.ownerEmail = ownerEmail
        self.createdAt = createdAt
        self.mqlAt = mqlAt
        self.assignedAt = assignedAt
        self.stageChangedAt = stageChangedAt
        self.amount = amount
        self.closedAt = closedAt
        self.rejectionReason = rejectionReason
    }
}
