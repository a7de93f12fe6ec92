import Foundation

/// A lead's stage in the funnel, by its canonical id (Config/README.md, "Stages").
public enum Stage: String, Sendable, CaseIterable, Codable {
    case new, mql, accepted, sql, opportunity, won, lost, rejected, nurture
    case onHold = "on_hold"

    /// Matches a stage id case-insensitively (`MQL` = `mql`); also accepts `on hold` and `on-hold`.
    public init?(id: String) {
        // An id already in its canonical form (lower-case letters and underscores) needs no folding.
        if id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }) {
            self.init(rawValue: id)
            return
        }
        let folded = id.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        self.init(rawValue: folded)
    }

    /// The canonical ids, for error messages.
    public static var idList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
