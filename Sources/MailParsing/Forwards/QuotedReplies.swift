import Foundation

/// Replies quoted under an attribution line (`On Tue, Mar 3, 2026 at 4:05 PM Carol <c@x> wrote:`, and its German,
/// French, Spanish, Italian and Dutch forms) inside a forwarded original: each quoted reply is an embedded original
/// of a forwarded chain. Only read inside forwarded text, so that an ordinary reply's quote is not mistaken for a
/// new message.
enum QuotedReplies {
    /// The deepest quoting level followed.
    static let maxDepth = 16

    /// Removes the first attribution line and the quoted block after it from `lines`, and returns the quoted
    /// messages (the first one, then those quoted inside it, in order).
    static func split(_ lines: inout [String], depth: Int) -> [MailMessage] {
        guard depth < maxDepth else { return [] }
        var i = 0
        while i < lines.count {
            // An attribution may be wrapped over two lines by the mailer.
            if let (attribution, used) = attribution(lines, i) {
                var k = i + used
                while k < lines.count, lines[k].trimmingWhitespace().isEmpty { k += 1 }
                guard k < lines.count, lines[k].utf8.first == 0x3E else {
                    i += 1
                    continue
                }
                var inner: [String] = []
                while k < lines.count, lines[k].utf8.first == 0x3E {
                    inner.append(Self.unquoted(lines[k], levels: 1))
                    k += 1
                }
                lines.removeSubrange(i..<k)
                var message = attribution
                let nested = split(&inner, depth: depth + 1)
                while let f = inner.first, f.trimmingWhitespace().isEmpty { inner.removeFirst() }
                while let l = inner.last, l.trimmingWhitespace().isEmpty { inner.removeLast() }
                message.text = inner.joined(separator: "\n")
                return [message] + nested
            }
            i += 1
        }
        return []
    }

    /// How many `>` quote marks open `line` (RFC 3676 section 4.5; spaces between them, as `> > `, allowed).
    static func quoteDepth(_ line: String) -> Int {
        var depth = 0
        for b in line.utf8 {
            if b == 0x3E {
                depth += 1
            } else if b != 0x20 && b != 0x09 {
                break
            }
        }
        return depth
    }

    /// Whether `line` holds nothing but quote marks and whitespace.
    static func isBlank(_ line: String) -> Bool {
        line.utf8.allSatisfy { $0 == 0x3E || $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// `line` without its first `levels` quote marks (and the space that follows the last one removed).
    static func unquoted(_ line: String, levels: Int) -> String {
        var u = Substring(line).utf8
        var removed = 0
        while removed < levels, let i = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), u[i] == 0x3E {
            u = u[u.index(after: i)...]
            removed += 1
        }
        if removed == 0 { return line }
        if u.first == 0x20 { u = u.dropFirst() }
        return String(Substring(u))
    }

    /// The lines of `range` with `depth` quote levels removed, up to the first line that is quoted less deeply
    /// (where the quoted passage ends); a blank line quoted less deeply does not end it.
    static func unquoted(_ lines: [String], _ range: Range<Int>, depth: Int) -> [String] {
        var out: [String] = []
        for line in lines[range] {
            if quoteDepth(line) < depth && !isBlank(line) { break }
            out.append(unquoted(line, levels: depth))
        }
        return out
    }

    private static let endings = [
        " wrote:", " schrieb:", " a écrit :", " a écrit:", " escribió:", " ha scritto:", " schreef:",
    ]
    private static let openings = ["on ", "am ", "le ", "el ", "il ", "op "]

    /// The attribution starting at line `i` (alone or joined with the next line): a message with its sender
    /// and date, and how many lines it used.
    private static func attribution(_ lines: [String], _ i: Int) -> (MailMessage, Int)? {
        // Cheap check first: a two-letter opening word, then a space.
        let u = lines[i].utf8
        guard u.count >= 8, let c = u.first, "OoAaLlEeIi".utf8.contains(c),
            u[u.index(u.startIndex, offsetBy: 2)] == 0x20
        else { return nil }
        let first = lines[i].trimmingWhitespace()
        let lower = first.lowercased()
        guard openings.contains(where: { lower.hasPrefix($0) }) else { return nil }
        for used in 1...2 where i + used <= lines.count {
            let line = used == 1 ? first : first + " " + lines[i + 1].trimmingWhitespace()
            // German puts the verb before the sender: `Am 03.03.2026 um 10:15 schrieb Ann <a@x>:`.
            let german = lower.hasPrefix("am ") && line.hasSuffix(":") && line.contains(" schrieb ")
            guard let ending = endings.first(where: { line.hasSuffix($0) }) ?? (german ? ":" : nil) else { continue }
            let middle = String(line.dropFirst(3).dropLast(ending.count)).trimmingWhitespace()
            return (parse(middle), used)
        }
        return nil
    }

    /// Splits `Tue, Mar 3, 2026 at 4:05 PM Carol Lead <carol@x>` into date and sender: the sender follows the
    /// time (and its AM/PM), or the German `schrieb`.
    private static func parse(_ middle: String) -> MailMessage {
        var message = MailMessage()
        var datePart = middle
        var senderPart = ""
        if let r = middle.range(of: " schrieb ") {
            datePart = String(middle[..<r.lowerBound])
            senderPart = String(middle[r.upperBound...])
        } else {
            let words = middle.split(separator: " ").map(String.init)
            if let t = words.lastIndex(where: { $0.contains(":") && $0.first?.isNumber == true }) {
                var cut = t + 1
                if cut < words.count,
                    ["am", "pm", "uhr"].contains(words[cut].lowercased().trimmingCharacters(inSet: ","))
                {
                    cut += 1
                }
                datePart = words[..<cut].joined(separator: " ")
                senderPart = words[cut...].joined(separator: " ")
            }
        }
        senderPart = senderPart.trimmingCharacters(inSet: " ,")
        senderPart = senderPart.replacingOccurrences(of: "(<", with: "<").replacingOccurrences(of: ">)", with: ">")
        message.date = DateParser.parse(datePart)
        if !senderPart.isEmpty { message.from = InlineForwards.addresses(senderPart) }
        return message
    }
}
