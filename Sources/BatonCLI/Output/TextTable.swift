import Foundation

/// Aligned plain-text columns; the last column is not padded, cells are cut to `maxWidth`.
struct TextTable {
    let headers: [String]
    var rows: [[String]] = []
    var maxWidth = 40

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ cells: [String]) { rows.append(cells) }

    var rendered: String {
        let all = [headers] + rows.map { $0.map { Self.clip($0, maxWidth) } }
        var widths = Array(repeating: 0, count: headers.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func clip(_ s: String, _ width: Int) -> String {
        let flat = String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return flat.count <= width ? flat : String(flat.prefix(width - 1)) + "…"
    }
}
