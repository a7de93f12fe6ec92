/// Who a rung of an escalation ladder goes to (a policy's `escalate[].to`).
public enum EscalationTarget: Sendable, Equatable {
    /// The owner's manager's manager, from the reps file.
    case managerOfManager
    /// A fixed address, as written in the configuration.
    case address(String)

    /// The configuration's spelling of `managerOfManager`.
    public static let managerOfManagerText = "manager_of_manager"

    /// The configuration's spelling.
    public var text: String {
        switch self {
        case .managerOfManager: Self.managerOfManagerText
        case .address(let address): address
        }
    }
}
