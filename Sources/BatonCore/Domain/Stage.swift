import Foundation

/// A lead's stage in the funnel, by its canonical id (Config/README.md, "Stages").
public enum Stage: String, Sendable, CaseIterable, Codable {
    case new, mql, accepted, sql, opportunity, won, lost, rejected, nurture
    case onHold = "on_hold"

    /// Matches a stage id case-insensitively (`MQL` = `mql`); also accepts `on hold` and `on-hold`.
    public init?(id: String) {
        let folded = id.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        self.init(rawValue: folded)
    }

    /// The canonical ids, for error messages.
    public static var idList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
