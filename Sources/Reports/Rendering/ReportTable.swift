/// Aligned plain-text columns that fit a width: the widest shrinkable column is cut (with `…`) until the table
/// fits; the last column is not padded.
struct ReportTable {
    /// How one column is laid out.
    struct Column {
        var header: String
        /// Numbers are right-aligned.
        var right = false
        /// May be cut to make the table fit.
        var shrinks = false
        /// Cut from the start (paths: the end says more), else from the end.
        var keepEnd = false

        /// A left-aligned column that may be cut.
        static func text(_ header: String, keepEnd: Bool = false) -> Column {
            Column(header: header, shrinks: true, keepEnd: keepEnd)
        }

        /// A right-aligned column that is never cut.
        static func number(_ header: String) -> Column { Column(header: header, right: true) }

        /// A left-aligned column that is never cut.
        static func fixed(_ header: String) -> Column { Column(header: header) }
    }

    let columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [String]) { rows.append(cells) }

    /// The table as lines no wider than `width` (when the fixed columns allow it).
    func rendered(width: Int = 100) -> String {
        let flat = rows.map { $0.map(Self.flatten) }
        let all = [columns.map(\.header)] + flat
        var widths = columns.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        let minimum = 6
        // Cut one character at a time from the widest cuttable column, so long columns end up even.
        var total = widths.reduce(0, +) + 2 * (columns.count - 1)
        while total > width {
            let candidates = columns.indices.filter { columns[$0].shrinks && widths[$0] > minimum }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
            total -= 1
        }
        return all.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                if i > 0 { line += "  " }
                let text = Self.clip(cell, widths[i], keepEnd: columns[i].keepEnd)
                let pad = String(repeating: " ", count: widths[i] - text.count)
                line += columns[i].right ? pad + text : text + (i == row.count - 1 ? "" : pad)
            }
            return line
        }.joined(separator: "\n")
    }

    static func flatten(_ s: String) -> String {
        String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    static func clip(_ s: String, _ width: Int, keepEnd: Bool) -> String {
        guard s.count > width else { return s }
        return keepEnd ? "…" + String(s.suffix(width - 1)) : String(s.prefix(width - 1)) + "…"
    }
}
