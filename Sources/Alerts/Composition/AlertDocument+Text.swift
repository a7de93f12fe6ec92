extension AlertDocument {
    /// The text part's lines for this alert, `\n`-separated and ending with `\n`.
    var text: String {
        var out = headline + "\n"
        for section in sections {
            out += "\n" + section.title + "\n"
            for row in section.rows { out += "  \(row.label): \(row.value)\n" }
        }
        out += "\n" + Self.interactionsTitle + "\n"
        if interactions.isEmpty { out += "  none\n" }
        for line in interactions { out += "  \(line)\n" }
        if let link { out += "\nOpen in CRM: \(link.url)\n" }
        return out
    }
}
