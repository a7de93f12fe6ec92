import Foundation

extension String {
    /// The string without leading and trailing white space, exactly as `trimmingCharacters(in:)` with
    /// `.whitespacesAndNewlines` (or `.whitespaces` when not `includingNewlines`) gives it, but without its cost when
    /// there is nothing to trim: a CSV import trims every field of every row, and most fields begin and end with a
    /// printable ASCII character, which neither set holds. Anything else goes to Foundation.
    public func trimmedWhitespace(includingNewlines: Bool = true) -> String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last) { return self }
        return trimmingCharacters(in: includingNewlines ? .whitespacesAndNewlines : .whitespaces)
    }
}
