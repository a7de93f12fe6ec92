/// `Message-ID`, `In-Reply-To` and `References` (RFC 5322 section 3.6.4): the ids inside `<…>`,
/// without brackets, with junk between them skipped.
enum MessageIDs {
    /// Every `<…>` id in the value; whitespace and comments inside an id (from folding) are dropped.
    static func all(_ bytes: [UInt8]) -> [String] {
        var ids: [String] = []
        var i = 0
        while i < bytes.count, ids.count < 1000 {
            guard bytes[i] == 0x3C else {
                i += 1
                continue
            }
            var j = i + 1
            var id: [UInt8] = []
            while j < bytes.count, bytes[j] != 0x3E, bytes[j] != 0x3C {
                if !bytes[j].isWhitespace { id.append(bytes[j]) }
                j += 1
            }
            if j < bytes.count, bytes[j] == 0x3E, !id.isEmpty { ids.append(HeaderText.decode(id)) }
            i = j < bytes.count && bytes[j] == 0x3C ? j : j + 1
        }
        return ids
    }

    /// The message's own id: the first `<…>`, else a bare `local@domain` word (seen from broken mailers).
    static func first(_ bytes: [UInt8]) -> String? {
        if let id = all(bytes).first { return id }
        let trimmed = Array(bytes.trimmedWhitespace())
        guard !trimmed.isEmpty, trimmed.contains(0x40), !trimmed.contains(where: { $0.isWhitespace }) else {
            return nil
        }
        return HeaderText.decode(trimmed)
    }
}
