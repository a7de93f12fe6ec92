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
                    var line = Substring(lines[k].dropFirst())
                    if line.first == " " { line = line.dropFirst() }
                    inner.append(String(line))
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
            guard let ending = endings.first(where: { line.hasSuffix($0) }) else { continue }
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
