import Foundation

/// The mechanical part of turning the store's SQL into PostgreSQL's: parameters (`?` in order, `?N` by number)
/// become `$N`, `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`, and `instr` and `IFNULL` become
/// `strpos` and `COALESCE`, `CROSS JOIN … ON` becomes `JOIN … ON`, `IS ?` becomes `IS NOT DISTINCT FROM $N`. What differs in meaning rather than spelling is written in both dialects where the
/// query is (`database.dialect`).
enum PostgresDialect {
    /// `sql` in PostgreSQL's spelling, with the number of parameters it takes.
    static func translate(_ sql: String) -> (sql: String, parameters: Int) {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var next = 1
        var highest = 0
        var quote: Character?
        let chars = Array(sql)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let open = quote {
                out.append(c)
                if c == open { quote = nil }
                i += 1
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                out.append(c)
                i += 1
                continue
            }
            if c == "?" {
                var j = i + 1
                var digits = ""
                while j < chars.count, let d = chars[j].wholeNumberValue, chars[j].isASCII {
                    digits.append(String(d))
                    j += 1
                }
                let number: Int
                if let n = Int(digits) {
                    number = n
                } else {
                    number = next
                    next += 1
                }
                highest = max(highest, number)
                // SQLite's `IS ?` compares NULL as a value; PostgreSQL takes `IS` before keywords only.
                if out.hasSuffix(" IS NOT ") {
                    out.removeLast(" IS NOT ".count)
                    out += " IS DISTINCT FROM "
                } else if out.hasSuffix(" IS ") {
                    out.removeLast(" IS ".count)
                    out += " IS NOT DISTINCT FROM "
                }
                out += "$\(number)"
                i = j
                continue
            }
            out.append(c)
            i += 1
        }
        out = replacingWords(in: out)
        if let range = out.range(of: "INSERT OR IGNORE INTO") {
            out.replaceSubrange(range, with: "INSERT INTO")
            if let returning = out.range(of: " RETURNING ", options: .backwards) {
                out.insert(contentsOf: " ON CONFLICT DO NOTHING", at: returning.lowerBound)
            } else {
                out += " ON CONFLICT DO NOTHING"
            }
        }
        return (out, highest)
    }

    /// SQLite's function names that PostgreSQL spells differently (same arguments, same meaning).
    private static func replacingWords(in sql: String) -> String {
        var s = sql
        for (sqlite, postgres) in [
            ("IFNULL(", "COALESCE("), ("ifnull(", "COALESCE("), ("instr(", "strpos("),
            // SQLite's way to fix a join's order; the store writes it with `ON`, which PostgreSQL spells `JOIN`.
            (" CROSS JOIN ", " JOIN "),
        ] {
            s = s.replacingOccurrences(of: sqlite, with: postgres)
        }
        return s
    }

    /// SQLite's `GLOB` pattern as an anchored POSIX regular expression for `~`: `*` any run of characters, `?` one
    /// character, `[…]` a class (`[^…]` its complement), everything else literal.
    static func regex(glob: String) -> String {
        var out = "^"
        var inClass = false
        for c in glob {
            if inClass {
                if c == "]" { inClass = false }
                out.append(c == "\\" ? "\\\\" : String(c))
                continue
            }
            switch c {
            case "*": out += ".*"
            case "?": out += "."
            case "[":
                inClass = true
                out.append("[")
            default:
                out += "^$.|+(){}\\".contains(c) ? "\\\(c)" : String(c)
            }
        }
        return out + "$"
    }
}
