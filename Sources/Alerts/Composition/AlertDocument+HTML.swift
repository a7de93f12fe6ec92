import BatonCore

extension AlertDocument {
    /// The HTML fragment for this alert: the same facts as `text`, every value escaped.
    var html: String {
        var out = "<p><strong>\(headline.htmlEscaped)</strong></p>\n"
        for section in sections {
            out += "<h3>\(section.title.htmlEscaped)</h3>\n<table>\n"
            for row in section.rows {
                out += "<tr><th align=\"left\">\(row.label.htmlEscaped)</th><td>\(row.value.htmlEscaped)</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "<h3>\(Self.interactionsTitle.htmlEscaped)</h3>\n"
        if interactions.isEmpty {
            out += "<p>none</p>\n"
        } else {
            out += "<ul>\n"
            for line in interactions { out += "<li>\(line.htmlEscaped)</li>\n" }
            out += "</ul>\n"
        }
        if let link {
            let url = link.url.htmlEscaped
            out += link.clickable ? "<p><a href=\"\(url)\">Open in CRM</a></p>\n" : "<p>Open in CRM: \(url)</p>\n"
        }
        return out
    }

    /// A whole HTML document around `body`.
    static func htmlDocument(title: String, body: String) -> String {
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(title.htmlEscaped)</title></head>\n"
            + "<body style=\"font-family: sans-serif\">\n\(body)</body></html>\n"
    }
}

extension String {
    /// The text with `& < > " '` as character references, safe in element content and quoted attributes.
    var htmlEscaped: String { HTMLEscaping.escape(self) }
}
