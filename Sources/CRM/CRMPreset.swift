import BatonCore

/// How a CRM's export names Baton's columns and its stage values (`crm.preset`).
public struct CRMPreset: Sendable {
    /// Baton column → the CSV header(s) holding it; several headers are joined with a space.
    public let columns: [String: [String]]
    /// Lowercased CRM value → stage.
    public let stageMap: [String: Stage]

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

    /// HubSpot's contact export: lifecycle stages by internal value and by label.
    public static let hubspot = CRMPreset(
        columns: [
            "external_id": ["Record ID"], "email": ["Email"], "name": ["First Name", "Last Name"],
            "company": ["Company Name"], "company_domain": ["Email Domain"], "source": ["Original Source"],
            "stage": ["Lifecycle Stage"], "owner_email": ["Contact owner"], "created_at": ["Create Date"],
            "mql_at": ["Became a Marketing Qualified Lead Date"], "assigned_at": ["Owner Assigned Date"],
        ],
        stageMap: [
            "subscriber": .new, "lead": .new, "marketingqualifiedlead": .mql, "marketing qualified lead": .mql,
            "salesqualifiedlead": .sql, "sales qualified lead": .sql, "opportunity": .opportunity, "customer": .won,
            "evangelist": .won, "other": .nurture,
        ])

    /// Salesforce's lead export: the standard Lead Status picklist.
    public static let salesforce = CRMPreset(
        columns: [
            "external_id": ["Lead ID"], "email": ["Email"], "name": ["First Name", "Last Name"],
            "company": ["Company"], "source": ["Lead Source"], "stage": ["Lead Status"],
            "owner_email": ["Lead Owner Email"], "created_at": ["Create Date"],
            "stage_changed_at": ["Last Status Change Date"],
        ],
        stageMap: [
            "open - not contacted": .mql, "working - contacted": .accepted, "closed - converted": .sql,
            "closed - not converted": .rejected, "open": .mql, "contacted": .accepted, "working": .accepted,
            "qualified": .sql, "unqualified": .rejected, "nurturing": .nurture, "nurture": .nurture,
        ])
}
