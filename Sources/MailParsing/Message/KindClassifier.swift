import Foundation

/// Sorts a message into Baton's kinds, in order of precedence: bounce, auto-reply, bulk, message.
enum KindClassifier {
    /// Sets `kind` (and `failedRecipients` for a bounce).
    static func classify(_ m: inout MailMessage, parts: [MIMEPart], buffer: UnsafeRawBufferPointer) {
        if let recipients = bounceRecipients(m, parts: parts, buffer: buffer) {
            m.kind = .bounce
            m.failedRecipients = recipients
        } else if isAutoReply(m) {
            m.kind = .autoReply
        } else if isBulk(m) {
            m.kind = .bulk
        } else {
            m.kind = .message
        }
    }

    private static func lowerHeader(_ m: MailMessage, _ name: String) -> String? {
        m.header(name).map { $0.lowercased().trimmingWhitespace() }
    }

    // MARK: Bounces

    /// RFC 3464 delivery status reports, and the usual non-standard bounces (from MAILER-DAEMON or
    /// postmaster, or with `X-Failed-Recipients`). Nil when the message is not a bounce.
    private static func bounceRecipients(_ m: MailMessage, parts: [MIMEPart], buffer: UnsafeRawBufferPointer)
        -> [String]?
    {
        if let top = parts.first, top.contentType == "multipart/report",
            top.parameters["report-type"]?.lowercased() == "delivery-status"
        {
            var failed: [String] = []
            for part in parts
            where part.contentType == "message/delivery-status" || part.contentType == "message/global-delivery-status"
            {
                let bytes = TransferDecoding.decode(buffer, part.body, encoding: part.transferEncoding)
                failed += dsnFailures(HeaderText.decode(bytes))
            }
            return unique(failed)
        }
        let sender = m.from.first?.address ?? ""
        let local = sender.split(separator: "@").first.map(String.init) ?? ""
        let daemon = ["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"].contains(local)
        let xFailed = m.header("X-Failed-Recipients")
        let subject = lowerSubject(m)
        let bounceSubject = bounceSubjectPrefixes.contains { subject.starts(with: $0) }
        guard daemon || xFailed != nil || (bounceSubject && lowerHeader(m, "Return-Path") == "<>") else { return nil }
        var failed: [String] = []
        if let x = xFailed {
            var d: [MailDiagnostic] = []
            failed += AddressListParser.parse(Array(x.utf8), diagnostics: &d).compactMap(\.address)
        }
        if failed.isEmpty, let text = m.text { failed += textFailures(text) }
        return unique(failed)
    }

    /// Per-recipient fields of RFC 3464 section 2.3: `Final-Recipient` (or `Original-Recipient`) of every
    /// block whose `Action` is `failed`.
    static func dsnFailures(_ text: String) -> [String] {
        var result: [String] = []
        let normalized = text.replacingCRLF()
        for block in normalized.components(separatedBy: "\n\n") {
            var action: String? = nil
            var final: String? = nil
            var original: String? = nil
            for line in block.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].lowercased().trimmingWhitespace()
                let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
                switch name {
                case "action": action = value.lowercased()
                case "final-recipient": final = addressOfTypedValue(value)
                case "original-recipient": original = addressOfTypedValue(value)
                default: break
                }
            }
            if action == "failed", let a = final ?? original { result.append(a) }
        }
        return result
    }

    /// `address-type ";" generic-address` → the lowercased address.
    private static func addressOfTypedValue(_ v: String) -> String? {
        let raw = v.split(separator: ";", maxSplits: 1).last.map(String.init) ?? v
        var a = raw.trimmingWhitespace()
        if a.hasPrefix("<"), a.hasSuffix(">") { a = String(a.dropFirst().dropLast()) }
        return a.isEmpty ? nil : a.lowercased()
    }

    /// Addresses in the human part of a non-standard bounce: Postfix/qmail `<a@b>:` lines and Gmail's
    /// "wasn't delivered to a@b".
    private static func textFailures(_ text: String) -> [String] {
        var out: [String] = []
        for rawLine in text.split(separator: "\n").prefix(200) {
            let line = rawLine.trimmingCharacters(inSet: " \t")
            if line.hasPrefix("<"), let close = line.firstIndex(of: ">"), line.contains("@") {
                let a = line[line.index(after: line.startIndex)..<close]
                if a.contains("@"), !a.contains(" ") { out.append(a.lowercased()) }
                continue
            }
            for marker in ["wasn't delivered to ", "was not delivered to ", "could not be delivered to "] {
                if let r = line.range(of: marker) {
                    let word = line[r.upperBound...].prefix { !$0.isWhitespace }
                    var a = String(word)
                    while let l = a.last, ".,;:>".contains(l) { a.removeLast() }
                    if a.hasPrefix("<") { a.removeFirst() }
                    if a.contains("@") { out.append(a.lowercased()) }
                }
            }
        }
        return out
    }

    private static func unique(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }

    // MARK: Auto-replies

    /// Subject prefixes of out-of-office replies in English, German, French, Spanish, Italian and Dutch.
    static let outOfOfficePrefixes: [String] = [
        "out of office", "automatic reply", "auto-reply", "autoreply", "auto reply", "auto response",
        "auto-response", "out of the office", "ooo:", "away from the office",
        "abwesenheitsnotiz", "automatische antwort", "abwesend", "nicht im büro", "ich bin nicht im büro",
        "absence du bureau", "réponse automatique", "reponse automatique", "absent du bureau", "absence :",
        "absent :",
        "fuera de la oficina", "respuesta automática", "respuesta automatica", "ausente", "fuera de oficina",
        "fuori sede", "risposta automatica", "fuori ufficio", "assente",
        "afwezig", "automatisch antwoord", "niet aanwezig", "buiten kantoor", "afwezigheidsmelding",
    ]

    private static let outOfOfficePrefixBytes = outOfOfficePrefixes.map { Array($0.utf8) }
    private static let outOfOfficeFirstBytes = Set(outOfOfficePrefixBytes.compactMap(\.first))
    private static let bounceSubjectPrefixes: [[UInt8]] = [
        "undelivered mail returned to sender", "delivery status notification (failure)", "mail delivery failed",
        "undeliverable:", "failure notice", "returned mail:", "delivery failure", "unzustellbar:",
        "non remis :", "no se puede entregar:", "mail delivery failure", "delivery has failed",
    ].map { Array($0.utf8) }

    /// The subject's bytes, trimmed, lowercased (Unicode lowering only when it is not ASCII).
    private static func lowerSubject(_ m: MailMessage) -> [UInt8] {
        guard let subject = m.subject else { return [] }
        let trimmed = subject.trimmingWhitespace()
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) { return trimmed.utf8.map { $0.lowercasedASCII } }
        return Array(trimmed.lowercased().utf8)
    }

    private static func isAutoReply(_ m: MailMessage) -> Bool {
        if let v = lowerHeader(m, "Auto-Submitted") {
            let token = v.split(separator: ";").first.map { String($0).trimmingWhitespace() } ?? v
            if !token.isEmpty, token != "no" { return true }
        }
        if m.header("X-Autoreply") != nil || m.header("X-Autorespond") != nil { return true }
        if lowerHeader(m, "Precedence") == "auto_reply" { return true }
        let subject = lowerSubject(m)
        guard let first = subject.first, outOfOfficeFirstBytes.contains(first) else { return false }
        return outOfOfficePrefixBytes.contains { subject.starts(with: $0) }
    }

    // MARK: Bulk

    private static func isBulk(_ m: MailMessage) -> Bool {
        if m.header("List-Id") != nil || m.header("List-Unsubscribe") != nil { return true }
        if let p = lowerHeader(m, "Precedence"), ["bulk", "list", "junk"].contains(p) { return true }
        return false
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`.
    func trimmingCharacters(inSet set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
