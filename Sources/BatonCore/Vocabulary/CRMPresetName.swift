/// Which CRM's export format `crm.preset` names.
public enum CRMPresetName: String, Sendable, CaseIterable, Codable {
    /// Baton's own columns.
    case baton
    /// HubSpot's contact export.
    case hubspot
    /// Salesforce's lead export.
    case salesforce
}
