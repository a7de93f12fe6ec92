/// Cleaning of text that came from mail, calendars or CRM exports before it reaches a header or a body.
enum UntrustedText {
    /// Whether a scalar is a C0 or C1 control, DEL, or a Unicode line or paragraph separator: anything that
    /// could end a header line or a body line, or hide text.
    @inline(__always) static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }

    /// One line of text: every control becomes a space, runs of spaces collapse to one, ends are trimmed.
    static func line(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isControl(scalar) || scalar == " " {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// `line(text)`, or nil when that is empty.
    static func optionalLine(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = line(text)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// At most `limit` characters, the last replaced by an ellipsis when cut.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}
