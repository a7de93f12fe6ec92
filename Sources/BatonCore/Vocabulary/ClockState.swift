/// A clock's state (Config/README.md, "How clocks run").
public enum ClockState: String, Sendable, Equatable, CaseIterable {
    case running, warning, breached, paused, met
    case metLate = "met_late"
    case cancelled

    /// Whether the episode has ended (met, met late or cancelled).
    public var isStopped: Bool { self == .met || self == .metLate || self == .cancelled }
}
