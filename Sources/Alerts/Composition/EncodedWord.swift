/// RFC 2047 encoded words, written in the B encoding over UTF-8.
enum EncodedWord {
    static let prefix = "=?UTF-8?B?"
    static let suffix = "?="
    /// An encoded word is at most 75 characters (RFC 2047 section 2): 12 of framing leave 63 for base64, so
    /// 15 quanta of 3 octets.
    static let maxBytesPerWord = 45

    /// `text` as encoded words of at most 75 characters each, none splitting a UTF-8 sequence (RFC 2047
    /// section 5, rule 3). The first word is made small enough to fit in `firstRoom` columns when that leaves
    /// room for at least one character.
    static func encode(_ text: String, firstRoom: Int) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        var budget = bytesFitting(firstRoom)
        for scalar in text.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if chunk.count + encoded.count > budget, !chunk.isEmpty {
                words.append(word(chunk))
                chunk.removeAll(keepingCapacity: true)
                budget = maxBytesPerWord
            }
            chunk += encoded
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    /// The most octets whose encoded word fits in `room` columns, at least 6 (two quanta hold any scalar).
    private static func bytesFitting(_ room: Int) -> Int {
        let quanta = (room - prefix.count - suffix.count) / 4
        return min(maxBytesPerWord, max(6, quanta * 3))
    }

    private static func word(_ bytes: [UInt8]) -> String {
        prefix + Base64.encode(bytes) + suffix
    }
}

/// Base64 (RFC 4648 section 4), unwrapped.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 text of `bytes`, with `=` padding.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
