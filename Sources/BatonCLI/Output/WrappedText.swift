/// Plain text broken at spaces to fit a width, continuation lines indented under the first line's text.
enum WrappedText {
    /// `text` prefixed by `lead` and broken into lines of at most `width` columns (a word longer than the room
    /// left stays whole); continuation lines start with `hang` spaces.
    static func lines(_ text: String, lead: String = "", hang: Int? = nil, width: Int = 100) -> [String] {
        let indent = String(repeating: " ", count: hang ?? lead.count)
        var lines: [String] = []
        var current = lead
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !empty && current.count + 1 + word.count > width {
                lines.append(current)
                current = indent + word
            } else {
                current += (empty ? "" : " ") + word
            }
            empty = false
        }
        lines.append(current)
        return lines
    }
}
