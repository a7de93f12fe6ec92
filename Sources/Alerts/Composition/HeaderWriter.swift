import BatonCore

/// Writes a header section (RFC 5322 section 2.2) from tokens, folding between them so that lines stay within
/// 78 columns where a token allows it and always within 998 octets, with CRLF line ends.
///
/// Every value that came from outside goes through `UntrustedText`, `MailboxAddress` or `EncodedWord` before it
/// becomes a token, so no token holds a CR or LF and no value can start a header of its own.
struct HeaderWriter {
    /// The preferred line length (RFC 5322 section 2.1.1).
    static let foldColumn = 78
    /// The header bytes so far.
    private(set) var bytes: [UInt8] = []

    /// A field whose value is Baton's own ASCII text (dates, ids, fixed words), folded at its spaces.
    mutating func field(_ name: String, _ value: String) {
        write(name, tokens: value.split(separator: " ").map(String.init))
    }

    /// An unstructured field (`Subject`) holding untrusted text: controls removed; the words that are not ASCII,
    /// look like an encoded word already, or are too long to fold are RFC 2047 encoded, the rest left readable.
    mutating func unstructured(_ name: String, _ text: String) {
        let words = UntrustedText.line(text).split(separator: " ").map(String.init)
        var tokens: [String] = []
        var run: [String] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            let room = Self.foldColumn - (tokens.isEmpty ? name.utf8.count + 2 : 1)
            // Whitespace between adjacent encoded words is dropped by decoders, so a run is encoded together,
            // its inner spaces included (RFC 2047 section 6.2).
            tokens += EncodedWord.encode(run.joined(separator: " "), firstRoom: room)
            run.removeAll()
        }
        for word in words {
            if !word.utf8.allSatisfy({ $0 < 0x80 }) || word.contains("=?") || word.utf8.count > Self.foldColumn - 1 {
                run.append(word)
            } else {
                flushRun()
                tokens.append(word)
            }
        }
        flushRun()
        write(name, tokens: tokens)
    }

    /// An address-list field (`To`, `Cc`, `From`, `Reply-To`); every mailbox must already be checked with
    /// `MailboxAddress.isPlain`.
    mutating func mailboxes(_ name: String, _ list: [AlertRecipient]) {
        var tokens: [String] = []
        for (index, mailbox) in list.enumerated() {
            let room = index == 0 ? Self.foldColumn - name.utf8.count - 2 : Self.foldColumn - 1
            var mailboxTokens = MailboxAddress.phraseTokens(mailbox.name, firstRoom: room) ?? []
            mailboxTokens.append(mailboxTokens.isEmpty ? mailbox.address : "<\(mailbox.address)>")
            if index < list.count - 1 { mailboxTokens[mailboxTokens.count - 1] += "," }
            tokens += mailboxTokens
        }
        write(name, tokens: tokens)
    }

    /// A field of message ids (`Message-ID`, `In-Reply-To`, `References`), each written in angle brackets.
    mutating func messageIDs(_ name: String, _ ids: [String]) {
        write(name, tokens: ids.map { "<\($0)>" })
    }

    /// Greedy folding: a token goes on the current line when it fits within `foldColumn`, else on a new line
    /// that starts with a space.
    private mutating func write(_ name: String, tokens: [String]) {
        var line = name + ":"
        var onlyName = true
        for token in tokens {
            if !onlyName, line.utf8.count + 1 + token.utf8.count > Self.foldColumn {
                bytes += Array(line.utf8) + [0x0D, 0x0A]
                line = " " + token
            } else {
                line += " " + token
            }
            onlyName = false
        }
        bytes += Array(line.utf8) + [0x0D, 0x0A]
    }

    /// Whether `id` (without brackets) is safe to write as `<id>`: printable ASCII without spaces or angle
    /// brackets, one `@` with text on both sides, at most 250 octets.
    static func isWritableMessageID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count >= 3, bytes.count <= 250 else { return false }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
        else { return false }
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return false }
        return at > 0 && at < bytes.count - 1 && bytes.lastIndex(of: UInt8(ascii: "@")) == at
    }

    /// An id with one pair of surrounding angle brackets removed, or nil if it is then not writable.
    static func cleanMessageID(_ id: String) -> String? {
        var text = Substring(id.trimmingCharacters(in: " \t"))
        if text.hasPrefix("<"), text.hasSuffix(">"), text.count >= 2 { text = text.dropFirst().dropLast() }
        let candidate = String(text)
        return isWritableMessageID(candidate) ? candidate : nil
    }
}

extension String {
    /// Without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
