import BatonCore

/// A `<table>` of the HTML report: headers, rows of cells escaped at rendering, numbers right-aligned, and a class
/// per row for highlighting (`alert`, `warn`, `total`).
struct HTMLTable {
    /// One cell.
    enum Cell {
        /// Data or prose, escaped when rendered.
        case text(String)
        /// A formatted figure: escaped, right-aligned, tabular digits.
        case number(String)
        /// Markup built by the renderer itself from escaped parts (a badge next to a name).
        case markup(String)
        /// Several figures, one line each (amounts in several currencies): escaped, right-aligned.
        case numbers([String])
    }

    /// The column titles; a title that starts a numeric column is right-aligned like its cells.
    var headers: [(title: String, numeric: Bool)]
    private var rows: [(cells: [Cell], className: String?)] = []

    /// A table with `headers` and no rows yet.
    init(headers: [(title: String, numeric: Bool)]) {
        self.headers = headers
    }

    /// Appends a row; `className` highlights it.
    mutating func append(_ cells: [Cell], className: String? = nil) {
        rows.append((cells, className))
    }

    /// Whether no row was appended.
    var isEmpty: Bool { rows.isEmpty }

    /// The table inside a horizontally scrolling box (wide tables on narrow screens).
    func render() -> String {
        var out = "<div class=\"table-box\"><table>\n<thead><tr>"
        for header in headers {
            out += header.numeric ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">"
            out += HTMLEscaping.escape(header.title) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += row.className.map { "<tr class=\"\($0)\">" } ?? "<tr>"
            for cell in row.cells {
                switch cell {
                case .text(let s): out += "<td>\(HTMLEscaping.escape(s))</td>"
                case .number(let s): out += "<td class=\"num\">\(HTMLEscaping.escape(s))</td>"
                case .markup(let s): out += "<td>\(s)</td>"
                case .numbers(let list):
                    out += "<td class=\"num\">\(list.map(HTMLEscaping.escape).joined(separator: "<br>"))</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        return out
    }
}
