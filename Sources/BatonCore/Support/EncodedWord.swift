/// RFC 2047 encoded words, written in the B encoding over UTF-8 (the alert composer's headers) and read back
/// (`forget` finds a person's name in a stored alert's encoded Subject).
public enum EncodedWord {
    static let prefix = "=?UTF-8?B?"
    static let suffix = "?="
    /// An encoded word is at most 75 characters (RFC 2047 section 2): 12 of framing leave 63 for base64, so
    /// 15 quanta of 3 octets.
    static let maxBytesPerWord = 45

    /// `text` as encoded words of at most 75 characters each, none splitting a UTF-8 sequence (RFC 2047
    /// section 5, rule 3). The first word is made small enough to fit in `firstRoom` columns when that leaves
    /// room for at least one character.
    public static func encode(_ text: String, firstRoom: Int) -> [String] {
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

    /// The UTF-8 bytes one encoded word stands for, when `token` is a whole encoded word in the UTF-8 or US-ASCII
    /// charset and the B or Q encoding (`=?UTF-8?B?…?=`, any case); nil for anything else.
    public static func decode(_ token: Substring) -> [UInt8]? {
        let parts = token.split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "=", parts[4] == "=" else { return nil }
        let charset = parts[1].lowercased().split(separator: "*").first.map(String.init) ?? ""
        guard charset == "utf-8" || charset == "us-ascii" else { return nil }
        switch parts[2].lowercased() {
        case "b": return Base64.decode(parts[3])
        case "q": return quoted(parts[3])
        default: return nil
        }
    }

    /// The Q encoding (RFC 2047 section 4.2): `_` is a space, `=XX` a byte.
    private static func quoted(_ text: Substring) -> [UInt8]? {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "_"): out.append(0x20)
            case UInt8(ascii: "="):
                guard bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
                else { return nil }
                out.append(value)
                bytes = bytes.dropFirst(2)
            default: out.append(byte)
            }
        }
        return out
    }
}

/// Base64 (RFC 4648 section 4), unwrapped.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 text of `bytes`, with `=` padding.
    public static func encode(_ bytes: [UInt8]) -> String {
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

    /// The bytes of base64 `text` (padding optional); nil when it holds anything but the alphabet and padding.
    public static func decode(_ text: Substring) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}
