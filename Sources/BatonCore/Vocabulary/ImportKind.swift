/// What a CRM import brought in, as `imports.kind` spells it.
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    /// A leads file.
    case leads
    /// A reps file.
    case reps
    /// A spend file (marketing's spend per source and month).
    case spend
}
