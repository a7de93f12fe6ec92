import Foundation

/// A man(7) page reduced to what the drift tests compare: its sections, subsections and `.TP` tags, as plain
/// text (font escapes removed, `\-` read as `-`).
struct ManPage {
    /// One `.TP` (or `.TQ`) tag with the section and subsection it sits in.
    struct Tag: Equatable {
        let section: String
        let subsection: String?
        let text: String
    }

    /// The `.SH` and `.SS` headings, in order, as `(section, subsection)`.
    var headings: [(section: String, subsection: String?)] = []
    var tags: [Tag] = []

    init(_ source: String) {
        var section = ""
        var subsection: String?
        var tagNext = false
        for line in source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix(".SH ") {
                section = Self.macroText(line)
                subsection = nil
                headings.append((section, nil))
            } else if line.hasPrefix(".SS ") {
                subsection = Self.macroText(line)
                headings.append((section, subsection))
            } else if line == ".TP" || line == ".TQ" {
                tagNext = true
            } else if tagNext {
                tags.append(Tag(section: section, subsection: subsection, text: Self.macroText(line)))
                tagNext = false
            }
        }
    }

    /// The tags of `section` (and of `subsection` when given).
    func tags(in section: String, subsection: String? = nil) -> [String] {
        tags.filter { $0.section == section && (subsection == nil || $0.subsection == subsection) }.map(\.text)
    }

    /// A macro line's text: `.B "a b"` is `a b`; alternating-font macros (`.BI`, `.BR` …) join their
    /// arguments without spaces, as troff prints them.
    static func macroText(_ line: String) -> String {
        guard line.hasPrefix(".") else { return plain(line) }
        let name = line.prefix { $0 != " " }
        let arguments = tokens(String(line.dropFirst(name.count)))
        let alternating = name.count == 3 && !["SH", "SS"].contains(name.dropFirst())
        return plain(arguments.joined(separator: alternating ? "" : " "))
    }

    /// Macro arguments: space-separated, `"…"` quoting spaces.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var inToken = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
                inToken = true
            } else if character == " " && !quoted {
                if inToken { result.append(current) }
                current = ""
                inToken = false
            } else {
                current.append(character)
                inToken = true
            }
        }
        if inToken { result.append(current) }
        return result
    }

    /// Text without troff escapes: fonts (`\fB`), `\-`, `\(dq`, `\&`.
    static func plain(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "\\-", with: "-")
            .replacingOccurrences(of: "\\(dq", with: "\"").replacingOccurrences(of: "\\&", with: "")
        for font in ["\\fB", "\\fI", "\\fR", "\\fP"] { result = result.replacingOccurrences(of: font, with: "") }
        return result
    }
}
