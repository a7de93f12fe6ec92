import BatonCore

/// How a CRM's export names Baton's columns and its stage values (`crm.preset`).
public struct CRMPreset: Sendable {
    /// Baton column → the CSV header(s) holding it; several headers are joined with a space.
    public let columns: [String: [String]]
    /// Lowercased CRM value → stage.
    public let stageMap: [String: Stage]
    /// Baton column → other headers that hold it in some exports (an internal property name beside its label),
    /// each tried alone, in order, when the file lacks the header(s) of `columns`.
    public let fallbacks: [String: [String]]

    /// A preset mapping `columns` and `stageMap`, trying `fallbacks` where the first headers are absent.
    public init(columns: [String: [String]], stageMap: [String: Stage], fallbacks: [String: [String]] = [:]) {
        self.columns = columns
        self.stageMap = stageMap
        self.fallbacks = fallbacks
    }

    /// The preset `name` names.
    public static func named(_ name: CRMPresetName) -> CRMPreset {
        switch name {
        case .hubspot: hubspot
        case .salesforce: salesforce
        case .baton: baton
        }
    }

    /// Baton's own format (Config/README.md, "CSV files").
    public static let baton = CRMPreset(columns: [:], stageMap: [:])

    /// HubSpot's contact export: lifecycle stages by internal value and by label. The deal columns are the deal
    /// properties' labels (Amount, Close Date, Currency), else their internal names or the contact's "Recent Deal"
    /// properties; the reason is the contact's Lead Status (`hs_lead_status`: Unqualified, Bad Timing, …).
    public static let hubspot = CRMPreset(
        columns: [
            "external_id": ["Record ID"], "email": ["Email"], "name": ["First Name", "Last Name"],
            "company": ["Company Name"], "company_domain": ["Email Domain"], "source": ["Original Source"],
            "stage": ["Lifecycle Stage"], "owner_email": ["Contact owner"], "created_at": ["Create Date"],
            "mql_at": ["Became a Marketing Qualified Lead Date"], "assigned_at": ["Owner Assigned Date"],
            "amount": ["Amount"], "currency": ["Currency"], "closed_at": ["Close Date"],
            "rejection_reason": ["Lead Status"],
        ],
        stageMap: [
            "subscriber": .new, "lead": .new, "marketingqualifiedlead": .mql, "marketing qualified lead": .mql,
            "salesqualifiedlead": .sql, "sales qualified lead": .sql, "opportunity": .opportunity, "customer": .won,
            "evangelist": .won, "other": .nurture,
        ],
        fallbacks: [
            "amount": ["Recent Deal Amount"], "currency": ["deal_currency_code"],
            "closed_at": ["closedate", "Recent Deal Close Date"], "rejection_reason": ["hs_lead_status"],
        ])

    /// Salesforce's lead export: the standard Lead Status picklist. The deal columns are the converted
    /// opportunity's Amount and Close Date and the record's currency (Lead Currency, `CurrencyIsoCode`, in orgs with
    /// several currencies). The standard Lead object has no field for why a lead was not qualified, so
    /// `rejection_reason` has no preset header: map the org's own field with `crm.columns`.
    public static let salesforce = CRMPreset(
        columns: [
            "external_id": ["Lead ID"], "email": ["Email"], "name": ["First Name", "Last Name"],
            "company": ["Company"], "source": ["Lead Source"], "stage": ["Lead Status"],
            "owner_email": ["Lead Owner Email"], "created_at": ["Create Date"],
            "stage_changed_at": ["Last Status Change Date"], "amount": ["Amount"], "currency": ["Lead Currency"],
            "closed_at": ["Close Date"],
        ],
        stageMap: [
            "open - not contacted": .mql, "working - contacted": .accepted, "closed - converted": .sql,
            "closed - not converted": .rejected, "open": .mql, "contacted": .accepted, "working": .accepted,
            "qualified": .sql, "unqualified": .rejected, "nurturing": .nurture, "nurture": .nurture,
        ],
        fallbacks: [
            "currency": ["CurrencyIsoCode", "Opportunity Currency"], "closed_at": ["CloseDate"],
        ])
}
