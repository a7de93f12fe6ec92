import BatonCore
import Foundation

/// Reads `Authentication-Results` header fields (RFC 8601) to tell whether the receiving MTA verified that
/// a message really comes from a domain: DKIM `pass` with `header.d`/`header.i` in it, or SPF `pass` with
/// `smtp.mailfrom` in it. Only fields whose authserv-id is the configured one are trusted: anybody can write
/// such a field into a message; the MTA removes forged ones carrying its own id.
public enum AuthenticationResults {
    /// Whether one of `fields` from `authservID` shows a passing DKIM or SPF result for `domain`.
    public static func passes(_ fields: [String], authservID: String, domain: String) -> Bool {
        let domain = domain.lowercased()
        for field in fields {
            let statements = split(field)
            guard let first = statements.first,
                first.split(separator: " ").first.map({ $0.lowercased() == authservID.lowercased() }) ?? false
            else { continue }
            for statement in statements.dropFirst() {
                let words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                guard let method = words.first?.lowercased() else { continue }
                var properties: [String: String] = [:]
                for word in words.dropFirst() {
                    let pair = word.split(separator: "=", maxSplits: 1)
                    if pair.count == 2 { properties[pair[0].lowercased()] = pair[1].lowercased() }
                }
                if method == "dkim=pass" {
                    if let d = properties["header.d"], same(d, domain) { return true }
                    if let i = properties["header.i"], let d = EmailAddress.domain(of: i) ?? Optional(i),
                        same(d, domain)
                    {
                        return true
                    }
                }
                if method == "spf=pass", let from = properties["smtp.mailfrom"] {
                    if same(EmailAddress.domain(of: from) ?? from, domain) { return true }
                }
            }
        }
        return false
    }

    static func same(_ a: String, _ b: String) -> Bool {
        let x = a.trimmingCharacters(in: CharacterSet(charactersIn: "\"<>@ ")).lowercased()
        return x == b
    }

    /// The `;`-separated statements of a field, with comments in parentheses removed.
    static func split(_ field: String) -> [String] {
        var clean = ""
        var depth = 0
        var quoted = false
        for ch in field {
            if ch == "\"" && depth == 0 { quoted.toggle() }
            if !quoted && ch == "(" {
                depth += 1
                continue
            }
            if !quoted && ch == ")" && depth > 0 {
                depth -= 1
                continue
            }
            if depth == 0 { clean.append(ch) }
        }
        return clean.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}
