import Foundation

/// Sorts a message into Baton's kinds, in order of precedence: bounce, auto-reply, bulk, message.
enum KindClassifier {
    /// Sets `kind`, `kindEvidence` (the rules that held) and, for a bounce, `failedRecipients`.
    static func classify(_ m: inout MailMessage, parts: [MIMEPart], buffer: UnsafeRawBufferPointer) {
        if let bounce = bounce(m, parts: parts, buffer: buffer) {
            m.kind = .bounce
            m.failedRecipients = bounce.recipients
            m.kindEvidence = bounce.evidence
            return
        }
        // An empty list allocates nothing: a plain message costs no more than a yes-or-no test would.
        var evidence = autoReplyEvidence(m)
        if !evidence.isEmpty {
            m.kind = .autoReply
        } else {
            evidence = bulkEvidence(m)
            m.kind = evidence.isEmpty ? .message : .bulk
        }
        m.kindEvidence = evidence
    }

    private static func lowerHeader(_ m: MailMessage, _ name: String) -> String? {
        m.header(name).map { $0.lowercased().trimmingWhitespace() }
    }

    // MARK: Bounces

    /// RFC 3464 delivery status reports, and the usual non-standard bounces (from MAILER-DAEMON or
    /// postmaster, or with `X-Failed-Recipients`), with the rules that held. Nil when the message is not a bounce.
    private static func bounce(_ m: MailMessage, parts: [MIMEPart], buffer: UnsafeRawBufferPointer)
        -> (recipients: [String], evidence: [KindRule])?
    {
        let sender = m.from.first?.address ?? ""
        let local = sender.split(separator: "@").first.map(String.init) ?? ""
        let daemon = ["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"].contains(local)
        let xFailed = m.header("X-Failed-Recipients")
        /// The other rules that hold, worked out only for a bounce.
        func evidence() -> [KindRule] {
            var rules: [KindRule] = []
            if daemon { rules.append(.daemonSender(sender.lowercased())) }
            if let xFailed { rules.append(.failedRecipientsHeader(xFailed)) }
            if let subject = bounceSubject(m) { rules.append(subject) }
            return rules
        }
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
            return (unique(failed), [.deliveryStatusReport] + evidence())
        }
        guard daemon || xFailed != nil || bounceSubject(m) != nil else { return nil }
        var failed: [String] = []
        if let x = xFailed {
            var d: [MailDiagnostic] = []
            failed += AddressListParser.parse(Array(x.utf8), diagnostics: &d).compactMap(\.address)
        }
        if failed.isEmpty, let text = m.text { failed += textFailures(text) }
        return (unique(failed), evidence())
    }

    /// The bounce-subject rule, when the subject starts with a bounce prefix and `Return-Path` is empty.
    private static func bounceSubject(_ m: MailMessage) -> KindRule? {
        let subject = lowerSubject(m)
        guard let index = bounceSubjectPrefixBytes.firstIndex(where: { subject.starts(with: $0) }),
            lowerHeader(m, "Return-Path") == "<>"
        else { return nil }
        let (language, prefix) = bounceSubjectPrefixes[index]
        return .bounceSubject(prefix: prefix, language: language)
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
    static let outOfOfficeSubjects: [(SubjectLanguage, [String])] = [
        (
            .english,
            [
                "out of office", "automatic reply", "auto-reply", "autoreply", "auto reply", "auto response",
                "auto-response", "out of the office", "ooo:", "away from the office",
            ]
        ),
        (
            .german,
            ["abwesenheitsnotiz", "automatische antwort", "abwesend", "nicht im büro", "ich bin nicht im büro"]
        ),
        (
            .french,
            [
                "absence du bureau", "réponse automatique", "reponse automatique", "absent du bureau", "absence :",
                "absent :",
            ]
        ),
        (
            .spanish,
            ["fuera de la oficina", "respuesta automática", "respuesta automatica", "ausente", "fuera de oficina"]
        ),
        (.italian, ["fuori sede", "risposta automatica", "fuori ufficio", "assente"]),
        (.dutch, ["afwezig", "automatisch antwoord", "niet aanwezig", "buiten kantoor", "afwezigheidsmelding"]),
    ]

    /// Subject prefixes of bounce reports, by language.
    static let bounceSubjects: [(SubjectLanguage, [String])] = [
        (
            .english,
            [
                "undelivered mail returned to sender", "delivery status notification (failure)", "mail delivery failed",
                "undeliverable:", "failure notice", "returned mail:", "delivery failure", "mail delivery failure",
                "delivery has failed",
            ]
        ),
        (.german, ["unzustellbar:"]),
        (.french, ["non remis :"]),
        (.spanish, ["no se puede entregar:"]),
    ]

    /// `outOfOfficeSubjects` flattened, with each prefix's bytes beside it for the test on every message.
    private static let outOfOfficePrefixes = outOfOfficeSubjects.flatMap { language, list in list.map { (language, $0) }
    }
    private static let outOfOfficePrefixBytes = outOfOfficePrefixes.map { Array($0.1.utf8) }
    private static let outOfOfficeFirstBytes = Set(outOfOfficePrefixBytes.compactMap(\.first))
    private static let bounceSubjectPrefixes = bounceSubjects.flatMap { language, list in list.map { (language, $0) } }
    private static let bounceSubjectPrefixBytes = bounceSubjectPrefixes.map { Array($0.1.utf8) }

    /// The subject's bytes, trimmed, lowercased (Unicode lowering only when it is not ASCII).
    private static func lowerSubject(_ m: MailMessage) -> [UInt8] {
        guard let subject = m.subject else { return [] }
        let trimmed = subject.trimmingWhitespace()
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) { return trimmed.utf8.map { $0.lowercasedASCII } }
        return Array(trimmed.lowercased().utf8)
    }

    /// The auto-reply rules that hold (RFC 3834's `Auto-Submitted`, the usual vendor headers, then the subject
    /// when no header says so); empty when the message is no auto-reply.
    private static func autoReplyEvidence(_ m: MailMessage) -> [KindRule] {
        var rules: [KindRule] = []
        if let raw = m.header("Auto-Submitted") {
            let v = raw.lowercased().trimmingWhitespace()
            let token = v.split(separator: ";").first.map { String($0).trimmingWhitespace() } ?? v
            if !token.isEmpty, token != "no" { rules.append(.autoSubmitted(raw)) }
        }
        if m.header("X-Autoreply") != nil { rules.append(.autoReplyHeader("X-Autoreply")) }
        if m.header("X-Autorespond") != nil { rules.append(.autoReplyHeader("X-Autorespond")) }
        if lowerHeader(m, "Precedence") == "auto_reply" { rules.append(.precedence("auto_reply")) }
        guard rules.isEmpty else { return rules }
        let subject = lowerSubject(m)
        guard let first = subject.first, outOfOfficeFirstBytes.contains(first),
            let index = outOfOfficePrefixBytes.firstIndex(where: { subject.starts(with: $0) })
        else { return [] }
        let (language, prefix) = outOfOfficePrefixes[index]
        return [.outOfOfficeSubject(prefix: prefix, language: language)]
    }

    // MARK: Bulk

    /// The mailing-list rules that hold (RFC 2919, RFC 2369, `Precedence`); empty when the message is not bulk.
    private static func bulkEvidence(_ m: MailMessage) -> [KindRule] {
        var rules: [KindRule] = []
        if let id = m.header("List-Id") { rules.append(.listID(id)) }
        if m.header("List-Unsubscribe") != nil { rules.append(.listUnsubscribe) }
        if let p = lowerHeader(m, "Precedence"), ["bulk", "list", "junk"].contains(p) { rules.append(.precedence(p)) }
        return rules
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
