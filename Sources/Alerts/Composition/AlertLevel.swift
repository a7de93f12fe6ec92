/// How serious an alert is: a warning before the due time, a breach at it, then numbered escalations.
public enum AlertLevel: Sendable, Equatable {
    /// The clock passed its `warn_at` fraction and is not yet due.
    case warning
    /// The clock passed its due time.
    case breach
    /// An escalation step after the due time, numbered from 1.
    case escalation(Int)

    /// The level's id as stored and as `baton alerts list --json` prints it: `warning`, `breach` or `escalation`.
    public var id: String {
        switch self {
        case .warning: "warning"
        case .breach: "breach"
        case .escalation: "escalation"
        }
    }

    /// The `X-Baton-Alert` value: `warning`, `breach` or `escalation-N`.
    public var headerValue: String {
        switch self {
        case .warning, .breach: id
        case .escalation(let step): "escalation-\(step)"
        }
    }

    /// The word that opens the subject: `Warning`, `Breach`, `Escalation N`.
    public var title: String {
        switch self {
        case .warning: "Warning"
        case .breach: "Breach"
        case .escalation(let step): "Escalation \(step)"
        }
    }
}
