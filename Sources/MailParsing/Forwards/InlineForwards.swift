import Foundation

/// Originals forwarded inline in a body: the header blocks that Gmail, Outlook, Apple Mail and Thunderbird
/// write (labels in English, German, French, Spanish, Italian and Dutch), each original's text running to the
/// next block, so a forwarded reply chain yields every message in order.
public enum InlineForwards {
    private enum Label { case from, to, cc, date, subject, replyTo }

    /// Field labels as the clients write them, lowercased, without the colon.
    private static let labels: [String: Label] = [
        "from": .from, "von": .from, "de": .from, "da": .from, "van": .from, "absender": .from, "expéditeur": .from,
        "to": .to, "an": .to, "à": .to, "a": .to, "para": .to, "aan": .to, "destinataire": .to, "empfänger": .to,
        "cc": .cc, "kopie": .cc, "cc.": .cc,
        "date": .date, "sent": .date, "gesendet": .date, "datum": .date, "envoyé": .date, "envoyé le": .date,
        "enviado": .date, "fecha": .date, "data": .date, "inviato": .date, "verzonden": .date, "verstuurd": .date,
        "enviado el": .date,
        "subject": .subject, "betreff": .subject, "objet": .subject, "asunto": .subject, "oggetto": .subject,
        "onderwerp": .subject,
        "reply-to": .replyTo, "antwort an": .replyTo, "répondre à": .replyTo, "responder a": .replyTo,
    ]

    /// Phrases of the separator lines that open a forwarded or quoted original (lowercased).
    private static let markerPhrases: [String] = [
        "forwarded message", "original message", "weitergeleitete nachricht", "ursprüngliche nachricht",
        "message transféré", "message d'origine", "message original", "mensaje reenviado", "mensaje original",
        "messaggio inoltrato", "messaggio originale", "doorgestuurd bericht", "oorspronkelijk bericht",
        "originalnachricht",
    ]
    private static let appleMarkers: [String] = [
        "begin forwarded message:", "anfang der weitergeleiteten nachricht:", "début du message réexpédié :",
        "début du message réexpédié:", "inicio del mensaje reenviado:", "inizio messaggio inoltrato:",
        "begin doorgestuurd bericht:",
    ]

    /// Every inline original in `text`, in order.
    public static func find(in text: String) -> [MailMessage] {
        // Cheap test first, over bytes: most messages forward nothing.
        guard mayHoldForward(text) else { return [] }
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
        var starts: [(headerStart: Int, marker: Bool, depth: Int)] = []
        var i = 0
        while i < lines.count {
            // Only lines with a colon (labels, Apple Mail's marker) or starting with a dash or underscore matter.
            let u = lines[i].utf8
            let lead = u.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x3E && $0 != 0x2A }
            if lead != 0x2D && lead != 0x5F && !u.contains(0x3A) {
                i += 1
                continue
            }
            let t = lines[i].trimmingCharacters(inSet: " \t*>").lowercased()
            if isMarker(t) {
                starts.append((i + 1, true, QuotedReplies.quoteDepth(lines[i])))
                i += 1
                continue
            }
            if let (label, _) = labelled(lines[i]), label == .from, looksLikeHeaderBlock(lines, i) {
                starts.append((i, false, QuotedReplies.quoteDepth(lines[i])))
                i = skipHeader(lines, i)
                continue
            }
            i += 1
        }
        var result: [MailMessage] = []
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1].headerStart - (starts[n + 1].marker ? 1 : 0) : lines.count
            // A forward quoted in a reply (`> From: …`) is read without its quote level, and ends where the
            // quote does; its own quotes (a forwarded chain) are one level less deep.
            let block =
                start.depth == 0 ? lines : QuotedReplies.unquoted(lines, start.headerStart..<end, depth: start.depth)
            let limit = start.depth == 0 ? end : block.count
            var k = start.depth == 0 ? start.headerStart : 0
            while k < limit, block[k].trimmingWhitespace().isEmpty { k += 1 }
            var message = MailMessage()
            var found = false
            var last: Label? = nil
            var fields: [(Label, String)] = []
            while k < limit {
                let line = block[k]
                if line.trimmingWhitespace().isEmpty { break }
                if let (label, value) = labelled(line) {
                    fields.append((label, value))
                    last = label
                    found = found || label == .from || label == .subject
                } else if let l = last, l == .to || l == .cc, !fields.isEmpty {
                    fields[fields.count - 1].1 += " " + line.trimmingWhitespace()
                } else {
                    break
                }
                k += 1
            }
            guard found else { continue }
            for (label, value) in fields {
                switch label {
                case .from: message.from = addresses(value)
                case .to: message.to = addresses(value)
                case .cc: message.cc = addresses(value)
                case .replyTo: message.replyTo = addresses(value)
                case .subject: message.subject = value
                case .date: message.date = DateParser.parse(value)
                }
            }
            var body = Array(block[min(k, limit)..<limit])
            // A forwarded reply chain: the replies quoted under "On … wrote:" are originals too, in order.
            let quoted = QuotedReplies.split(&body, depth: 0)
            while let f = body.first, f.trimmingWhitespace().isEmpty { body.removeFirst() }
            while let l = body.last, isTrailingNoise(l) { body.removeLast() }
            message.text = body.joined(separator: "\n")
            result.append(message)
            result += quoted
        }
        return result
    }

    private static let markerStarts: [[UInt8]] = [
        "begin forwarded", "begin doorgestuurd", "anfang der weiter", "début du message", "inicio del mensaje",
        "inizio messaggio",
    ].map { Array($0.utf8) }

    /// Whether some line starts like a separator (`--`, `__`), an Apple Mail marker or a `From:` label.
    static func mayHoldForward(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { b -> Bool in
            var i = 0
            let n = b.count
            while i < n {
                var k = i
                while k < n, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x3E || b[k] == 0x2A { k += 1 }
                if k + 1 < n {
                    let c = b[k], d = b[k + 1]
                    if (c == 0x2D && d == 0x2D) || (c == 0x5F && d == 0x5F) { return true }
                    let l = c | 0x20
                    if l == 0x66 || l == 0x76 || l == 0x64 {
                        // from, von, de, da, van
                        var w = k
                        while w < n, w - k < 12, b[w] != 0x3A, b[w] != 0x0A { w += 1 }
                        if w < n, b[w] == 0x3A { return true }
                    }
                    for marker in markerStarts where k + marker.count <= n {
                        var same = true
                        for m in 0..<marker.count where b[k + m] | (b[k + m] < 0x80 ? 0x20 : 0) != marker[m] {
                            same = false
                            break
                        }
                        if same { return true }
                    }
                }
                guard let nl = UnsafeRawBufferPointer(b).firstIndex(of: 0x0A, from: k) else { break }
                i = nl + 1
            }
            return false
        }
    }

    private static func isMarker(_ t: String) -> Bool {
        if appleMarkers.contains(t) { return true }
        guard t.hasPrefix("--") || t.hasPrefix("__") else { return false }
        return markerPhrases.contains { t.contains($0) }
    }

    private static func isTrailingNoise(_ line: String) -> Bool {
        let t = line.trimmingWhitespace()
        if t.isEmpty { return true }
        return t.allSatisfy { $0 == "_" || $0 == "-" } && t.count >= 5
    }

    /// `Label: value` with a known label (bold stars and a space before the colon allowed).
    private static func labelled(_ line: String) -> (Label, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon].trimmingCharacters(inSet: " \t*>").lowercased()
        guard name.count <= 14, let label = labels[name] else { return nil }
        let value = line[line.index(after: colon)...].trimmingCharacters(inSet: " \t*")
        return (label, value)
    }

    /// A `From:` line followed within a few lines by a date and a subject label: Outlook's block without
    /// a separator line.
    private static func looksLikeHeaderBlock(_ lines: [String], _ i: Int) -> Bool {
        var date = false, subject = false
        for k in (i + 1)..<min(lines.count, i + 10) {
            if QuotedReplies.isBlank(lines[k]) { break }
            if let (label, _) = labelled(lines[k]) {
                if label == .date { date = true }
                if label == .subject { subject = true }
            }
        }
        return date && subject
    }

    private static func skipHeader(_ lines: [String], _ i: Int) -> Int {
        var k = i
        while k < lines.count, !QuotedReplies.isBlank(lines[k]) { k += 1 }
        return k
    }

    /// Addresses as inline headers write them: `Name <a@b>`, `Name [mailto:a@b]`, `a@b`, or a bare name;
    /// Outlook separates them with `;`.
    static func addresses(_ value: String) -> [MailAddress] {
        var v = value
        while let r = v.range(of: "[mailto:", options: .caseInsensitive) {
            guard let close = v[r.upperBound...].firstIndex(of: "]") else { break }
            let addr = v[r.upperBound..<close]
            v.replaceSubrange(r.lowerBound...close, with: "<\(addr)>")
        }
        var d: [MailDiagnostic] = []
        let pieces = v.contains(";") ? v.split(separator: ";").map(String.init) : [v]
        var out: [MailAddress] = []
        for p in pieces {
            let trimmed = p.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            if !trimmed.contains("@") {
                // A bare name (often "Last, First"): one person without an address.
                var name = trimmed
                if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                    name = String(name.dropFirst().dropLast())
                }
                out.append(MailAddress(name: name, address: nil))
                continue
            }
            var piece = trimmed
            // Outlook separates with ';', so a comma before '<' belongs to the name ("Lee, Ann <a@b>").
            if pieces.count > 1 || v.contains(";"), let lt = piece.firstIndex(of: "<") {
                let name = String(piece[..<lt]).trimmingWhitespace()
                if name.contains(","), !name.hasPrefix("\"") {
                    piece = "\"" + name.replacingOccurrences(of: "\"", with: "") + "\" " + String(piece[lt...])
                }
            }
            out += AddressListParser.parse(Array(piece.utf8), diagnostics: &d)
        }
        return out
    }
}
