/// When a `first_response` clock starts (a policy's `start`).
public enum PolicyStart: String, Sendable, CaseIterable, Codable {
    /// When the lead is assigned to its owner.
    case assigned
    /// When the lead becomes an MQL.
    case mql
}
