import BatonCore

/// Escaping of data strings for HTML text, attribute values and SVG `<text>`/`<title>`, per the HTML Living
/// Standard's serialisation rules (§13.3, "escaping a string"), plus the apostrophe so that single-quoted attributes
/// are safe too.
enum HTMLText {
    /// `s` with `& < > " '` replaced by character references, and C0 controls other than tab, line feed and carriage
    /// return replaced by U+FFFD (they are not allowed in SVG, which is XML, and show as nothing useful in HTML).
    static func escape(_ s: String) -> String { HTMLEscaping.escape(s) }

    /// `s` shortened to at most `limit` characters (the last one an ellipsis) so that a label fits its column;
    /// callers escape the result and keep the full string in a `<title>`.
    static func truncate(_ s: String, to limit: Int) -> String {
        guard s.count > limit, limit > 1 else { return s }
        return String(s.prefix(limit - 1)) + "…"
    }
}
