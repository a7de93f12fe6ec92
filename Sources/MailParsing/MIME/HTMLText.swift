/// Readable text from HTML: tags dropped, `script`, `style`, `head` and comments removed with their content,
/// entities decoded, block elements and `<br>` turned into line breaks, runs of spaces collapsed, each line
/// trimmed, and at most one empty line in a row.
public enum HTMLText {
    private static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr",
        "pre", "section", "article", "header", "footer", "title", "dt", "dd", "dl", "address", "center", "form",
        "tbody", "thead", "body", "html",
    ]
    private static let skippedTags: Set<String> = ["script", "style", "head", "template", "noscript"]

    /// Extracts text from decoded HTML.
    public static func extract(_ html: String) -> String {
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        let n = s.count
        var pendingSpace = false
        func newline() {
            out.append("\n")
            pendingSpace = false
        }
        while i < n {
            let c = s[i]
            if c == "<" {
                // Comment
                if i + 3 < n, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < n, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                    i = min(j + 3, n)
                    continue
                }
                var j = i + 1
                var closing = false
                if j < n, s[j] == "/" {
                    closing = true
                    j += 1
                }
                var name = ""
                while j < n, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) {
                    name.unicodeScalars.append(s[j])
                    j += 1
                }
                if name.isEmpty && !closing && (j >= n || s[j] != "!" && s[j] != "?") {
                    // A lone '<' in text.
                    if pendingSpace { out.append(" ") }
                    pendingSpace = false
                    out.append(c)
                    i += 1
                    continue
                }
                // To the end of the tag, respecting quoted attribute values.
                var quote: Unicode.Scalar? = nil
                while j < n {
                    let d = s[j]
                    if let q = quote {
                        if d == q { quote = nil }
                    } else if d == "\"" || d == "'" {
                        quote = d
                    } else if d == ">" {
                        break
                    }
                    j += 1
                }
                i = min(j + 1, n)
                let lower = name.lowercased()
                if !closing, skippedTags.contains(lower) {
                    // Skip to the matching closing tag.
                    let close = Array("</\(lower)".unicodeScalars)
                    var k = i
                    while k + close.count <= n {
                        var match = true
                        for m in 0..<close.count where Character(s[k + m]).lowercased() != String(close[m]) {
                            match = false
                            break
                        }
                        if match { break }
                        k += 1
                    }
                    if k + close.count > n {
                        i = n
                    } else {
                        var e = k
                        while e < n, s[e] != ">" { e += 1 }
                        i = min(e + 1, n)
                    }
                    continue
                }
                if blockTags.contains(lower) { newline() }
                continue
            }
            if c == "&" {
                if let (scalars, next) = entity(s, i) {
                    for sc in scalars {
                        if sc == "\u{A0}" {
                            pendingSpace = true
                        } else {
                            if pendingSpace, let last = out.last, last != "\n" { out.append(" ") }
                            pendingSpace = false
                            out.append(sc)
                        }
                    }
                    i = next
                    continue
                }
            }
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                pendingSpace = true
                i += 1
                continue
            }
            if pendingSpace, let last = out.last, last != "\n" { out.append(" ") }
            pendingSpace = false
            out.append(c)
            i += 1
        }
        // Trim lines, collapse blank runs.
        var lines: [String] = []
        var blank = false
        for line in String(out).split(separator: "\n", omittingEmptySubsequences: false) {
            let t = String(line).trimmingWhitespace()
            if t.isEmpty {
                if !lines.isEmpty { blank = true }
                continue
            }
            if blank { lines.append("") }
            blank = false
            lines.append(t)
        }
        return lines.joined(separator: "\n")
    }

    private static let named: [String: UInt32] = [
        "amp": 38, "lt": 60, "gt": 62, "quot": 34, "apos": 39, "nbsp": 0xA0, "copy": 0xA9, "reg": 0xAE,
        "trade": 0x2122, "euro": 0x20AC, "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "sect": 0xA7, "deg": 0xB0,
        "mdash": 0x2014, "ndash": 0x2013, "hellip": 0x2026, "laquo": 0xAB, "raquo": 0xBB, "lsquo": 0x2018,
        "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D, "bull": 0x2022, "middot": 0xB7, "times": 0xD7,
        "auml": 0xE4, "ouml": 0xF6, "uuml": 0xFC, "Auml": 0xC4, "Ouml": 0xD6, "Uuml": 0xDC, "szlig": 0xDF,
        "eacute": 0xE9, "egrave": 0xE8, "ecirc": 0xEA, "agrave": 0xE0, "aacute": 0xE1, "acirc": 0xE2,
        "ccedil": 0xE7, "iacute": 0xED, "oacute": 0xF3, "uacute": 0xFA, "ntilde": 0xF1, "Eacute": 0xC9,
        "ocirc": 0xF4, "ucirc": 0xFB, "icirc": 0xEE, "iuml": 0xEF, "euml": 0xEB, "ugrave": 0xF9, "ograve": 0xF2,
        "Ntilde": 0xD1, "iexcl": 0xA1, "iquest": 0xBF, "shy": 0xAD, "zwnj": 0x200C, "zwj": 0x200D,
    ]

    private static func entity(_ s: [Unicode.Scalar], _ start: Int) -> ([Unicode.Scalar], Int)? {
        var j = start + 1
        var name = ""
        while j < s.count, j - start <= 32, s[j] != ";" {
            let c = s[j]
            guard c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "#" else { break }
            name.unicodeScalars.append(c)
            j += 1
        }
        let terminated = j < s.count && s[j] == ";"
        let next = terminated ? j + 1 : j
        if name.hasPrefix("#") {
            let body = name.dropFirst()
            let value = body.first == "x" || body.first == "X" ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
            guard let v = value else { return nil }
            return ([Unicode.Scalar(v) ?? "\u{FFFD}"], next)
        }
        guard terminated || name == "nbsp" || name == "amp", let v = named[name], let sc = Unicode.Scalar(v) else {
            return nil
        }
        return ([sc], next)
    }
}
