import BatonCore

/// How two spellings of an address are recognised as one person (`matching` in the configuration).
public struct AddressRules: Sendable {
    /// `a+tag@d` is `a@d`.
    public var subaddress: Bool
    /// Dots in Gmail local parts do not count; googlemail.com is gmail.com.
    public var gmailDots: Bool

    public init(subaddress: Bool = true, gmailDots: Bool = true) {
        self.subaddress = subaddress
        self.gmailDots = gmailDots
    }

    /// The rules of a configuration.
    public init(_ matching: Config.Matching) {
        self.init(subaddress: matching.subaddress, gmailDots: matching.gmailDots)
    }

    /// The form addresses are compared in.
    public func key(_ address: String) -> String {
        if isKey(address) { return address }
        var bytes = Array(address.utf8)
        // Non-ASCII addresses (RFC 6532) take Unicode case folding; the rest is folded byte by byte.
        if bytes.contains(where: { $0 >= 0x80 }) {
            bytes = Array(address.lowercased().utf8)
        } else {
            for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return String(decoding: bytes, as: UTF8.self) }
        var local = bytes[..<at]
        var domain = Array(bytes[(at + 1)...])
        if domain.elementsEqual("googlemail.com".utf8) { domain = Array("gmail.com".utf8) }
        if subaddress, let plus = local.firstIndex(of: UInt8(ascii: "+")), plus != local.startIndex {
            local = local[..<plus]
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        if gmailDots && domain.elementsEqual("gmail.com".utf8) {
            out.append(contentsOf: local.lazy.filter { $0 != UInt8(ascii: ".") })
        } else {
            out.append(contentsOf: local)
        }
        out.append(UInt8(ascii: "@"))
        out.append(contentsOf: domain)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `address` is already in the form `key` gives, without copying it: lower-case ASCII, no `+` (when
    /// subaddresses count as the address), and not a Gmail address (whose dots and alias domain `key` folds). Most
    /// addresses are; matching asks for several keys of every message, so the bytes are read in place (walking
    /// the string's UTF-8 view byte by byte cost about 60 instructions a byte).
    private func isKey(_ address: String) -> Bool {
        if let answer = address.utf8.withContiguousStorageIfAvailable({ isKey(bytes: $0) }) { return answer }
        return isKey(bytes: Array(address.utf8))
    }

    private func isKey<Bytes: RandomAccessCollection<UInt8>>(bytes: Bytes) -> Bool where Bytes.Index == Int {
        var domainStart = bytes.startIndex
        for index in bytes.indices {
            let byte = bytes[index]
            if byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) { return false }
            if subaddress && byte == UInt8(ascii: "+") { return false }
            if byte == UInt8(ascii: "@") { domainStart = index + 1 }
        }
        let domain = bytes[domainStart...]
        return !domain.elementsEqual("gmail.com".utf8) && !domain.elementsEqual("googlemail.com".utf8)
    }
}
