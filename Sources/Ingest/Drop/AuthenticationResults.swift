import BatonCore
import Foundation

/// Reads `Authentication-Results` header fields (RFC 8601) to tell whether the receiving MTA verified that
/// a message really comes from a domain: DKIM `pass` with `header.d`/`header.i` in it, or SPF `pass` with
/// `smtp.mailfrom` in it. Only fields whose authserv-id is the configured one are trusted: anybody can write
/// such a field into a message; the MTA removes forged ones carrying its own id.
///
/// Microsoft 365 writes its field without an authserv-id (`spf=pass (sender IP is …) smtp.mailfrom=…;
/// dkim=pass (signature was verified) header.d=…;dmarc=pass …`), sometimes with the receiving domain as a
/// statement of its own after a result. Such a field counts as the one of `mx.microsoft.com` (the id Microsoft
/// writes in its `ARC-Authentication-Results`), and only when it is the message's first (topmost)
/// `Authentication-Results` field: the last system that received the message adds its field above every
/// field the message came with.
public enum AuthenticationResults {
    /// The authserv-id that stands for Microsoft 365's fields without one (docs/capture-drop.md).
    public static let microsoftID = "mx.microsoft.com"

    /// Whether one of `fields` (in the message's order, topmost first) from `authservID` shows a passing DKIM or
    /// SPF result for `domain`.
    public static func passes(_ fields: [String], authservID: String, domain: String) -> Bool {
        let domain = domain.lowercased()
        let trusted = authservID.lowercased()
        for (position, field) in fields.enumerated() {
            let statements = split(field)
            guard let first = statements.first else { continue }
            let results: ArraySlice<String>
            if isResult(first) {
                guard position == 0, trusted == microsoftID else { continue }
                results = statements[...]
            } else {
                guard first.split(separator: " ").first.map({ $0.lowercased() == trusted }) ?? false else { continue }
                results = statements.dropFirst()
            }
            for statement in joined(results) {
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

    /// Whether a statement starts with a `method=result` (a field without an authserv-id starts so).
    static func isResult(_ statement: String) -> Bool {
        guard let word = statement.split(separator: " ").first, let equals = word.firstIndex(of: "=") else {
            return false
        }
        return !word[..<equals].isEmpty && !word[..<equals].contains(".")
    }

    /// The statements with a property cut off its result by a stray `;` (`dkim=pass (…); header.d=…`, as some
    /// Microsoft 365 fields have it) joined back to the result before it.
    static func joined(_ statements: ArraySlice<String>) -> [String] {
        var out: [String] = []
        for statement in statements {
            let word = statement.split(separator: " ").first ?? ""
            let key = word.split(separator: "=", maxSplits: 1).first ?? ""
            if word.contains("="), key.contains("."), !out.isEmpty {
                out[out.count - 1] += " " + statement
            } else {
                out.append(statement)
            }
        }
        return out
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
